/**
 * The push trigger's record of accepted messages, so each one starts the workflow once.
 *
 * Two layers. n8n loads a workflow's static data per request and saves it only after the request is
 * handled, so a copy arriving in between would not see the first one there: an in-memory record per
 * trigger (workflow + node) answers at once. The static-data list (last PERSIST_MAX, KEEP_MS or the replay
 * window) carries the record across restarts. Checking and recording happen in one synchronous step, so
 * two copies handled at the same moment by one n8n instance cannot both pass.
 *
 * A new message is first *pending*: n8n has not yet registered its execution. The trigger settles it once
 * n8n has answered (./webhook.ts): `confirm` when n8n took the execution, `release` when it did
 * not, so a redelivery of a message n8n never took is new again. A copy arriving while the first is pending
 * waits for that outcome instead of being acknowledged on the strength of an execution that may not exist.
 *
 * The same record refuses what it can tell apart as an altered replay. Tanma's header sign covers the
 * timestamp but not the body, and AES-CTR with one IV per corp lets a captured body be changed bit by bit.
 * Under headers already accepted, a different body whose envelope repeats an accepted message's noise or
 * msgId is refused; a distinct message (its own noise and msgId) under the same headers is accepted, since
 * a sender with several threads signs several messages with one timestamp.
 */

export const KEEP_MS = 24 * 60 * 60 * 1000;
/** How long an accepted message is remembered: a day, or the replay window if longer, so no redelivery the window lets in is new. */
const keepFor = (windowMs: number) => Math.max(KEEP_MS, windowMs);
export const PERSIST_MAX = 500;
/** Accepted messages kept in memory per trigger, and triggers kept in memory per n8n instance. */
export const MEMORY_MAX = 10_000;
export const RECEIVERS_MAX = 1_000;
/** Released keys remembered per trigger, so a copy of a released message saved by another request is ignored. */
const RELEASED_MAX = 1_000;

export interface PushDelivery {
	/** type + ":" + msgId */
	key: string;
	/** When it arrived (ms). */
	at: number;
	/** `version:timestamp` of the signed headers it came with; once the sign is verified, they name the delivery. */
	headers: string;
	/** Short digest of the raw body. */
	body: string;
	/** The envelope's noise, as text. */
	noise: string;
}

interface Accepted extends PushDelivery {
	/** Set until n8n has answered the request: resolves true (taken) or false (not taken). */
	pending?: { settled: Promise<boolean>; settle: (taken: boolean) => void; registered?: boolean };
}

/**
 * Static-data form: [key, at] or, while inside the replay window, [key, at, headers, body, noise].
 * Version 1 wrote [key, at, headers, body] (no noise); it is still read.
 */
type PersistedEntry =
	| [string, number]
	| [string, number, string, string]
	| [string, number, string, string, string];

interface PersistedLedger {
	v: 1 | 2;
	accepted: PersistedEntry[];
}

interface ReceiverRecord {
	byKey: Map<string, Accepted>;
	/** Accepted messages by the headers they came with, oldest headers first. */
	byHeaders: Map<string, Accepted[]>;
	/** The newest accepted, oldest first, at most PERSIST_MAX: what the next save merges in. */
	recent: Accepted[];
	released: Set<string>;
	/**
	 * Entries this process found in static data it loaded (another process may have accepted them), newest
	 * PERSIST_MAX by key: n8n saves static data as a whole with no version check, so another process's save
	 * can drop an entry from the database; this process still knows it and writes it back with its next save.
	 */
	learned: Map<string, PersistedEntry>;
}

export type Admission =
	| { kind: 'new' }
	| { kind: 'redelivery' }
	/** A copy of a message whose first delivery n8n has not settled yet: ask again once `settled` resolves. */
	| { kind: 'pending'; settled: Promise<boolean> }
	| { kind: 'altered'; reason: string };

function persistedOf(store: Record<string, unknown>): PersistedEntry[] {
	const ledger = store.pushLedger as PersistedLedger | undefined;
	return ledger && (ledger.v === 1 || ledger.v === 2) && Array.isArray(ledger.accepted)
		? ledger.accepted
		: [];
}

/** Why a body under accepted headers is an alteration of one of `seen`, or undefined when it is not. */
function alteration(
	seen: Array<{ key: string; body: string; noise?: string }>,
	push: PushDelivery,
): string | undefined {
	if (seen.some((e) => e.body === push.body)) return undefined; // the same bytes: a redelivery
	if (seen.some((e) => e.noise !== undefined && e.noise === push.noise))
		return 'replayed headers with a different body (same noise)';
	if (seen.some((e) => e.key === push.key))
		return 'replayed headers with a different body (same msgId)';
	return undefined;
}

export class PushLedger {
	private readonly receivers = new Map<string, ReceiverRecord>();

	private receiver(id: string): ReceiverRecord {
		let record = this.receivers.get(id);
		if (!record) {
			record = {
				byKey: new Map(),
				byHeaders: new Map(),
				recent: [],
				released: new Set(),
				learned: new Map(),
			};
			this.receivers.set(id, record);
			if (this.receivers.size > RECEIVERS_MAX)
				this.receivers.delete(this.receivers.keys().next().value as string);
		}
		return record;
	}

	/**
	 * Decides a verified, decrypted delivery and, when it is new, records it as pending and writes it to
	 * `store` (the node's static data), merged with what this n8n instance accepted lately.
	 */
	admit(
		receiverId: string,
		store: Record<string, unknown>,
		push: PushDelivery,
		windowMs: number,
	): Admission {
		const record = this.receiver(receiverId);
		const persisted = this.learn(
			record,
			persistedOf(store).filter((e) => !record.released.has(e[0])),
		);
		const underSameHeaders = [
			...(record.byHeaders.get(push.headers) ?? []),
			...persisted
				.filter((e) => e.length >= 4 && e[2] === push.headers && push.at - e[1] <= windowMs)
				.map((e) => ({ key: e[0], body: e[3] as string, noise: e[4] })),
		];
		const altered = alteration(underSameHeaders, push);
		if (altered) return { kind: 'altered', reason: altered };

		const known = record.byKey.get(push.key);
		if (known?.pending) return { kind: 'pending', settled: known.pending.settled };
		if (known || persisted.some((e) => e[0] === push.key && push.at - e[1] < keepFor(windowMs)))
			return { kind: 'redelivery' };

		let settle: (taken: boolean) => void = () => undefined;
		const settled = new Promise<boolean>((resolve) => (settle = resolve));
		this.remember(record, { ...push, pending: { settled, settle } }, windowMs);
		store.pushLedger = {
			v: 2,
			accepted: this.merged(record, persisted, push.at, windowMs, push.key),
		} satisfies PersistedLedger;
		return { kind: 'new' };
	}

	/** What was loaded, and what this process learned from earlier loads and the loaded list no longer has, oldest first. */
	private learn(record: ReceiverRecord, loaded: PersistedEntry[]): PersistedEntry[] {
		for (const entry of loaded) {
			record.learned.delete(entry[0]);
			record.learned.set(entry[0], entry);
		}
		while (record.learned.size > PERSIST_MAX)
			record.learned.delete(record.learned.keys().next().value as string);
		if (record.learned.size === loaded.length) return loaded;
		return [...record.learned.values()].sort((a, b) => a[1] - b[1]);
	}

	/**
	 * The static-data list as this process knows it now, for the save n8n makes after the request: everything loaded
	 * by any request of this process since, not only by this one, so a save that lands late does not drop what
	 * another process saved in the meantime (when this process has seen it).
	 */
	snapshot(
		receiverId: string,
		store: Record<string, unknown>,
		ownKey: string,
		now: number,
		windowMs: number,
	): void {
		const record = this.receivers.get(receiverId);
		if (!record) return;
		// Asked for once n8n has registered the execution of `ownKey`: from now on other saves may write it too.
		const own = record.byKey.get(ownKey);
		if (own?.pending) own.pending.registered = true;
		const known = [...record.learned.values()].sort((a, b) => a[1] - b[1]);
		store.pushLedger = {
			v: 2,
			accepted: this.merged(record, known, now, windowMs, ownKey),
		} satisfies PersistedLedger;
	}

	/** n8n registered the execution of the pending message `key`: later copies are redeliveries. */
	confirm(receiverId: string, key: string): void {
		const entry = this.receivers.get(receiverId)?.byKey.get(key);
		if (!entry?.pending) return;
		const { settle } = entry.pending;
		delete entry.pending;
		settle(true);
	}

	/** n8n did not take the pending message `key`: forget it, so its redelivery is new. */
	release(receiverId: string, key: string): void {
		const record = this.receivers.get(receiverId);
		const entry = record?.byKey.get(key);
		if (!record || !entry?.pending) return;
		record.byKey.delete(key);
		const sameHeaders = record.byHeaders.get(entry.headers)?.filter((e) => e !== entry);
		if (sameHeaders?.length) record.byHeaders.set(entry.headers, sameHeaders);
		else record.byHeaders.delete(entry.headers);
		record.recent = record.recent.filter((e) => e !== entry);
		record.released.add(key);
		record.learned.delete(key);
		if (record.released.size > RELEASED_MAX)
			record.released.delete(record.released.values().next().value as string);
		entry.pending.settle(false);
	}

	private remember(record: ReceiverRecord, push: Accepted, windowMs: number): void {
		record.released.delete(push.key);
		record.byKey.set(push.key, push);
		const sameHeaders = record.byHeaders.get(push.headers);
		if (sameHeaders) sameHeaders.push(push);
		else record.byHeaders.set(push.headers, [push]);
		record.recent.push(push);
		if (record.recent.length > PERSIST_MAX) record.recent.shift();
		// Maps iterate in insertion order, so the oldest entries are at the front. A pending entry is never
		// evicted here: its request is still being answered.
		for (const [key, entry] of record.byKey) {
			if (
				entry.pending ||
				(record.byKey.size <= MEMORY_MAX && push.at - entry.at < keepFor(windowMs))
			)
				break;
			record.byKey.delete(key);
		}
		for (const [headers, entries] of record.byHeaders) {
			if (record.byHeaders.size <= MEMORY_MAX && push.at - entries[0].at <= windowMs) break;
			record.byHeaders.delete(headers);
		}
	}

	/**
	 * The static-data list: what the request loaded and what this instance accepted lately, each oldest
	 * first, merged in one pass (a key in both keeps the in-memory entry), the newest PERSIST_MAX kept.
	 * Of the messages still pending, only the request's own (`ownKey`: n8n saves the list once it holds that one's
	 * execution) and those whose execution n8n has registered are written: another message may never be taken (a
	 * crash, an error answer), and written down it would make that message's redelivery look like a copy of one n8n ran.
	 */
	private merged(
		record: ReceiverRecord,
		persisted: PersistedEntry[],
		now: number,
		windowMs: number,
		ownKey: string,
	): PersistedEntry[] {
		const keepMs = keepFor(windowMs);
		const mine = record.recent.filter(
			(p) => now - p.at < keepMs && (!p.pending || p.pending.registered || p.key === ownKey),
		);
		const inMemory = new Set(mine.map((p) => p.key));
		const loaded = persisted.filter((e) => now - e[1] < keepMs && !inMemory.has(e[0]));
		const out: PersistedEntry[] = [];
		let i = 0;
		let j = 0;
		while (i < loaded.length || j < mine.length) {
			if (j >= mine.length || (i < loaded.length && loaded[i][1] <= mine[j].at))
				out.push(loaded[i++]);
			else {
				const p = mine[j++];
				out.push([p.key, p.at, p.headers, p.body, p.noise]);
			}
		}
		return out
			.slice(-PERSIST_MAX)
			.map((e) => (e.length >= 4 && now - e[1] > windowMs ? [e[0], e[1]] : e));
	}
}
