/**
 * The operations added for followed customers, SOP tasks, group chats, group messages, customer
 * import/transfer, the message-content builder and the dropdowns; plus, for every operation of the
 * node, a vendor failure surfacing with its code and hint. All through WorkflowExecute → sandbox.
 */
import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';

import { Tanma } from '../nodes/Tanma/Tanma.node';
import { ENDPOINTS } from '../nodes/Tanma/transport/endpoints';
import type { Sandbox } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';
import { credentialsFor, runLoadOptions, runNodeInWorkflow } from '../lab/core';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

const node = new Tanma();
const run = (parameters: INodeParameters, input?: IDataObject[], continueOnFail = false) =>
	runNodeInWorkflow({ nodeType: node, parameters, credentials: credentialsFor(sandbox), input, continueOnFail });
const json = (r: Awaited<ReturnType<typeof run>>) => r.items.map((i) => i.json);
const lastBody = () => sandbox.requests[sandbox.requests.length - 1].json;
const lastRaw = () => sandbox.requests[sandbox.requests.length - 1].rawBody;

const text = (content: string) => ({ kind: 'text', content });

describe('Customer → Import and Transfer', () => {
	test('Import groups repeated fields into one alias with several values and creates the customer', async () => {
		const owner = sandbox.tenant.staff[0];
		const result = await run({
			resource: 'customer',
			operation: 'import',
			qwUserId: owner.salesId,
			fields: {
				field: [
					{ alias: 'name', value: '王小明' },
					{ alias: 'customer_ch_phone', value: '13900000001' },
					{ alias: 'products', value: '1' },
					{ alias: 'products', value: '3' },
				],
			},
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].path).toBe(ENDPOINTS.customerImport.path);
		expect(lastBody()).toEqual({
			qwUserId: owner.salesId,
			fields: [
				{ alias: 'name', values: ['王小明'] },
				{ alias: 'customer_ch_phone', values: ['13900000001'] },
				{ alias: 'products', values: ['1', '3'] },
			],
		});
		expect(json(result)).toEqual([{ success: true }]);
		const added = sandbox.tenant.customers.find((c) => c.mobiles.includes('13900000001'));
		expect(added).toMatchObject({ name: '王小明', ownerSalesId: owner.salesId });
	});

	test('Import of a taken phone number surfaces 40417 with its hint', async () => {
		const taken = sandbox.tenant.customers[0].mobiles[0];
		const result = await run({
			resource: 'customer',
			operation: 'import',
			qwUserId: sandbox.tenant.staff[0].salesId,
			fields: { field: [{ alias: 'customer_ch_phone', value: taken }] },
		});
		expect(result.error?.message).toMatch(/^Tanma error 40417: /);
		expect((result.error as { description?: string }).description).toMatch(/phone number already exists/);
	});

	test('Import names a field without a value and sends nothing', async () => {
		const result = await run({
			resource: 'customer',
			operation: 'import',
			qwUserId: sandbox.tenant.staff[0].salesId,
			fields: { field: [{ alias: 'name', value: '张三' }, { alias: 'customer_ch_phone', value: '  ' }] },
		});
		expect(result.error?.message).toBe('Field "customer_ch_phone" has no value');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Transfer moves each customer, sending ids as exact integers (even beyond 2^53)', async () => {
		const big = sandbox.tenant.customers.find((c) => c.customerId === '9007199254740993')!;
		const other = sandbox.tenant.customers[1];
		const to = sandbox.tenant.staff.find((s) => s.deleted === 0 && s.salesId !== big.ownerSalesId && s.salesId !== other.ownerSalesId)!;
		const [bigOwner, otherOwner] = [big.ownerQwUserId, other.ownerQwUserId];
		const result = await run({
			resource: 'customer',
			operation: 'transfer',
			handoverToUserid: to.salesId,
			customers: {
				customer: [
					{ customerId: big.customerId, qwUserId: big.ownerQwUserId },
					{ customerId: other.customerId, qwUserId: other.ownerQwUserId },
				],
			},
		});
		expect(result.error).toBeUndefined();
		expect(lastRaw()).toBe(
			`{"handoverToUserid":"${to.salesId}","customers":[{"qwUserId":"${bigOwner}","customerId":9007199254740993},` +
				`{"qwUserId":"${otherOwner}","customerId":${other.customerId}}]}`,
		);
		expect(big.ownerSalesId).toBe(to.salesId);
		expect(other.ownerSalesId).toBe(to.salesId);
	});

	test('Transfer rejects a customer id that is not a number', async () => {
		const result = await run({
			resource: 'customer',
			operation: 'transfer',
			handoverToUserid: sandbox.tenant.staff[0].salesId,
			customers: { customer: [{ customerId: 'abc', qwUserId: 'sales01' }] },
		});
		expect(result.error?.message).toBe('"Customer 1: Customer ID" must be a numeric ID, got "abc"');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Followed Customer', () => {
	test('Get Many by Staff follows the cursor across pages with Return All', async () => {
		const qwUserId = sandbox.tenant.relations[0].qwUserId;
		const expected = sandbox.tenant.relations.filter((r) => r.qwUserId === qwUserId);
		const result = await run({ resource: 'followedCustomer', operation: 'getManyByStaff', qwUserId, returnAll: true, type: '1' });
		expect(result.error).toBeUndefined();
		expect(json(result).map((r) => String(r.customerId))).toEqual(expected.map((r) => r.customerId));
		expect(sandbox.requests[0].json).toMatchObject({ qwUserId, type: 1, size: 100 });
	});

	test('Get Many by Relation Created Time sends the window and stops at the Limit', async () => {
		const result = await run({
			resource: 'followedCustomer',
			operation: 'getManyByRelationCreatedTime',
			since: '2026-01-01 00:00:00',
			before: '2026-12-01T00:00:00+08:00',
			returnAll: false,
			limit: 130,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(130);
		expect(sandbox.requests).toHaveLength(2);
		expect(sandbox.requests[0].json).toEqual({ since: '2026-01-01 00:00:00', before: '2026-12-01 00:00:00', size: 100 });
		const times = sandbox.tenant.relations.slice().sort((a, b) => a.relationCreateTimeMs - b.relationCreateTimeMs);
		expect(json(result).map((r) => String(r.customerId))).toEqual(times.slice(0, 130).map((r) => r.customerId));
	});

	test('Get Many by Relation Created Time refuses a reversed window', async () => {
		const result = await run({
			resource: 'followedCustomer',
			operation: 'getManyByRelationCreatedTime',
			since: '2026-12-01 00:00:00',
			before: '2026-01-01 00:00:00',
		});
		expect(result.error?.message).toBe('"Followed After" must be earlier than "Followed Before"');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('SOP Task', () => {
	test('Get Customer Relations sends staff ids as integers and honours the Limit', async () => {
		const staff = sandbox.tenant.staff.filter((s) => s.deleted === 0).slice(0, 2);
		const all = sandbox.tenant.customers.filter((c) => staff.some((s) => s.salesId === c.ownerSalesId));
		const result = await run({
			resource: 'sopTask',
			operation: 'getCustomerRelations',
			salesIds: staff.map((s) => s.salesId),
			taskCode: 2,
			returnAll: false,
			limit: 3,
		});
		expect(lastRaw()).toBe(`{"taskCode":2,"salesIds":[${staff[0].salesId},${staff[1].salesId}]}`);
		expect(all.length).toBeGreaterThan(3);
		expect(json(result).map((r) => String(r.customerId))).toEqual(all.slice(0, 3).map((c) => c.customerId));
	});

	test('Create Customer SOP builds sopContents from send times and the content builder', async () => {
		const staff = sandbox.tenant.staff[0];
		const tag = sandbox.tenant.tagGroups[0].tags[0];
		const result = await run({
			resource: 'sopTask',
			operation: 'createCustomerSop',
			title: '新客户欢迎 SOP',
			salesIds: [staff.salesId],
			tagIds: [String(tag.id)],
			sendTimes: { time: [{ sendDate: '2026-12-01T10:02:00+08:00', sendType: 2 }, { sendDate: '2026-12-03 09:00:00', sendType: 2 }] },
			messageContent: {
				item: [
					text('#客户昵称# 您好，欢迎！\n有问题随时找我'),
					{ kind: 'file', fileName: '产品手册.pdf', fileUrl: 'https://example.com/a.pdf', fileId: '69924', sign: 'abc' },
					{ kind: 'link', link: 'https://example.com/p', title: '活动', fileUrl: 'https://example.com/c.jpg' },
					{ kind: 'material', mcId: '0123456789abcdef0123456789abcdef', mcType: 2, title: '素材', content: '摘要' },
				],
			},
			additionalFields: { customerConditions: '[{"id": 436, "name": "性别"}]' },
		});
		expect(result.error).toBeUndefined();
		const sopDatas = [
			{ type: 1, content: '#客户昵称# 您好，欢迎！\n有问题随时找我' },
			{ type: 2, fileUrl: 'https://example.com/a.pdf', fileName: '产品手册.pdf', sign: 'abc', fileId: 69924 },
			{ type: 3, link: 'https://example.com/p', title: '活动', fileUrl: 'https://example.com/c.jpg' },
			{ type: 99, mcId: '0123456789abcdef0123456789abcdef', mcType: 2, title: '素材', content: '摘要' },
		];
		expect(lastBody()).toEqual({
			title: '新客户欢迎 SOP',
			type: 4,
			salesIds: [Number(staff.salesId)],
			tagIds: [tag.id],
			customerConditions: [{ id: 436, name: '性别' }],
			sopContents: [
				{ sendType: 2, sendDate: '2026-12-01 10:02:00', sopDatas },
				{ sendType: 2, sendDate: '2026-12-03 09:00:00', sopDatas },
			],
		});
		expect(lastRaw()).toContain(`"salesIds":[${staff.salesId}]`);
		expect(sandbox.created.customerSopSave).toHaveLength(1);
	});

	test('Create Customer SOP of another kind sends its type code', async () => {
		await run({
			resource: 'sopTask',
			operation: 'createCustomerSop',
			title: '定期提醒',
			sopKind: 'other',
			typeCode: 3,
			salesIds: [sandbox.tenant.staff[0].salesId],
			sendTimes: { time: [{ sendDate: '2026-12-01 10:00:00' }] },
			messageContent: { item: [text('提醒')] },
		});
		expect(lastBody()).toMatchObject({ type: 3 });
	});

	test.each([
		[{ messageContent: { item: [] } }, '"Message Content" needs at least one item'],
		[{ messageContent: { item: [text('  ')] } }, 'Message Content item 1: "Text" must not be empty'],
		[{ messageContent: { item: [{ kind: 'link', link: 'example.com' }] } }, 'Message Content item 1: "Link URL" must start with http:// or https://'],
		[{ messageContent: { item: [text('a'), { kind: 'file', fileName: 'x' }] } }, 'Message Content item 2: give "File URL" or "Media ID"'],
		[{ messageContent: { item: [{ kind: 'material', mcId: '' }] } }, 'Message Content item 1: "Material ID" must not be empty'],
		[{ salesIds: '={{ [] }}' }, '"Staff Names or IDs" needs at least one entry'],
		[{ salesIds: ['sales01'] }, '"Staff Names or IDs" must be a numeric ID, got "sales01"'],
		[{ sendTimes: { time: [{ sendDate: '下周一' }] } }, '"Send Time 1: Send At" is not a valid date-time: "下周一"'],
		[{ sendTimes: {} }, '"Send Times" needs at least one time'],
		[{ additionalFields: { customerConditions: '{"id":' } }, '"Customer Conditions (JSON)" is not valid JSON'],
	])('Create Customer SOP validation %#: nothing is sent', async (override, message) => {
		const result = await run({
			resource: 'sopTask',
			operation: 'createCustomerSop',
			title: 'x',
			salesIds: [sandbox.tenant.staff[0].salesId],
			sendTimes: { time: [{ sendDate: '2026-12-01 10:00:00' }] },
			messageContent: { item: [text('hi')] },
			...override,
		} as INodeParameters);
		expect(result.error?.message).toBe(message);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Create Customer SOP refuses more staff than one request may carry', async () => {
		const ids = Array.from({ length: 1001 }, (_, n) => String(400000000000000 + n));
		const result = await run(
			{
				resource: 'sopTask',
				operation: 'createCustomerSop',
				title: 'x',
				salesIds: '={{ $json.ids }}',
				sendTimes: { time: [{ sendDate: '2026-12-01 10:00:00' }] },
				messageContent: { item: [text('hi')] },
			},
			[{ ids }],
		);
		expect(result.error?.message).toBe('"Staff Names or IDs" has 1001 entries; at most 1000 are sent in one request');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Create Group SOP sends groups, day/time schedule and content as documented', async () => {
		const [g1, g2] = sandbox.tenant.groups;
		const result = await run({
			resource: 'sopTask',
			operation: 'createGroupSop',
			title: '群欢迎',
			groups: { group: [{ chatId: g1.chatId, chatOwner: g1.ownerSalesId }, { chatId: g2.chatId, chatOwner: g2.ownerSalesId }] },
			schedule: { time: [{ showDate: 5, showTime: '9:05' }] },
			messageContent: { item: [text('#客户昵称# 您好')] },
			mode: 1,
		});
		expect(result.error).toBeUndefined();
		expect(lastBody()).toEqual({
			title: '群欢迎',
			mode: 1,
			groupInfos: [
				{ chatId: g1.chatId, chatOwner: g1.ownerSalesId },
				{ chatId: g2.chatId, chatOwner: g2.ownerSalesId },
			],
			sopContents: [{ showDate: 5, showTime: '09:05', sopDatas: [{ type: 1, content: '#客户昵称# 您好' }] }],
		});
		expect(sandbox.created.groupSopManual).toHaveLength(1);
	});

	test('Create Group SOP rejects a bad time of day', async () => {
		const g = sandbox.tenant.groups[0];
		const result = await run({
			resource: 'sopTask',
			operation: 'createGroupSop',
			title: 'x',
			groups: { group: [{ chatId: g.chatId, chatOwner: g.ownerSalesId }] },
			schedule: { time: [{ showDate: 1, showTime: '25:00' }] },
			messageContent: { item: [text('hi')] },
		});
		expect(result.error?.message).toBe('"Send Time 1: Time" must be a time like 09:30, got "25:00"');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Create Group Assistant SOP sends minutes-only times and string owner ids', async () => {
		const [g1, g2] = sandbox.tenant.groups;
		const result = await run({
			resource: 'sopTask',
			operation: 'createGroupAssistantSop',
			title: '群发助手',
			chatIds: `${g1.chatId}, ${g2.chatId}`,
			owners: [g1.ownerSalesId],
			instruction: '请按时发送',
			sendTimes: { time: [{ sendTime: '2026-12-01 11:37:59' }] },
			messageContent: { item: [text('文本内容')] },
		});
		expect(result.error).toBeUndefined();
		expect(lastRaw()).toBe(
			JSON.stringify({
				title: '群发助手',
				chatIds: [g1.chatId, g2.chatId],
				owners: [g1.ownerSalesId],
				sopContents: [{ sendTime: '2026-12-01 11:37', sopDatas: [{ type: 1, content: '文本内容' }] }],
				instruction: '请按时发送',
			}),
		);
	});
});

describe('Group Chat and Group Message', () => {
	test('Group Chat → Get Many pages (page style with totalPage) and sends the filters', async () => {
		const owner = sandbox.tenant.groups[0].ownerSalesId;
		const expected = sandbox.tenant.groups.filter((g) => g.ownerSalesId === owner);
		const result = await run({
			resource: 'groupChat',
			operation: 'getMany',
			returnAll: true,
			filters: { userId: owner, tagGroupIds: '11, 12', conditionOp: 1, startCreateTime: '2020-01-01 00:00:00' },
		});
		expect(result.error).toBeUndefined();
		expect(json(result).map((g) => g.chatId)).toEqual(expected.map((g) => g.chatId));
		expect(lastRaw()).toContain(`"userId":${owner}`);
		expect(lastBody()).toMatchObject({ tagGroupIds: [11, 12], conditionOp: 1, startCreateTime: '2020-01-01 00:00:00' });
	});

	test('Group Chat → Get Many with a Limit reads only the pages it needs', async () => {
		const result = await run({ resource: 'groupChat', operation: 'getMany', returnAll: false, limit: 7 });
		expect(result.items).toHaveLength(7);
		expect(sandbox.requests).toHaveLength(1);
	});

	test('Group Message → Create Mass-Send Task sends text and attachments in sendInfo', async () => {
		const staff = sandbox.tenant.staff.slice(0, 2).map((s) => s.salesId);
		const result = await run({
			resource: 'groupMessage',
			operation: 'createMassSendTask',
			title: '双十二活动',
			users: staff,
			sendTime: '2026-12-12T09:00:00+08:00',
			text: '群发文本',
			messageContent: { item: [{ kind: 'material', mcId: 'ffffffffffffffffffffffffffffffff', mcType: 2, title: '素材' }] },
			sendType: 1,
		});
		expect(result.error).toBeUndefined();
		expect(lastBody()).toEqual({
			title: '双十二活动',
			users: staff,
			sendType: 1,
			sendTime: '2026-12-12 09:00:00',
			sendInfo: { text: '群发文本', sendData: [{ type: 99, mcId: 'ffffffffffffffffffffffffffffffff', mcType: 2, title: '素材' }] },
		});
		expect(sandbox.created.groupSendTask).toHaveLength(1);
	});

	test('Group Message → needs text or content', async () => {
		const result = await run({
			resource: 'groupMessage',
			operation: 'createMassSendTask',
			title: 'x',
			users: [sandbox.tenant.staff[0].salesId],
			sendTime: '2026-12-12 09:00:00',
		});
		expect(result.error?.message).toBe('Give "Text" or at least one "Message Content" item');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('dropdowns (loadOptions through n8n-core against the sandbox)', () => {
	const load = (method: string) => runLoadOptions({ nodeType: node, method, credentials: credentialsFor(sandbox) });

	test('getStaff lists active staff by Tanma id', async () => {
		const options = await load('getStaff');
		const active = sandbox.tenant.staff.filter((s) => s.deleted === 0);
		expect(options.map((o) => o.value).sort()).toEqual(active.map((s) => s.salesId).sort());
		expect(options.find((o) => o.value === active[0].salesId)?.name).toBe(`${active[0].name} (${active[0].salesId})`);
	});

	test('getDepartments merges the departments of every active staff member', async () => {
		const options = await load('getDepartments');
		const used = new Set(sandbox.tenant.staff.filter((s) => s.deleted === 0).flatMap((s) => s.departmentIds));
		expect(options.map((o) => Number(o.value)).sort()).toEqual([...used].sort());
		const requestsPerStaff = sandbox.requests.filter((r) => r.path === ENDPOINTS.staffDepartments.path).length;
		expect(requestsPerStaff).toBe(sandbox.tenant.staff.filter((s) => s.deleted === 0).length);
	});

	test('getTags labels tags with their group', async () => {
		const options = await load('getTags');
		const group = sandbox.tenant.tagGroups[0];
		expect(options).toContainEqual({ name: `${group.name} / ${group.tags[0].name}`, value: String(group.tags[0].id) });
		expect(options).toHaveLength(sandbox.tenant.tagGroups.reduce((n, g) => n + g.tags.length, 0));
	});

	test('getImportFieldAliases offers the client aliases and the mapped custom fields', async () => {
		const options = await load('getImportFieldAliases');
		const mapped = sandbox.tenant.fields.filter((f) => f.outerField).map((f) => f.outerField);
		expect(options.map((o) => o.value)).toEqual(['name', 'customer_ch_phone', 'customer_source', ...mapped]);
	});

	test('a dropdown shows the vendor error when the credential is wrong', async () => {
		await expect(
			runLoadOptions({ nodeType: node, method: 'getTags', credentials: credentialsFor(sandbox, { appKey: 'wrong' }) }),
		).rejects.toThrow('Tanma error 1002');
	});
});

/** Minimal valid parameters for every operation: the coverage list for the vendor-error check below. */
function minimalParameters(s: Sandbox): Record<string, { parameters: INodeParameters; path: string }> {
	const customer = s.tenant.customers[0];
	const staff = s.tenant.staff[0];
	const group = s.tenant.groups[0];
	const content = { item: [text('hi')] };
	return {
		'customApi.call': { parameters: { path: ENDPOINTS.tagTree.path, body: '', readOnly: true }, path: ENDPOINTS.tagTree.path },
		'customer.get': { parameters: { externalUserId: customer.externalUserId }, path: ENDPOINTS.customerDetails.path },
		'customer.getFields': { parameters: {}, path: ENDPOINTS.customerFields.path },
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
		expect(Object.keys(minimalParameters(sandbox)).sort()).toEqual(operationsInUi());
	});

	test.each(operationsInUi())('%s: code 1003 stops the run with the clock hint; the request reached the right path', async (key) => {
		const [resource, operation] = key.split('.');
		const { parameters, path } = minimalParameters(sandbox)[key];
		sandbox.addFault({ kind: 'vendor', code: 1003, message: '时间戳过期', path, times: 1 });
		const result = await run({ resource, operation, ...parameters });
		expect(result.error?.message).toBe('Tanma error 1003: 时间戳过期');
		expect((result.error as { description?: string }).description).toMatch(/clock/);
		expect(sandbox.requests.map((r) => r.path)).toEqual([path]);
	});

	test.each(operationsInUi())('%s: with valid input and no fault it succeeds', async (key) => {
		const [resource, operation] = key.split('.');
		const { parameters } = minimalParameters(sandbox)[key];
		let created: INodeParameters = {};
		if (key === 'workOrder.get') {
			const order = await run({ resource: 'workOrder', operation: 'create', ...minimalParameters(sandbox)['workOrder.create'].parameters });
			created = { detailId: String(order.items[0].json.id) };
		}
		const result = await run({ resource, operation, ...parameters, ...created });
		expect(result.error).toBeUndefined();
		expect(result.items.every((item) => item.pairedItem !== undefined)).toBe(true);
	});
});
