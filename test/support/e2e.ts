/** What the real-n8n suites share: pushes as Tanma sends them, and what reached the sandbox's sink. */
import { setTimeout as sleep } from 'timers/promises';

import { waitFor } from '../../lab/n8n-instance';
import type { RawPush } from '../../sandbox/push';
import { buildPush, postRaw } from '../../sandbox/push';
import type { Sandbox } from '../../sandbox/server';

export const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

/** The numeric ids (msgId or record id) the sink received in [from, to), with repeats, sorted. */
export function sunk(sandbox: Sandbox, from: number, to: number): number[] {
	return sandbox.sink
		.map((s) => Number((s as { id?: string }).id))
		.filter((id) => id >= from && id < to)
		.sort((a, b) => a - b);
}

/**
 * Waits until the sink holds `count` distinct ids in [from, to) and then until n8n has no execution of
 * `workflowIds` left to finish (so a duplicate would already show), or `timeoutMs`; returns what it holds.
 */
export async function settle(
	sandbox: Sandbox,
	range: { from: number; to: number; count: number },
	idle: () => Promise<boolean>,
	context: () => string,
	timeoutMs = 120_000,
): Promise<number[]> {
	await waitFor(
		() => new Set(sunk(sandbox, range.from, range.to)).size >= range.count,
		timeoutMs,
		context,
	);
	await waitFor(idle, timeoutMs, context);
	return sunk(sandbox, range.from, range.to);
}

/** A push is acknowledged when it is answered 200 with its noise. */
export const acknowledged = (answer: { status: number; body: string }, noise: string) =>
	answer.status === 200 && answer.body === noise;

/** How many answers postServed took for n8n's "Database is not ready!" and sent again. */
export const databaseNotReady = { answers: 0 };

/**
 * Posts a push and, while n8n answers 503 "Database is not ready!", posts it again a second later, as Tanma
 * redelivers what is not acknowledged. That answer is n8n's own gate (abstract-server), which refuses every request
 * before any workflow runs while its database ping fails; under a burst on a small machine the ping can wait more
 * than its 5 s for a pooled connection (seen in a whole local run: 9 copies of the 50-message burst).
 */
export async function postServed(
	url: string,
	raw: RawPush,
	timeoutMs = 60_000,
): Promise<{ status: number; body: string }> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const answer = await postRaw(url, raw);
		const notReady = answer.status === 503 && answer.body.includes('Database is not ready');
		if (!notReady || Date.now() > until) return answer;
		databaseNotReady.answers++;
		await sleep(1000);
	}
}

/** Pushes signed now, `perTimestamp` to one timestamp header (a sender's burst), each with its own noise. */
export function signedPushes(
	sandbox: Sandbox,
	msgIds: number[],
	perTimestamp: number,
	type = 'new_qw_customer',
): Array<RawPush & { msgId: string; noise: string; plaintext: string }> {
	const t0 = Date.now();
	return msgIds.map((msgId, i) =>
		buildPush(
			{ type, msgId, content: { externalUserId: `wm${msgId}` } },
			sandbox.appId,
			sandbox.appKey,
			t0 + Math.floor(i / perTimestamp),
		),
	);
}

/** Runs `task` over `items`, `concurrency` at a time; stops taking new items once `stop()` says so. */
export async function inParallel<T>(
	items: T[],
	concurrency: number,
	task: (item: T) => Promise<void>,
	stop: () => boolean = () => false,
): Promise<void> {
	const queue = [...items];
	const worker = async () => {
		for (let item = queue.shift(); item !== undefined && !stop(); item = queue.shift())
			await task(item);
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
}

/** The ids that occur more than once in a sorted list (a second execution of one message). */
export const twiceIn = (ids: number[]) => ids.filter((id, i) => ids[i - 1] === id);

/** The msgIds a Push Trigger's saved ledger lists, found in a workflow's static data (trigger/push/ledger.ts). */
export function ledgerMsgIds(staticData: Record<string, unknown>): Set<string> {
	const node = Object.values(staticData).find(
		(data) => data && typeof data === 'object' && 'pushLedger' in data,
	) as { pushLedger?: { accepted: Array<[string]> } } | undefined;
	return new Set((node?.pushLedger?.accepted ?? []).map((entry) => entry[0].split(':').pop()!));
}

/** The last error lines a process printed, for a log line. */
export const errorLines = (log: string) =>
	log
		.split('\n')
		.filter((l) => /error/i.test(l))
		.slice(-5)
		.join(' | ')
		.slice(0, 1500);
