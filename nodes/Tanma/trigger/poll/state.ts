import type { IDataObject } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../transport/protocol/endpoints';
import { formatTanmaTime, parseTanmaTime } from '../../transport/protocol/time';
import type { FilterCheckSchedule, TriggerRecord, TriggerState } from './cursor';
import {
	beginFilterCheck,
	beginScan,
	completeScan,
	markEmitted,
	markHandledUpTo,
	noteScanRequests,
	pruneSeen,
	scanFloor,
} from './cursor';
import type { Listing, ListOptions, TriggerUnit } from './sources';
import type { FailureOutcome, FailureVerdict, GivenUp, PlannedRead, UnitKind } from './units';
import {
	forgetSettledUnits,
	giveUpOnParked,
	newRecordsOf,
	oldestOwed,
	planReads,
	rememberFailure,
	rememberRead,
} from './units';

/**
 * Every change one poll makes to the trigger's state, as the four steps scan.ts takes: open the scan, take what the
 * listing showed, settle each read (or its failure), close the scan. The rules behind each are in ./cursor.ts and ./units.ts.
 */

/** Begins a scan (or carries on an unfinished one), a check of the filter when one is due. */
export function openScan(
	state: TriggerState,
	started: number,
	/** Only for a source whose listing relies on a filter Tanma did not publish. */
	filterCheck: FilterCheckSchedule | undefined,
): { floor: string; listing?: Listing } {
	beginScan(state, started);
	if (!filterCheck) return { floor: scanFloor(state) };
	beginFilterCheck(state, started, filterCheck);
	const check = state.filterCheck!;
	const listing =
		check.distrusted || check.onePage ? 'unfiltered' : state.scan?.check ? 'check' : 'filtered';
	return { floor: scanFloor(state), listing };
}

/** What the listing showed that n8n's log must hear about. */
export interface ListingNews {
	/** The filter left these customers out: from now on the trigger lists without it. */
	leftOut?: { count: number; example: string };
	/** A check could not tell (its rows carry no time): said once. */
	uncheckable?: true;
}

/**
 * Takes what a listing showed: a filter that left customers out is distrusted from now on; a tenant whose every
 * customer fits one search page is listed whole (the same one request, no filter to trust).
 */
export function takeListing(
	state: TriggerState,
	units: TriggerUnit[],
	report: NonNullable<ListOptions['report']>,
	started: number,
): ListingNews {
	const check = state.filterCheck;
	if (!check) return {};
	const news: ListingNews = {};
	const leftOut = units.filter((unit) => unit.leftOutByFilter);
	if (leftOut.length && !check.distrusted) {
		const example = `${leftOut[0].key[1]} (last follow-up ${leftOut[0].key[0]})`;
		check.distrusted = { at: formatTanmaTime(started), leftOut: leftOut.length, example };
		news.leftOut = { count: leftOut.length, example };
	}
	if (report.uncheckable && !check.uncheckable) {
		check.uncheckable = true;
		news.uncheckable = true;
	}
	if (report.everyone !== undefined) {
		if (report.everyone <= MAX_PAGE_SIZE) check.onePage = true;
		else delete check.onePage;
	}
	return news;
}

/** The reads this poll makes, and the key below which a unit is not remembered. */
export function readsToMake(
	state: TriggerState,
	units: TriggerUnit[],
	poll: { kind: UnitKind; nowMs: number; lateArrivalMs: number },
	contextOf: (id: string) => IDataObject,
): { planned: PlannedRead[]; boundary: string } {
	// Keys below this fall below `since` once this scan completes: such units are not remembered (./units.ts).
	const boundary = formatTanmaTime(
		(parseTanmaTime(state.scan!.start) ?? poll.nowMs) - poll.lateArrivalMs,
	);
	const planned = planReads(
		units,
		state,
		{
			kind: poll.kind,
			nowMs: poll.nowMs,
			since: state.since,
			checkFrom: state.scan?.check?.from,
			after: state.scan?.after,
			boundary,
		},
		contextOf,
	);
	return { planned, boundary };
}

/** The context a settled read needs from its poll. */
interface PollContext {
	kind: UnitKind;
	nowMs: number;
	lateArrivalMs: number;
	boundary: string;
}

/** Settles a read: its records not emitted before are marked emitted and returned, and its unit remembered. */
export function settleRead(
	state: TriggerState,
	read: PlannedRead,
	records: TriggerRecord[],
	poll: PollContext,
): TriggerRecord[] {
	markHandledUpTo(state, read.unit.key);
	const fresh = newRecordsOf(state, read, records);
	markEmitted(state, fresh);
	rememberRead(state, read, records, { ...poll, since: state.since });
	return fresh;
}

/**
 * Settles a failed read: the unit is owed a read (parked when it keeps failing); returns what became of it and since
 * when it has been failing, for n8n's log.
 */
export function settleFailure(
	state: TriggerState,
	read: PlannedRead,
	failure: FailureOutcome,
): { verdict: FailureVerdict; failingSince?: number } {
	markHandledUpTo(state, read.unit.key);
	const verdict = rememberFailure(state, read, failure);
	return { verdict, failingSince: state.units?.[read.unit.key[1]]?.fail?.first };
}

/**
 * Closes the poll's work: its requests counted against the filter check's share; the scan completed when every
 * planned read ran (reads not started, out of time, are found again by the resumed scan or still owed); ids and
 * units no read can need any more forgotten, and so are the listed units that have failed too long (returned, for
 * n8n's log; a fixed list keeps its units parked: the list bounds them).
 */
export function closeScan(
	state: TriggerState,
	poll: {
		nowMs: number;
		sent: number;
		checkRequests: number;
		everyReadRan: boolean;
		lateArrivalMs: number;
		/** The fixed list of units a source watches, when it has one. */
		listedIds?: ReadonlySet<string>;
	},
): GivenUp[] {
	noteScanRequests(state, poll.sent, poll.checkRequests);
	if (poll.everyReadRan) completeScan(state, poll.lateArrivalMs);
	const givenUp = poll.listedIds ? [] : giveUpOnParked(state, poll.nowMs);
	pruneSeen(state, oldestOwed(state));
	forgetSettledUnits(state, poll.listedIds);
	return givenUp;
}
