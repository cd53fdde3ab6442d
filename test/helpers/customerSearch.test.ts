/** nodes/Tanma/helpers/customerSearch.ts: reading a search row's tags and last follow-up time; tag ids sent exact. */
import {
	rowLastFollowMs,
	rowTagIds,
	tagVerdict,
	timeVerdict,
} from '../../nodes/Tanma/helpers/customerSearch';
import { ENDPOINTS } from '../../nodes/Tanma/transport/protocol/endpoints';
import { actionsAgainstSandbox } from '../support/actions';

test.each([
	['objects with id', { tags: [{ id: 12, name: 'a' }, { id: '34' }] }, ['12', '34']],
	['objects with tagId', { tags: [{ tagId: '12', tagName: 'a' }] }, ['12']],
	['bare numbers and digit strings', { tags: [12, '34'] }, ['12', '34']],
	['an id past 2^53, kept exact', { tags: [{ id: 9007199254740993n }] }, ['9007199254740993']],
	['a JSON-encoded list', { tags: '[{"id":12},{"id":34}]' }, ['12', '34']],
	['tagIds instead of tags', { tagIds: [5] }, ['5']],
	['an empty list: holds none', { tags: [] }, []],
])('a row with %s', (_, row, ids) => {
	expect(rowTagIds(row as never)).toEqual(ids);
});

test.each([
	['no tags key', {}],
	['names only', { tags: [{ name: 'VIP' }] }],
	['one entry unreadable', { tags: [{ id: 1 }, { name: 'x' }] }],
	['text that is not JSON', { tags: 'VIP,Hot' }],
])('a row with %s has no readable tags', (_, row) => {
	expect(rowTagIds(row as never)).toBeUndefined();
	expect(tagVerdict(row as never, ['1'], 'any')).toBe('unknown');
});

test('Any needs one of the tags, All every one', () => {
	const row = { tags: [{ id: 1 }, { id: 2 }] };
	expect(tagVerdict(row, ['2', '9'], 'any')).toBe('fits');
	expect(tagVerdict(row, ['2', '9'], 'all')).toBe('contradicts');
	expect(tagVerdict(row, ['1', '2'], 'all')).toBe('fits');
	expect(tagVerdict(row, ['9'], 'any')).toBe('contradicts');
});

test('last follow-up: Tanma text, epoch ms or seconds; inclusive bounds; empty is unknown', () => {
	expect(rowLastFollowMs({ qwLastFollowTime: '2026-09-01 08:00:00' })).toBe(
		Date.parse('2026-09-01T00:00:00Z'),
	);
	expect(rowLastFollowMs({ qwLastFollowTime: 1788220800 })).toBe(1788220800000);
	expect(rowLastFollowMs({ qwLastFollowTime: '1788220800000' })).toBe(1788220800000);
	const row = { qwLastFollowTime: '2026-09-01 00:00:00' };
	expect(timeVerdict(row, 'qwLastFollowTime', '2026-09-01 00:00:00', '2026-09-30 23:59:59')).toBe(
		'fits',
	);
	expect(timeVerdict(row, 'qwLastFollowTime', '2026-09-01 00:00:01')).toBe('contradicts');
	expect(timeVerdict(row, 'qwLastFollowTime', undefined, '2026-08-31 23:59:59')).toBe(
		'contradicts',
	);
	expect(timeVerdict({ qwLastFollowTime: null }, 'qwLastFollowTime', '2026-09-01 00:00:00')).toBe(
		'unknown',
	);
	expect(timeVerdict({ qwLastFollowTime: '' }, 'qwLastFollowTime', '2026-09-01 00:00:00')).toBe(
		'unknown',
	);
});

describe('a tag id above 2^53 reaches Tanma exact, from Search and from Tenant Check', () => {
	const t = actionsAgainstSandbox();
	const BIG = '9007199254740993'; // 2^53 + 1: a JS number would send 9007199254740992
	const tagValuesSent = () =>
		t.sandbox
			.requestsTo(ENDPOINTS.customerSearch.path)
			.map((r) => /"values":\[([^\]]*)\]/.exec(r.rawBody)?.[1])
			.filter((values) => values !== undefined);

	test('Customer → Search with that tag', async () => {
		const result = await t.run({
			resource: 'customer',
			operation: 'search',
			filters: { tagIds: [BIG], keepReturnedRows: true },
		});
		expect(result.error).toBeUndefined();
		expect(tagValuesSent()).toEqual([BIG]);
	});

	test('Tenant Check testing the tag condition with tags from the tag tree', async () => {
		// No customer holds two tags, so Tenant Check takes its pair from the tag tree, answered here with big ids.
		for (const customer of t.sandbox.tenant.customers) customer.tagIds = [];
		const other = '9007199254740995';
		t.sandbox.addFault({
			kind: 'http',
			status: 200,
			path: ENDPOINTS.tagTree.path,
			body: `{"code":0,"message":"success","data":[{"id":1,"name":"g","tags":[{"id":${BIG},"name":"a"},{"id":${other},"name":"b"}]}]}`,
		});
		const result = await t.run({ resource: 'tenant', operation: 'check' });
		expect(result.error).toBeUndefined();
		// Each tag alone, then both: every id as Tanma's rows gave it.
		expect(tagValuesSent()).toEqual([BIG, other, BIG]);
		expect(
			t.sandbox.requestsTo(ENDPOINTS.customerSearch.path).map((r) => r.rawBody),
		).toContainEqual(
			expect.stringContaining(
				`"conditionItems":[{"name":"tagIds","op":6,"values":[${BIG}]},{"name":"tagIds","op":6,"values":[${other}]}]`,
			),
		);
	});
});
