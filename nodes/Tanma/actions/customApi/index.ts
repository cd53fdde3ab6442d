import type { INodeProperties } from 'n8n-workflow';

import type { TanmaOperation } from '../router';

import * as call from './call.operation';

/** The resource's operations by value, as the router looks them up. */
export const operations = { call } satisfies Record<string, TanmaOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customApi'] } },
		options: [
			{
				name: 'Call',
				value: 'call',
				description: 'Make a signed call to any Tanma path',
				action: 'Make a custom API call',
			},
		],
		default: 'call',
	},
	...call.description,
];
