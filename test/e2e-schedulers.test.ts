/**
 * The Tanma Trigger under each poll scheduler n8n 2.x offers, each in its own real n8n (the pinned 2.x release) with
 * its own sandbox: n8n's default in-memory scheduler, the durable scheduler (N8N_SCHEDULER_ENABLED +
 * N8N_SCHEDULER_POLL_TRIGGERS_ENABLED), and the durable scheduler with durable cursors
 * (N8N_POLLER_DURABLE_CURSORS_ENABLED). The workflow (New Follow-Up Record, Recently Active Customers, every minute,
 * no Start From) is published while n8n runs, just after the second of the minute the durable scheduler polls it
 * at (its trigger node's id is picked so that this second has just passed), so its first tick comes almost a minute
 * after activation. A follow-up is written every 10 s from the moment of activation, n8n is restarted after the
 * third, all before that first tick, and every follow-up must reach the sink exactly once.
 */
import { createHash } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { N8nInstance, packPackage, runtime, waitFor } from '../lab/n8n-instance';
import { sandboxCredential, sinkNode } from '../lab/workflows';
import type { Sandbox } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';

jest.setTimeout(15 * 60 * 1000);

const log = (m: string) => process.stdout.write(`[e2e-schedulers] ${m}\n`);

const SCHEDULERS = {
	default: {},
	durable: { N8N_SCHEDULER_ENABLED: 'true', N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true' },
	'durable with durable cursors': {
		N8N_SCHEDULER_ENABLED: 'true',
		N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
		N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
	},
} as const;
type SchedulerName = keyof typeof SCHEDULERS;

const WORKFLOW_ID = 'tanmaE2eSched001';
const FOLLOW_UPS = 6;
const EVERY_MS = 10_000;
/** Written after this many follow-ups, n8n restarts (stop, start) while the rest keep coming. */
const RESTART_AFTER = 3;

/** The second of each minute n8n's durable scheduler polls an "every minute" trigger at (its seeded cron). */
function durableTickSecond(workflowId: string, nodeId: string): number {
	return (
		createHash('sha256').update(`${workflowId}:${nodeId}:second`).digest().readUInt32BE(0) % 60
	);
}

/** A trigger node id whose durable tick falls on `second`: choosing it saves waiting for the clock. */
function triggerNodeIdTickingAt(second: number): string {
	for (let n = 0; ; n++) {
		if (durableTickSecond(WORKFLOW_ID, `trigger-${n}`) === second) return `trigger-${n}`;
	}
}

function schedulerWorkflow(triggerNodeId: string, sinkUrl: string, credentialId: string) {
	return {
		id: WORKFLOW_ID,
		name: 'Tanma e2e: follow-ups under a scheduler',
		active: false,
		nodes: [
			{
				id: triggerNodeId,
				name: 'Tanma Trigger',
				type: 'n8n-nodes-tanma.tanmaTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					event: 'newFollowUp',
					scope: 'recentlyActive',
					options: { lateArrivalMinutes: 2 },
				},
				credentials: { tanmaApi: { id: credentialId, name: 'Tanma sandbox' } },
			},
			sinkNode(sinkUrl, [220, 0]),
		],
		connections: {
			'Tanma Trigger': { main: [[{ node: 'Record in Sink', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

interface Setup {
	name: SchedulerName;
	sandbox: Sandbox;
	n8n: N8nInstance;
	cookie: string;
	/** The sandbox credential, created through the REST API (n8n gives it its id). */
	credentialId: string;
}
const setups: Setup[] = [];

beforeAll(async () => {
	const rt = runtime('2.x', log);
	const tarball = await packPackage(fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-pack-')));
	for (const name of Object.keys(SCHEDULERS) as SchedulerName[]) {
		const sandbox = await startSandbox();
		const n8n = await N8nInstance.create(rt, { env: { ...SCHEDULERS[name] } });
		setups.push({ name, sandbox, n8n, cookie: '', credentialId: '' });
	}
	await Promise.all(
		setups.map(async (s) => {
			await s.n8n.installPackage(tarball);
			await s.n8n.start();
			s.cookie = await s.n8n.ownerCookie();
			// Through the REST API, not `n8n import`: one n8n boot fewer for each scheduler.
			const [{ name, type, data }] = sandboxCredential(s.sandbox);
			s.credentialId = await s.n8n.createCredential(s.cookie, { name, type, data });
		}),
	);
});

afterAll(async () => {
	await Promise.all(
		setups.map(async (s) => {
			await s.n8n.stop();
			await s.sandbox.close();
		}),
	);
});

const delivered = (s: Setup) =>
	s.sandbox.sink.map((entry) => Number((entry as { id: number }).id)).sort((a, b) => a - b);

test('every follow-up written after activation reaches the workflow once, under each scheduler, across a restart', async () => {
	// Published just after the durable tick's second: its first poll is then about a minute away.
	const tick = (new Date().getUTCSeconds() + 59) % 60;
	const triggerNodeId = triggerNodeIdTickingAt(tick);
	await Promise.all(
		setups.map(async (s) => {
			const sinkUrl = `${s.sandbox.baseUrl}/__sandbox/sink`;
			await s.n8n.createWorkflow(
				s.cookie,
				schedulerWorkflow(triggerNodeId, sinkUrl, s.credentialId),
			);
			await s.n8n.activateWorkflow(s.cookie, WORKFLOW_ID);
		}),
	);
	const activatedAt = Date.now();
	log(
		`activated at second ${new Date(activatedAt).getUTCSeconds()}; durable ticks at second ${tick}`,
	);

	const written: number[] = [];
	const customers = setups[0].sandbox.tenant.customers;
	let restart: Promise<void> | undefined;
	for (let k = 0; k < FOLLOW_UPS; k++) {
		await waitFor(
			() => Date.now() >= activatedAt + k * EVERY_MS,
			EVERY_MS + 1000,
			() => 'the clock',
		);
		// The same follow-up in every sandbox (they are seeded alike, so its id is the same in each).
		const ids = setups.map(
			(s) => s.sandbox.addFollowUps(customers[k % 7].externalUserId, [`scheduler ${k}`])[0].id,
		);
		expect(new Set(ids).size).toBe(1);
		written.push(ids[0]);
		if (k + 1 === RESTART_AFTER) {
			restart = Promise.all(
				setups.map(async (s) => {
					await s.n8n.stop();
					await s.n8n.start();
				}),
			).then(() => undefined);
		}
	}
	await restart;
	log(
		`wrote ${written.length} follow-ups, the last ${Math.round((Date.now() - activatedAt) / 1000)} s after activation`,
	);

	// Each n8n has delivered every follow-up (or the time for three more polls is up), then polls once more.
	await Promise.all(
		setups.map(async (s) => {
			await waitFor(
				() => delivered(s).length >= written.length,
				200_000,
				() => '',
			).catch(() => undefined);
			const searches = () => s.sandbox.requestsTo('/api/v3/customer/search').length;
			const before = searches();
			await waitFor(
				() => searches() > before,
				90_000,
				() => `${s.name}: one more poll; n8n log:\n${s.n8n.log.slice(-2000)}`,
			);
		}),
	);
	const outcome = Object.fromEntries(setups.map((s) => [s.name, delivered(s)]));
	log(
		`delivered: ${JSON.stringify(Object.fromEntries(setups.map((s) => [s.name, `${s.sandbox.sink.length} of ${written.length}`])))}`,
	);
	expect(outcome).toEqual(Object.fromEntries(setups.map((s) => [s.name, written])));
});
