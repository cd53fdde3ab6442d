/**
 * What the action-node test files share: one sandbox per file (reset before each test) and the Tanma node run
 * through n8n-core's WorkflowExecute against it (lab/core).
 */
import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';

import { credentialsFor, runNodeInWorkflow } from '../../lab/core';
import { Tanma } from '../../nodes/Tanma/Tanma.node';
import { ENDPOINTS } from '../../nodes/Tanma/transport/protocol/endpoints';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';

export function actionsAgainstSandbox() {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox?.close());
	beforeEach(() => sandbox?.reset());
	const current = () => {
		if (!sandbox) throw new Error('the sandbox starts in beforeAll');
		return sandbox;
	};
	/** Runs the node at `typeVersion` (default 1, as workflows saved before version 2). */
	const run = (
		parameters: INodeParameters,
		input?: IDataObject[],
		continueOnFail = false,
		typeVersion = 1,
	) =>
		runNodeInWorkflow({
			nodeType: new Tanma(),
			parameters,
			credentials: credentialsFor(current()),
			input,
			continueOnFail,
			typeVersion,
		});
	return {
		get sandbox() {
			return current();
		},
		run,
		/** The output items' JSON. */
		json: (r: Awaited<ReturnType<typeof run>>) => r.items.map((i) => i.json),
		/** The last request the sandbox received, parsed with ids exact, and as the bytes it was sent. */
		lastBody: () => current().requests[current().requests.length - 1].json,
		lastRaw: () => current().requests[current().requests.length - 1].rawBody,
	};
}

/** One text entry of the message-content builder (SOPs and mass-sends). */
export const textContent = (content: string) => ({ kind: 'text', content });

/** Minimal valid parameters for every operation: the coverage list for the vendor-error check below. */
export function minimalParameters(
	s: Sandbox,
): Record<string, { parameters: INodeParameters; path: string }> {
	const customer = s.tenant.customers[0];
	const staff = s.tenant.staff[0];
	const group = s.tenant.groups[0];
	const content = { item: [textContent('hi')] };
	return {
		'customApi.call': {
			parameters: { path: ENDPOINTS.tagTree.path, body: '', readOnly: true },
			path: ENDPOINTS.tagTree.path,
		},
		'customer.get': {
			parameters: { externalUserId: customer.externalUserId },
			path: ENDPOINTS.customerDetails.path,
		},
		'customer.getFields': { parameters: {}, path: ENDPOINTS.customerFields.path },
		'customer.getProfileFields': { parameters: {}, path: ENDPOINTS.profileFields.path },
		'customer.getHighSeasContacts': {
			parameters: { customerId: s.tenant.highSeasContacts[0].customerId },
			path: ENDPOINTS.highSeasContacts.path,
		},
		'customer.getManyByCreatedTime': {
			parameters: { since: '2026-01-01 00:00:00', before: '2026-02-01 00:00:00' },
			path: ENDPOINTS.customersByCreateTime.path,
		},
		'customer.import': {
			parameters: { qwUserId: staff.salesId, fields: { field: [{ alias: 'name', value: 'x' }] } },
			path: ENDPOINTS.customerImport.path,
		},
		'customer.search': { parameters: {}, path: ENDPOINTS.customerSearch.path },
		'customer.transfer': {
			parameters: {
				handoverToUserid: staff.qwUserId,
				customers: {
					customer: [{ customerId: customer.customerId, qwUserId: customer.ownerQwUserId }],
				},
			},
			path: ENDPOINTS.customerTransfer.path,
		},
		'followUp.getManyForCustomer': {
			parameters: { externalUserId: customer.externalUserId },
			path: ENDPOINTS.customerFollowUps.path,
		},
		'followUp.getManyForLead': {
			parameters: { customerId: s.tenant.leads[0].customerId },
			path: ENDPOINTS.leadFollowUps.path,
		},
		'followedCustomer.getManyByStaff': {
			parameters: { qwUserId: staff.qwUserId },
			path: ENDPOINTS.relationsByStaff.path,
		},
		'followedCustomer.getManyByRelationCreatedTime': {
			parameters: { since: '2026-01-01 00:00:00', before: '2026-02-01 00:00:00' },
			path: ENDPOINTS.relationsByCreateTime.path,
		},
		'groupChat.getMany': { parameters: {}, path: ENDPOINTS.groupList.path },
		'groupMessage.createMassSendTask': {
			parameters: {
				title: 't',
				users: [staff.salesId],
				sendTime: '2026-12-01 10:00:00',
				text: 'hi',
			},
			path: ENDPOINTS.groupSendTask.path,
		},
		'sopTask.createCustomerSop': {
			parameters: {
				title: 't',
				salesIds: [staff.salesId],
				sendTimes: { time: [{ sendDate: '2026-12-01 10:00:00' }] },
				messageContent: content,
			},
			path: ENDPOINTS.customerSopSave.path,
		},
		'sopTask.createGroupAssistantSop': {
			parameters: {
				title: 't',
				chatIds: group.chatId,
				owners: [group.ownerSalesId],
				sendTimes: { time: [{ sendTime: '2026-12-01 10:00:00' }] },
				messageContent: content,
			},
			path: ENDPOINTS.groupSopAssistant.path,
		},
		'sopTask.createGroupSop': {
			parameters: {
				title: 't',
				groups: { group: [{ chatId: group.chatId, chatOwner: group.ownerSalesId }] },
				schedule: { time: [{ showDate: 1, showTime: '10:00' }] },
				messageContent: content,
			},
			path: ENDPOINTS.groupSopManual.path,
		},
		'sopTask.getCustomerRelations': {
			parameters: { salesIds: [staff.salesId] },
			path: ENDPOINTS.sopTaskCustomers.path,
		},
		'staff.getDepartments': {
			parameters: { qwUserId: staff.qwUserId },
			path: ENDPOINTS.staffDepartments.path,
		},
		'staff.getMany': { parameters: {}, path: ENDPOINTS.staffList.path },
		'tag.getTree': { parameters: {}, path: ENDPOINTS.tagTree.path },
		// Many reads; its first request is the first search page.
		'tenant.check': { parameters: {}, path: ENDPOINTS.customerSearch.path },
		'workOrder.create': {
			parameters: { moduleId: '1', title: 't', content: 'c', priority: 2, departmentId: '3765' },
			path: ENDPOINTS.workOrderCreate.path,
		},
		'workOrder.get': { parameters: { detailId: '1' }, path: ENDPOINTS.workOrderDetail.path },
		'lead.get': {
			parameters: { customerId: s.tenant.leads[0].customerId },
			path: ENDPOINTS.leadDetail.path,
		},
		'lead.getManyByCreatedTime': {
			parameters: { since: '2025-01-01 00:00:00', before: '2026-12-01 00:00:00' },
			path: ENDPOINTS.leadsByCreateTime.path,
		},
		'opportunity.getConfig': { parameters: {}, path: ENDPOINTS.opportunityConfig.path },
		'opportunity.update': {
			parameters: {
				customerOpportunityId: s.tenant.sales.customerOpportunities[0].customerOpportunityId,
			},
			path: ENDPOINTS.opportunityUpdate.path,
		},
		'contract.get': {
			parameters: { contractId: s.tenant.sales.contracts[0].id },
			path: ENDPOINTS.contractDetail.path,
		},
		'contract.getFields': { parameters: { type: 1 }, path: ENDPOINTS.contractFields.path },
		'companyContact.getMany': {
			parameters: { companyCustomerId: '1' },
			path: ENDPOINTS.companyContacts.path,
		},
		'order.createOrUpdate': {
			parameters: {
				channelId: '12306',
				orderId: 'N8N_1',
				orderPrice: 9.9,
				orderStatus: 2,
				orderTime: '2026-11-30 10:00:00',
			},
			path: ENDPOINTS.orderImport.path,
		},
		'order.get': {
			parameters: {
				channelId: s.tenant.sales.orders[1].channelId,
				id: s.tenant.sales.orders[1].id,
			},
			path: ENDPOINTS.orderDetail.path,
		},
		'order.getMany': { parameters: {}, path: ENDPOINTS.orderList.path },
	};
}

/** Every resource.operation pair the node's UI offers. */
export function operationsInUi(): string[] {
	const props = new Tanma().description.properties as INodeProperties[];
	return props
		.filter((p) => p.name === 'operation')
		.flatMap((p) => {
			const resource = (p.displayOptions?.show?.resource as string[])[0];
			return (p.options as Array<{ value: string }>).map((o) => `${resource}.${o.value}`);
		})
		.sort();
}
