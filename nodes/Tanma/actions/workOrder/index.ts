import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';

export { create, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workOrder'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a work order', action: 'Create a work order' },
			{ name: 'Get', value: 'get', description: 'Get a work order', action: 'Get a work order' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
];
