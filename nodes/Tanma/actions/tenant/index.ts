import type { INodeProperties } from 'n8n-workflow';

import * as check from './check.operation';

export { check };

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
				description: 'Test, read-only, whether the node’s inferences about Tanma’s API hold on this tenant',
				action: 'Check the node against this tenant',
			},
		],
		default: 'check',
	},
	...check.description,
];
