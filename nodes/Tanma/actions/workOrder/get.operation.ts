import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { asItems } from '../lists';
import { locator } from '../locators';

const properties: INodeProperties[] = [
	...locator(
		'workOrder',
		{
			displayName: 'Work Order ID',
			name: 'detailId',
			type: 'string',
			required: true,
			default: '',
			description: 'ID of the work order',
		},
		'Work Order',
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['workOrder'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const detailId = ParameterReader.forItem(this, i, description).integerId('detailId', {
		required: true,
	});
	return asItems(
		await tanmaApiRequest.call(this, ENDPOINTS.workOrderDetail, { detailId }, { itemIndex: i }),
	);
}
