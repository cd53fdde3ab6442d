import { randomBytes } from 'crypto';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { loadTanmaCredentials } from '../../transport';
import { readInOrder, ReadPacer } from '../../transport/concurrency';
import { asNodeError, failureText, tanmaFailureOf } from '../../transport/errors';
import { formatTanmaTime, parseTanmaTime } from '../../transport/protocol/time';
import type { FilterCheckSchedule, TriggerRecord, TriggerState } from './cursor';
import {
	activationMark,
	clearActivationMark,
	emissionOrder,
	freshState,
	lastPolledAt,
	loadState,
	markActivation,
	revOf,
} from './cursor';
import { aboutTheUnit, logFailure, logGivenUp } from './failures';
import { PollMemory } from './memory';
import type { ListOptions, ScanOptions, TriggerSource } from './sources';
import { windowEnd } from './sources';
import type { ListingNews } from './state';
import { closeScan, openScan, readsToMake, settleFailure, settleRead, takeListing } from './state';
import type { PlannedRead } from './units';

/** Stop reading new units after this share of n8n's poll budget, leaving time to hand over. */
export const POLL_BUDGET_SHARE = 0.6;
/** No read waits to be tried again (a busy answer's Retry-After) past this share of the budget. */
export const RETRY_BUDGET_SHARE = 0.8;

export interface PollSettings {
	/** Event and watch; state saved under another configuration is discarded. */
	config: string;
	/** This trigger: its node id (the key of its activation mark) and "<workflow id>:<node id>" (its memory). */
	nodeId: string;
	receiverId: string;
	/** How long after its own time a record may still appear. */
	lateArrivalMs: number;
	/** Backfill start for the first activation; "now" when absent. */
	startFromMs?: number;
	/** Stop reading new units once this share of the poll budget is used. */
	budgetMs: number;
	/** No request waits to be tried again past this much of the poll budget. */
	retryBudgetMs: number;
	/** Units (and list pages) read at once; drops to 1 for the rest of the poll at the first sign of overload. */
	maxParallel: number;
	/** When a source's unpublished filter is checked by a listing without it (sources with `checkedFilter`). */
	filterCheck: FilterCheckSchedule;
	clock: () => number;
}

/** What a listing showed that n8n's log must hear about (./state.ts takeListing). */
function logListingNews(this: IPollFunctions, source: TriggerSource, news: ListingNews): void {
	const trigger = `Tanma Trigger "${this.getNode().name}"`;
	if (news.leftOut)
		this.logger.warn(
			`${trigger}: Tanma's search filter ${source.checkedFilter} left out ${news.leftOut.count} customers last followed up in the window, e.g. ${news.leftOut.example}. Their follow-ups are emitted now; from now on this trigger lists every customer and checks the last follow-up time itself (one search request per 100 customers per poll).`,
		);
	if (news.uncheckable)
		this.logger.warn(
			`${trigger}: the check of Tanma's search filter ${source.checkedFilter} could not tell whether it holds: the customer rows carry no qwLastFollowTime. Every customer is read in each check.`,
		);
}

/** Manual "Fetch Test Event" looks this far back and reads at most this many units. */
const MANUAL_LOOKBACK_MS = 30 * 24 * 60 * 60 * 1000;
const MANUAL_UNIT_CAP = 10;

function usableRecords(records: TriggerRecord[]): TriggerRecord[] {
	return records.filter((r) => r.id && r.id !== 'undefined' && r.time);
}

/** Where a trigger keeps what it knows: its node's static data and the workflow's global static data. */
export interface PollStores {
	node: IDataObject;
	global: IDataObject;
}

/**
 * A first activation starts this long before the trigger's first poll: n8n runs it a moment after the workflow
 * is published, and Tanma stamps records to the second with its own clock, so a record written as the user
 * publishes could otherwise be stamped before the start.
 */
export const FIRST_ACTIVATION_LOOKBACK_MS = 30 * 1000;

/** One per n8n process: what each trigger wrote last, for schedulers that save only polls that emit. */
const memory = new PollMemory();

/**
 * Where a configuration with no state of its own starts: Start From; else the moment it was first seen without
 * state (marked in the global static data, which every scheduler saves at activation); else where the previous
 * configuration's last poll started, so nothing written after a change is missed under a scheduler that runs
 * no poll when the workflow is published. Undefined: first activation, start from now.
 */
function startingPoint(
	previous: unknown,
	stores: PollStores,
	settings: PollSettings,
): number | undefined {
	if (settings.startFromMs !== undefined) return settings.startFromMs;
	const from =
		activationMark(stores.global, settings.nodeId, settings.config) ?? lastPolledAt(previous);
	return from === undefined ? undefined : parseTanmaTime(from);
}

/** Stamps the poll's new state (time, revision) and saves it in the node's static data and in this n8n's memory. */
function saveState(
	stores: PollStores,
	settings: PollSettings,
	fromRev: string,
	state: TriggerState,
	started: number,
): void {
	state.polledAt = formatTanmaTime(started);
	state.rev = `${started.toString(36)}.${randomBytes(4).toString('hex')}`;
	stores.node.state = state;
	memory.remember(settings.receiverId, fromRev, state);
}

/**
 * One poll: returns the records not emitted before (oldest first) and stores the new state in `stores.node`.
 * State is written only when the poll returns normally, so a failed poll leaves the previous state.
 */
export async function pollNewRecords(
	this: IPollFunctions,
	source: TriggerSource,
	stores: PollStores,
	settings: PollSettings,
): Promise<IDataObject[]> {
	const started = settings.clock();
	const loaded = stores.node.state;
	const current = memory.recall(settings.receiverId, revOf(loaded)) ?? loaded;
	const saved = loadState(current, settings.config);
	if (saved) {
		// n8n holds state of this configuration: the activation mark has done its job.
		if (loadState(loaded, settings.config)) clearActivationMark(stores.global, settings.nodeId);
		return await scan.call(this, source, stores, saved, settings, started, revOf(current));
	}
	const since = startingPoint(current, stores, settings);
	if (since === undefined) {
		// First activation: start from (about) now, emit no history.
		const start = started - FIRST_ACTIVATION_LOOKBACK_MS;
		markActivation(stores.global, settings.nodeId, settings.config, formatTanmaTime(start));
		saveState(stores, settings, revOf(current), freshState(settings.config, start), started);
		return [];
	}
	return await scan.call(
		this,
		source,
		stores,
		freshState(settings.config, since),
		settings,
		started,
		revOf(current),
	);
}

/** One read's outcome: the records, or why it failed. */
type ReadResult =
	| { read: PlannedRead; records: TriggerRecord[] }
	| { read: PlannedRead; error: unknown };

async function scan(
	this: IPollFunctions,
	source: TriggerSource,
	stores: PollStores,
	state: TriggerState,
	settings: PollSettings,
	started: number,
	fromRev: string,
): Promise<IDataObject[]> {
	const { floor, listing } = openScan(
		state,
		started,
		source.checkedFilter ? settings.filterCheck : undefined,
	);
	const pacer = new ReadPacer(settings.maxParallel);
	const options: ScanOptions = {
		credentials: await loadTanmaCredentials.call(this),
		pacer,
		deadline: started + settings.retryBudgetMs,
	};
	const report: NonNullable<ListOptions['report']> = {};
	const until = windowEnd(started, settings.lateArrivalMs);
	const units = await source.listUnits.call(this, floor, until, { ...options, listing, report });
	logListingNews.call(this, source, takeListing(state, units, report, started));
	const poll = { kind: source.unitKind, nowMs: started, lateArrivalMs: settings.lateArrivalMs };
	const { planned, boundary } = readsToMake(state, units, poll, source.contextOf);

	// Reads run several at a time and settle one by one: a failed read never stops the others.
	const results: ReadResult[] = [];
	let nextIndex = 0;
	await readInOrder(pacer, {
		next: () => {
			if (nextIndex >= planned.length) return undefined;
			// Out of time: no new read starts; the next poll carries on.
			if (nextIndex > 0 && settings.clock() - started >= settings.budgetMs) return undefined;
			const read = planned[nextIndex++];
			return async (): Promise<ReadResult> => {
				try {
					return {
						read,
						records: read.unit.records ?? (await source.readUnit.call(this, read.unit, options)),
					};
				} catch (error) {
					return { read, error };
				}
			};
		},
		accept: (result) => {
			results.push(result);
			return true;
		},
	});

	const succeeded = results.some((r) => 'records' in r);
	const failures = results.filter((r): r is { read: PlannedRead; error: unknown } => 'error' in r);
	// Nothing read and every failure could be Tanma's or the connection's: the poll fails, the state stays.
	if (!succeeded && failures.length && !failures.some((f) => aboutTheUnit(f.error)))
		throw asNodeError(this.getNode(), failures[0].error);

	const collected: TriggerRecord[] = [];
	const context = { ...poll, boundary };
	for (const result of results) {
		if ('records' in result) {
			collected.push(...settleRead(state, result.read, usableRecords(result.records), context));
			continue;
		}
		const { verdict, failingSince } = settleFailure(state, result.read, {
			nowMs: started,
			// A failure counts toward parking the unit when it is about the unit, or others could be read.
			counts: succeeded || aboutTheUnit(result.error),
			failure: tanmaFailureOf(result.error),
			said: failureText(result.error),
		});
		logFailure.call(this, source, result, verdict, failingSince);
	}
	const givenUp = closeScan(state, {
		nowMs: started,
		sent: pacer.sent,
		checkRequests: report.checkRequests ?? 0,
		everyReadRan: results.length === planned.length,
		lateArrivalMs: settings.lateArrivalMs,
		listedIds: source.fixedUnits ? new Set(units.map((unit) => unit.key[1])) : undefined,
	});
	for (const unit of givenUp) logGivenUp.call(this, source, unit);
	saveState(stores, settings, fromRev, state, started);
	return collected.sort(emissionOrder).map((r) => r.json as IDataObject);
}

/** "Fetch Test Event": the most recent record, without touching the saved state. */
export async function latestRecord(
	this: IPollFunctions,
	source: TriggerSource,
	now: number,
	slackMs: number,
	maxParallel: number,
): Promise<IDataObject[]> {
	const pacer = new ReadPacer(maxParallel);
	const options: ScanOptions = { credentials: await loadTanmaCredentials.call(this), pacer };
	// A check listing: a filter that leaves customers out must not make the test event look empty.
	const units = await source.listUnits.call(
		this,
		formatTanmaTime(now - MANUAL_LOOKBACK_MS),
		windowEnd(now, slackMs),
		{
			...options,
			listing: source.checkedFilter ? 'check' : undefined,
		},
	);
	const leftOut = units.filter((unit) => unit.leftOutByFilter).length;
	if (leftOut) {
		this.logger.warn(
			`Tanma Trigger "${this.getNode().name}": Tanma's search filter ${source.checkedFilter} left out ${leftOut} of the customers followed up in the last 30 days; the active trigger notices this at its first check and then scans without the filter.`,
		);
	}
	const newestFirst = units
		.slice()
		.sort((a, b) => (a.key[0] === b.key[0] ? 0 : a.key[0] < b.key[0] ? 1 : -1))
		.slice(0, MANUAL_UNIT_CAP);
	const records: TriggerRecord[] = [];
	const failures: unknown[] = [];
	let nextIndex = 0;
	await readInOrder(pacer, {
		next: () => {
			const unit = newestFirst[nextIndex++];
			if (!unit) return undefined;
			return async () => {
				try {
					return unit.records ?? (await source.readUnit.call(this, unit, options));
				} catch (error) {
					// One customer that cannot be read does not hide the others' latest record.
					failures.push(error);
					this.logger.warn(
						`Tanma Trigger "${this.getNode().name}": could not read ${source.unitNoun} ${unit.key[1]} for the test event (${failureText(error)}).`,
					);
					return [];
				}
			};
		},
		accept: (unitRecords) => {
			records.push(...usableRecords(unitRecords));
			return true;
		},
	});
	const latest = records.sort(emissionOrder).pop();
	if (!latest && failures.length) throw asNodeError(this.getNode(), failures[0]);
	return latest ? [latest.json as IDataObject] : [];
}
