import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['companyContact'] } },
		options: [{ name: 'Get Many', value: 'getMany', description: 'List the contacts of a company customer', action: 'Get many company contacts' }],
		default: 'getMany',
	},
	...getMany.description,
];
