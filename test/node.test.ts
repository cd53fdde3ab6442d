import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Tanma } from '../nodes/Tanma/Tanma.node';
import { ENDPOINTS } from '../nodes/Tanma/transport/endpoints';
import type { Sandbox } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';
import { credentialsFor, runNodeInWorkflow } from '../lab/core';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

const run = (parameters: INodeParameters, input?: IDataObject[], continueOnFail = false) =>
	runNodeInWorkflow({ nodeType: new Tanma(), parameters, credentials: credentialsFor(sandbox), input, continueOnFail });

const json = (r: Awaited<ReturnType<typeof run>>) => r.items.map((i) => i.json);

describe('Customer', () => {
	test('Get sends the WeCom ids and outputs the detail rows', async () => {
		const c = sandbox.tenant.customers[2];
		const result = await run({ resource: 'customer', operation: 'get', externalUserId: c.externalUserId, qwUserId: c.ownerQwUserId });
		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].json).toEqual({ externalUserId: c.externalUserId, qwUserId: c.ownerQwUserId });
		expect(json(result)).toEqual([expect.objectContaining({ externalUserId: c.externalUserId, mobiles: c.mobiles, qwUserId: c.ownerQwUserId })]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('Search with Return All reads every page; filters go into the signed body', async () => {
		const owner = sandbox.tenant.staff[0];
		const result = await run({
			resource: 'customer',
			operation: 'search',
			returnAll: true,
			searchKey: '',
			filters: { salesIds: owner.salesId, role: '1', createdAfter: '2026-08-01T00:00:00+08:00', createdBefore: '2026-10-01 10:00:00' },
		});
		expect(result.error).toBeUndefined();
		const expected = sandbox.tenant.customers.filter((c) => c.ownerSalesId === owner.salesId && c.createTimeMs >= Date.parse('2026-08-01T00:00:00+08:00'));
		expect(json(result).map((c) => String(c.customerId)).sort()).toEqual(expected.map((c) => c.customerId).sort());
		expect(sandbox.requests[0].json).toMatchObject({
			salesIdList: [owner.salesId],
			role: 1,
			createTime: { start: '2026-08-01 00:00:00', end: '2026-10-01 10:00:00' },
			pageNo: 1,
			pageSize: 100,
		});
	});

	test('Return All decrypts the credential once and signs every page with it', async () => {
		const result = await run({ resource: 'customer', operation: 'search', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(sandbox.tenant.customers.length);
		const pages = Math.ceil(sandbox.tenant.customers.length / 100);
		expect(sandbox.requests).toHaveLength(pages);
		expect(sandbox.requests.every((r) => r.outcome === '0')).toBe(true); // each signature checked by the sandbox
		expect(result.helper.authenticated).toHaveLength(pages);
		expect(result.helper.decryptions).toBe(1);
	});

	test('Search with a Limit stops after the limit', async () => {
		const result = await run({ resource: 'customer', operation: 'search', returnAll: false, limit: 120 });
		expect(result.items).toHaveLength(120);
		expect(sandbox.requests).toHaveLength(2);
	});

	test('Search keeps a customer id beyond 2^53 exact in the output', async () => {
		const result = await run({ resource: 'customer', operation: 'search', returnAll: false, limit: 5, filters: { customerId: '9007199254740993' } });
		expect(sandbox.requests[0].rawBody).toContain('"customerId":9007199254740993');
		expect(json(result).map((c) => c.customerId)).toEqual(['9007199254740993']);
	});

	test('Search rejects bad JSON conditions before sending anything', async () => {
		const result = await run({ resource: 'customer', operation: 'search', filters: { conditions: '{"conditionItems": [' } });
		expect(result.error?.message).toBe('"Conditions (JSON)" is not valid JSON');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Get Many by Created Time pages through the window (page style)', async () => {
		const result = await run({
			resource: 'customer',
			operation: 'getManyByCreatedTime',
			since: '2026-09-01 00:00:00',
			before: '2026-10-01 00:00:00',
			returnAll: true,
		});
		const since = Date.parse('2026-09-01T00:00:00+08:00');
		const before = Date.parse('2026-10-01T00:00:00+08:00');
		const expected = sandbox.tenant.customers.filter((c) => c.createTimeMs >= since && c.createTimeMs < before);
		expect(result.items).toHaveLength(expected.length);
		expect(sandbox.requests[0].json).toMatchObject({ since: '2026-09-01 00:00:00', before: '2026-10-01 00:00:00' });
	});

	test('Get Many by Created Time rejects an invalid date and a reversed window', async () => {
		const bad = await run({ resource: 'customer', operation: 'getManyByCreatedTime', since: 'not a date', before: '2026-10-01 00:00:00' });
		expect(bad.error?.message).toBe('"Created After" is not a valid date-time: "not a date"');
		const reversed = await run({ resource: 'customer', operation: 'getManyByCreatedTime', since: '2026-10-02 00:00:00', before: '2026-10-01 00:00:00' });
		expect(reversed.error?.message).toMatch(/earlier than/);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Get Fields outputs one item per field', async () => {
		const result = await run({ resource: 'customer', operation: 'getFields' });
		expect(json(result).map((f) => f.name)).toEqual(sandbox.tenant.fields.map((f) => f.name));
	});

	test('Get High-Seas Contacts sends the id as a number and outputs the contacts', async () => {
		const c = sandbox.tenant.highSeasContacts[0];
		const result = await run({ resource: 'customer', operation: 'getHighSeasContacts', customerId: c.customerId });
		expect(sandbox.requests[0].rawBody).toBe(`{"customerId":${c.customerId}}`);
		expect(json(result).length).toBe(sandbox.tenant.highSeasContacts.filter((x) => x.customerId === c.customerId).length);
	});
});

describe('Follow-Up', () => {
	test('Get Many for Customer filters by created-after in n8n', async () => {
		const c = sandbox.tenant.customers.find((x) => sandbox.tenant.followUps.filter((f) => f.externalUserId === x.externalUserId).length >= 3)!;
		const all = await run({ resource: 'followUp', operation: 'getManyForCustomer', externalUserId: c.externalUserId, returnAll: true });
		const records = json(all);
		expect(records.length).toBeGreaterThanOrEqual(3);
		const cut = String(records[0].gmtCreateTime);
		const after = await run({ resource: 'followUp', operation: 'getManyForCustomer', externalUserId: c.externalUserId, returnAll: true, filters: { createdAfter: cut } });
		expect(json(after)).toEqual(records.filter((r) => String(r.gmtCreateTime) > cut));
	});

	test('Get Many for Lead follows the cursor', async () => {
		const lead = sandbox.tenant.leads.find((l) => l.followUps.length === 5)!;
		const result = await run({ resource: 'followUp', operation: 'getManyForLead', customerId: lead.customerId, returnAll: false, limit: 4 });
		expect(json(result).map((r) => r.id)).toEqual(lead.followUps.slice(0, 4).map((f) => f.id));
	});
});

describe('Staff, Tag, Work Order, Custom API Call', () => {
	test('Staff → Get Many (page style) and Get Departments', async () => {
		const staff = await run({ resource: 'staff', operation: 'getMany', returnAll: true });
		expect(staff.items).toHaveLength(sandbox.tenant.staff.filter((s) => s.deleted === 0).length);
		const member = sandbox.tenant.staff[1];
		const departments = await run({ resource: 'staff', operation: 'getDepartments', qwUserId: member.qwUserId });
		expect(json(departments).map((d) => d.departmentId)).toEqual(member.departmentIds);
	});

	test('Tag → Get Tree sends an empty signed body', async () => {
		const result = await run({ resource: 'tag', operation: 'getTree' });
		expect(result.items).toHaveLength(3);
		expect(sandbox.requests[0].rawBody).toBe('');
	});

	test('Work Order → Create then Get', async () => {
		const creator = sandbox.tenant.staff[0];
		const created = await run({
			resource: 'workOrder',
			operation: 'create',
			moduleId: '430975492448320',
			title: '客户投诉 🚨',
			content: '请尽快处理',
			priority: 2,
			departmentId: '3765',
			additionalFields: { userId: creator.salesId },
			followUsers: { watcher: [{ unitId: '471895895726400', name: '关注人', type: 2 }] },
		});
		expect(created.error).toBeUndefined();
		// Integer fields go out as JSON integers, digit for digit.
		const raw = sandbox.requests[0].rawBody;
		expect(raw).toContain('"moduleId":430975492448320');
		expect(raw).toContain(`"userId":${creator.salesId}`);
		expect(raw).toContain('"followUsers":[{"unitId":471895895726400,"name":"关注人","type":2}]');
		expect(sandbox.requests[0].json).toMatchObject({ title: '客户投诉 🚨', content: '请尽快处理', priority: 2, departmentId: 3765 });
		const id = json(created)[0].id;
		const detail = await run({ resource: 'workOrder', operation: 'get', detailId: String(id) });
		expect(json(detail)[0]).toMatchObject({ id, title: '客户投诉 🚨', createUserName: creator.name });
	});

	test('Work Order → Create names the empty required field and sends nothing', async () => {
		const result = await run(
			{ resource: 'workOrder', operation: 'create', moduleId: '1', title: '={{ $json.title }}', content: 'x', priority: 2, departmentId: '1' },
			[{ title: '  ' }],
		);
		expect(result.error?.message).toBe('"Title" must not be empty');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Custom API Call signs any path with the body as given', async () => {
		const result = await run({ resource: 'customApi', operation: 'call', path: ENDPOINTS.staffDepartments.path, body: '{"qwUserId":"sales02"}', readOnly: true });
		expect(sandbox.requests[0].rawBody).toBe('{"qwUserId":"sales02"}');
		expect(result.items.length).toBeGreaterThan(0);
	});
});

describe('per-item behaviour', () => {
	test('Continue On Fail: one bad item becomes an error item, the good ones go through, pairing kept', async () => {
		const good = sandbox.tenant.customers.slice(0, 2).map((c) => ({ id: c.externalUserId }));
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
			credentials: credentialsFor(sandbox, { appKey: 'wrong' }),
		});
		expect(result.error?.message).toBe('Tanma error 1002: 签名校验未通过');
		expect((result.error as { description?: string }).description).toMatch(/App ID and App Key/);
	});
});
