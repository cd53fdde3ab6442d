import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { asItems } from '../lists';
import { platformIdProperty } from './shared';
import { locator } from '../locators';
import { readSimplify, simplifyProperty } from '../simplify';

const properties: INodeProperties[] = [
	platformIdProperty(true),
	...locator(
		'order',
		{
			displayName: 'Order Record ID',
			name: 'id',
			type: 'string',
			required: true,
			default: '',
			placeholder: '9970a40cae4311ebb0d800163e30b52e',
			description:
				'Tanma’s own ID of the order (the record ID that Get Many outputs), not the shop’s order number',
		},
		'Order',
	),
	simplifyProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const simplify = readSimplify(input, 'order');
	const body = {
		channelId: input.id('channelId', { required: true }),
		id: input.id('id', { required: true }),
	};
	return simplify(
		asItems(await tanmaApiRequest.call(this, ENDPOINTS.orderDetail, body, { itemIndex: i })),
	);
}
