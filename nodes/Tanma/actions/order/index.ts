import type { INodeProperties } from 'n8n-workflow';

import type { TanmaOperation } from '../router';

import * as createOrUpdate from './createOrUpdate.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

/** The resource's operations by value, as the router looks them up. */
export const operations = { createOrUpdate, get, getMany } satisfies Record<string, TanmaOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Create or Update',
				value: 'createOrUpdate',
				description: 'Import a shop order, or update its status, amount and custom fields',
				action: 'Create or update an order',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an order with its goods',
				action: 'Get an order',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List orders, optionally by order time, platform and status',
				action: 'Get many orders',
			},
		],
		default: 'getMany',
	},
	...createOrUpdate.description,
	...get.description,
	...getMany.description,
];
