import type { INodeProperties } from 'n8n-workflow';

import type { TanmaOperation } from '../router';

import * as get from './get.operation';
import * as getFields from './getFields.operation';

/** The resource's operations by value, as the router looks them up. */
export const operations = { get, getFields } satisfies Record<string, TanmaOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contract'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a contract by ID', action: 'Get a contract' },
			{
				name: 'Get Fields',
				value: 'getFields',
				description: 'List the fixed and custom fields of contracts or payment receipts',
				action: 'Get contract fields',
			},
		],
		default: 'get',
	},
	...get.description,
	...getFields.description,
];
