import type { INodeProperties } from 'n8n-workflow';

import type { TanmaOperation } from '../router';

import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { statusNote } from '../notices';
import * as getManyForCustomer from './getManyForCustomer.operation';
import * as getManyForLead from './getManyForLead.operation';

/** The resource's operations by value, as the router looks them up. */
export const operations = { getManyForCustomer, getManyForLead } satisfies Record<
	string,
	TanmaOperation
>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['followUp'] } },
		options: [
			{
				name: 'Get Many for Customer',
				value: 'getManyForCustomer',
				description: `List the follow-up records of a WeCom customer${statusNote(ENDPOINTS.customerFollowUps)}`,
				action: 'Get many follow ups for a customer',
			},
			{
				name: 'Get Many for Lead',
				value: 'getManyForLead',
				description: 'List the follow-up records of a lead or unassigned customer',
				action: 'Get many follow ups for a lead',
			},
		],
		default: 'getManyForCustomer',
	},
	...getManyForCustomer.description,
	...getManyForLead.description,
];
