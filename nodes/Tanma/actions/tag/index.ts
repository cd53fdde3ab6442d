import type { INodeProperties } from 'n8n-workflow';

import type { TanmaOperation } from '../router';

import * as getTree from './getTree.operation';

/** The resource's operations by value, as the router looks them up. */
export const operations = { getTree } satisfies Record<string, TanmaOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tag'] } },
		options: [
			{
				name: 'Get Tree',
				value: 'getTree',
				description: 'Get the tag groups and their tags',
				action: 'Get the tag tree',
			},
		],
		default: 'getTree',
	},
	...getTree.description,
];
