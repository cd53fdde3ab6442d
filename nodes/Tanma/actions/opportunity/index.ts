import type { INodeProperties } from 'n8n-workflow';

import type { TanmaOperation } from '../router';

import * as getConfig from './getConfig.operation';
import * as update from './update.operation';

/** The resource's operations by value, as the router looks them up. */
export const operations = { getConfig, update } satisfies Record<string, TanmaOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['opportunity'] } },
		options: [
			{
				name: 'Get Config',
				value: 'getConfig',
				description: 'List the opportunity types with their stages and fields',
				action: 'Get the opportunity configuration',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change a customer opportunity’s stage, fields or products',
				action: 'Update an opportunity',
			},
		],
		default: 'update',
	},
	...getConfig.description,
	...update.description,
];
