import type { INodeProperties } from 'n8n-workflow';

import type { TanmaOperation } from '../router';

import * as createMassSendTask from './createMassSendTask.operation';

/** The resource's operations by value, as the router looks them up. */
export const operations = { createMassSendTask } satisfies Record<string, TanmaOperation>;

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
