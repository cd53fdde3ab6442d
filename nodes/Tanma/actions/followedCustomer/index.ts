import type { INodeProperties } from 'n8n-workflow';

import type { TanmaOperation } from '../router';

import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { statusNote } from '../notices';
import * as getManyByRelationCreatedTime from './getManyByRelationCreatedTime.operation';
import * as getManyByStaff from './getManyByStaff.operation';

/** The resource's operations by value, as the router looks them up. */
export const operations = { getManyByRelationCreatedTime, getManyByStaff } satisfies Record<
	string,
	TanmaOperation
>;

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
				description: `List staff–customer follow relations created in a time window, oldest first${statusNote(ENDPOINTS.relationsByCreateTime)}`,
				action: 'Get many followed customers by relation created time',
			},
			{
				name: 'Get Many by Staff',
				value: 'getManyByStaff',
				description: `List the customers a staff member follows${statusNote(ENDPOINTS.relationsByStaff)}`,
				action: 'Get many followed customers by staff',
			},
		],
		default: 'getManyByRelationCreatedTime',
	},
	...getManyByRelationCreatedTime.description,
	...getManyByStaff.description,
];
