import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { ENDPOINTS } from '../transport/endpoints';
import type { TanmaRequestOptions } from '../transport';
import { tanmaApiRequest, tanmaApiRequestAll } from '../transport';
import { formatTanmaTime } from '../transport/time';
import type { TriggerRecord, UnitKey } from './cursor';

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
}

/** What a scan hands every request: the credential, decrypted once per poll, and the poll's parallel-read bound. */
export type ScanOptions = Pick<TanmaRequestOptions, 'credentials' | 'pacer'>;

export interface TriggerSource {
	/** Units that may hold records with a time in [since, until]. */
	listUnits(this: IPollFunctions, since: string, until: string, options?: ScanOptions): Promise<TriggerUnit[]>;
	readUnit(this: IPollFunctions, unit: TriggerUnit, options?: ScanOptions): Promise<TriggerRecord[]>;
}

function followUpRecord(row: IDataObject, context: IDataObject): TriggerRecord {
	return {
		id: String(row.id),
		time: String(row.gmtCreateTime ?? ''),
		json: { ...row, customer: { ...context, externalUserId: row.externalUserId ?? context.externalUserId } },
	};
}

async function readFollowUps(this: IPollFunctions, unit: TriggerUnit, options: ScanOptions = {}): Promise<TriggerRecord[]> {
	const externalUserId = String(unit.context.externalUserId);
	const rows = ((await tanmaApiRequest.call(this, ENDPOINTS.customerFollowUps, { externalUserId }, options)) ?? []) as IDataObject[];
	return rows.filter((row) => row && row.id !== undefined && row.gmtCreateTime).map((row) => followUpRecord(row, unit.context));
}

/** Follow-ups of a fixed list of customers: every customer is read on every scan. */
export function specificCustomersSource(externalUserIds: string[]): TriggerSource {
	return {
		async listUnits() {
			return [...new Set(externalUserIds)].map((externalUserId) => ({ key: ['', externalUserId], context: { externalUserId } }));
		},
		readUnit: readFollowUps,
	};
}

/**
 * Follow-ups of customers whose last follow-up time falls in the window. The search filter
 * `qwLastFollowTypes` appears only in a vendor example (inferred); rows are also checked against
 * `qwLastFollowTime` here, so a server that ignores the filter costs more requests but loses nothing.
 */
export const recentlyActiveSource: TriggerSource = {
	async listUnits(since, until, options = {}) {
		const rows = await tanmaApiRequestAll.call(
			this,
			ENDPOINTS.customerSearch,
			{ qwLastFollowTypes: { start: since, end: until } },
			{ ...options, idOf: (row) => String(row.externalUserId ?? row.customerId) },
		);
		const units: TriggerUnit[] = [];
		for (const row of rows) {
			const externalUserId = typeof row.externalUserId === 'string' ? row.externalUserId : '';
			const last = typeof row.qwLastFollowTime === 'string' ? row.qwLastFollowTime : '';
			if (!externalUserId || (last && last < since)) continue;
			units.push({
				key: [last, externalUserId],
				context: {
					externalUserId,
					customerId: row.customerId,
					qwSalesId: row.qwSalesId,
					wechatNickname: row.wechatNickname,
					qwRemark: row.qwRemark,
				},
			});
		}
		return units;
	},
	readUnit: readFollowUps,
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
};

/**
 * New leads and unassigned customers by creation time. Their list gives no creation time, so each new lead is
 * read once (Lead → Get) for its exact time and details: one request per new lead, none when there is none.
 */
export const newLeadsSource: TriggerSource = {
	async listUnits(since, until, options = {}) {
		// `before` is exclusive on this endpoint; the window end is already past now (windowEnd).
		const rows = await tanmaApiRequestAll.call(this, ENDPOINTS.leadsByCreateTime, { since, before: until }, { ...options, idOf: (row) => String(row.customerId) });
		return rows
			.filter((row) => row.customerId !== undefined && row.customerId !== null)
			.map((row) => ({ key: ['', String(row.customerId)] as UnitKey, context: { customerId: row.customerId } }));
	},
	async readUnit(unit, options = {}) {
		const lead = (await tanmaApiRequest.call(this, ENDPOINTS.leadDetail, { customerId: unit.context.customerId as IDataObject[string] }, options)) as IDataObject | null;
		if (!lead || typeof lead.createTime !== 'string') return [];
		return [{ id: String(lead.customerId ?? unit.key[1]), time: lead.createTime, json: lead }];
	},
};

/** The window end sent to Tanma: a little past now, so a clock slightly behind Tanma's misses nothing. */
export function windowEnd(nowMs: number, slackMs: number): string {
	return formatTanmaTime(nowMs + slackMs);
}
