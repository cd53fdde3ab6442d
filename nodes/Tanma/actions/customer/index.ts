import type { INodeProperties } from 'n8n-workflow';

import type { TanmaOperation } from '../router';

import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { statusNote } from '../notices';
import * as get from './get.operation';
import * as getFields from './getFields.operation';
import * as getHighSeasContacts from './getHighSeasContacts.operation';
import * as getManyByCreatedTime from './getManyByCreatedTime.operation';
import * as getProfileFields from './getProfileFields.operation';
import * as importCustomer from './import.operation';
import * as search from './search.operation';
import * as transfer from './transfer.operation';

/** The resource's operations by value, as the router looks them up. */
export const operations = {
	get,
	getFields,
	getHighSeasContacts,
	getManyByCreatedTime,
	getProfileFields,
	import: importCustomer,
	search,
	transfer,
} satisfies Record<string, TanmaOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a WeCom customer, picked from a list or by WeCom external user ID',
				action: 'Get a customer',
			},
			{
				name: 'Get Fields',
				value: 'getFields',
				description: 'List the customer field definitions',
				action: 'Get customer fields',
			},
			{
				name: 'Get High-Seas Contacts',
				value: 'getHighSeasContacts',
				description: 'List the contacts of a high-seas customer',
				action: 'Get high seas contacts',
			},
			{
				name: 'Get Many by Created Time',
				value: 'getManyByCreatedTime',
				description: `List WeCom customers added in a time window${statusNote(ENDPOINTS.customersByCreateTime)}`,
				action: 'Get many customers by created time',
			},
			{
				name: 'Get Profile Fields',
				value: 'getProfileFields',
				description:
					'List the profile fields whose IDs name search conditions (known from client code)',
				action: 'Get customer profile fields',
			},
			{
				name: 'Import',
				value: 'import',
				description: 'Add a customer for a staff member from field values',
				action: 'Import a customer',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Search customers with the advanced filter',
				action: 'Search customers',
			},
			{
				name: 'Transfer',
				value: 'transfer',
				description: 'Hand customers over to another staff member',
				action: 'Transfer customers',
			},
		],
		default: 'search',
	},
	...get.description,
	...getFields.description,
	...getHighSeasContacts.description,
	...getManyByCreatedTime.description,
	...getProfileFields.description,
	...importCustomer.description,
	...search.description,
	...transfer.description,
];
