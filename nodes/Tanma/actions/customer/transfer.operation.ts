import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { asItems } from '../lists';
import { clientKnownNotice, repeatNotice } from '../notices';

const properties: INodeProperties[] = [
	...repeatNotice(ENDPOINTS.customerTransfer),
	...clientKnownNotice(
		ENDPOINTS.customerTransfer,
		'The new owner is given as a WeCom user ID, the form Tanma’s only page on this field shows (its example: "ZhuShanPeng"); a Tanma staff ID there is unverified.',
	),
	{
		displayName: 'New Owner Name or ID',
		name: 'handoverToUserid',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getStaffWeComIds' },
		required: true,
		default: '',
		description:
			'Staff member who receives the customers, sent as their WeCom user ID (not the Tanma staff ID). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Customers',
		name: 'customers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Customer',
		required: true,
		default: {},
		options: [
			{
				displayName: 'Customer',
				name: 'customer',
				values: [
					{
						displayName: 'Customer ID',
						name: 'customerId',
						type: 'string',
						default: '',
						description: 'Tanma customer ID',
					},
					{
						displayName: 'Current Owner WeCom User ID',
						name: 'qwUserId',
						type: 'string',
						default: '',
						description: 'WeCom user ID of the staff member who owns the customer now',
					},
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['transfer'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const handoverToUserid = input.id('handoverToUserid', { required: true });
	const customers = input.rows('customers', 'customer', { required: true }).map((row) => ({
		qwUserId: row.id('qwUserId', { required: true }),
		customerId: row.integerId('customerId', { required: true }),
	}));
	const data = await tanmaApiRequest.call(
		this,
		ENDPOINTS.customerTransfer,
		{ handoverToUserid, customers },
		{ itemIndex: i },
	);
	return asItems(data);
}
