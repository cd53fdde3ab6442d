import { sleep } from 'n8n-workflow';

/**
 * Reads in parallel, results in order. Tanma publishes no rate limit, so the bound is small and it falls to one
 * request at a time at the first sign of overload (see Backoff); writes never come through here.
 */

/** What the user may set as Max Parallel Requests, and its default. */
export const DEFAULT_MAX_PARALLEL_READS = 4;
export const MAX_PARALLEL_READS_CAP = 10;

/**
 * What the requests of one execution (a node's run over all its items, a poll) share once Tanma shows overload: from
 * then on, one request at a time, and every request waits out the pause a busy answer asked for. The pause starts
 * when the first request takes its turn after it and is served once, by one wait every waiting request shares.
 */
export class Backoff {
	private slowed = false;
	private pause?: { ms: number; served?: Promise<void> };

	/** Whether this execution has backed off to one request at a time. */
	get throttled(): boolean {
		return this.slowed;
	}

	/** A sign of overload, and how long Tanma asked everyone to wait (0: no wait). */
	note(waitMs = 0): void {
		this.slowed = true;
		if (waitMs > 0 && !(this.pause && !this.pause.served && this.pause.ms >= waitMs))
			this.pause = { ms: waitMs };
	}

	/** Waits out the pause, if one is due. */
	async turn(): Promise<void> {
		const pause = this.pause;
		if (!pause) return;
		pause.served ??= sleep(pause.ms).then(() => {
			if (this.pause === pause) this.pause = undefined;
		});
		await pause.served;
	}
}

/**
 * How many reads of one run (a list read, a poll) may be in flight. It starts at the user's bound and drops to 1
 * as soon as a request of the same execution met a sign of overload (HTTP 429, 5xx, a timeout, a vendor throttling
 * message): the execution's Backoff, shared by every item.
 */
export class ReadPacer {
	private readonly bound: number;
	/** Requests sent under this pacer (retries included): what a poll cost. */
	sent = 0;

	constructor(
		maxParallel = DEFAULT_MAX_PARALLEL_READS,
		readonly backoff: Backoff = new Backoff(),
	) {
		this.bound = Math.max(1, Math.floor(maxParallel));
	}

	get limit(): number {
		return this.backoff.throttled ? 1 : this.bound;
	}

	noteOverload(waitMs = 0): void {
		this.backoff.note(waitMs);
	}
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function settle<T>(run: () => Promise<T>): Promise<Settled<T>> {
	try {
		return { ok: true, value: await run() };
	} catch (error) {
		return { ok: false, error };
	}
}

export interface OrderedReads<T> {
	/** The next read to start, or undefined when none may start now (asked again after each accepted result). */
	next(): (() => Promise<T>) | undefined;
	/** Each result, in the order the reads were started; false stops (reads still in flight are awaited, then dropped). */
	accept(result: T): boolean;
}

/**
 * Runs reads with at most `pacer.limit` in flight and hands their results to `accept` in start order.
 * A failed read stops new starts; the results before it are accepted, then its error is thrown once every read
 * in flight has settled (nothing is left running behind the caller). With a limit of 1 this is a plain loop.
 */
export async function readInOrder<T>(pacer: ReadPacer, reads: OrderedReads<T>): Promise<void> {
	const inFlight: Array<Promise<Settled<T>>> = [];
	let failed = false;
	const drain = async () => {
		await Promise.all(inFlight);
	};
	for (;;) {
		while (!failed && inFlight.length < pacer.limit) {
			const start = reads.next();
			if (!start) break;
			inFlight.push(
				settle(start).then((outcome) => {
					if (!outcome.ok) failed = true;
					return outcome;
				}),
			);
		}
		const head = inFlight.shift();
		if (!head) return;
		const outcome = await head;
		if (!outcome.ok) {
			await drain();
			throw outcome.error;
		}
		if (!reads.accept(outcome.value)) {
			await drain();
			return;
		}
	}
}
