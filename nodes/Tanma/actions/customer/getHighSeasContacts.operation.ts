import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { optionalFieldsCollection, staffSelect } from '../fields';
import { asItems } from '../lists';
import type { TanmaBody } from '../../transport/protocol/json';

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
	// Tanma's table lists only customerId; its example also sends the salesperson (the page is titled for one).
	// Names of their own: n8n's translation keys do not depend on the operation, and userId there means the creator.
	optionalFieldsCollection('Additional Fields', [
		staffSelect(
			'salespersonId',
			'Staff Name or ID',
			'Salesperson whose contacts of the customer to read (sent as userId, as in Tanma’s example)',
		),
		{
			displayName: 'Staff WeCom User ID',
			name: 'salespersonQwUserId',
			type: 'string',
			default: '',
			description: 'WeCom user ID of that salesperson (sent as qwUserId, as in Tanma’s example)',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['getHighSeasContacts'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const customerId = input.integerId('customerId', { required: true });
	const extra = input.collection('additionalFields');
	const userId = extra.integerId('salespersonId');
	const qwUserId = extra.id('salespersonQwUserId');
	// The example's key order: userId, customerId, qwUserId.
	const body: TanmaBody = {
		...(userId !== undefined ? { userId: userId } : {}),
		customerId: customerId,
		...(qwUserId ? { qwUserId } : {}),
	};
	const data = await tanmaApiRequest.call(this, ENDPOINTS.highSeasContacts, body, { itemIndex: i });
	return asItems(data);
}
