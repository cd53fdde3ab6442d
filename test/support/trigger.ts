/** What the Tanma Trigger test files share: a trigger whose static data survives between polls only as JSON. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { PollRun } from '../../lab/core';
import { credentialsFor, runPoll } from '../../lab/core';
import { TanmaTrigger } from '../../nodes/Tanma/TanmaTrigger.node';
import type { Sandbox } from '../../sandbox/server';

/** Each poll uses a new node instance (a restart, or another process in queue mode, must not matter). */
export function triggerUnderTest(
	sandbox: () => Sandbox,
	parameters: INodeParameters,
	budgetMs?: number,
) {
	let staticData: IDataObject = {};
	return {
		async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollRun> {
			const run = await runPoll({
				nodeType: new TanmaTrigger(),
				parameters,
				credentials: credentialsFor(sandbox()),
				staticData,
				mode,
				budgetMs,
			});
			if (mode === 'trigger') staticData = run.staticData;
			return run;
		},
		get state() {
			return staticData.state as { since: string; seen: Record<string, number>; scan?: unknown };
		},
	};
}

/**
 * How n8n 2.x (2.40.7; the code is unchanged in 2.41.1) keeps a poll trigger's static data under each of its poll schedulers, as read in its code
 * (docs/tanma-trigger.md, *Schedulers*):
 * - `default` (in-memory cron on the leader main): one long-lived workflow object per process carries every poll's
 *   changes; the database copy is written at activation and when a poll emits; a restart reloads that copy.
 * - `durable` (N8N_SCHEDULER_ENABLED + N8N_SCHEDULER_POLL_TRIGGERS_ENABLED): every tick rebuilds the workflow
 *   from the database; written at activation and when a poll emits, so a poll that emits nothing is forgotten.
 * - `durableCursors` (… + N8N_POLLER_DURABLE_CURSORS_ENABLED): the node's static data is a cursor committed after
 *   every tick (with the execution when it emits), but the activation poll's cursor is dropped; the workflow's
 *   global static data is written at activation and when a poll emits.
 */
export type SchedulerModel = 'default' | 'durable' | 'durableCursors';

interface Stores {
	node: IDataObject;
	global: IDataObject;
}

const copy = (stores: Stores): Stores => JSON.parse(JSON.stringify(stores)) as Stores;

/**
 * A trigger polled the way `model` polls and saves it. `activate()` is the poll n8n runs when the workflow is
 * published (and, by the default scheduler, at every start); `tick()` a scheduled poll; `newProcess()` moves to
 * another process (a restart, or another main): what was not written is lost. A process is told apart by the
 * workflow id it runs the node under, which is how the node keys what it remembers in memory.
 */
export function triggerUnderScheduler(
	sandbox: () => Sandbox,
	parameters: () => INodeParameters,
	model: SchedulerModel,
) {
	let database: Stores = { node: {}, global: {} };
	let live: Stores = copy(database);
	let processNumber = 0;
	const poll = async (activation: boolean): Promise<PollRun> => {
		const input = model === 'default' ? live : database;
		const run = await runPoll({
			nodeType: new TanmaTrigger(),
			parameters: parameters(),
			credentials: credentialsFor(sandbox()),
			staticData: input.node,
			globalStaticData: input.global,
			workflowId: `wf-process-${processNumber}`,
		});
		if (run.error) return run;
		const after = { node: run.staticData, global: run.globalStaticData };
		const emitted = run.items.length > 0;
		if (model === 'default') {
			live = copy(after);
			if (activation || emitted) database = copy(after);
		} else if (model === 'durable') {
			if (activation || emitted) database = copy(after);
		} else {
			if (!activation) database.node = copy(after).node;
			if (activation || emitted) database.global = copy(after).global;
		}
		return run;
	};
	return {
		activate: () => poll(true),
		tick: () => poll(false),
		/** The next poll runs in another n8n process: after a restart, or on another main. */
		newProcess() {
			processNumber++;
			live = copy(database);
		},
		get saved(): Stores {
			return copy(database);
		},
	};
}
