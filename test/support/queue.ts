/** What the queue-mode suite reads from its cluster: Redis's job lists, n8n's executions and the processes' logs. */
import { execFileSync } from 'child_process';

import type { N8nInstance } from '../../lab/n8n-instance';
import type { Sandbox } from '../../sandbox/server';
import { settle, sunk } from './e2e';

export interface QueueCluster {
	sandbox: Sandbox;
	redisPort: number;
	main: N8nInstance;
	worker: N8nInstance;
	hook?: N8nInstance;
	cookie: string;
	log: (m: string) => void;
}

/** Jobs in one list of n8n's Bull queue ("jobs", prefix "bull"): `wait` (queued) or `active` (taken by a worker). */
export const jobsIn = (c: QueueCluster, list: 'wait' | 'active') =>
	Number(
		execFileSync('redis-cli', ['-p', String(c.redisPort), 'LLEN', `bull:jobs:${list}`])
			.toString()
			.trim(),
	);

/** The last lines of each process's log, for a timeout's message. */
export const clusterLogs = (c: QueueCluster, what: string) =>
	`waiting for ${what}; main log:\n${c.main.log.slice(-2000)}\nworker log:\n${c.worker.log.slice(-2000)}\nwebhook log:\n${c.hook?.log.slice(-1500)}`;

/**
 * Waits for `count` distinct ids in [from, to) at the sink, then until Redis holds no job and no execution of the
 * workflow runs or waits, so a second execution of any message would already show; returns the ids with repeats.
 *
 * An execution left `new` then is an orphan: n8n inserts the row and only then adds the job to Redis
 * (workflow-runner.js, enqueueExecution), so a webhook process killed in between leaves a row no worker will run.
 * At most `orphansAtMost` may be left.
 */
export async function settleQueue(
	c: QueueCluster,
	workflowId: string,
	range: { from: number; to: number; count: number },
	orphansAtMost = 0,
): Promise<number[]> {
	const delivered = await settle(
		c.sandbox,
		range,
		async () =>
			jobsIn(c, 'wait') === 0 &&
			jobsIn(c, 'active') === 0 &&
			(await c.main.executionsIn(c.cookie, workflowId, ['running', 'waiting'])).length === 0,
		() =>
			clusterLogs(
				c,
				`${range.count} distinct ids in [${range.from}, ${range.to}); the sink holds ` +
					`${new Set(sunk(c.sandbox, range.from, range.to)).size}; jobs waiting ${jobsIn(c, 'wait')}, ` +
					`active ${jobsIn(c, 'active')}`,
			),
		180_000,
	);
	const orphans = (await c.main.executionsIn(c.cookie, workflowId, ['new'])).map((e) => e.id);
	if (orphans.length > 0) c.log(`executions left 'new' with no job: ${orphans.join(', ')}`);
	if (orphans.length > orphansAtMost)
		throw new Error(`${orphans.length} executions left 'new' (at most ${orphansAtMost} expected)`);
	return delivered;
}
