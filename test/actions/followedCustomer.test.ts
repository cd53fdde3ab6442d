/** Followed Customer operations (nodes/Tanma/actions/followedCustomer/). */
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const { run, json } = t;

test('Get Many by Staff follows the cursor across pages with Return All', async () => {
	const qwUserId = t.sandbox.tenant.relations[0].qwUserId;
	const expected = t.sandbox.tenant.relations.filter((r) => r.qwUserId === qwUserId);
	const result = await run({
		resource: 'followedCustomer',
		operation: 'getManyByStaff',
		qwUserId,
		returnAll: true,
		type: '1',
	});
	expect(result.error).toBeUndefined();
	expect(json(result).map((r) => String(r.customerId))).toEqual(expected.map((r) => r.customerId));
	expect(t.sandbox.requests[0].json).toMatchObject({ qwUserId, type: 1, size: 100 });
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
	expect(t.sandbox.requests).toHaveLength(2);
	expect(t.sandbox.requests[0].json).toEqual({
		since: '2026-01-01 00:00:00',
		before: '2026-12-01 00:00:00',
		size: 100,
	});
	const times = t.sandbox.tenant.relations
		.slice()
		.sort((a, b) => a.relationCreateTimeMs - b.relationCreateTimeMs);
	expect(json(result).map((r) => String(r.customerId))).toEqual(
		times.slice(0, 130).map((r) => r.customerId),
	);
});

test('Get Many by Relation Created Time refuses a reversed window', async () => {
	const result = await run({
		resource: 'followedCustomer',
		operation: 'getManyByRelationCreatedTime',
		since: '2026-12-01 00:00:00',
		before: '2026-01-01 00:00:00',
	});
	expect(result.error?.message).toBe('"Followed After" must be earlier than "Followed Before"');
	expect(t.sandbox.requests).toHaveLength(0);
});
