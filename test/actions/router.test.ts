/** The router (nodes/Tanma/actions/router.ts): per-item behaviour, and every operation in the UI through it. */
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { credentialsFor, runNodeInWorkflow } from '../../lab/core';
import { Tanma } from '../../nodes/Tanma/Tanma.node';
import { ENDPOINTS } from '../../nodes/Tanma/transport/endpoints';
import type { Sandbox } from '../../sandbox/server';
import { actionsAgainstSandbox, textContent } from '../helpers/actions';

const t = actionsAgainstSandbox();
const { run } = t;
const node = new Tanma();

test('Continue On Fail: one bad item becomes an error item, the good ones go through, pairing kept', async () => {
	const good = t.sandbox.tenant.customers.slice(0, 2).map((c) => ({ id: c.externalUserId }));
	const result = await run(
		{ resource: 'customer', operation: 'get', externalUserId: '={{ $json.id }}' },
		[good[0], { id: '' }, good[1]],
		true,
	);
	expect(result.error).toBeUndefined();
	expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(result.items[1].json.error).toBe('"Customer WeCom ID" must not be empty');
	expect(result.items[0].json.externalUserId).toBe(good[0].id);
	expect(result.items[2].json.externalUserId).toBe(good[1].id);
});

test('without Continue On Fail the vendor error stops the run with its code and hint', async () => {
	const result = await runNodeInWorkflow({
		nodeType: new Tanma(),
		parameters: { resource: 'tag', operation: 'getTree' },
		credentials: credentialsFor(t.sandbox, { appKey: 'wrong' }),
	});
	expect(result.error?.message).toBe('Tanma error 1002: 签名校验未通过');
	expect((result.error as { description?: string }).description).toMatch(/App ID and App Key/);
});
/** Minimal valid parameters for every operation: the coverage list for the vendor-error check below. */
function minimalParameters(s: Sandbox): Record<string, { parameters: INodeParameters; path: string }> {
	const customer = s.tenant.customers[0];
	const staff = s.tenant.staff[0];
	const group = s.tenant.groups[0];
	const content = { item: [textContent('hi')] };
	return {
		'customApi.call': { parameters: { path: ENDPOINTS.tagTree.path, body: '', readOnly: true }, path: ENDPOINTS.tagTree.path },
		'customer.get': { parameters: { externalUserId: customer.externalUserId }, path: ENDPOINTS.customerDetails.path },
		'customer.getFields': { parameters: {}, path: ENDPOINTS.customerFields.path },
		'customer.getProfileFields': { parameters: {}, path: ENDPOINTS.profileFields.path },
		'customer.getHighSeasContacts': { parameters: { customerId: s.tenant.highSeasContacts[0].customerId }, path: ENDPOINTS.highSeasContacts.path },
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
			parameters: { handoverToUserid: staff.salesId, customers: { customer: [{ customerId: customer.customerId, qwUserId: customer.ownerQwUserId }] } },
			path: ENDPOINTS.customerTransfer.path,
		},
		'followUp.getManyForCustomer': { parameters: { externalUserId: customer.externalUserId }, path: ENDPOINTS.customerFollowUps.path },
		'followUp.getManyForLead': { parameters: { customerId: s.tenant.leads[0].customerId }, path: ENDPOINTS.leadFollowUps.path },
		'followedCustomer.getManyByStaff': { parameters: { qwUserId: staff.qwUserId }, path: ENDPOINTS.relationsByStaff.path },
		'followedCustomer.getManyByRelationCreatedTime': {
			parameters: { since: '2026-01-01 00:00:00', before: '2026-02-01 00:00:00' },
			path: ENDPOINTS.relationsByCreateTime.path,
		},
		'groupChat.getMany': { parameters: {}, path: ENDPOINTS.groupList.path },
		'groupMessage.createMassSendTask': {
			parameters: { title: 't', users: [staff.salesId], sendTime: '2026-12-01 10:00:00', text: 'hi' },
			path: ENDPOINTS.groupSendTask.path,
		},
		'sopTask.createCustomerSop': {
			parameters: { title: 't', salesIds: [staff.salesId], sendTimes: { time: [{ sendDate: '2026-12-01 10:00:00' }] }, messageContent: content },
			path: ENDPOINTS.customerSopSave.path,
		},
		'sopTask.createGroupAssistantSop': {
			parameters: { title: 't', chatIds: group.chatId, owners: [group.ownerSalesId], sendTimes: { time: [{ sendTime: '2026-12-01 10:00:00' }] }, messageContent: content },
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
		'sopTask.getCustomerRelations': { parameters: { salesIds: [staff.salesId] }, path: ENDPOINTS.sopTaskCustomers.path },
		'staff.getDepartments': { parameters: { qwUserId: staff.qwUserId }, path: ENDPOINTS.staffDepartments.path },
		'staff.getMany': { parameters: {}, path: ENDPOINTS.staffList.path },
		'tag.getTree': { parameters: {}, path: ENDPOINTS.tagTree.path },
		'workOrder.create': {
			parameters: { moduleId: '1', title: 't', content: 'c', priority: 2, departmentId: '3765' },
			path: ENDPOINTS.workOrderCreate.path,
		},
		'workOrder.get': { parameters: { detailId: '1' }, path: ENDPOINTS.workOrderDetail.path },
	};
}

/** Every resource.operation pair the node's UI offers. */
function operationsInUi(): string[] {
	const props = node.description.properties as INodeProperties[];
	return props
		.filter((p) => p.name === 'operation')
		.flatMap((p) => {
			const resource = (p.displayOptions?.show?.resource as string[])[0];
			return (p.options as Array<{ value: string }>).map((o) => `${resource}.${o.value}`);
		})
		.sort();
}

describe('vendor failures on every operation', () => {
	test('the table below covers every operation in the UI', () => {
		expect(Object.keys(minimalParameters(t.sandbox)).sort()).toEqual(operationsInUi());
	});

	test.each(operationsInUi())('%s: code 1003 stops the run with the clock hint; the request reached the right path', async (key) => {
		const [resource, operation] = key.split('.');
		const { parameters, path } = minimalParameters(t.sandbox)[key];
		t.sandbox.addFault({ kind: 'vendor', code: 1003, message: '时间戳过期', path, times: 1 });
		const result = await run({ resource, operation, ...parameters });
		expect(result.error?.message).toBe('Tanma error 1003: 时间戳过期');
		expect((result.error as { description?: string }).description).toMatch(/clock/);
		expect(t.sandbox.requests.map((r) => r.path)).toEqual([path]);
	});

	test.each(operationsInUi())('%s: with valid input and no fault it succeeds', async (key) => {
		const [resource, operation] = key.split('.');
		const { parameters } = minimalParameters(t.sandbox)[key];
		let created: INodeParameters = {};
		if (key === 'workOrder.get') {
			const order = await run({ resource: 'workOrder', operation: 'create', ...minimalParameters(t.sandbox)['workOrder.create'].parameters });
			created = { detailId: String(order.items[0].json.id) };
		}
		const result = await run({ resource, operation, ...parameters, ...created });
		expect(result.error).toBeUndefined();
		expect(result.items.every((item) => item.pairedItem !== undefined)).toBe(true);
	});
});
