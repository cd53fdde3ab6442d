import type { INodeProperties } from 'n8n-workflow';

import * as getTree from './getTree.operation';

export { getTree };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tag'] } },
		options: [{ name: 'Get Tree', value: 'getTree', description: 'Get the tag groups and their tags', action: 'Get the tag tree' }],
		default: 'getTree',
	},
	...getTree.description,
];
