/**
 * Queue mode end to end: one n8n main and one n8n worker (the pinned 2.x release, each with its own user folder
 * and our package installed from the tarball), sharing PostgreSQL and Redis that the project starts on loopback
 * (scripts/queue-services.js). The main polls the Tanma Trigger and only enqueues; the worker runs the
 * executions. Proof: with no worker, polled records wait in Redis and nothing reaches the sink; once the worker
 * is up, every record reaches the sink exactly once, from executions the worker's log says it ran.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

import type { Sandbox } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';
import { N8nInstance, packPackage, runtime, waitFor as waitUntil } from '../lab/n8n-instance';
import { sandboxCredential, triggerWorkflow } from '../lab/workflows';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startQueueServices } = require('../scripts/queue-services.js') as {
	startQueueServices: (log?: (m: string) => void) => Promise<{ env: Record<string, string>; redisPort: number; stop: () => Promise<void> }>;
};

jest.setTimeout(15 * 60 * 1000);

const log = (m: string) => process.stdout.write(`[e2e-queue] ${m}\n`);
let sandbox: Sandbox;
let services: Awaited<ReturnType<typeof startQueueServices>>;
let main: N8nInstance;
let worker: N8nInstance;

type SinkEntry = { event?: string; id: number; execution: string };
const followUps = () => sandbox.sink.filter((s) => (s as SinkEntry).event === 'followUp') as SinkEntry[];
const searches = () => sandbox.requests.filter((r) => r.path === '/api/v3/customer/search').length;
/** Jobs waiting in n8n's Bull queue ("jobs", prefix "bull"). */
const waitingJobs = () => Number(execFileSync('redis-cli', ['-p', String(services.redisPort), 'LLEN', 'bull:jobs:wait']).toString().trim());

beforeAll(async () => {
	const rt = runtime('2.x', log);
	services = await startQueueServices(log);
	sandbox = await startSandbox();
	const tarball = await packPackage(fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-pack-')));
	const env = { ...services.env, EXECUTIONS_MODE: 'queue' };
	main = await N8nInstance.create(rt, { env });
	worker = await N8nInstance.create(rt, { env });
	// A worker loads community nodes from its own disk, so each process gets the package, as in a real cluster.
	await Promise.all([main.installPackage(tarball), worker.installPackage(tarball)]);
	await main.importJson('credentials', sandboxCredential(sandbox));
});

afterAll(async () => {
	await worker?.stop();
	await main?.stop();
	await sandbox?.close();
	await services?.stop();
});

test('trigger records are polled by the main, executed by the worker, each exactly once', async () => {
	const sinkUrl = `${sandbox.baseUrl}/__sandbox/sink`;
	const workflow = triggerWorkflow(sinkUrl, new Date(Date.now() - 60_000).toISOString());
	await main.importJson('workflow', [workflow]);
	await main.cli(['publish:workflow', `--id=${workflow.id}`]);

	// Written before n8n starts: the activation poll finds them (Start From is a minute earlier).
	const first = sandbox.tenant.customers.slice(0, 3).flatMap((c) => sandbox.addFollowUps(c.externalUserId, [`queue ${c.externalUserId}`]));
	await main.start();
	await waitFor(() => waitingJobs() >= 1, 120_000, 'the main to enqueue the first poll');
	await new Promise((r) => setTimeout(r, 3000));
	expect(followUps()).toEqual([]); // the main only enqueues; nobody has executed the job yet

	await worker.startWorker();
	await waitFor(() => followUps().length >= first.length, 120_000, 'the worker to run the queued execution');

	// Steady state: records written while both run arrive through the next poll, again on the worker.
	const second = sandbox.tenant.customers.slice(3, 5).flatMap((c) => sandbox.addFollowUps(c.externalUserId, [`queue later ${c.externalUserId}`]));
	await waitFor(() => followUps().length >= first.length + second.length, 150_000, 'the next poll to be executed');
	// One more poll cycle (a new search at the sandbox) must add nothing.
	const polled = searches();
	await waitFor(() => searches() > polled, 90_000, 'one more poll');
	await new Promise((r) => setTimeout(r, 5000));

	const delivered = followUps();
	expect(delivered.map((s) => s.id).sort((a, b) => a - b)).toEqual([...first, ...second].map((f) => f.id).sort((a, b) => a - b));
	const executions = [...new Set(delivered.map((s) => String(s.execution)))];
	for (const id of executions) {
		expect(worker.log).toContain(`Worker started execution ${id} `);
		expect(main.log).not.toContain(`Worker started execution ${id} `);
	}
	expect(waitingJobs()).toBe(0);
});

function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
	return waitUntil(condition, timeoutMs, () => `waiting for ${what}; main log:\n${main.log.slice(-2500)}\nworker log:\n${worker.log.slice(-2500)}`);
}
