import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { ENDPOINTS } from '../../transport/protocol/endpoints';
import type { TanmaRequestOptions } from '../../transport';
import { tanmaApiRequest, tanmaApiRequestAll } from '../../transport';
import { formatTanmaTime } from '../../transport/protocol/time';
import type { TriggerRecord, UnitKey } from './cursor';
import type { UnitKind } from './units';

/**
 * Where the trigger's records come from. A source lists the units to read in a time window (customers,
 * or a single page set) and reads each unit's records. Adding a direct "list follow records" endpoint,
 * once Tanma publishes one, means writing one more source.
 */
export interface TriggerUnit {
	key: UnitKey;
	/** Context copied onto every record of the unit. */
	context: IDataObject;
	/** Records already in hand (sources whose listing carries the records). */
	records?: TriggerRecord[];
	/** Found only without the source's filter: the filter left this unit out (a `check` listing). */
	leftOutByFilter?: boolean;
}

/**
 * What a scan hands every request: the credential, decrypted once per poll, the poll's parallel-read bound and
 * back-off, and the time no retry may wait past (within n8n's poll budget).
 */
export type ScanOptions = Pick<TanmaRequestOptions, 'credentials' | 'pacer' | 'deadline'>;

/**
 * How a source with an unpublished filter lists (TriggerSource.checkedFilter): with the filter, without it, or
 * both, marking what only the unfiltered listing found (the check that tells whether the filter can be trusted).
 */
export type Listing = 'filtered' | 'unfiltered' | 'check';

export interface ListOptions extends ScanOptions {
	listing?: Listing;
	/**
	 * Filled by a `check` listing: whether its rows carried no time to check against, and what the check cost; by any
	 * listing without the filter: how many customers the tenant has (it fits one search page or not).
	 */
	report?: { uncheckable?: boolean; checkRequests?: number; everyone?: number };
}

export interface TriggerSource {
	/** Units that may hold records with a time in [since, until]. */
	listUnits(
		this: IPollFunctions,
		since: string,
		until: string,
		options?: ListOptions,
	): Promise<TriggerUnit[]>;
	readUnit(
		this: IPollFunctions,
		unit: TriggerUnit,
		options?: ScanOptions,
	): Promise<TriggerRecord[]>;
	/** The unpublished filter the listing relies on, named for messages; the poll checks it (./scan.ts). */
	checkedFilter?: string;
	/** How its units are read (./units.ts). */
	unitKind: UnitKind;
	/** What one unit is called in n8n's log ("customer", "lead"). */
	unitNoun: string;
	/** The context readUnit needs for a unit known only by its id (one the listing no longer shows). */
	contextOf(id: string): IDataObject;
	/** The units are a fixed list the user gave: one taken off the list is forgotten. */
	fixedUnits?: boolean;
}

function followUpRecord(row: IDataObject, context: IDataObject): TriggerRecord {
	return {
		id: String(row.id),
		time: String(row.gmtCreateTime ?? ''),
		json: {
			...row,
			customer: { ...context, externalUserId: row.externalUserId ?? context.externalUserId },
		},
	};
}

async function readFollowUps(
	this: IPollFunctions,
	unit: TriggerUnit,
	options: ScanOptions = {},
): Promise<TriggerRecord[]> {
	const externalUserId = String(unit.context.externalUserId);
	const rows = ((await tanmaApiRequest.call(
		this,
		ENDPOINTS.customerFollowUps,
		{ externalUserId },
		options,
	)) ?? []) as IDataObject[];
	return rows
		.filter((row) => row && row.id !== undefined && row.gmtCreateTime)
		.map((row) => followUpRecord(row, unit.context));
}

/** Follow-ups of a fixed list of customers: every customer is read on every scan. */
export function specificCustomersSource(externalUserIds: string[]): TriggerSource {
	return {
		async listUnits() {
			return [...new Set(externalUserIds)].map((externalUserId) => ({
				key: ['', externalUserId],
				context: { externalUserId },
			}));
		},
		readUnit: readFollowUps,
		unitKind: 'records',
		unitNoun: 'customer',
		contextOf: (externalUserId) => ({ externalUserId }),
		fixedUnits: true,
	};
}

/**
 * A search row as a unit of the Recently Active watch: the customer, keyed by its last follow-up time. Its id is
 * the WeCom contact id because the follow-up list is read by it (which customer a row is: helpers/customerSearch.ts).
 */
function customerUnit(row: IDataObject): TriggerUnit | undefined {
	const externalUserId = typeof row.externalUserId === 'string' ? row.externalUserId : '';
	if (!externalUserId) return undefined;
	return {
		key: [typeof row.qwLastFollowTime === 'string' ? row.qwLastFollowTime : '', externalUserId],
		context: {
			externalUserId,
			customerId: row.customerId,
			qwSalesId: row.qwSalesId,
			wechatNickname: row.wechatNickname,
			qwRemark: row.qwRemark,
		},
	};
}

async function searchCustomers(
	this: IPollFunctions,
	body: IDataObject,
	options: ScanOptions,
): Promise<TriggerUnit[]> {
	const rows = await tanmaApiRequestAll.call(this, ENDPOINTS.customerSearch, body, {
		...options,
		idOf: (row) => String(row.externalUserId ?? row.customerId),
	});
	return rows.map(customerUnit).filter((unit): unit is TriggerUnit => unit !== undefined);
}

/**
 * Follow-ups of customers whose last follow-up time falls in the window. The search filter `qwLastFollowTypes`
 * appears only in a vendor example (inferred), so the poll checks it now and then (`check`: every customer,
 * unfiltered, beside the filtered list) and lists `unfiltered` once the filter has left a customer out. A row
 * whose last follow-up is before the window is not read.
 */
export const recentlyActiveSource: TriggerSource = {
	checkedFilter: 'qwLastFollowTypes',
	async listUnits(since, until, options = {}) {
		const listing = options.listing ?? 'filtered';
		// Unfiltered first: a customer followed up between the two searches is then in both, not "left out".
		const sentBefore = options.pacer?.sent ?? 0;
		const everyone = listing === 'filtered' ? [] : await searchCustomers.call(this, {}, options);
		if (listing === 'check' && options.report)
			options.report.checkRequests = (options.pacer?.sent ?? 0) - sentBefore;
		if (listing !== 'filtered' && options.report) options.report.everyone = everyone.length;
		// Rows without a time are read only when no row has one (then the answer cannot tell who was active).
		const timed = everyone.some((unit) => unit.key[0] !== '');
		if (listing === 'check' && everyone.length && !timed && options.report)
			options.report.uncheckable = true;
		const unfiltered = everyone.filter((unit) =>
			unit.key[0] === '' ? !timed : unit.key[0] >= since,
		);
		if (listing === 'unfiltered') return unfiltered;
		const filtered = (
			await searchCustomers.call(this, { qwLastFollowTypes: { start: since, end: until } }, options)
		).filter((unit) => unit.key[0] === '' || unit.key[0] >= since);
		if (listing === 'filtered') return filtered;
		const selected = new Set(filtered.map((unit) => unit.key[1]));
		const leftOut = unfiltered
			.filter((unit) => !selected.has(unit.key[1]))
			.map((unit) => ({ ...unit, leftOutByFilter: timed && unit.key[0] <= until }));
		return [...filtered, ...leftOut];
	},
	readUnit: readFollowUps,
	unitKind: 'records',
	unitNoun: 'customer',
	contextOf: (externalUserId) => ({ externalUserId }),
};

/** New customers by creation time: the search pages carry the records, no further reads. */
export const newCustomersSource: TriggerSource = {
	async listUnits(since, until, options = {}) {
		const rows = await tanmaApiRequestAll.call(
			this,
			ENDPOINTS.customerSearch,
			{ createTime: { start: since, end: until } },
			{ ...options, idOf: (row) => String(row.customerId) },
		);
		return rows
			.filter((row) => row.customerId !== undefined && typeof row.createTime === 'string')
			.map((row) => {
				const record = { id: String(row.customerId), time: String(row.createTime), json: row };
				return { key: [record.time, record.id] as UnitKey, context: {}, records: [record] };
			});
	},
	async readUnit(unit) {
		return unit.records ?? [];
	},
	unitKind: 'inline',
	unitNoun: 'customer',
	contextOf: (customerId) => ({ customerId }),
};

/**
 * New leads and unassigned customers by creation time. Their list gives no creation time, so each new lead is
 * read once (Lead → Get) for its exact time and details: one request per new lead, none when there is none.
 */
export const newLeadsSource: TriggerSource = {
	async listUnits(since, until, options = {}) {
		// `before` is exclusive on this endpoint; the window end is already past now (windowEnd).
		const rows = await tanmaApiRequestAll.call(
			this,
			ENDPOINTS.leadsByCreateTime,
			{ since, before: until },
			{ ...options, idOf: (row) => String(row.customerId) },
		);
		return rows
			.filter((row) => row.customerId !== undefined && row.customerId !== null)
			.map((row) => ({
				key: ['', String(row.customerId)] as UnitKey,
				context: { customerId: row.customerId },
			}));
	},
	async readUnit(unit, options = {}) {
		const lead = (await tanmaApiRequest.call(
			this,
			ENDPOINTS.leadDetail,
			{ customerId: unit.context.customerId },
			options,
		)) as IDataObject | null;
		if (!lead || typeof lead.createTime !== 'string') return [];
		return [{ id: String(lead.customerId ?? unit.key[1]), time: lead.createTime, json: lead }];
	},
	unitKind: 'record',
	unitNoun: 'lead',
	contextOf: (customerId) => ({ customerId }),
};

/** The window end sent to Tanma: a little past now, so a clock slightly behind Tanma's misses nothing. */
export function windowEnd(nowMs: number, slackMs: number): string {
	return formatTanmaTime(nowMs + slackMs);
}
