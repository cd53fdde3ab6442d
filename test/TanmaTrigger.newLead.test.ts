/**
 * Tanma Trigger → New Lead through n8n-core's PollContext against the sandbox (only Date faked, state
 * JSON-persisted between polls, a new node instance per poll): leads are listed by creation time and each new
 * one is read once for its exact time and details.
 */
import type { INodeParameters } from 'n8n-workflow';

import { ENDPOINTS } from '../nodes/Tanma/transport/protocol/endpoints';
import { FIRST_ACTIVATION_LOOKBACK_MS } from '../nodes/Tanma/trigger/poll/scan';
import { formatTanmaTime } from '../nodes/Tanma/transport/protocol/time';
import { advance, sandboxOnFakeDate } from './support/clock';
import { triggerUnderTest } from './support/trigger';

const START = Date.UTC(2026, 10, 24, 2, 0, 0); // 2026-11-24 10:00 CST
/** Where a first activation at START starts: a moment earlier, so a record written as the workflow is published counts. */
const ACTIVATED_FROM = START - FIRST_ACTIVATION_LOOKBACK_MS;
const SECOND = 1000;
const MINUTE = 60 * SECOND;

const t = sandboxOnFakeDate(START, { freshEachTest: true });
const newLeads = (parameters: INodeParameters = {}) =>
	triggerUnderTest(() => t.sandbox, {
		event: 'newLead',
		options: { lateArrivalMinutes: 10 },
		...parameters,
	});
const names = (items: Array<Record<string, unknown>>) =>
	items.map((lead) => (lead.fields as Array<{ valueAsText: string }>)[0].valueAsText);

test('first activation starts from (about) now; leads created later are emitted once each, oldest first, with their details', async () => {
	const trigger = newLeads();
	expect((await trigger.poll()).items).toEqual([]);
	advance(20 * SECOND);
	const [second] = t.sandbox.addLeads(['李四']);
	advance(-10 * SECOND);
	t.sandbox.addLeads(['张三']);
	advance(MINUTE);
	t.sandbox.requests.length = 0;
	const run = await trigger.poll();
	expect(run.error).toBeUndefined();
	expect(names(run.items)).toEqual(['张三', '李四']);
	expect(run.items[1]).toMatchObject({
		isClue: true,
		createTime: formatTanmaTime(second.createTimeMs),
	});
	expect(String(run.items[1].customerId)).toBe(second.customerId);
	// One list page, then one read per new lead.
	expect(t.sandbox.requests.map((r) => r.path)).toEqual([
		ENDPOINTS.leadsByCreateTime.path,
		ENDPOINTS.leadDetail.path,
		ENDPOINTS.leadDetail.path,
	]);
	expect(t.sandbox.requests[0].json).toMatchObject({ since: formatTanmaTime(ACTIVATED_FROM) });
	advance(MINUTE);
	expect((await trigger.poll()).items).toEqual([]);
});

test('a burst of 250 leads in one second, over several list pages, is emitted once each', async () => {
	const trigger = newLeads();
	await trigger.poll();
	advance(30 * SECOND);
	const added = t.sandbox.addLeads(Array.from({ length: 250 }, (_, i) => `客户${i}`));
	advance(30 * SECOND);
	const run = await trigger.poll();
	expect(run.error).toBeUndefined();
	expect(run.items.map((l) => String(l.customerId)).sort()).toEqual(
		added.map((l) => l.customerId).sort(),
	);
	advance(MINUTE);
	expect((await trigger.poll()).items).toEqual([]);
});

test('a failed lead read mid-poll: what was read is emitted, the rest follows on the next poll, nothing twice', async () => {
	const trigger = newLeads();
	await trigger.poll();
	advance(10 * SECOND);
	const added = t.sandbox.addLeads(['甲', '乙', '丙', '丁']);
	advance(30 * SECOND);
	t.sandbox.addFault({
		kind: 'vendor',
		code: -1,
		message: '操作失败',
		path: ENDPOINTS.leadDetail.path,
		after: 2,
	});
	const first = await trigger.poll();
	advance(MINUTE);
	const second = await trigger.poll();
	const emitted = [...first.items, ...second.items].map((l) => String(l.customerId));
	expect(emitted.sort()).toEqual(added.map((l) => l.customerId).sort());
});

test('a lead that shows up late, inside the Late Arrival Window, is still emitted once', async () => {
	const trigger = newLeads();
	await trigger.poll();
	advance(5 * MINUTE);
	await trigger.poll();
	const [late] = t.sandbox.addLeads(['迟到'], Date.now() - 3 * MINUTE);
	advance(MINUTE);
	const run = await trigger.poll();
	expect(run.items.map((l) => String(l.customerId))).toEqual([late.customerId]);
	advance(MINUTE);
	expect((await trigger.poll()).items).toEqual([]);
});

test('Start From backfills the seeded leads created since then; a manual run gives the latest lead and changes nothing', async () => {
	const from = t.sandbox.tenant.leads[35].createTimeMs;
	const trigger = newLeads({ options: { startFrom: formatTanmaTime(from) } });
	const expected = t.sandbox.tenant.leads
		.filter((l) => l.createTimeMs >= from)
		.map((l) => l.customerId);
	const run = await trigger.poll();
	expect(run.items.map((l) => String(l.customerId))).toEqual(expected);
	advance(MINUTE);
	const [latest] = t.sandbox.addLeads(['最新']);
	advance(SECOND);
	const manual = await trigger.poll('manual');
	expect(manual.items.map((l) => String(l.customerId))).toEqual([latest.customerId]);
	advance(MINUTE);
	expect((await trigger.poll()).items.map((l) => String(l.customerId))).toEqual([
		latest.customerId,
	]);
});
