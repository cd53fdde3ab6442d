/** The router (nodes/Tanma/actions/router.ts): per-item behaviour, and every operation in the UI through it. */
import type { INodeParameters } from 'n8n-workflow';

import { credentialsFor, runNodeInWorkflow } from '../../lab/core';
import { Tanma } from '../../nodes/Tanma/Tanma.node';
import { ENDPOINTS } from '../../nodes/Tanma/transport/protocol/endpoints';
import { seedTenant } from '../../sandbox/data';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { actionsAgainstSandbox, minimalParameters, operationsInUi } from '../support/actions';

const t = actionsAgainstSandbox();
const { run } = t;

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
describe('vendor failures on every operation', () => {
	test('the table below covers every operation in the UI', () => {
		expect(Object.keys(minimalParameters(t.sandbox)).sort()).toEqual(operationsInUi());
	});

	test.each(operationsInUi())(
		'%s: code 1003 stops the run with the clock hint; the request reached the right path',
		async (key) => {
			const [resource, operation] = key.split('.');
			const { parameters, path } = minimalParameters(t.sandbox)[key];
			t.sandbox.addFault({ kind: 'vendor', code: 1003, message: '时间戳过期', path, times: 1 });
			const result = await run({ resource, operation, ...parameters });
			expect(result.error?.message).toBe('Tanma error 1003: 时间戳过期');
			expect((result.error as { description?: string }).description).toMatch(/clock/);
			expect(t.sandbox.requests.map((r) => r.path)).toEqual([path]);
		},
	);

	test.each(operationsInUi())('%s: with valid input and no fault it succeeds', async (key) => {
		const [resource, operation] = key.split('.');
		const { parameters } = minimalParameters(t.sandbox)[key];
		let created: INodeParameters = {};
		if (key === 'workOrder.get') {
			const order = await run({
				resource: 'workOrder',
				operation: 'create',
				...minimalParameters(t.sandbox)['workOrder.create'].parameters,
			});
			created = { detailId: String(order.items[0].json.id) };
		}
		const result = await run({ resource, operation, ...parameters, ...created });
		expect(result.error).toBeUndefined();
		expect(result.items.every((item) => item.pairedItem !== undefined)).toBe(true);
	});
});

describe('writes are never sent in parallel', () => {
	let distant: Sandbox;
	beforeAll(async () => {
		distant = await startSandbox({ answerDelayMs: 15 });
	});
	afterAll(async () => distant.close());

	// The operations whose endpoint the catalogue marks as a write (paths do not depend on the tenant's data).
	const paths = minimalParameters({ tenant: seedTenant() } as Sandbox);
	const writeOperations = operationsInUi().filter((key) =>
		Object.values(ENDPOINTS).some((e) => e.path === paths[key].path && !e.read),
	);

	test('every write operation is listed', () => {
		expect(writeOperations).toEqual(
			expect.arrayContaining([
				'customer.import',
				'workOrder.create',
				'order.createOrUpdate',
				'groupMessage.createMassSendTask',
			]),
		);
		expect(writeOperations.length).toBeGreaterThanOrEqual(9);
	});

	test.each(writeOperations)('%s: three input items, one request at a time', async (key) => {
		distant.reset();
		const { parameters, path } = minimalParameters(distant)[key];
		const [resource, operation] = key.split('.');
		const result = await runNodeInWorkflow({
			nodeType: new Tanma(),
			parameters: { resource, operation, ...parameters },
			credentials: credentialsFor(distant),
			input: [{ n: 1 }, { n: 2 }, { n: 3 }],
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(3);
		const sent = distant.requests.filter((r) => r.path === path);
		expect(sent).toHaveLength(3);
		expect(sent.map((r) => r.inFlight)).toEqual([1, 1, 1]);
	});
});
