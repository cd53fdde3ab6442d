import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/endpoints';
import { tanmaApiRequest } from '../../transport';
import { asItems } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '419663324330048',
		description: 'Tanma customer ID of the high-seas customer',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['getHighSeasContacts'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const customerId = ParameterReader.forItem(this, i).integerId('customerId', 'Customer ID', { required: true });
	const data = await tanmaApiRequest.call(this, ENDPOINTS.highSeasContacts, { customerId }, {
		itemIndex: i,
	});
	return asItems(data);
}
