import type { IDataObject } from 'n8n-workflow';

import type { TanmaFailure } from '../../transport/errors';
import { formatTanmaTime, parseTanmaTime } from '../../transport/protocol/time';
import type { TriggerRecord, TriggerState } from './cursor';
import { compareKeys } from './cursor';
import type { TriggerUnit } from './sources';

/**
 * What the trigger remembers of one unit (a customer whose follow-ups it reads, a lead) between polls, in
 * TriggerState.units by unit id. It is what lets a poll read a customer only when there can be something new for
 * it, and lets a customer whose reads fail be tried again without holding back the others.
 * (A type, not an interface, so n8n's static data takes it without a cast.)
 */
export type UnitMemo = {
	/** The unit's listing key (a customer's last follow-up time) at its last successful read; '' before one. */
	k: string;
	/**
	 * Ids of the records that read returned from `since` on: what was emitted of this unit, should `since` pass
	 * them while the unit cannot be read (they are kept while `seen` holds them, and frozen while it fails).
	 */
	ids?: string[];
	/**
	 * A read still owed: the unit's records from `from` (Tanma time) on may not have been emitted. Not before `due`
	 * (epoch seconds). `context`: what the listing said of a failing unit, for a read once it is no longer listed.
	 */
	owed?: { from: string; due: number; context?: IDataObject };
	fail?: UnitFailure;
};

/** A unit whose reads fail. */
export type UnitFailure = {
	/** Failed reads that count toward parking, and the first of them (epoch seconds). */
	count: number;
	first: number;
	/** What the last failure said, for n8n's log. */
	said: string;
	/** Not read on every poll any more: tried again at `owed.due`. */
	parked?: true;
};

/**
 * How a source's units are read:
 * - records: a customer's follow-up list, many records; read when its key moves, and once more when its
 *   late-arrival window closes (an older record can show up after a newer one without moving the key);
 *   a key of '' (the source cannot tell what moved) is read on every poll;
 * - record: the unit is one record (a lead): read once, until it has been emitted;
 * - inline: the listing carries the records; nothing to read.
 */
export type UnitKind = 'records' | 'record' | 'inline';

/** How long a unit may fail (failures that count) before it is no longer read on every poll. */
export const FAILING_BOUND_MS = 60 * 60 * 1000;
/** A unit that failed at least this often and for the bound is parked; one Tanma says does not exist at once. */
export const FAILING_BOUND_COUNT = 3;
/** How often a parked unit is tried again. */
export const PARKED_RETRY_MS = 60 * 60 * 1000;
/**
 * A parked unit the listing found (not one on the user's list) is given up after failing this long: a deleted
 * customer would otherwise cost a request an hour and a place in the state for ever.
 */
export const GIVE_UP_MS = 24 * 60 * 60 * 1000;

/**
 * A vendor message that says the unit does not exist (a deleted customer, a mistyped id). Tanma publishes no code for
 * it (its answer is the generic -1), so this reads the message: an inference the node states when it acts on it.
 */
const DOES_NOT_EXIST = /不存在|does not exist|not exist|not found/i;

export function saysDoesNotExist(failure: TanmaFailure | undefined): boolean {
	return failure?.kind === 'vendor' && DOES_NOT_EXIST.test(failure.message);
}

/** A read this poll makes: the unit, and the oldest record time it emits. */
export interface PlannedRead {
	unit: TriggerUnit;
	from: string;
}

export interface PlanContext {
	kind: UnitKind;
	nowMs: number;
	/** Where this poll's records start: `since`, or a check's `from` for what only the unfiltered listing found. */
	since: string;
	checkFrom?: string;
	/** Units this unfinished scan has already read (old keys, not remembered: see rememberRead). */
	after?: [string, string];
	/** Keys below this are not memorised: they fall below `since` once this scan completes. */
	boundary: string;
}

const idOf = (unit: TriggerUnit) => unit.key[1];
const seconds = (ms: number) => Math.floor(ms / 1000);
const minTime = (a: string, b: string) => (a < b ? a : b);

/** The same unit listed twice (shifted pages): the newer key wins. */
function oncePerUnit(units: TriggerUnit[]): TriggerUnit[] {
	const byId = new Map<string, TriggerUnit>();
	for (const unit of units) {
		const known = byId.get(idOf(unit));
		if (!known || compareKeys(unit.key, known.key) > 0) byId.set(idOf(unit), unit);
	}
	return [...byId.values()];
}

/** The floor of a read of this listed unit, or undefined when nothing new can be in it. */
function readFrom(
	unit: TriggerUnit,
	memo: UnitMemo | undefined,
	state: TriggerState,
	plan: PlanContext,
): string | undefined {
	const leftOut = unit.leftOutByFilter && plan.checkFrom !== undefined;
	const floor = leftOut ? minTime(plan.checkFrom!, plan.since) : plan.since;
	const owedFrom = memo?.owed ? minTime(memo.owed.from, floor) : floor;
	if (memo?.owed && memo.owed.due <= seconds(plan.nowMs)) return owedFrom;
	if (memo?.fail?.parked) return undefined;
	if (unit.records) return floor;
	if (plan.kind === 'record') return idOf(unit) in state.seen ? undefined : owedFrom;
	const key = unit.key[0];
	// Read earlier in this unfinished scan, and not remembered since (an old key, or a source that cannot tell).
	const passed = plan.after !== undefined && compareKeys(unit.key, plan.after) <= 0;
	if (key === '') return passed ? undefined : owedFrom;
	// Below `since` only in a check: what the filter returned was read when it was active.
	if (key < plan.since && !leftOut) return undefined;
	if (!memo) return passed ? undefined : floor;
	return key !== memo.k ? owedFrom : undefined;
}

/**
 * The reads of this poll, in key order: each listed unit that can hold something new (above), and each remembered
 * unit owed a read that the listing no longer shows (a parked customer, a failed read whose customer moved on).
 */
export function planReads(
	listed: TriggerUnit[],
	state: TriggerState,
	plan: PlanContext,
	/** The least a source needs to read a unit it no longer lists (its id as the source's field). */
	contextOf: (id: string) => IDataObject,
): PlannedRead[] {
	const memos = state.units ?? {};
	const reads: PlannedRead[] = [];
	const listedIds = new Set<string>();
	for (const unit of oncePerUnit(listed)) {
		listedIds.add(idOf(unit));
		const from = readFrom(unit, memos[idOf(unit)], state, plan);
		if (from !== undefined) reads.push({ unit, from });
	}
	const now = seconds(plan.nowMs);
	for (const [id, memo] of Object.entries(memos)) {
		if (listedIds.has(id) || !memo.owed || memo.owed.due > now) continue;
		const context = memo.owed.context ?? contextOf(id);
		reads.push({ unit: { key: [memo.k, id], context }, from: memo.owed.from });
	}
	return reads.sort((a, b) => compareKeys(a.unit.key, b.unit.key));
}

/** Records of a read that were not emitted before (deduplicated within the read too). */
export function newRecordsOf(
	state: TriggerState,
	read: PlannedRead,
	records: TriggerRecord[],
): TriggerRecord[] {
	const known = new Set(state.units?.[idOf(read.unit)]?.ids ?? []);
	const out: TriggerRecord[] = [];
	for (const record of records) {
		if (record.time < read.from || record.id in state.seen || known.has(record.id)) continue;
		known.add(record.id);
		out.push(record);
	}
	return out;
}

export interface ReadOutcome {
	kind: UnitKind;
	nowMs: number;
	lateArrivalMs: number;
	since: string;
	boundary: string;
}

/**
 * A successful read: what to remember of the unit. A customer is remembered while its key or records are recent
 * (at or after `boundary`), with its late-arrival read owed while its window is open; older units of an unfinished
 * scan are tracked by the scan's `after` instead, so a long backfill keeps the state small.
 */
export function rememberRead(
	state: TriggerState,
	read: PlannedRead,
	records: TriggerRecord[],
	outcome: ReadOutcome,
): void {
	const units = (state.units ??= {});
	const id = idOf(read.unit);
	if (outcome.kind !== 'records') {
		delete units[id];
		return;
	}
	const key = read.unit.key[0];
	const recent = records.filter((r) => r.time >= outcome.boundary);
	if (key < outcome.boundary && !recent.length) {
		delete units[id];
		return;
	}
	const keyMs = key === '' ? undefined : parseTanmaTime(key);
	const windowOpen =
		keyMs !== undefined &&
		outcome.lateArrivalMs > 0 &&
		outcome.nowMs < keyMs + outcome.lateArrivalMs;
	const ids = records.filter((r) => r.time >= outcome.since).map((r) => r.id);
	units[id] = {
		k: key,
		...(ids.length ? { ids } : {}),
		...(windowOpen
			? {
					owed: {
						from: formatTanmaTime(outcome.nowMs - outcome.lateArrivalMs),
						due: Math.ceil((keyMs + outcome.lateArrivalMs) / 1000),
					},
				}
			: {}),
	};
}

export interface FailureOutcome {
	nowMs: number;
	/** Whether this failure counts toward parking: it is about the unit, or others could be read (./scan.ts). */
	counts: boolean;
	failure: TanmaFailure | undefined;
	said: string;
}

/** What became of a failed read, for n8n's log. */
export type FailureVerdict = 'retry' | 'parked' | 'stillParked';

/** A failed read: the unit is owed a read from the same floor, tried next poll or, once parked, on its schedule. */
export function rememberFailure(
	state: TriggerState,
	read: PlannedRead,
	outcome: FailureOutcome,
): FailureVerdict {
	const units = (state.units ??= {});
	const id = idOf(read.unit);
	const memo: UnitMemo = units[id] ?? { k: '' };
	const now = seconds(outcome.nowMs);
	const wasParked = Boolean(memo.fail?.parked);
	const count = (memo.fail?.count ?? 0) + (outcome.counts ? 1 : 0);
	const first = memo.fail?.first ?? now;
	const parked =
		wasParked ||
		saysDoesNotExist(outcome.failure) ||
		(count >= FAILING_BOUND_COUNT && (now - first) * 1000 >= FAILING_BOUND_MS);
	units[id] = {
		...memo,
		owed: {
			from: memo.owed ? minTime(memo.owed.from, read.from) : read.from,
			due: parked ? now + PARKED_RETRY_MS / 1000 : now,
			context: read.unit.context,
		},
		fail: { count, first, said: outcome.said, ...(parked ? { parked: true as const } : {}) },
	};
	return wasParked ? 'stillParked' : parked ? 'parked' : 'retry';
}

/** A unit given up on, for n8n's log: its records from `from` on were not emitted. */
export interface GivenUp {
	id: string;
	from: string;
	said: string;
}

/** Forgets the parked units that have failed for GIVE_UP_MS and returns them (call it only for listed units). */
export function giveUpOnParked(state: TriggerState, nowMs: number): GivenUp[] {
	const givenUp: GivenUp[] = [];
	for (const [id, memo] of Object.entries(state.units ?? {})) {
		const fail = memo.fail;
		if (!fail?.parked || (seconds(nowMs) - fail.first) * 1000 < GIVE_UP_MS) continue;
		givenUp.push({ id, from: memo.owed?.from ?? state.since, said: fail.said });
		delete state.units![id];
	}
	return givenUp;
}

/** The oldest record time some owed read still needs `seen` for (parked units keep their own `ids`). */
export function oldestOwed(state: TriggerState): string | undefined {
	let oldest: string | undefined;
	for (const memo of Object.values(state.units ?? {})) {
		if (!memo.owed || memo.fail?.parked) continue;
		if (oldest === undefined || memo.owed.from < oldest) oldest = memo.owed.from;
	}
	return oldest;
}

/**
 * Forgets what is no longer needed once `seen` has been pruned: a remembered unit whose key fell below `since`
 * with nothing owed and none of its ids left; ids of records older than `since` (while the unit is healthy);
 * with a fixed list of units (`listedIds`), units no longer on it.
 */
export function forgetSettledUnits(state: TriggerState, listedIds?: ReadonlySet<string>): void {
	const units = state.units;
	if (!units) return;
	const sinceSeconds = Math.floor((parseTanmaTime(state.since) ?? 0) / 1000);
	for (const [id, memo] of Object.entries(units)) {
		if (listedIds && !listedIds.has(id)) {
			delete units[id];
			continue;
		}
		if (memo.fail) continue;
		// Should it fail later, its reads start at `since` or later: older ids no longer matter.
		const ids = memo.ids?.filter((recordId) => (state.seen[recordId] ?? -1) >= sinceSeconds);
		if (ids?.length) memo.ids = ids;
		else delete memo.ids;
		if (!memo.owed && !memo.ids && (memo.k === '' || memo.k < state.since)) delete units[id];
	}
	if (!Object.keys(units).length) delete state.units;
}
