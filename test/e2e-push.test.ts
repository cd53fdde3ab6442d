/**
 * The push trigger under bursts and a crash, in a real n8n (the pinned 2.x release) with our package installed
 * from the packed tarball, against the sandbox as the sender:
 * - distinct messages signed with one timestamp (a sender with several threads) are all taken, once each, and
 *   the altered replays of a captured push are still refused;
 * - n8n is killed (SIGKILL) in the middle of a burst into Push Trigger → Wait 1 s → sink, restarted, and every
 *   unacknowledged push sent again: every push acknowledged before the kill is either delivered or listed by n8n
 *   as a crashed execution, none is delivered twice.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { N8nInstance, packPackage, runtime, waitFor as waitUntil } from '../lab/n8n-instance';
import { pushWaitWorkflow, pushWorkflow, sandboxCredential } from '../lab/workflows';
import type { RawPush } from '../sandbox/push';
import { buildPush, postRaw } from '../sandbox/push';
import type { Sandbox } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';

jest.setTimeout(15 * 60 * 1000);

const BURST_WEBHOOK_ID = '6c2f4e1a-8b3d-4c5e-9f70-1a2b3c4d5e01';
const CRASH_WEBHOOK_ID = '6c2f4e1a-8b3d-4c5e-9f70-1a2b3c4d5e02';
const log = (m: string) => process.stdout.write(`[e2e-push] ${m}\n`);

let sandbox: Sandbox;
let n8n: N8nInstance;
let cookie = '';
const sinkUrl = () => `${sandbox.baseUrl}/__sandbox/sink`;
const url = (webhookId: string) => `${n8n.baseUrl}/webhook/${webhookId}/webhook`;
const burstWorkflow = () =>
	pushWorkflow(sinkUrl(), { id: 'tanmaE2eBurst001', webhookId: BURST_WEBHOOK_ID });
// A replay window that outlasts the restart, so the pushes signed before the kill can be sent again after it.
const crashWorkflow = () =>
	pushWaitWorkflow(sinkUrl(), {
		id: 'tanmaE2eCrash001',
		webhookId: CRASH_WEBHOOK_ID,
		waitSeconds: 1,
		options: { replayWindowSeconds: 1800 },
	});

async function startAndRoute(): Promise<void> {
	await n8n.start();
	// Published webhooks are registered just after the API is up: wait until both answer as our node does.
	await waitFor(async () => {
		const answers = await Promise.all(
			[BURST_WEBHOOK_ID, CRASH_WEBHOOK_ID].map((id) => fetch(url(id), { method: 'POST' })),
		);
		return answers.every((a) => a.status === 400);
	}, 60_000);
	cookie = await n8n.ownerCookie();
}

beforeAll(async () => {
	const rt = runtime('2.x', log);
	sandbox = await startSandbox();
	n8n = await N8nInstance.create(rt);
	await n8n.installPackage(
		await packPackage(fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-pack-'))),
	);
	await n8n.importJson('credentials', sandboxCredential(sandbox));
	await n8n.importJson('workflow', [burstWorkflow(), crashWorkflow()]);
	for (const id of [burstWorkflow().id, crashWorkflow().id])
		await n8n.cli(['publish:workflow', `--id=${id}`]);
	await startAndRoute();
});

afterAll(async () => {
	await n8n?.stop();
	await sandbox?.close();
});

function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
	return waitUntil(condition, timeoutMs, () => `n8n log tail:\n${n8n.log.slice(-3000)}`);
}

/** The msgIds the sink received in [from, to), with repeats, sorted. */
const sunk = (from: number, to: number) =>
	sandbox.sink
		.map((s) => Number((s as { id?: string }).id))
		.filter((id) => id >= from && id < to)
		.sort((a, b) => a - b);

/** Waits for `count` sink records in [from, to), then a little longer so a duplicate would show. */
async function settle(from: number, to: number, count: number): Promise<number[]> {
	await waitFor(() => new Set(sunk(from, to)).size >= count, 120_000);
	await new Promise((r) => setTimeout(r, 3000));
	return sunk(from, to);
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

/** Pushes signed now, `perTimestamp` to one timestamp header (a sender's burst), each with its own noise. */
function signedPushes(msgIds: number[], perTimestamp: number, type = 'new_qw_customer') {
	const t0 = Date.now();
	return msgIds.map((msgId, i) => ({
		...buildPush(
			{ type, msgId, content: { externalUserId: `wm${msgId}` } },
			sandbox.appId,
			sandbox.appKey,
			t0 + Math.floor(i / perTimestamp),
		),
	}));
}

const acknowledged = (answer: { status: number; body: string }, noise: string) =>
	answer.status === 200 && answer.body === noise;

describe('distinct messages signed with one timestamp', () => {
	test('50 under one timestamp, each delivered twice at the same moment: 50 executions, every copy acknowledged', async () => {
		const ids = range(8_300_000, 50);
		const pushes = signedPushes(ids, ids.length);
		expect(new Set(pushes.map((p) => p.headers.timestamp)).size).toBe(1);
		const answers = await Promise.all(
			pushes.flatMap((p) => [postRaw(url(BURST_WEBHOOK_ID), p), postRaw(url(BURST_WEBHOOK_ID), p)]),
		);
		const refused = answers.filter((a, i) => !acknowledged(a, pushes[Math.floor(i / 2)].noise));
		expect(refused.map((a) => `${a.status} ${a.body}`)).toEqual([]);
		expect(await settle(8_300_000, 8_300_050, 50)).toEqual(ids);
	});

	test('20 under one timestamp, each redelivered right after its acknowledgement: 20 executions', async () => {
		const ids = range(8_400_000, 20);
		for (const p of signedPushes(ids, ids.length, 'tag_info')) {
			expect(acknowledged(await postRaw(url(BURST_WEBHOOK_ID), p), p.noise)).toBe(true);
			expect(acknowledged(await postRaw(url(BURST_WEBHOOK_ID), p), p.noise)).toBe(true);
		}
		expect(await settle(8_400_000, 8_400_020, 20)).toEqual(ids);
	});

	test('the altered replays of a captured push under those headers: msgId digit flipped → 403, content flipped under the same msgId → 403, neither emitted', async () => {
		const [other, original] = signedPushes([8_500_002, 8_500_001], 2);
		for (const p of [other, original])
			expect(acknowledged(await postRaw(url(BURST_WEBHOOK_ID), p), p.noise)).toBe(true);
		const flip = (needle: string, at: number, to: string): RawPush => {
			const bytes = Buffer.from(original.body, 'base64');
			const offset = original.plaintext.indexOf(needle) + at;
			bytes[offset] ^= original.plaintext.charCodeAt(offset) ^ to.charCodeAt(0);
			return { headers: original.headers, body: bytes.toString('base64') };
		};
		const msgIdFlipped = await postRaw(url(BURST_WEBHOOK_ID), flip('8500001', 6, '7'));
		const contentFlipped = await postRaw(url(BURST_WEBHOOK_ID), flip('wm8500001', 2, '9'));
		expect([msgIdFlipped.status, contentFlipped.status]).toEqual([403, 403]);
		expect(await settle(8_500_000, 8_500_010, 2)).toEqual([8_500_001, 8_500_002]);
	});
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
	const pushes = signedPushes(ids, 10, 'change_order');
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
	const storedBeforeKill = await highestExecutionId(crashWorkflow().id);
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
	await settle(8_600_000, 8_600_300, redelivered.length);
	const delivered = sunk(8_600_000, 8_600_300);
	const unfinished = await unfinishedExecutions(crashWorkflow().id);
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
