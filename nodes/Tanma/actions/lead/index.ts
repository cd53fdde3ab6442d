import type { INodeProperties } from 'n8n-workflow';

import type { TanmaOperation } from '../router';

import * as get from './get.operation';
import * as getManyByCreatedTime from './getManyByCreatedTime.operation';

/** The resource's operations by value, as the router looks them up. */
export const operations = { get, getManyByCreatedTime } satisfies Record<string, TanmaOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lead'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a lead or unassigned customer with its fields and tags',
				action: 'Get a lead',
			},
			{
				name: 'Get Many by Created Time',
				value: 'getManyByCreatedTime',
				description: 'List leads and unassigned customers created in a time window, oldest first',
				action: 'Get many leads by created time',
			},
		],
		default: 'getManyByCreatedTime',
	},
	{
		displayName: 'A lead’s follow-ups are under Follow-Up → Get Many for Lead',
		name: 'leadFollowUpsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['lead'] } },
	},
	...get.description,
	...getManyByCreatedTime.description,
];
