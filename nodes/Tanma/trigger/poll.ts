import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { loadTanmaCredentials } from '../transport';
import { readInOrder, ReadPacer } from '../transport/concurrency';
import { asNodeError } from '../transport/errors';
import { formatTanmaTime } from '../transport/time';
import type { TriggerRecord, TriggerState } from './cursor';
import { beginScan, completeScan, emissionOrder, freshState, loadState, markEmitted, markUnitRead, newRecords, unitsToRead } from './cursor';
import type { ScanOptions, TriggerSource, TriggerUnit } from './sources';
import { windowEnd } from './sources';

/** Stop reading new units after this share of n8n's poll budget, leaving time to hand over. */
export const POLL_BUDGET_SHARE = 0.6;

export interface PollSettings {
	/** Event and scope; state saved under another configuration is discarded. */
	config: string;
	/** How long after its own time a record may still appear. */
	lateArrivalMs: number;
	/** Backfill start for the first activation; "now" when absent. */
	startFromMs?: number;
	/** Stop reading new units once this share of the poll budget is used. */
	budgetMs: number;
	/** Units (and list pages) read at once; drops to 1 for the rest of the poll at the first sign of overload. */
	maxParallel: number;
	clock: () => number;
}

/** Manual "Fetch Test Event" looks this far back and reads at most this many units. */
const MANUAL_LOOKBACK_MS = 30 * 24 * 60 * 60 * 1000;
const MANUAL_UNIT_CAP = 10;

function usableRecords(records: TriggerRecord[]): TriggerRecord[] {
	return records.filter((r) => r.id && r.id !== 'undefined' && r.time);
}

/**
 * One poll: returns the records not emitted before (oldest first) and stores the new state in `store`.
 * State is written only when the poll returns normally, so a failed poll leaves the previous state.
 */
export async function pollNewRecords(
	this: IPollFunctions,
	source: TriggerSource,
	store: IDataObject,
	settings: PollSettings,
): Promise<IDataObject[]> {
	const started = settings.clock();
	const saved = loadState(store.state, settings.config);
	if (!saved) {
		const state = freshState(settings.config, settings.startFromMs ?? started);
		if (settings.startFromMs === undefined) {
			// First activation: start from now, emit no history.
			store.state = state;
			return [];
		}
		return await scan.call(this, source, store, state, settings, started);
	}
	return await scan.call(this, source, store, saved, settings, started);
}

async function scan(
	this: IPollFunctions,
	source: TriggerSource,
	store: IDataObject,
	state: TriggerState,
	settings: PollSettings,
	started: number,
): Promise<IDataObject[]> {
	beginScan(state, started);
	const pacer = new ReadPacer(settings.maxParallel);
	const options: ScanOptions = { credentials: await loadTanmaCredentials.call(this), pacer };
	const units = await source.listUnits.call(this, state.since, windowEnd(started, settings.lateArrivalMs), options);
	const pending = unitsToRead(units, state);

	// Units are read several at a time but taken in key order, so `scan.after` only ever passes units whose
	// records were all emitted; a unit read after one that failed or was not started is read again next poll.
	const read: Array<{ unit: TriggerUnit; records: TriggerRecord[] }> = [];
	let nextIndex = 0;
	let failure: unknown;
	try {
		await readInOrder(pacer, {
			next: () => {
				if (nextIndex >= pending.length) return undefined;
				// Out of time: no new unit starts; the next poll carries on after the last finished one.
				if (nextIndex > 0 && settings.clock() - started >= settings.budgetMs) return undefined;
				const unit = pending[nextIndex++];
				return async () => ({ unit, records: unit.records ?? (await source.readUnit.call(this, unit, options)) });
			},
			accept: (result) => {
				read.push(result);
				return true;
			},
		});
	} catch (error) {
		failure = error;
	}

	const collected: TriggerRecord[] = [];
	for (const { unit, records } of read) {
		const fresh = newRecords(state, usableRecords(records));
		markEmitted(state, fresh);
		collected.push(...fresh);
		markUnitRead(state, unit.key);
	}
	// A failure with nothing to emit fails the poll (state unchanged); otherwise what is in hand is emitted and
	// the failed unit is read again next poll.
	if (failure !== undefined && !collected.length) throw asNodeError(this.getNode(), failure);
	if (read.length === pending.length) completeScan(state, settings.lateArrivalMs);
	store.state = state;
	return collected.sort(emissionOrder).map((r) => r.json as IDataObject);
}

/** "Fetch Test Event": the most recent record, without touching the saved state. */
export async function latestRecord(this: IPollFunctions, source: TriggerSource, now: number, slackMs: number, maxParallel: number): Promise<IDataObject[]> {
	const pacer = new ReadPacer(maxParallel);
	const options: ScanOptions = { credentials: await loadTanmaCredentials.call(this), pacer };
	const units = await source.listUnits.call(this, formatTanmaTime(now - MANUAL_LOOKBACK_MS), windowEnd(now, slackMs), options);
	const newestFirst = units.slice().sort((a, b) => (a.key[0] === b.key[0] ? 0 : a.key[0] < b.key[0] ? 1 : -1)).slice(0, MANUAL_UNIT_CAP);
	const records: TriggerRecord[] = [];
	let nextIndex = 0;
	await readInOrder(pacer, {
		next: () => {
			const unit = newestFirst[nextIndex++];
			return unit && (async () => unit.records ?? (await source.readUnit.call(this, unit, options)));
		},
		accept: (unitRecords) => {
			records.push(...usableRecords(unitRecords));
			return true;
		},
	});
	const latest = records.sort(emissionOrder).pop();
	return latest ? [latest.json as IDataObject] : [];
}
