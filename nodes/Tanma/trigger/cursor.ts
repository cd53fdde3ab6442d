import { formatTanmaTime, parseTanmaTime } from '../transport/time';

/**
 * The trigger's memory, kept in the node's static data as plain JSON.
 *
 * A record is new when its time is at or after `since` and its id is not in `seen`. `seen` holds the ids
 * emitted with a time at or after `since`, so nothing is emitted twice; `since` only moves forward when a
 * scan has read every unit (customer) it found, and then only to the scan's start minus the late-arrival
 * window, so records that show up late with an older time are still caught. A scan that runs out of time
 * or hits an error records how far it got (`scan.after`) and the next poll carries on from there.
 * (A type, not an interface, so n8n's static data, an IDataObject, takes it without a cast.)
 */
export type TriggerState = {
	v: 1;
	/** Event and scope the state belongs to; a different one starts afresh. */
	config: string;
	/** Tanma time ("yyyy-MM-dd HH:mm:ss"): the oldest record time still watched. */
	since: string;
	/** Emitted record ids → record time in epoch seconds. */
	seen: Record<string, number>;
	/** An unfinished scan: when it started and the sort key of the last unit it finished. */
	scan?: { start: string; after?: UnitKey };
};

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
	return {
		v: 1,
		config,
		since: state.since,
		seen: state.seen && typeof state.seen === 'object' ? { ...state.seen } : {},
		...(state.scan ? { scan: { ...state.scan } } : {}),
	};
}

export function compareKeys(a: UnitKey, b: UnitKey): number {
	if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
	if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
	return 0;
}

/** Starts a scan at `started`, or carries on an unfinished one (its start and last read unit kept). */
export function beginScan(state: TriggerState, started: number): void {
	state.scan = { start: state.scan?.start ?? formatTanmaTime(started), ...(state.scan?.after ? { after: state.scan.after } : {}) };
}

/** Every record of this unit was emitted: an interrupted scan resumes after it. */
export function markUnitRead(state: TriggerState, key: UnitKey): void {
	if (state.scan) state.scan.after = key;
}

/** Units still to read in this scan, in key order. */
export function unitsToRead<T extends { key: UnitKey }>(units: T[], state: TriggerState): T[] {
	const after = state.scan?.after;
	return units
		.slice()
		.sort((a, b) => compareKeys(a.key, b.key))
		.filter((u) => !after || compareKeys(u.key, after) > 0);
}

/** Records of one unit that have not been emitted (deduplicated within the batch too). */
export function newRecords(state: TriggerState, records: TriggerRecord[]): TriggerRecord[] {
	const out: TriggerRecord[] = [];
	const batch = new Set<string>();
	for (const record of records) {
		if (record.time < state.since || record.id in state.seen || batch.has(record.id)) continue;
		batch.add(record.id);
		out.push(record);
	}
	return out;
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
 * A scan read everything it found: move `since` to the scan's start minus the late-arrival window
 * (never backwards) and forget ids older than that.
 */
export function completeScan(state: TriggerState, lateArrivalMs: number): void {
	const start = state.scan?.start;
	delete state.scan;
	if (!start) return;
	const candidate = formatTanmaTime((parseTanmaTime(start) ?? 0) - lateArrivalMs);
	if (candidate > state.since) state.since = candidate;
	const floorSeconds = Math.floor((parseTanmaTime(state.since) ?? 0) / 1000);
	for (const [id, seconds] of Object.entries(state.seen)) {
		if (seconds < floorSeconds) delete state.seen[id];
	}
}
