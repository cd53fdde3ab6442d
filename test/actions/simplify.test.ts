/**
 * Simplify (nodes/Tanma/actions/simplify.ts): from version 2 on by default, each large record cut to its documented
 * field set; off, or at version 1, the record as Tanma sent it. And what it saves an AI agent: the bytes of the tool
 * answer for 20 customers, simplified and raw.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SIMPLIFIED_KEYS, simplified } from '../../nodes/Tanma/actions/simplify';
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const json = async (parameters: INodeParameters, version: number) => {
	const run = await t.run(parameters, undefined, false, version);
	expect(run.error).toBeUndefined();
	return t.json(run) as IDataObject[];
};

const OPERATIONS: Array<{
	name: string;
	kind: keyof typeof SIMPLIFIED_KEYS;
	parameters: () => INodeParameters;
}> = [
	{
		name: 'customer.search',
		kind: 'customer',
		parameters: () => ({ resource: 'customer', operation: 'search', returnAll: false, limit: 5 }),
	},
	{
		name: 'customer.get',
		kind: 'customer',
		parameters: () => ({
			resource: 'customer',
			operation: 'get',
			externalUserId: t.sandbox.tenant.customers[0].externalUserId,
		}),
	},
	{
		name: 'lead.get',
		kind: 'lead',
		parameters: () => ({
			resource: 'lead',
			operation: 'get',
			customerId: t.sandbox.tenant.leads[0].customerId,
		}),
	},
	{
		name: 'lead.getManyByCreatedTime',
		kind: 'lead',
		parameters: () => ({
			resource: 'lead',
			operation: 'getManyByCreatedTime',
			since: '2026-08-01 00:00:00',
			before: '2026-12-01 00:00:00',
			returnAll: false,
			limit: 5,
		}),
	},
	{
		name: 'order.getMany',
		kind: 'order',
		parameters: () => ({ resource: 'order', operation: 'getMany', returnAll: false, limit: 5 }),
	},
	{
		name: 'order.get',
		kind: 'order',
		parameters: () => ({
			resource: 'order',
			operation: 'get',
			channelId: t.sandbox.tenant.sales.orders[1].channelId,
			id: t.sandbox.tenant.sales.orders[1].id,
		}),
	},
	{
		name: 'contract.get',
		kind: 'contract',
		parameters: () => ({
			resource: 'contract',
			operation: 'get',
			contractId: t.sandbox.tenant.sales.contracts[0].id,
		}),
	},
];

test.each(OPERATIONS.map((o) => [o.name, o] as const))(
	'%s: simplified by default at version 2, raw with Simplify off and at version 1',
	async (_name, { kind, parameters }) => {
		const raw = await json({ ...parameters(), simple: false }, 2);
		expect(raw.length).toBeGreaterThan(0);
		expect(await json(parameters(), 1)).toEqual(raw);
		const simple = await json(parameters(), 2);
		expect(simple).toEqual(raw.map((record) => simplified(kind, record)));
		for (const record of simple) {
			const extra = { customer: ['ownerName'], lead: ['fields'], order: ['goods'], contract: [] }[
				kind
			];
			for (const key of Object.keys(record))
				expect([...SIMPLIFIED_KEYS[kind], ...extra]).toContain(key);
		}
		// Something left out: the simplified records are smaller than the raw ones.
		expect(JSON.stringify(simple).length).toBeLessThan(JSON.stringify(raw).length);
	},
);

test('a simplified customer keeps the ids, name, remark, owner, tags and times a builder and an agent use', async () => {
	const [row] = await json(
		{ resource: 'customer', operation: 'search', returnAll: false, limit: 1 },
		2,
	);
	const c = t.sandbox.tenant.customers.find((x) => x.externalUserId === row.externalUserId)!;
	const owner = t.sandbox.tenant.staff.find((s) => s.salesId === c.ownerSalesId)!;
	expect(row).toMatchObject({
		customerId: Number(c.customerId),
		externalUserId: c.externalUserId,
		wechatNickname: c.wechatNickname,
		qwRemark: c.qwRemark,
		qwSalesId: c.ownerQwUserId,
		ownerName: owner.name,
		tags: expect.any(Array),
		createTime: expect.any(String),
	});
	const [lead] = await json(
		{ resource: 'lead', operation: 'get', customerId: t.sandbox.tenant.leads[0].customerId },
		2,
	);
	expect(lead.fields).toEqual(
		Object.fromEntries(t.sandbox.tenant.leads[0].fields.map((f) => [f.field, f.valueAsText])),
	);
});

test('the answer an AI tool gets for 20 customers (Search, Limit 20): simplified vs raw, in bytes', async () => {
	const search = { resource: 'customer', operation: 'search', returnAll: false, limit: 20 };
	const bytes = async (simple: boolean) =>
		Buffer.byteLength(JSON.stringify(await json({ ...search, simple }, 2)));
	const [simple, raw] = [await bytes(true), await bytes(false)];
	process.stdout.write(
		`[simplify] 20 customers as a tool answer: simplified ${simple} bytes, raw ${raw} bytes (${(simple / raw).toFixed(2)}×)\n`,
	);
	expect(simple).toBeLessThan(raw * 0.8);
});
