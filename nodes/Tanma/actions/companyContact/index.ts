import type { INodeProperties } from 'n8n-workflow';

import type { TanmaOperation } from '../router';

import * as getMany from './getMany.operation';

/** The resource's operations by value, as the router looks them up. */
export const operations = { getMany } satisfies Record<string, TanmaOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['companyContact'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the contacts of a company customer',
				action: 'Get many company contacts',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
