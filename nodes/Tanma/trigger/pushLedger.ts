/**
 * The push trigger's record of accepted messages, so each one starts the workflow once.
 *
 * Two layers. n8n loads a workflow's static data per request and saves it only after the request is
 * handled, so a copy arriving in between would not see the first one there: an in-memory record per
 * trigger (workflow + node) answers at once. The static-data list (last PERSIST_MAX, KEEP_MS or the replay window) carries the
 * record across restarts. Checking and recording happen in one synchronous step, so two copies handled
 * at the same moment by one n8n instance cannot both pass.
 *
 * The same record refuses altered replays: Tanma's header sign covers the timestamp but not the body, and
 * CTR ciphertext can be changed bit by bit, so a body that differs from the one first accepted under the
 * same timestamp header is refused.
 */

export const KEEP_MS = 24 * 60 * 60 * 1000;
/** How long an accepted message is remembered: a day, or the replay window if longer, so no redelivery the window lets in is new. */
const keepFor = (windowMs: number) => Math.max(KEEP_MS, windowMs);
export const PERSIST_MAX = 500;
/** Accepted messages kept in memory per trigger, and triggers kept in memory per n8n instance. */
export const MEMORY_MAX = 10_000;
export const SCOPES_MAX = 1_000;

export interface AcceptedPush {
	/** type + ":" + msgId */
	key: string;
	/** When it was accepted (ms). */
	at: number;
	/** The signed timestamp header it came with; the sign is a function of it once verified. */
	timestamp: string;
	/** Short digest of the raw body. */
	body: string;
}

/** Static-data form: [key, at] or, while inside the replay window, [key, at, timestamp, body]. */
type PersistedEntry = [string, number] | [string, number, string, string];

interface PersistedLedger {
	v: 1;
	accepted: PersistedEntry[];
}

interface Scope {
	byKey: Map<string, AcceptedPush>;
	byTimestamp: Map<string, AcceptedPush>;
	/** The newest accepted, oldest first, at most PERSIST_MAX: what the next save merges in. */
	recent: AcceptedPush[];
}

export type Admission = 'new' | 'redelivery';

function persistedOf(store: Record<string, unknown>): PersistedEntry[] {
	const ledger = store.pushLedger as PersistedLedger | undefined;
	return ledger && ledger.v === 1 && Array.isArray(ledger.accepted) ? ledger.accepted : [];
}

export class PushLedger {
	private readonly scopes = new Map<string, Scope>();

	private scope(id: string): Scope {
		let scope = this.scopes.get(id);
		if (!scope) {
			scope = { byKey: new Map(), byTimestamp: new Map(), recent: [] };
			this.scopes.set(id, scope);
			if (this.scopes.size > SCOPES_MAX) this.scopes.delete(this.scopes.keys().next().value as string);
		}
		return scope;
	}

	/**
	 * Whether a message with this timestamp header was already accepted with a different body inside the
	 * replay window (an altered replay). The same body is a redelivery, decided by `admit`.
	 */
	isAlteredReplay(scopeId: string, store: Record<string, unknown>, timestamp: string, body: string): boolean {
		const seen = this.scopes.get(scopeId)?.byTimestamp.get(timestamp);
		if (seen) return seen.body !== body;
		return persistedOf(store).some((e) => e.length === 4 && e[2] === timestamp && e[3] !== body);
	}

	/**
	 * Records a verified message and says whether it is new. A new one is also written to `store` (the
	 * node's static data), merged with what this n8n instance accepted lately, trimmed to PERSIST_MAX.
	 */
	admit(scopeId: string, store: Record<string, unknown>, push: AcceptedPush, windowMs: number): Admission {
		const scope = this.scope(scopeId);
		const persisted = persistedOf(store);
		if (scope.byKey.has(push.key) || persisted.some((e) => e[0] === push.key && push.at - e[1] < keepFor(windowMs))) {
			return 'redelivery';
		}
		this.remember(scope, push, windowMs);
		store.pushLedger = { v: 1, accepted: this.merged(scope, persisted, push.at, windowMs) } satisfies PersistedLedger;
		return 'new';
	}

	private remember(scope: Scope, push: AcceptedPush, windowMs: number): void {
		scope.byKey.set(push.key, push);
		scope.byTimestamp.set(push.timestamp, push);
		scope.recent.push(push);
		if (scope.recent.length > PERSIST_MAX) scope.recent.shift();
		// Maps iterate in insertion order, so the oldest entries are at the front.
		for (const [key, entry] of scope.byKey) {
			if (scope.byKey.size <= MEMORY_MAX && push.at - entry.at < keepFor(windowMs)) break;
			scope.byKey.delete(key);
		}
		for (const [timestamp, entry] of scope.byTimestamp) {
			if (scope.byTimestamp.size <= MEMORY_MAX && push.at - entry.at <= windowMs) break;
			scope.byTimestamp.delete(timestamp);
		}
	}

	private merged(scope: Scope, persisted: PersistedEntry[], now: number, windowMs: number): PersistedEntry[] {
		const byKey = new Map<string, PersistedEntry>();
		const keepMs = keepFor(windowMs);
		for (const entry of persisted) if (now - entry[1] < keepMs) byKey.set(entry[0], entry);
		for (const push of scope.recent) {
			if (now - push.at < keepMs) byKey.set(push.key, [push.key, push.at, push.timestamp, push.body]);
		}
		return [...byKey.values()]
			.sort((a, b) => a[1] - b[1])
			.slice(-PERSIST_MAX)
			.map((e) => (e.length === 4 && now - e[1] > windowMs ? [e[0], e[1]] : e));
	}
}
