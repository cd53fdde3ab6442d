import type { INodeProperties } from 'n8n-workflow';

import * as companyContact from './companyContact';
import * as contract from './contract';
import * as customApi from './customApi';
import * as customer from './customer';
import * as followedCustomer from './followedCustomer';
import * as followUp from './followUp';
import * as groupChat from './groupChat';
import * as groupMessage from './groupMessage';
import * as lead from './lead';
import * as opportunity from './opportunity';
import * as order from './order';
import * as sopTask from './sopTask';
import * as staff from './staff';
import * as tag from './tag';
import * as tenant from './tenant';
import * as workOrder from './workOrder';

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Company Contact', value: 'companyContact' },
			{ name: 'Contract', value: 'contract' },
			{ name: 'Custom API Call', value: 'customApi' },
			{ name: 'Customer', value: 'customer' },
			{ name: 'Follow-Up', value: 'followUp' },
			{ name: 'Followed Customer', value: 'followedCustomer' },
			{ name: 'Group Chat', value: 'groupChat' },
			{ name: 'Group Message', value: 'groupMessage' },
			{ name: 'Lead', value: 'lead' },
			{ name: 'Opportunity', value: 'opportunity' },
			{ name: 'Order', value: 'order' },
			{ name: 'SOP Task', value: 'sopTask' },
			{ name: 'Staff', value: 'staff' },
			{ name: 'Tag', value: 'tag' },
			{ name: 'Tenant', value: 'tenant' },
			{ name: 'Work Order', value: 'workOrder' },
		],
		default: 'customer',
	},
	...companyContact.description,
	...contract.description,
	...customApi.description,
	...customer.description,
	...followedCustomer.description,
	...followUp.description,
	...groupChat.description,
	...groupMessage.description,
	...lead.description,
	...opportunity.description,
	...order.description,
	...sopTask.description,
	...staff.description,
	...tag.description,
	...tenant.description,
	...workOrder.description,
];
