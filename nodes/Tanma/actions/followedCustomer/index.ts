import type { INodeProperties } from 'n8n-workflow';

import * as getManyByRelationCreatedTime from './getManyByRelationCreatedTime.operation';
import * as getManyByStaff from './getManyByStaff.operation';

export { getManyByRelationCreatedTime, getManyByStaff };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['followedCustomer'] } },
		options: [
			{
				name: 'Get Many by Relation Created Time',
				value: 'getManyByRelationCreatedTime',
				description: 'List staff–customer follow relations created in a time window, oldest first',
				action: 'Get many followed customers by relation created time',
			},
			{
				name: 'Get Many by Staff',
				value: 'getManyByStaff',
				description: 'List the customers a staff member follows (deprecated by Tanma)',
				action: 'Get many followed customers by staff',
			},
		],
		default: 'getManyByRelationCreatedTime',
	},
	...getManyByRelationCreatedTime.description,
	...getManyByStaff.description,
];
