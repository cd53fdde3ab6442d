import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { MAX_LIST_ENTRIES, integerId, requiredText } from '../../helpers/validation';
import { ENDPOINTS } from '../../transport/endpoints';
import { tanmaApiRequest } from '../../transport';
import { asItems, clientKnownNotice, staffSelect } from '../common';

const properties: INodeProperties[] = [
	...clientKnownNotice(
		ENDPOINTS.customerTransfer,
		'Whether the new owner is given as a Tanma staff ID or a WeCom user ID is unverified.',
	),
	staffSelect('handoverToUserid', 'New Owner', 'Staff member who receives the customers (接替员工)', true),
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
						description: 'Tanma customer ID (探马客户ID)',
					},
					{
						displayName: 'Current Owner WeCom User ID',
						name: 'qwUserId',
						type: 'string',
						default: '',
						description: 'WeCom user ID of the staff member who owns the customer now (原跟进人企微账号)',
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
	const handoverToUserid = requiredText(this, 'handoverToUserid', 'New Owner', i);
	const rows = ((this.getNodeParameter('customers', i, {}) as IDataObject).customer ?? []) as IDataObject[];
	if (!rows.length) throw new NodeOperationError(this.getNode(), '"Customers" needs at least one customer', { itemIndex: i });
	if (rows.length > MAX_LIST_ENTRIES) {
		throw new NodeOperationError(this.getNode(), `"Customers" has ${rows.length} entries; at most ${MAX_LIST_ENTRIES} are sent in one request`, {
			itemIndex: i,
		});
	}
	const customers = rows.map((row, n) => {
		const qwUserId = String(row.qwUserId ?? '').trim();
		if (!qwUserId) {
			throw new NodeOperationError(this.getNode(), `Customer ${n + 1}: "Current Owner WeCom User ID" must not be empty`, { itemIndex: i });
		}
		return { qwUserId, customerId: integerId(this, row.customerId, `Customer ${n + 1}: Customer ID`, i) };
	});
	const data = await tanmaApiRequest.call(
		this,
		ENDPOINTS.customerTransfer,
		{ handoverToUserid, customers },
		{ itemIndex: i },
	);
	return asItems(data);
}
