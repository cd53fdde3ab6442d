import type { INodeProperties } from 'n8n-workflow';

import type { TanmaOperation } from '../router';

import * as createCustomerSop from './createCustomerSop.operation';
import * as createGroupAssistantSop from './createGroupAssistantSop.operation';
import * as createGroupSop from './createGroupSop.operation';
import * as getCustomerRelations from './getCustomerRelations.operation';

/** The resource's operations by value, as the router looks them up. */
export const operations = {
	createCustomerSop,
	createGroupAssistantSop,
	createGroupSop,
	getCustomerRelations,
} satisfies Record<string, TanmaOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sopTask'] } },
		options: [
			{
				name: 'Create Customer SOP',
				value: 'createCustomerSop',
				description: 'Create a customer SOP (mass-send assistant or another kind)',
				action: 'Create a customer SOP',
			},
			{
				name: 'Create Group Assistant SOP',
				value: 'createGroupAssistantSop',
				description: 'Create a group SOP sent through the mass-send assistant at set times',
				action: 'Create a group assistant SOP',
			},
			{
				name: 'Create Group SOP',
				value: 'createGroupSop',
				description: 'Create a group SOP that owners send by hand on given days',
				action: 'Create a group SOP',
			},
			{
				name: 'Get Customer Relations',
				value: 'getCustomerRelations',
				description: 'List the staff–customer relations an SOP task covers',
				action: 'Get SOP task customer relations',
			},
		],
		default: 'createCustomerSop',
	},
	...createCustomerSop.description,
	...createGroupAssistantSop.description,
	...createGroupSop.description,
	...getCustomerRelations.description,
];
