/**
 * Tanma Trigger scenarios through n8n-core's PollContext against the sandbox. Static data goes through
 * a JSON round trip between polls, like n8n's database, and each poll uses a new node instance (a
 * restart, or another process in queue mode, must not matter). Only Date is faked, so the sandbox and
 * the trigger share a clock that tests can move; timers and sockets are real.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ENDPOINTS } from '../nodes/Tanma/transport/protocol/endpoints';
import { FIRST_ACTIVATION_LOOKBACK_MS } from '../nodes/Tanma/trigger/poll/scan';
import { formatTanmaTime } from '../nodes/Tanma/transport/protocol/time';
import type { PollRun } from '../lab/core';
import { advance, sandboxOnFakeDate } from './support/clock';
import { triggerUnderTest as sharedTriggerUnderTest } from './support/trigger';

const START = Date.UTC(2026, 10, 24, 2, 0, 0); // 2026-11-24 10:00 CST
/** Where a first activation at START starts: a moment earlier, so a record written as the workflow is published counts. */
const ACTIVATED_FROM = START - FIRST_ACTIVATION_LOOKBACK_MS;
const SECOND = 1000;
const MINUTE = 60 * SECOND;

const t = sandboxOnFakeDate(START, { freshEachTest: true });

/** A trigger whose static data survives between polls only as JSON (test/support/trigger.ts). */
const triggerUnderTest = (parameters: INodeParameters, budgetMs?: number) =>
	sharedTriggerUnderTest(() => t.sandbox, parameters, budgetMs);

const followUpsOf = (externalUserId: string) =>
	t.sandbox.tenant.followUps.filter((f) => f.externalUserId === externalUserId);
const ids = (run: PollRun) => run.items.map((i) => Number(i.id));
const recentlyActive = (options: IDataObject = {}) => ({
	event: 'newFollowUp',
	scope: 'recentlyActive',
	options: { lateArrivalMinutes: 10, ...options },
});

describe('New Follow-Up Record, recently active customers', () => {
	test('first activation starts from (about) now: history is not emitted, and nothing is read', async () => {
		const trigger = triggerUnderTest(recentlyActive());
		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toEqual([]);
		expect(t.sandbox.requests).toHaveLength(0);
		expect(trigger.state.since).toBe(formatTanmaTime(ACTIVATED_FROM));
	});

	test('steady state: new records once each, oldest first, with customer context; then quiet', async () => {
		const trigger = triggerUnderTest(recentlyActive());
		await trigger.poll();
		const [a, b] = t.sandbox.tenant.customers;
		advance(30 * SECOND);
		const second = t.sandbox.addFollowUps(b.externalUserId, ['回访：客户要报价 📄']);
		advance(-10 * SECOND);
		const first = t.sandbox.addFollowUps(a.externalUserId, ['电话沟通']);
		advance(40 * SECOND);
		const run = await trigger.poll();
		expect(run.error).toBeUndefined();
		expect(ids(run)).toEqual([first[0].id, second[0].id]);
		expect(run.items[0]).toMatchObject({
			content: '电话沟通',
			externalUserId: a.externalUserId,
			qwUserId: a.ownerQwUserId,
			customer: {
				externalUserId: a.externalUserId,
				customerId: Number(a.customerId),
				qwSalesId: a.ownerQwUserId,
			},
		});
		// The first scan is also the filter's first check: every customer unfiltered, then the filtered search.
		const filters = t.sandbox.requests
			.filter((r) => r.path === ENDPOINTS.customerSearch.path)
			.map((r) => r.json?.qwLastFollowTypes);
		const unfilteredPages = Math.ceil(t.sandbox.tenant.customers.length / 100);
		expect(filters.slice(0, unfilteredPages)).toEqual(new Array(unfilteredPages).fill(undefined));
		expect(filters.slice(unfilteredPages)).toEqual([
			expect.objectContaining({ start: formatTanmaTime(ACTIVATED_FROM) }),
		]);
		advance(MINUTE);
		expect((await trigger.poll()).items).toEqual([]);
	});

	test('an idle poll costs one request once the late-arrival window has passed', async () => {
		const trigger = triggerUnderTest(recentlyActive({ lateArrivalMinutes: 1 }));
		await trigger.poll();
		t.sandbox.addFollowUps(t.sandbox.tenant.customers[3].externalUserId, ['x']);
		advance(MINUTE);
		expect((await trigger.poll()).items).toHaveLength(1);
		advance(3 * MINUTE);
		await trigger.poll(); // re-reads the customer once more, then moves `since` past it
		t.sandbox.requests.length = 0;
		advance(MINUTE);
		expect((await trigger.poll()).items).toEqual([]);
		expect(t.sandbox.requests.map((r) => r.path)).toEqual([ENDPOINTS.customerSearch.path]);
	});

	test('a burst across more customers than one search page, with identical timestamps, is emitted once', async () => {
		const trigger = triggerUnderTest(recentlyActive());
		await trigger.poll();
		advance(5 * SECOND);
		const burst = t.sandbox.tenant.customers
			.slice(0, 150)
			.flatMap((c) => t.sandbox.addFollowUps(c.externalUserId, ['同一秒', '同一秒']));
		t.sandbox.addFault({
			kind: 'duplicate',
			overlap: 7,
			path: ENDPOINTS.customerSearch.path,
			after: 1,
		});
		advance(MINUTE);
		const run = await trigger.poll();
		expect(run.error).toBeUndefined();
		expect(ids(run).sort((x, y) => x - y)).toEqual(burst.map((f) => f.id));
		advance(MINUTE);
		expect((await trigger.poll()).items).toEqual([]);
	});

	test("a record that appears late with an older time is emitted once, by the read when its customer's window closes", async () => {
		const trigger = triggerUnderTest(recentlyActive());
		await trigger.poll();
		const c = t.sandbox.tenant.customers[4];
		advance(6 * MINUTE);
		t.sandbox.addFollowUps(c.externalUserId, ['准时']);
		advance(MINUTE);
		expect((await trigger.poll()).items).toHaveLength(1);
		// Written now, but stamped four minutes ago (inside the ten-minute window): the last follow-up time stays.
		const late = t.sandbox.addFollowUps(c.externalUserId, ['迟到'], Date.now() - 4 * MINUTE);
		const emitted: number[] = [];
		for (let n = 0; n < 12; n++) {
			advance(MINUTE);
			emitted.push(...ids(await trigger.poll()));
		}
		expect(emitted).toEqual([late[0].id]);
	});

	test('a failed read in the middle of a poll: the others are emitted, the failed customer comes next poll', async () => {
		const trigger = triggerUnderTest(recentlyActive());
		await trigger.poll();
		advance(SECOND);
		const added = t.sandbox.tenant.customers
			.slice(10, 15)
			.flatMap((c) => t.sandbox.addFollowUps(c.externalUserId, ['a']));
		// The third follow-up read fails with a vendor error (not retried).
		t.sandbox.addFault({
			kind: 'vendor',
			code: -1,
			message: '操作失败',
			path: ENDPOINTS.customerFollowUps.path,
			after: 2,
		});
		advance(MINUTE);
		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(4);
		expect(first.warnings).toEqual([expect.stringContaining('(Tanma error -1: 操作失败)')]);
		advance(MINUTE);
		const second = await trigger.poll();
		expect(second.items).toHaveLength(1);
		expect([...ids(first), ...ids(second)].sort((x, y) => x - y)).toEqual(added.map((f) => f.id));
	});

	test('customers are read several at a time; records come out in time order, and a failed read holds back no one', async () => {
		const trigger = triggerUnderTest(recentlyActive({ maxParallelRequests: 4 }));
		await trigger.poll();
		const customers = t.sandbox.tenant.customers.slice(20, 28);
		advance(SECOND);
		const added = customers.map((c, n) => {
			advance(SECOND);
			return t.sandbox.addFollowUps(c.externalUserId, [`第${n}条`])[0];
		});
		// The first read answers last (after the second and third); the fourth read fails.
		const read = ENDPOINTS.customerFollowUps.path;
		t.sandbox.addFault({ kind: 'slow', delayMs: 80, path: read });
		t.sandbox.addFault({ kind: 'slow', delayMs: 30, path: read, times: 2 });
		t.sandbox.addFault({ kind: 'vendor', code: -1, message: '操作失败', path: read });
		advance(MINUTE);
		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		const reads = t.sandbox.requestsTo(ENDPOINTS.customerFollowUps.path);
		expect(Math.max(...reads.map((r) => r.inFlight))).toBe(4);
		expect(reads.slice(0, 4).map((r) => r.fault)).toEqual(['slow', 'slow', 'slow', 'vendor']);
		// Everyone but the customer whose read failed, in time order; that one on the next poll.
		expect(ids(first)).toEqual([...added.slice(0, 3), ...added.slice(4)].map((f) => f.id));
		advance(MINUTE);
		const second = await trigger.poll();
		expect(ids(second)).toEqual([added[3].id]);
	});

	test('Max Parallel Requests 1 reads one customer after another', async () => {
		const trigger = triggerUnderTest(recentlyActive({ maxParallelRequests: 1 }));
		await trigger.poll();
		for (const c of t.sandbox.tenant.customers.slice(0, 6))
			t.sandbox.addFollowUps(c.externalUserId, ['x']);
		advance(MINUTE);
		t.sandbox.addFault({
			kind: 'slow',
			delayMs: 20,
			path: ENDPOINTS.customerFollowUps.path,
			times: 6,
		});
		expect((await trigger.poll()).items).toHaveLength(6);
		expect(t.sandbox.requestsTo(ENDPOINTS.customerFollowUps.path).map((r) => r.inFlight)).toEqual([
			1, 1, 1, 1, 1, 1,
		]);
	});

	test('a failure before anything is read fails the poll and leaves the state as it was', async () => {
		const trigger = triggerUnderTest(recentlyActive());
		await trigger.poll();
		t.sandbox.addFollowUps(t.sandbox.tenant.customers[0].externalUserId, ['a']);
		const before = JSON.stringify(trigger.state);
		t.sandbox.addFault({
			kind: 'vendor',
			code: 1003,
			message: '时间戳过期',
			path: ENDPOINTS.customerSearch.path,
		});
		advance(MINUTE);
		const failed = await trigger.poll();
		expect(failed.error?.message).toBe('Tanma error 1003: 时间戳过期');
		expect(JSON.stringify(trigger.state)).toBe(before);
		expect((await trigger.poll()).items).toHaveLength(1);
	});

	test('a backlog larger than the poll budget drains over several polls, each record once', async () => {
		const trigger = triggerUnderTest(recentlyActive(), 0); // no budget: one customer per poll
		await trigger.poll();
		advance(SECOND);
		const added = t.sandbox.tenant.customers
			.slice(20, 26)
			.flatMap((c) => t.sandbox.addFollowUps(c.externalUserId, ['x', 'y']));
		const seen: number[] = [];
		for (let poll = 0; poll < 6; poll++) {
			advance(10 * SECOND);
			const run = await trigger.poll();
			expect(run.items).toHaveLength(2);
			seen.push(...ids(run));
		}
		expect(seen.sort((x, y) => x - y)).toEqual(added.map((f) => f.id));
		advance(10 * SECOND);
		expect((await trigger.poll()).items).toEqual([]);
	});

	test('manual "Fetch Test Event" returns the latest record and leaves the state alone', async () => {
		const trigger = triggerUnderTest(recentlyActive());
		await trigger.poll();
		const before = JSON.stringify(trigger.state);
		const c = t.sandbox.tenant.customers[6];
		advance(MINUTE);
		const [latest] = t.sandbox.addFollowUps(c.externalUserId, ['最新一条']);
		const manual = await trigger.poll('manual');
		expect(ids(manual)).toEqual([latest.id]);
		expect(JSON.stringify(trigger.state)).toBe(before);
		advance(MINUTE);
		expect(ids(await trigger.poll())).toEqual([latest.id]); // still emitted by the real poll
	});

	test('Start From backfills history on first activation', async () => {
		const c = t.sandbox.tenant.customers[8];
		const old = t.sandbox.addFollowUps(c.externalUserId, ['两小时前'], START - 2 * 60 * MINUTE);
		const trigger = triggerUnderTest(
			recentlyActive({ startFrom: new Date(START - 3 * 60 * MINUTE).toISOString() }),
		);
		const run = await trigger.poll();
		expect(ids(run)).toContain(old[0].id);
		expect(
			run.items.every((r) => String(r.gmtCreateTime) >= formatTanmaTime(START - 3 * 60 * MINUTE)),
		).toBe(true);
		expect((await trigger.poll()).items).toEqual([]);
	});
});

describe('New Follow-Up Record, specific customers', () => {
	test('only the listed customers are read; a customer added to the list later does not flood history', async () => {
		const [a, b, c, outside] = t.sandbox.tenant.customers;
		const parameters = {
			event: 'newFollowUp',
			scope: 'specificCustomers',
			externalUserIds: `${a.externalUserId}, ${b.externalUserId}`,
		};
		const trigger = triggerUnderTest(parameters);
		await trigger.poll();
		advance(MINUTE);
		const mine = t.sandbox.addFollowUps(b.externalUserId, ['b1']);
		t.sandbox.addFollowUps(outside.externalUserId, ['not watched']);
		advance(MINUTE);
		const run = await trigger.poll();
		expect(ids(run)).toEqual([mine[0].id]);
		expect(
			t.sandbox.requests
				.filter((r) => r.path === ENDPOINTS.customerFollowUps.path)
				.map((r) => r.json?.externalUserId),
		).toEqual([a.externalUserId, b.externalUserId].sort());
		// The list grows: c's old records stay unemitted, its new ones are picked up.
		parameters.externalUserIds += `\n${c.externalUserId}`;
		advance(MINUTE);
		const newer = t.sandbox.addFollowUps(c.externalUserId, ['c1']);
		advance(MINUTE);
		expect(ids(await trigger.poll())).toEqual([newer[0].id]);
		expect(followUpsOf(c.externalUserId).length).toBeGreaterThan(1);
	});

	test('an empty list is a clear error', async () => {
		const trigger = triggerUnderTest({
			event: 'newFollowUp',
			scope: 'specificCustomers',
			externalUserIds: ' , ',
		});
		expect((await trigger.poll()).error?.message).toBe(
			'"Customer WeCom IDs" needs at least one entry',
		);
	});
});

describe('New Customer', () => {
	test('customers created after activation are emitted once, by creation time', async () => {
		const trigger = triggerUnderTest({ event: 'newCustomer' });
		await trigger.poll();
		advance(MINUTE);
		const owner = t.sandbox.tenant.staff[0];
		for (const phone of ['13800000001', '13800000002']) {
			t.sandbox.tenant.customers.push({
				...t.sandbox.tenant.customers[0],
				customerId: String(600000000000000 + Number(phone.slice(-1))),
				externalUserId: `wmnew${phone}`,
				mobiles: [phone],
				createTimeMs: Date.now(),
				ownerSalesId: owner.salesId,
			});
			advance(SECOND);
		}
		advance(MINUTE);
		const run = await trigger.poll();
		expect(run.items.map((c) => c.externalUserId)).toEqual([
			'wmnew13800000001',
			'wmnew13800000002',
		]);
		expect(t.sandbox.requests[0].json).toMatchObject({
			createTime: { start: formatTanmaTime(ACTIVATED_FROM) },
		});
		advance(MINUTE);
		expect((await trigger.poll()).items).toEqual([]);
	});
});
