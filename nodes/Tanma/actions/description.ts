import type { INodeProperties } from 'n8n-workflow';

import * as customApi from './customApi';
import * as customer from './customer';
import * as followUp from './followUp';
import * as staff from './staff';
import * as tag from './tag';
import * as workOrder from './workOrder';

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Custom API Call', value: 'customApi' },
			{ name: 'Customer', value: 'customer' },
			{ name: 'Follow-Up', value: 'followUp' },
			{ name: 'Staff', value: 'staff' },
			{ name: 'Tag', value: 'tag' },
			{ name: 'Work Order', value: 'workOrder' },
		],
		default: 'customer',
	},
	...customApi.description,
	...customer.description,
	...followUp.description,
	...staff.description,
	...tag.description,
	...workOrder.description,
];
