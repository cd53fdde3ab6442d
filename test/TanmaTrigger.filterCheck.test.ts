/**
 * Recently Active Customers rests on qwLastFollowTypes, a search field Tanma shows only in an example. The trigger
 * checks it by a search without it (nodes/Tanma/trigger/poll/scan.ts, cursor.ts `filterCheck`): against tenants that
 * read the field otherwise (sandbox/readings.ts) it emits what the filter left out, says so once in n8n's log and
 * stops using the filter; against a tenant that honours it, it checks at most hourly and costs little.
 */
import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../nodes/Tanma/transport/protocol/endpoints';
import { advance, sandboxOnFakeDate } from './support/clock';
import { triggerUnderTest as sharedTriggerUnderTest } from './support/trigger';

const START = Date.UTC(2026, 10, 24, 2, 0, 0);
const MINUTE = 60_000;
const t = sandboxOnFakeDate(START, { freshEachTest: true });

const recentlyActive = (options: IDataObject = {}) => ({
	event: 'newFollowUp',
	scope: 'recentlyActive',
	options: { lateArrivalMinutes: 10, ...options },
});
const triggerUnderTest = (options: IDataObject = {}) =>
	sharedTriggerUnderTest(() => t.sandbox, recentlyActive(options));
const filterCheckOf = (trigger: ReturnType<typeof triggerUnderTest>) =>
	(
		trigger.state as unknown as {
			filterCheck?: { distrusted?: { leftOut: number }; lastAt?: string };
		}
	).filterCheck;
const searches = () =>
	t.sandbox
		.requestsTo(ENDPOINTS.customerSearch.path)
		.map((r) => (r.json?.qwLastFollowTypes ? 'filtered' : 'unfiltered'));
/** A customer the `dropsRows` tenant leaves out of the filtered search, and one it keeps. */
const dropped = () => t.sandbox.tenant.customers.find((c) => BigInt(c.customerId) % 3n === 0n)!;
const kept = () => t.sandbox.tenant.customers.find((c) => BigInt(c.customerId) % 3n !== 0n)!;

test.each(['typeFilter', 'dropsRows'] as const)(
	'tenant reads qwLastFollowTypes as %s: the first check emits the left-out follow-ups, warns once, and the trigger stops using the filter',
	async (reading) => {
		t.sandbox.readings = { ...t.sandbox.readings, lastFollowTypes: reading };
		const trigger = triggerUnderTest();
		await trigger.poll();
		advance(MINUTE);
		const missed = t.sandbox.addFollowUps(dropped().externalUserId, ['left out by the filter']);
		const found = t.sandbox.addFollowUps(kept().externalUserId, ['kept by the filter']);
		advance(MINUTE);
		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		expect(first.items.map((i) => Number(i.id)).sort()).toEqual([missed[0].id, found[0].id].sort());
		expect(first.warnings).toHaveLength(1);
		expect(first.warnings[0]).toMatch(
			/search filter qwLastFollowTypes left out \d+ customers last followed up in the window, e\.g\. /,
		);
		expect(filterCheckOf(trigger)?.distrusted?.leftOut).toBeGreaterThan(0);

		// From now on: every customer, unfiltered, and no second warning.
		t.sandbox.requests.length = 0;
		advance(MINUTE);
		const later = t.sandbox.addFollowUps(dropped().externalUserId, ['after the check']);
		advance(MINUTE);
		const next = await trigger.poll();
		expect(next.items.map((i) => Number(i.id))).toEqual([later[0].id]);
		expect(next.warnings).toEqual([]);
		expect(new Set(searches())).toEqual(new Set(['unfiltered']));
	},
);

test('a customer the filter leaves out after the first check is emitted at the next check, once', async () => {
	t.sandbox.readings = { ...t.sandbox.readings, lastFollowTypes: 'dropsRows' };
	const trigger = triggerUnderTest({ filterCheckMinutes: 30 });
	await trigger.poll();
	advance(MINUTE);
	await trigger.poll(); // the first check: nobody active, nothing left out
	expect(filterCheckOf(trigger)?.distrusted).toBeUndefined();
	const emitted: number[] = [];
	advance(MINUTE);
	const missed = t.sandbox.addFollowUps(dropped().externalUserId, ['missed for now']);
	for (let minute = 0; minute < 40; minute++) {
		advance(MINUTE);
		emitted.push(...(await trigger.poll()).items.map((i) => Number(i.id)));
	}
	// Outside the filtered search until the 30-minute check, which reads back to the previous check: emitted once.
	expect(emitted).toEqual([missed[0].id]);
	expect(filterCheckOf(trigger)?.distrusted?.leftOut).toBe(1);
});

test('tenant honours the filter: no warning, the filter stays in use, and the default schedule checks at most hourly', async () => {
	const trigger = triggerUnderTest();
	await trigger.poll();
	const kinds: string[] = [];
	for (let minute = 0; minute < 180; minute++) {
		advance(MINUTE);
		if (minute % 7 === 0)
			t.sandbox.addFollowUps(t.sandbox.tenant.customers[minute % 50].externalUserId, ['x']);
		t.sandbox.requests.length = 0;
		const run = await trigger.poll();
		expect(run.warnings).toEqual([]);
		kinds.push(searches().includes('unfiltered') ? 'check' : 'filtered');
	}
	const checks = kinds.flatMap((k, minute) => (k === 'check' ? [minute] : []));
	expect(checks[0]).toBe(0); // the first poll after activation
	for (let n = 1; n < checks.length; n++)
		expect(checks[n] - checks[n - 1]).toBeGreaterThanOrEqual(60);
	expect(filterCheckOf(trigger)?.distrusted).toBeUndefined();
});

test('Fetch Test Event reads customers the filter leaves out and says so in the log', async () => {
	t.sandbox.readings = { ...t.sandbox.readings, lastFollowTypes: 'typeFilter' };
	const trigger = triggerUnderTest();
	const missed = t.sandbox.addFollowUps(dropped().externalUserId, ['only without the filter']);
	advance(MINUTE);
	const run = await trigger.poll('manual');
	expect(run.items.map((i) => Number(i.id))).toEqual([missed[0].id]);
	expect(run.warnings.join('\n')).toMatch(
		/left out \d+ of the customers followed up in the last 30 days/,
	);
});

test('a tenant whose customers all fit one search page is listed whole, one request a poll, with no filter to check; past one page the filter and its checks come back', async () => {
	t.sandbox.reset({ customers: 100 });
	const trigger = triggerUnderTest();
	await trigger.poll();
	advance(MINUTE);
	await trigger.poll(); // the first check: every customer (one page) and the filtered search
	expect(searches()).toEqual(['unfiltered', 'filtered']);
	const emitted: number[] = [];
	const written: number[] = [];
	t.sandbox.requests.length = 0;
	for (let minute = 0; minute < 90; minute++) {
		advance(MINUTE);
		if (minute % 5 === 0)
			written.push(
				t.sandbox.addFollowUps(t.sandbox.tenant.customers[minute].externalUserId, ['x'])[0].id,
			);
		const run = await trigger.poll();
		expect(run.warnings).toEqual([]);
		emitted.push(...run.items.map((i) => Number(i.id)));
	}
	expect(emitted).toEqual(written);
	// One search a poll, never the filter, no check.
	expect(searches()).toEqual(new Array(90).fill('unfiltered'));

	// The tenant grows past one page: the filtered search again, checked on its schedule.
	const template = t.sandbox.tenant.customers[0];
	for (let n = 0; n < 30; n++)
		t.sandbox.tenant.customers.push({
			...template,
			customerId: String(700000000000000 + n),
			externalUserId: `wmgrown${n}`,
			lastFollowTimeMs: null,
		});
	advance(MINUTE);
	await trigger.poll(); // lists everyone as before, and finds two pages
	t.sandbox.requests.length = 0;
	advance(MINUTE);
	await trigger.poll();
	expect(searches()).toEqual(['filtered']);
});
