/**
 * The Tanma Trigger under each way n8n 2.x (2.40.7, 2.41.1) schedules and saves polls (test/support/trigger.ts: the default
 * scheduler, the durable scheduler, the durable scheduler with durable cursors), through n8n-core's PollContext
 * against the sandbox on a faked clock. What each model saves is read from n8n's code; the real n8n runs of the
 * same story are in test/e2e-schedulers.test.ts.
 */
import type { INodeParameters } from 'n8n-workflow';

import { ENDPOINTS } from '../nodes/Tanma/transport/protocol/endpoints';
import type { PollRun } from '../lab/core';
import { advance, sandboxOnFakeDate } from './support/clock';
import type { SchedulerModel } from './support/trigger';
import { triggerUnderScheduler } from './support/trigger';

const START = Date.UTC(2026, 11, 4, 2, 0, 0); // 2026-12-04 10:00 CST
const SECOND = 1000;
const MINUTE = 60 * SECOND;

const t = sandboxOnFakeDate(START, { freshEachTest: true });
const ids = (run: PollRun) => run.items.map((i) => Number(i.id));
const MODELS: SchedulerModel[] = ['default', 'durable', 'durableCursors'];

const recentlyActive: INodeParameters = {
	event: 'newFollowUp',
	scope: 'recentlyActive',
	options: { lateArrivalMinutes: 1 },
};
const write = (k: number, text: string) =>
	t.sandbox.addFollowUps(t.sandbox.tenant.customers[k].externalUserId, [text])[0].id;

describe.each(MODELS)('under the %s scheduler', (model) => {
	test('every follow-up written after activation is emitted once: before the first tick, across processes and a restart', async () => {
		const trigger = triggerUnderScheduler(
			() => t.sandbox,
			() => recentlyActive,
			model,
		);
		const emitted: number[] = [];
		const poll = async (run: Promise<PollRun>) => {
			const done = await run;
			expect(done.error).toBeUndefined();
			emitted.push(...ids(done));
		};
		await poll(trigger.activate());
		const written = [];
		advance(10 * SECOND);
		written.push(write(1, 'ten seconds after activation'));
		// The durable scheduler's first tick comes up to a minute later, here on another main.
		if (model !== 'default') trigger.newProcess();
		advance(48 * SECOND);
		await poll(trigger.tick());
		advance(15 * SECOND);
		written.push(write(2, 'after the first tick'));
		advance(45 * SECOND);
		await poll(trigger.tick());
		advance(20 * SECOND);
		await poll(trigger.tick()); // idle
		// A restart: what was not written is gone; the default scheduler polls again as it activates.
		trigger.newProcess();
		advance(10 * SECOND);
		written.push(write(3, 'while n8n restarts'));
		advance(20 * SECOND);
		if (model === 'default') await poll(trigger.activate());
		advance(40 * SECOND);
		await poll(trigger.tick());
		for (let idle = 0; idle < 3; idle++) {
			advance(MINUTE);
			await poll(trigger.tick());
		}
		expect(emitted).toEqual(written);
	});

	test('a changed configuration starts where the last poll of the old one started: nothing written after the change is lost', async () => {
		let parameters: INodeParameters = recentlyActive;
		const trigger = triggerUnderScheduler(
			() => t.sandbox,
			() => parameters,
			model,
		);
		await trigger.activate();
		advance(MINUTE);
		await trigger.tick();
		// Published with another watch; the durable schedulers run no poll at publication when the poll times stay.
		advance(20 * SECOND);
		const customer = t.sandbox.tenant.customers[4].externalUserId;
		parameters = {
			event: 'newFollowUp',
			scope: 'specificCustomers',
			externalUserIds: customer,
			options: { lateArrivalMinutes: 1 },
		};
		advance(5 * SECOND);
		const afterChange = t.sandbox.addFollowUps(customer, ['after the change'])[0].id;
		if (model === 'default') expect(ids(await trigger.activate())).toEqual([afterChange]);
		advance(35 * SECOND);
		const run = await trigger.tick();
		expect(run.error).toBeUndefined();
		expect([...(model === 'default' ? [afterChange] : []), ...ids(run)]).toEqual([afterChange]);
	});
});

test('a quiet trigger under the durable scheduler checks its filter once, not on every tick, while its process runs', async () => {
	const trigger = triggerUnderScheduler(
		() => t.sandbox,
		() => recentlyActive,
		'durable',
	);
	await trigger.activate(); // the first check is due at the first scan
	const searchesPerTick: number[] = [];
	for (let tick = 0; tick < 5; tick++) {
		advance(2 * MINUTE);
		const before = t.sandbox.requestsTo(ENDPOINTS.customerSearch.path).length;
		expect((await trigger.tick()).error).toBeUndefined();
		searchesPerTick.push(t.sandbox.requestsTo(ENDPOINTS.customerSearch.path).length - before);
	}
	const unfilteredPages = Math.ceil(t.sandbox.tenant.customers.length / 100);
	// The first tick checks (every customer, then the filtered search); n8n saves none of these polls, the node's
	// memory carries the check's result to the next ticks of this process.
	expect(searchesPerTick).toEqual([unfilteredPages + 1, 1, 1, 1, 1]);
	expect(
		(trigger.saved.node.state as { filterCheck?: { lastAt?: string } }).filterCheck?.lastAt,
	).toBeUndefined();
});
