import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getFields from './getFields.operation';

export { get, getFields };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contract'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a contract by ID', action: 'Get a contract' },
			{ name: 'Get Fields', value: 'getFields', description: 'List the fixed and custom fields of contracts or payment receipts', action: 'Get contract fields' },
		],
		default: 'get',
	},
	...get.description,
	...getFields.description,
];
