/**
 * Customer → Search checks every row against the Tags and Last Follow-Up filters, because the codes it sends are
 * read from Tanma's example, not published. Each test runs against every way a tenant might read them
 * (sandbox/readings.ts): a row that contradicts the filter is never emitted without failing or saying so.
 */
import type { IDataObject } from 'n8n-workflow';

import type { TenantReadings } from '../../sandbox/readings';
import { NODE_READINGS, READING_VARIANTS } from '../../sandbox/readings';
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const { run, json } = t;

const twoTags = () => {
	const counts = new Map<number, number>();
	for (const c of t.sandbox.tenant.customers)
		for (const tag of c.tagIds) counts.set(tag, (counts.get(tag) ?? 0) + 1);
	return [...counts.entries()]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 2)
		.map(([tag]) => tag);
};
const tagsOfCustomer = (customerId: unknown) =>
	t.sandbox.tenant.customers.find((c) => c.customerId === String(customerId))?.tagIds ?? [];
const fitsTags = (held: number[], wanted: number[], match: 'any' | 'all') =>
	match === 'all' ? wanted.every((w) => held.includes(w)) : wanted.some((w) => held.includes(w));

const tagVariants: Array<Partial<TenantReadings>> = READING_VARIANTS.tagOp6.flatMap((tagOp6) =>
	READING_VARIANTS.conditionOp1.flatMap((conditionOp1) =>
		READING_VARIANTS.rowTags.map((rowTags) => ({ tagOp6, conditionOp1, rowTags })),
	),
);
const label = (r: Partial<TenantReadings>) =>
	Object.entries(r)
		.map(([k, v]) => `${k}=${v}`)
		.join(' ');

describe.each(tagVariants.map((r) => [label(r), r] as const))(
	'Tags, tenant reads %s',
	(_, readings) => {
		test.each(['any', 'all'] as const)(
			'Tag Match %s: every emitted row holds the tags, or the item fails / says so',
			async (match) => {
				t.sandbox.readings = { ...NODE_READINGS, ...readings };
				const tags = twoTags();
				const filters = { tagIds: tags.map(String), tagMatch: match };
				const strict = await run({
					resource: 'customer',
					operation: 'search',
					returnAll: true,
					filters,
				});
				const kept = await run({
					resource: 'customer',
					operation: 'search',
					returnAll: true,
					filters: { ...filters, keepReturnedRows: true },
				});

				const rows = json(kept) as IDataObject[];
				const contradicting = rows.filter(
					(row) => !fitsTags(tagsOfCustomer(row.customerId), tags, match),
				);
				const hints = kept.hints.map((h) => h.message);
				if (readings.rowTags === 'absent') {
					// Nothing to check against: the rows come out as Tanma sent them, and the run says the filter went unchecked.
					expect(strict.error).toBeUndefined();
					expect(strict.hints.map((h) => h.message)).toEqual([
						"The Tags filter could not be checked on any rows: Tanma's answer has no readable tags there.",
					]);
					return;
				}
				if (contradicting.length) {
					expect(strict.error?.message).toMatch(
						new RegExp(
							`^Tanma returned ${contradicting.length} of ${rows.length} customers that do not match the Tags filter \\(asked: ${match} of the tags`,
						),
					);
					expect((strict.error as { description?: string }).description).toMatch(
						/Conditions \(JSON\)/,
					);
					expect(strict.items).toHaveLength(0);
					expect(
						hints.filter(
							(h) =>
								h.includes('do not match the Tags filter') &&
								h.includes('Kept as Tanma returned them'),
						),
					).toHaveLength(1);
				} else {
					expect(strict.error).toBeUndefined();
					expect(json(strict)).toEqual(rows);
					expect(hints).toEqual([]);
				}
				// The node's own reading answers with exactly the matching customers, so nothing is ever flagged there.
				if (readings.tagOp6 === 'anyOf' && readings.conditionOp1 === 'and')
					expect(contradicting).toEqual([]);
				// A wrong reading that changes the answer is noticed (noneOf returns only rows without the tags).
				if (readings.tagOp6 === 'noneOf') {
					expect(rows.length).toBeGreaterThan(0);
					expect(contradicting.length).toBe(rows.length);
				}
				// "All" sent as one condition per tag, combined by "any" on such a tenant, widens the list: noticed.
				if (readings.tagOp6 === 'anyOf' && readings.conditionOp1 === 'or' && match === 'all')
					expect(contradicting.length).toBeGreaterThan(0);
			},
		);
	},
);

describe.each(READING_VARIANTS.lastFollowTypes.map((v) => [v] as const))(
	'Last Follow-Up, tenant reads qwLastFollowTypes as %s',
	(reading) => {
		const filters = {
			lastFollowUpAfter: '2026-09-01 00:00:00',
			lastFollowUpBefore: '2026-09-30 23:59:59',
		};
		const inWindow = (ms: number | null) =>
			ms !== null &&
			ms >= Date.parse('2026-09-01T00:00:00+08:00') &&
			ms <= Date.parse('2026-09-30T23:59:59+08:00');

		test('every emitted row was last followed up in the window, or the item fails', async () => {
			t.sandbox.readings = { ...NODE_READINGS, lastFollowTypes: reading };
			const result = await run({
				resource: 'customer',
				operation: 'search',
				returnAll: true,
				filters,
			});
			const expected = t.sandbox.tenant.customers.filter((c) => inWindow(c.lastFollowTimeMs));
			expect(expected.length).toBeGreaterThan(3);
			if (reading === 'ignored') {
				// Every customer comes back; most were followed up outside the window, which the rows show.
				expect(result.error?.message).toMatch(
					/do not match the Last Follow-Up filter \(asked: at or after 2026-09-01 00:00:00 and at or before 2026-09-30 23:59:59\)/,
				);
				return;
			}
			expect(result.error).toBeUndefined();
			const got = (json(result) as IDataObject[]).map((r) => String(r.customerId));
			expect(
				got.every((id) =>
					inWindow(t.sandbox.tenant.customers.find((c) => c.customerId === id)!.lastFollowTimeMs),
				),
			).toBe(true);
			// A search alone cannot see customers Tanma left out (typeFilter, dropsRows): the poll trigger's
			// reconciliation pass and Tenant Check are what notice those (test/trigger, test/actions/tenantCheck).
			if (reading === 'lastFollowTime')
				expect(got.sort()).toEqual(expected.map((c) => c.customerId).sort());
		});
	},
);

test('Credit Code and Added in WeCom go out as creditCode (the table) and qwCustomerTime (the example only)', async () => {
	await run({
		resource: 'customer',
		operation: 'search',
		filters: {
			creditCode: '91310000MA1FL0000X',
			addedAfter: '2026-01-01 00:00:00',
			addedBefore: '2026-02-01 00:00:00',
		},
	});
	expect(t.sandbox.requests[0].json).toMatchObject({
		creditCode: '91310000MA1FL0000X',
		qwCustomerTime: { start: '2026-01-01 00:00:00', end: '2026-02-01 00:00:00' },
	});
});

test.each(READING_VARIANTS.halfOpenRange.map((v) => [v]))(
	'Created After alone, tenant reads a one-bound createTime as %s: rows created before it never come out silently',
	async (halfOpenRange) => {
		t.sandbox.readings = { ...NODE_READINGS, halfOpenRange };
		const since = [...t.sandbox.tenant.customers].sort((a, b) => a.createTimeMs - b.createTimeMs)[
			Math.floor(t.sandbox.tenant.customers.length / 2)
		];
		const createdAfter = new Date(since.createTimeMs + 8 * 3600_000)
			.toISOString()
			.replace('T', ' ')
			.slice(0, 19);
		const result = await run({
			resource: 'customer',
			operation: 'search',
			returnAll: true,
			filters: { createdAfter },
		});
		if (halfOpenRange === 'ignored') {
			expect(result.error?.message).toMatch(
				/do not match the Created filter \(asked: at or after /,
			);
			expect((result.error as { description?: string }).description).toMatch(
				/Give both Created After and Created Before/,
			);
		} else {
			expect(result.error).toBeUndefined();
			expect(
				(json(result) as IDataObject[]).every((row) => String(row.createTime) >= createdAfter),
			).toBe(true);
		}
	},
);
