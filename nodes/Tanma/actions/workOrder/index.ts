import type { INodeProperties } from 'n8n-workflow';

import type { TanmaOperation } from '../router';

import * as create from './create.operation';
import * as get from './get.operation';

/** The resource's operations by value, as the router looks them up. */
export const operations = { create, get } satisfies Record<string, TanmaOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workOrder'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a work order',
				action: 'Create a work order',
			},
			{ name: 'Get', value: 'get', description: 'Get a work order', action: 'Get a work order' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
];
