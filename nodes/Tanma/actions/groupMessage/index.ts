import type { INodeProperties } from 'n8n-workflow';

import * as createMassSendTask from './createMassSendTask.operation';

export { createMassSendTask };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['groupMessage'] } },
		options: [
			{
				name: 'Create Mass-Send Task',
				value: 'createMassSendTask',
				description: 'Schedule a message to the group chats of chosen staff',
				action: 'Create a group mass send task',
			},
		],
		default: 'createMassSendTask',
	},
	...createMassSendTask.description,
];
