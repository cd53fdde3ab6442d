/**
 * The push trigger across a restart and a crash, in a real n8n of its own (the pinned 2.x release) with our package
 * installed from the packed tarball, against the sandbox as the sender:
 * - messages accepted before n8n restarts: their redeliveries after it are acknowledged and not emitted;
 * - n8n is killed (SIGKILL) in the middle of a burst into Push Trigger → Wait 1 s → sink, restarted, and every
 *   unacknowledged push sent again: every push acknowledged before the kill is either delivered or listed by n8n
 *   as a crashed execution, none is delivered twice but those n8n's boot recovery runs again.
 * Bursts and replays without a restart are in the shared suite (test/e2e/pushes.ts).
 */
import { N8nInstance, packPackage, runtime, waitFor as waitUntil } from '../lab/n8n-instance';
import { pushWaitWorkflow, pushWorkflow } from '../lab/workflows';
import { postRaw } from '../sandbox/push';
import type { Sandbox } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { acknowledged, range, signedPushes, sunk as sunkIn } from './support/e2e';

jest.setTimeout(15 * 60 * 1000);

const RESTART_WEBHOOK_ID = '6c2f4e1a-8b3d-4c5e-9f70-1a2b3c4d5e01';
const CRASH_WEBHOOK_ID = '6c2f4e1a-8b3d-4c5e-9f70-1a2b3c4d5e02';
const log = (m: string) => process.stdout.write(`[e2e-push] ${m}\n`);

let sandbox: Sandbox;
let n8n: N8nInstance;
let cookie = '';
const sinkUrl = () => `${sandbox.baseUrl}/__sandbox/sink`;
const url = (webhookId: string) => `${n8n.baseUrl}/webhook/${webhookId}/webhook`;
const sunk = (from: number, to: number) => sunkIn(sandbox, from, to);

async function startAndRoute(): Promise<void> {
	await n8n.start();
	cookie = await n8n.ownerCookie();
	// Published webhooks are registered just after the API is up: wait until both answer as our node does.
	await waitFor(async () => {
		const answers = await Promise.all(
			[RESTART_WEBHOOK_ID, CRASH_WEBHOOK_ID].map((id) => fetch(url(id), { method: 'POST' })),
		);
		return answers.every((a) => a.status === 400);
	}, 60_000);
}

beforeAll(async () => {
	sandbox = await startSandbox();
	n8n = await N8nInstance.create(runtime('2.x', log));
	await n8n.installPackage(
		await packPackage(fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-pack-'))),
	);
	await n8n.start();
	cookie = await n8n.ownerCookie();
	// Created and published on the running n8n (no CLI boot); published workflows come back after each restart.
	const credential = await n8n.createCredential(cookie, {
		name: 'Tanma sandbox',
		type: 'tanmaApi',
		data: {
			appId: sandbox.appId,
			appKey: sandbox.appKey,
			baseUrl: sandbox.baseUrl,
			sendAppKeyHeader: false,
		},
	});
	const ref = { id: credential, name: 'Tanma sandbox' };
	// A replay window that outlasts the restarts, so the pushes signed before one can be sent again after it.
	for (const workflow of [
		pushWorkflow(sinkUrl(), {
			id: 'tanmaE2eRestart1',
			webhookId: RESTART_WEBHOOK_ID,
			credential: ref,
			options: { replayWindowSeconds: 1800 },
		}),
		pushWaitWorkflow(sinkUrl(), {
			id: 'tanmaE2eCrash001',
			webhookId: CRASH_WEBHOOK_ID,
			waitSeconds: 1,
			options: { replayWindowSeconds: 1800 },
		}),
	]) {
		const nodes = workflow.nodes.map((node) =>
			'credentials' in node ? { ...node, credentials: { tanmaApi: ref } } : node,
		);
		await n8n.createWorkflow(cookie, { ...workflow, nodes });
		await n8n.activateWorkflow(cookie, workflow.id);
	}
	await waitFor(async () => {
		const answers = await Promise.all(
			[RESTART_WEBHOOK_ID, CRASH_WEBHOOK_ID].map((id) => fetch(url(id), { method: 'POST' })),
		);
		return answers.every((a) => a.status === 400);
	}, 60_000);
});

afterAll(async () => {
	await n8n?.stop();
	await sandbox?.close();
});

function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
	return waitUntil(condition, timeoutMs, () => `n8n log tail:\n${n8n.log.slice(-3000)}`);
}

/** Waits for `count` distinct ids at the sink in [from, to) and for the workflow's executions to finish. */
async function settle(
	workflowId: string,
	from: number,
	to: number,
	count: number,
): Promise<number[]> {
	await waitFor(() => new Set(sunk(from, to)).size >= count, 120_000);
	await waitFor(async () => (await n8n.unfinishedExecutions(cookie, workflowId)) === 0, 120_000);
	return sunk(from, to);
}

test('after an n8n restart, redeliveries of accepted messages are acknowledged and not emitted; a new message is', async () => {
	const pushes = signedPushes(sandbox, range(8_200_000, 20), 5, 'tag_info');
	for (const p of pushes)
		expect(acknowledged(await postRaw(url(RESTART_WEBHOOK_ID), p), p.noise)).toBe(true);
	expect(await settle('tanmaE2eRestart1', 8_200_000, 8_200_020, 20)).toEqual(range(8_200_000, 20));
	await n8n.stop();
	await startAndRoute();
	const redelivered = await Promise.all(pushes.map((p) => postRaw(url(RESTART_WEBHOOK_ID), p)));
	expect(redelivered.every((a, i) => acknowledged(a, pushes[i].noise))).toBe(true);
	const [fresh] = signedPushes(sandbox, [8_200_999], 1, 'tag_info');
	expect(acknowledged(await postRaw(url(RESTART_WEBHOOK_ID), fresh), fresh.noise)).toBe(true);
	expect(await settle('tanmaE2eRestart1', 8_200_000, 8_201_000, 21)).toEqual([
		...range(8_200_000, 20),
		8_200_999,
	]);
});

/** The highest execution id n8n lists for a workflow (newest first, any status). */
async function highestExecutionId(workflowId: string): Promise<number> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const listed = await fetch(`${n8n.baseUrl}/rest/executions?filter=${filter}&limit=100`, {
		headers: { cookie },
	});
	const page = ((await listed.json()) as { data: { results: Array<{ id: string }> } }).data.results;
	return Math.max(0, ...page.map((e) => Number(e.id)));
}

/** Crashed (and other unfinished) executions of a workflow n8n lists, with the msgIds their trigger items carry. */
async function unfinishedExecutions(
	workflowId: string,
): Promise<Array<{ id: string; status: string; msgIds: number[] }>> {
	// n8n answers at most 100 a page, newest first: page down by the smallest id seen.
	const filter = encodeURIComponent(
		JSON.stringify({
			workflowId,
			status: ['crashed', 'running', 'new', 'unknown', 'waiting', 'canceled'],
		}),
	);
	const results: Array<{ id: string; status: string }> = [];
	for (let lastId = ''; ; ) {
		const listed = await fetch(
			`${n8n.baseUrl}/rest/executions?filter=${filter}&limit=100${lastId ? `&lastId=${lastId}` : ''}`,
			{ headers: { cookie } },
		);
		const page = (
			(await listed.json()) as { data: { results: Array<{ id: string; status: string }> } }
		).data.results;
		results.push(...page);
		if (page.length < 100) break;
		lastId = String(Math.min(...page.map((e) => Number(e.id))));
	}
	const data = { results };
	log(
		`n8n lists ${results.length} unfinished executions of ${workflowId}: ${JSON.stringify(results.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.status]: (acc[e.status] ?? 0) + 1 }), {}))}`,
	);
	const unfinished = data.results;
	return await Promise.all(
		unfinished.map(async (e) => {
			const answer = await fetch(`${n8n.baseUrl}/rest/executions/${e.id}`, { headers: { cookie } });
			const text = await answer.text();
			return {
				id: e.id,
				status: e.status,
				msgIds: [...new Set([...text.matchAll(/\b(86\d{5})\b/g)].map((m) => Number(m[1])))],
			};
		}),
	);
}

test("SIGKILL mid-burst (300 pushes, 20 at a time, killed after 60 acknowledgements), restart, redelivery: every acknowledged push delivered or listed as crashed; none twice but those n8n's boot recovery ran again", async () => {
	const ids = range(8_600_000, 300);
	// Ten messages per timestamp header: the burst also shares headers.
	const pushes = signedPushes(sandbox, ids, 10, 'change_order');
	const acked = new Set<string>();
	const ackedBeforeKill = new Set<string>();
	let killed: Promise<void> | undefined;
	let afterKill = false;
	const notAcked: string[] = [];
	const ackMs: number[] = [];

	const sendAll = async (todo: typeof pushes, concurrency: number, stopAfterAcks?: number) => {
		const queue = [...todo];
		const worker = async () => {
			for (let p = queue.shift(); p && !killed; p = queue.shift()) {
				try {
					const sentAt = Date.now();
					const answer = await postRaw(url(CRASH_WEBHOOK_ID), p);
					if (acknowledged(answer, p.noise)) {
						ackMs.push(Date.now() - sentAt);
						acked.add(p.msgId);
						if (!killed && !afterKill) ackedBeforeKill.add(p.msgId);
						if (stopAfterAcks !== undefined && acked.size >= stopAfterAcks && !killed)
							killed = n8n.kill();
					} else if (afterKill) {
						notAcked.push(`${p.msgId}: ${answer.status} ${answer.body.slice(0, 120)}`);
					}
				} catch (error) {
					// The connection broke: not acknowledged, sent again later.
					if (afterKill) notAcked.push(`${p.msgId}: ${String(error)}`);
				}
			}
		};
		await Promise.all(Array.from({ length: concurrency }, worker));
	};

	await sendAll(pushes, 20, 60);
	await killed;
	log(`killed after ${ackedBeforeKill.size} acknowledgements`);
	killed = undefined;
	afterKill = true;
	const ackSorted = [...ackMs].sort((a, b) => a - b);
	log(
		`ack before the kill: p50 ${ackSorted[Math.floor(ackSorted.length / 2)]} ms, max ${ackSorted[ackSorted.length - 1]} ms`,
	);
	await startAndRoute();
	const storedBeforeKill = await highestExecutionId('tanmaE2eCrash001');
	// The sender retries what was not acknowledged until every push is, as Tanma would.
	for (let round = 0; round < 5 && acked.size < pushes.length; round++) {
		await sendAll(
			pushes.filter((p) => !acked.has(p.msgId)),
			20,
		);
	}
	if (notAcked.length)
		log(`answers after the restart that were not acknowledgements: ${notAcked.join('; ')}`);
	expect(acked.size).toBe(pushes.length);

	const redelivered = ids.filter((id) => !ackedBeforeKill.has(String(id)));
	await settle('tanmaE2eCrash001', 8_600_000, 8_600_300, redelivered.length);
	const delivered = sunk(8_600_000, 8_600_300);
	const unfinished = await unfinishedExecutions('tanmaE2eCrash001');
	const listedCrashed = new Set(
		unfinished.filter((e) => e.status === 'crashed').flatMap((e) => e.msgIds),
	);
	const vanished = [...ackedBeforeKill]
		.map(Number)
		.filter((id) => !delivered.includes(id) && !listedCrashed.has(id));
	const twice = delivered.filter((id, i) => delivered[i - 1] === id);
	const executionsOf = (id: number) =>
		sandbox.sink
			.filter((r) => Number((r as { id?: string }).id) === id)
			.map((r) => Number((r as { execution?: string }).execution));
	// n8n 2.40.7 runs at boot the executions it had stored but not yet started ("new"), and the push trigger's
	// acknowledgement of those never left: Tanma's redelivery of such a message is a second execution.
	const rerunByN8n = twice.filter((id) => executionsOf(id).some((e) => e <= storedBeforeKill));
	const notDeliveredAfterRestart = redelivered.filter(
		(id) => !delivered.includes(id) && !listedCrashed.has(id),
	);
	const leftRunning = unfinished.filter((e) => e.status !== 'crashed');
	log(
		`acknowledged before the kill ${ackedBeforeKill.size}: delivered ${[...ackedBeforeKill].filter((id) => delivered.includes(Number(id))).length}, ` +
			`listed as crashed ${[...ackedBeforeKill].filter((id) => listedCrashed.has(Number(id)) && !delivered.includes(Number(id))).length}, ` +
			`left listed as ${leftRunning.map((e) => `${e.status} (${e.msgIds.join(',')})`).join(', ') || 'nothing else'}, vanished ${vanished.length}; ` +
			`crashed executions listed ${unfinished.length - leftRunning.length}; executions stored before the kill: up to id ${storedBeforeKill}; ` +
			`delivered ${new Set(delivered).size} distinct of ${pushes.length}; twice ${twice.length}, of which run by n8n's boot recovery and redelivered ${rerunByN8n.length}` +
			(twice.length
				? ` (${twice.map((id) => `${id}: executions ${executionsOf(id).join(' and ')}`).join('; ')})`
				: ''),
	);
	expect(ackedBeforeKill.size).toBeGreaterThanOrEqual(60);
	// n8n 2.40.7's default crash recovery can leave an execution "running" (its event log had the workflow's
	// start but no node's): listed, though not as crashed. Counted as listed; reported above.
	const listedAtAll = new Set(unfinished.flatMap((e) => e.msgIds));
	expect(
		[...ackedBeforeKill]
			.map(Number)
			.filter((id) => !delivered.includes(id) && !listedAtAll.has(id)),
	).toEqual([]);
	expect(twice.filter((id) => !rerunByN8n.includes(id))).toEqual([]);
	expect(notDeliveredAfterRestart.filter((id) => !listedAtAll.has(id))).toEqual([]);
});
