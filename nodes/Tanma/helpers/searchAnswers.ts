/**
 * Checks of a customer-search row against the filter that asked for it. Tanma has not published what its tag
 * operator codes or `qwLastFollowTypes` mean (the node sends its reading of Tanma's example), but every row
 * carries `tags` and `qwLastFollowTime`, so the answer itself tells whether that reading held.
 */
import type { IDataObject } from 'n8n-workflow';

import { parseJsonLossless } from '../transport/protocol/json';
import { parseTanmaTime } from '../transport/protocol/time';

export type TagMatch = 'any' | 'all';

/** `fits`: the row agrees with the filter; `contradicts`: it cannot have been selected by it; `unknown`: no evidence. */
export type RowVerdict = 'fits' | 'contradicts' | 'unknown';

/** One tag of a row as an id text: a number, a digit string, or an object with `id` or `tagId`. */
function tagIdOf(entry: unknown): string | undefined {
	if (typeof entry === 'number' && Number.isInteger(entry)) return String(entry);
	if (typeof entry === 'bigint') return entry.toString();
	if (typeof entry === 'string' && /^\d+$/.test(entry.trim())) return entry.trim();
	if (entry && typeof entry === 'object') {
		const record = entry as IDataObject;
		for (const key of ['id', 'tagId']) {
			const found = record[key] === undefined ? undefined : tagIdOf(record[key]);
			if (found !== undefined) return found;
		}
	}
	return undefined;
}

/**
 * The Tanma tag ids a row holds, or undefined when the row carries no tag list the node can read. `tags` may be an
 * array or a JSON-encoded array (Tanma encodes `salesDeptNames` that way); a row with `tagIds` is read the same.
 */
export function rowTagIds(row: IDataObject): string[] | undefined {
	for (const key of ['tags', 'tagIds']) {
		let value: unknown = row[key];
		if (typeof value === 'string') {
			try {
				value = parseJsonLossless(value);
			} catch {
				return undefined;
			}
		}
		if (!Array.isArray(value)) continue;
		const ids = value.map(tagIdOf);
		return ids.every((id): id is string => id !== undefined) ? ids : undefined;
	}
	return undefined;
}

/** Whether a row fits the Tags filter: any of `wanted`, or every one of them. */
export function tagVerdict(
	row: IDataObject,
	wanted: readonly string[],
	match: TagMatch,
): RowVerdict {
	const held = rowTagIds(row);
	if (!held) return 'unknown';
	const has = (id: string) => held.includes(id);
	const fits = match === 'all' ? wanted.every(has) : wanted.some(has);
	return fits ? 'fits' : 'contradicts';
}

/** A row's time field in epoch ms: Tanma's `yyyy-MM-dd HH:mm:ss` text, or epoch ms / seconds. */
export function rowTimeMs(row: IDataObject, field: string): number | undefined {
	const value = row[field];
	if (typeof value === 'number' && Number.isFinite(value) && value > 0)
		return value < 1e11 ? value * 1000 : value;
	if (typeof value === 'string' && value.trim()) {
		const text = value.trim();
		if (/^\d+$/.test(text)) return rowTimeMs({ [field]: Number(text) }, field);
		return parseTanmaTime(text);
	}
	return undefined;
}

/** A row's last follow-up time in epoch ms. */
export const rowLastFollowMs = (row: IDataObject) => rowTimeMs(row, 'qwLastFollowTime');

/**
 * Whether a row's time `field` fits After / Before (Tanma times, inclusive). A row without a readable time is
 * `unknown`: Tanma may leave the key empty, which says nothing about the filter.
 */
export function timeVerdict(
	row: IDataObject,
	field: string,
	after?: string,
	before?: string,
): RowVerdict {
	const at = rowTimeMs(row, field);
	if (at === undefined) return 'unknown';
	const from = after === undefined ? undefined : parseTanmaTime(after);
	const to = before === undefined ? undefined : parseTanmaTime(before);
	if (from !== undefined && at < from) return 'contradicts';
	if (to !== undefined && at > to) return 'contradicts';
	return 'fits';
}

/** What a row shows of itself in a message: its customer id (or external id) and the checked field. */
export function rowLabel(row: IDataObject): string {
	const id = row.customerId ?? row.externalUserId;
	return id === undefined ? 'a customer' : `customer ${String(id)}`;
}
