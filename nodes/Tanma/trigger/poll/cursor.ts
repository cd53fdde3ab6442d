import { formatTanmaTime, parseTanmaTime } from '../../transport/protocol/time';
import type { UnitMemo } from './units';

/**
 * The trigger's memory, kept in the node's static data as plain JSON.
 *
 * A record is new when its time is at or after `since` and its id is not in `seen`. `seen` holds the ids
 * emitted with a time at or after `since`, so nothing is emitted twice; `since` only moves forward when a
 * scan has handled every unit (customer) it found, and then only to the scan's start minus the late-arrival
 * window, so records that show up late with an older time are still caught. A scan that runs out of time
 * records how far it got (`scan.after`) and the next poll carries on from there. `units` remembers the recent
 * customers (./units.ts): what was read at which key, the reads still owed, and the customers whose reads fail.
 * (A type, not an interface, so n8n's static data, an IDataObject, takes it without a cast.)
 */
export type TriggerState = {
	v: 1;
	/** Event and watch the state belongs to; a different one starts afresh. */
	config: string;
	/** Tanma time ("yyyy-MM-dd HH:mm:ss"): the oldest record time still watched. */
	since: string;
	/** Emitted record ids → record time in epoch seconds. */
	seen: Record<string, number>;
	/**
	 * An unfinished scan: when it started and the sort key of the last unit it handled; `check` when it is a
	 * check of the source's filter, reading records from `check.from` on.
	 */
	scan?: { start: string; after?: UnitKey; check?: { from: string; cost?: number } };
	/** Recent and failing units by unit id (./units.ts). */
	units?: Record<string, UnitMemo>;
	/** The check of the source's unpublished filter (sources with `checkedFilter` only). */
	filterCheck?: FilterCheckState;
	/** When the poll that wrote this state started (Tanma time): where a changed configuration carries on from. */
	polledAt?: string;
	/** Names this version of the state, new at every poll (./memory.ts). */
	rev?: string;
};

/**
 * While the filter is trusted, `seen` keeps the ids of records from `from` on (bounded by the check interval), so
 * the next check can emit what the filter left out since the last one without repeating anything.
 */
export type FilterCheckState = {
	/** Where the next check reads from: the last finished check's start minus the late-arrival window. */
	from: string;
	/** Start of the last finished check (Tanma time); none yet: the next scan checks. */
	lastAt?: string;
	/** A check found customers the filter left out: the source lists without it from then on. */
	distrusted?: { at: string; leftOut: number; example: string };
	/**
	 * The last listing without the filter held every customer in one search page: the source lists them all, for
	 * the same single request, and relies on no filter (each such scan counts as a check that found nothing).
	 */
	onePage?: true;
	/** A check could not tell (the rows carry no time); said once in n8n's log. */
	uncheckable?: boolean;
	/** Requests the last check's unfiltered listing cost; all checks' requests so far, and all other requests. */
	cost?: number;
	spent?: number;
	requests?: number;
};

/**
 * When the filter is checked: every `intervalMs`, or (`maxShare`, the default schedule) at most that often and
 * only while all checks so far, the next one included, stay within that share of the scans' other requests.
 */
export interface FilterCheckSchedule {
	intervalMs: number;
	maxShare?: number;
}

/** Units are read in ascending order of [time, id]; a unit whose key moves forward is read again. */
export type UnitKey = [string, string];

export interface TriggerRecord {
	id: string;
	/** Tanma time of the record. */
	time: string;
	json: Record<string, unknown>;
}

export function freshState(config: string, sinceMs: number): TriggerState {
	return { v: 1, config, since: formatTanmaTime(sinceMs), seen: {} };
}

/** The saved state if it is ours and for this configuration, else undefined. */
export function loadState(raw: unknown, config: string): TriggerState | undefined {
	if (!raw || typeof raw !== 'object') return undefined;
	const state = raw as Partial<TriggerState>;
	if (state.v !== 1 || state.config !== config || typeof state.since !== 'string') return undefined;
	if (parseTanmaTime(state.since) === undefined) return undefined;
	const filterCheck =
		state.filterCheck && typeof state.filterCheck.from === 'string'
			? { ...state.filterCheck }
			: undefined;
	const units =
		state.units && typeof state.units === 'object'
			? (JSON.parse(JSON.stringify(state.units)) as Record<string, UnitMemo>)
			: undefined;
	return {
		v: 1,
		config,
		since: state.since,
		seen: state.seen && typeof state.seen === 'object' ? { ...state.seen } : {},
		...(state.scan ? { scan: { ...state.scan } } : {}),
		...(units ? { units } : {}),
		...(filterCheck ? { filterCheck } : {}),
		...(typeof state.polledAt === 'string' ? { polledAt: state.polledAt } : {}),
		...(typeof state.rev === 'string' ? { rev: state.rev } : {}),
	};
}

/** The revision of a saved state ('' when there is none, or it has none). */
export function revOf(raw: unknown): string {
	return raw && typeof raw === 'object' && typeof (raw as TriggerState).rev === 'string'
		? (raw as TriggerState).rev!
		: '';
}

/** When the last poll of a saved state of any configuration started, if it says. */
export function lastPolledAt(raw: unknown): string | undefined {
	const polledAt = raw && typeof raw === 'object' ? (raw as TriggerState).polledAt : undefined;
	return typeof polledAt === 'string' && parseTanmaTime(polledAt) !== undefined
		? polledAt
		: undefined;
}

/**
 * When each trigger of a workflow first ran with no state for its configuration (by node id), kept in the
 * workflow's global static data. n8n saves that at activation under every scheduler, while the trigger's own
 * state of that first poll is dropped by the durable scheduler with durable cursors (docs/tanma-trigger.md).
 */
export type ActivationMarks = Record<string, { config: string; at: string }>;
export const ACTIVATION_MARKS_KEY = 'tanmaTriggerActivations';

function marksIn(global: Record<string, unknown>): ActivationMarks | undefined {
	const marks = global[ACTIVATION_MARKS_KEY];
	return marks && typeof marks === 'object' && !Array.isArray(marks)
		? (marks as ActivationMarks)
		: undefined;
}

/** The moment this trigger's configuration was first seen without state, if it was marked. */
export function activationMark(
	global: Record<string, unknown>,
	nodeId: string,
	config: string,
): string | undefined {
	const mark = marksIn(global)?.[nodeId];
	return mark &&
		mark.config === config &&
		typeof mark.at === 'string' &&
		parseTanmaTime(mark.at) !== undefined
		? mark.at
		: undefined;
}

export function markActivation(
	global: Record<string, unknown>,
	nodeId: string,
	config: string,
	at: string,
): void {
	global[ACTIVATION_MARKS_KEY] = { ...marksIn(global), [nodeId]: { config, at } };
}

/** The trigger's own state is saved: its mark is no longer needed. */
export function clearActivationMark(global: Record<string, unknown>, nodeId: string): void {
	const marks = marksIn(global);
	if (!marks || !(nodeId in marks)) return;
	const rest = { ...marks };
	delete rest[nodeId];
	if (Object.keys(rest).length) global[ACTIVATION_MARKS_KEY] = rest;
	else delete global[ACTIVATION_MARKS_KEY];
}

export function compareKeys(a: UnitKey, b: UnitKey): number {
	if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
	if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
	return 0;
}

/** Starts a scan at `started`, or carries on an unfinished one (its start and last read unit kept). */
export function beginScan(state: TriggerState, started: number): void {
	const { after, check } = state.scan ?? {};
	state.scan = {
		start: state.scan?.start ?? formatTanmaTime(started),
		...(after ? { after } : {}),
		...(check ? { check } : {}),
	};
}

/**
 * Makes this scan a check of the source's filter when one is due (never checked, or the last check is
 * `intervalMs` old) or an unfinished check is being carried on; never once the filter is distrusted.
 */
export function beginFilterCheck(
	state: TriggerState,
	started: number,
	schedule: FilterCheckSchedule,
): void {
	const check = (state.filterCheck ??= { from: state.since });
	// Only a fresh scan becomes a check: one carried on has passed units a check would have to read.
	if (!state.scan || check.distrusted || check.onePage || state.scan.check || state.scan.after)
		return;
	const last = check.lastAt === undefined ? undefined : parseTanmaTime(check.lastAt);
	const due =
		last === undefined ||
		(started - last >= schedule.intervalMs &&
			(schedule.maxShare === undefined ||
				(check.requests ?? 0) * schedule.maxShare >= (check.spent ?? 0) + (check.cost ?? 0)));
	if (due) state.scan.check = { from: check.from < state.since ? check.from : state.since };
}

/** What one poll sent: a check's own listing adds to the checks' cost, the rest to the scans' requests. */
export function noteScanRequests(state: TriggerState, sent: number, checkRequests: number): void {
	const check = state.filterCheck;
	if (!check) return;
	if (state.scan?.check) state.scan.check.cost = (state.scan.check.cost ?? 0) + checkRequests;
	check.spent = (check.spent ?? 0) + checkRequests;
	check.requests = (check.requests ?? 0) + sent - checkRequests;
}

/** The oldest record time this scan emits: the check's start for a check, else `since`. */
export function scanFloor(state: TriggerState): string {
	return state.scan?.check?.from ?? state.since;
}

/** The scan has handled every unit up to this key: an unfinished scan resumes after it. */
export function markHandledUpTo(state: TriggerState, key: UnitKey): void {
	if (state.scan && (!state.scan.after || compareKeys(key, state.scan.after) > 0))
		state.scan.after = key;
}

export function markEmitted(state: TriggerState, records: TriggerRecord[]): void {
	for (const record of records) {
		state.seen[record.id] = Math.floor((parseTanmaTime(record.time) ?? 0) / 1000);
	}
}

/** Oldest first; ties by id so the order is stable. */
export function emissionOrder(a: TriggerRecord, b: TriggerRecord): number {
	if (a.time !== b.time) return a.time < b.time ? -1 : 1;
	if (a.id.length !== b.id.length) return a.id.length - b.id.length;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A scan handled everything it found: move `since` to the scan's start minus the late-arrival window
 * (never backwards).
 */
export function completeScan(state: TriggerState, lateArrivalMs: number): void {
	const start = state.scan?.start;
	const checked = state.scan?.check;
	delete state.scan;
	if (!start) return;
	const candidate = formatTanmaTime((parseTanmaTime(start) ?? 0) - lateArrivalMs);
	if (candidate > state.since) state.since = candidate;
	const check = state.filterCheck;
	if (check && (checked || (check.onePage && !check.distrusted))) {
		check.lastAt = start;
		check.from = state.since;
		check.cost = checked?.cost ?? 0;
	}
}

/**
 * Forgets the ids no read may still need: `seen` keeps them from `since`, a trusted filter's next check, or
 * `owedFrom` (the oldest record time a read still owed starts at: ./units.ts `oldestOwed`), whichever is oldest.
 */
export function pruneSeen(state: TriggerState, owedFrom?: string): void {
	const check = state.filterCheck;
	let keepFrom = state.since;
	if (check && !check.distrusted && check.from < keepFrom) keepFrom = check.from;
	if (owedFrom !== undefined && owedFrom < keepFrom) keepFrom = owedFrom;
	const floorSeconds = Math.floor((parseTanmaTime(keepFrom) ?? 0) / 1000);
	for (const [id, seconds] of Object.entries(state.seen)) {
		if (seconds < floorSeconds) delete state.seen[id];
	}
}
