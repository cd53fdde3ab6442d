import type { INodeProperties } from 'n8n-workflow';

import * as getConfig from './getConfig.operation';
import * as update from './update.operation';

export { getConfig, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['opportunity'] } },
		options: [
			{ name: 'Get Config', value: 'getConfig', description: 'List the opportunity types with their stages and fields', action: 'Get the opportunity configuration' },
			{ name: 'Update', value: 'update', description: 'Change a customer opportunity’s stage, fields or products', action: 'Update an opportunity' },
		],
		default: 'update',
	},
	...getConfig.description,
	...update.description,
];
