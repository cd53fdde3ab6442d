import type { INodeProperties } from 'n8n-workflow';

import type { TanmaOperation } from '../router';

import * as getDepartments from './getDepartments.operation';
import * as getMany from './getMany.operation';

/** The resource's operations by value, as the router looks them up. */
export const operations = { getDepartments, getMany } satisfies Record<string, TanmaOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['staff'] } },
		options: [
			{
				name: 'Get Departments',
				value: 'getDepartments',
				description: 'List the departments of a staff member',
				action: 'Get departments of a staff member',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List staff members',
				action: 'Get many staff members',
			},
		],
		default: 'getMany',
	},
	...getDepartments.description,
	...getMany.description,
];
