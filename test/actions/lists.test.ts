/** What list operations share (nodes/Tanma/actions/lists.ts, and Max Parallel Requests from helpers/parallelReads.ts), run through the node. */
import { asItems, returnAllOrLimit } from '../../nodes/Tanma/actions/lists';
import { ENDPOINTS } from '../../nodes/Tanma/transport/protocol/endpoints';
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();

test('Max Parallel Requests is offered where pages are numbered, not for cursors or single answers', () => {
	const names = (e: (typeof ENDPOINTS)[keyof typeof ENDPOINTS]) =>
		returnAllOrLimit(e).map((p) => p.name);
	expect(names(ENDPOINTS.customerSearch)).toEqual(['returnAll', 'limit', 'maxParallelRequests']);
	expect(names(ENDPOINTS.leadsByCreateTime)).toEqual(['returnAll', 'limit']);
	expect(names(ENDPOINTS.sopTaskCustomers)).toEqual(['returnAll', 'limit']);
});

test('Limit reads exactly that many rows; Return All reads every page', async () => {
	const some = await t.run({
		resource: 'customer',
		operation: 'search',
		returnAll: false,
		limit: 3,
	});
	expect(some.items).toHaveLength(3);
	const all = await t.run({ resource: 'customer', operation: 'search', returnAll: true });
	expect(all.items.length).toBe(t.sandbox.tenant.customers.length);
});

test('Max Parallel Requests out of its range is refused by name before anything is sent', async () => {
	for (const bad of [0, 11, 2.5]) {
		const result = await t.run(
			{ resource: 'customer', operation: 'search', returnAll: true, maxParallelRequests: bad },
			[{}],
			true,
		);
		expect(String(result.items[0].json.error)).toContain('"Max Parallel Requests"');
	}
	expect(t.sandbox.requests).toHaveLength(0);
});

test('an answer without a list becomes one item: objects as they are, anything else under its key', () => {
	expect(asItems([{ a: 1 }, { a: 2 }])).toEqual([{ a: 1 }, { a: 2 }]);
	expect(asItems({ id: 7 })).toEqual([{ id: 7 }]);
	expect(asItems(42, 'id')).toEqual([{ success: true, id: 42 }]);
	expect(asItems(null)).toEqual([{ success: true }]);
});
