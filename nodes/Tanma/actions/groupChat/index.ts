import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['groupChat'] } },
		options: [
			{ name: 'Get Many', value: 'getMany', description: 'List customer group chats', action: 'Get many group chats' },
		],
		default: 'getMany',
	},
	...getMany.description,
];
