import type { INodeProperties } from 'n8n-workflow';

import type { TanmaOperation } from '../router';

import * as check from './check.operation';

/** The resource's operations by value, as the router looks them up. */
export const operations = { check } satisfies Record<string, TanmaOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tenant'] } },
		options: [
			{
				name: 'Check',
				value: 'check',
				description:
					'Test, read-only, whether the node’s inferences about Tanma’s API hold on this tenant',
				action: 'Check the node against this tenant',
			},
		],
		default: 'check',
	},
	...check.description,
];
