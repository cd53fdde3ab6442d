/**
 * What Tanma's customer search means, in one place: the conditions the node sends, which customer a row is, and
 * whether a row fits the filter that selected it. Tanma has not published what its tag operator codes or
 * `qwLastFollowTypes` mean (the node sends its reading of Tanma's example), but every row carries `tags` and
 * `qwLastFollowTime`, so the answer itself tells whether that reading held.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { JsonId, TanmaBody } from '../transport/protocol/json';
import { parseJsonLossless } from '../transport/protocol/json';
import { parseTanmaTime } from '../transport/protocol/time';

/**
 * The tag condition as Tanma's own search example writes it: `{name: "tagIds", op: 6, values: [<tag id>]}`, inside
 * `conditionOp: 1` beside a second condition. That op 6 means "has any of these tags" and conditionOp 1 "every
 * condition holds" is our reading of that example (Tenant Check tests both on a tenant).
 */
const TAG_CONDITION = { name: 'tagIds', op: 6 } as const;
export const ALL_CONDITIONS = 1;

/** "Any": one condition holding every tag; "all": one condition per tag, all of which must hold. Ids stay exact. */
export function tagConditions(tagIds: JsonId[], match: TagMatch): TanmaBody[] {
	if (!tagIds.length) return [];
	return match === 'all'
		? tagIds.map((tagId) => ({ ...TAG_CONDITION, values: [tagId] }))
		: [{ ...TAG_CONDITION, values: tagIds }];
}

/** The search body's `conditions`: every item must hold. */
export const allOf = (conditionItems: TanmaBody[]): TanmaBody => ({
	conditionOp: ALL_CONDITIONS,
	conditionItems,
});

/** Which customer a row is: Tanma's customer id, or the WeCom contact id where a row has none. */
export const customerKey = (row: IDataObject) => String(row.customerId ?? row.externalUserId ?? '');

/** The name of the customer's owner: the first main follower's. */
export function ownerName(row: IDataObject): string | undefined {
	const follows = Array.isArray(row.mainFollows) ? (row.mainFollows as unknown[]) : [];
	const first = follows.find((f): f is IDataObject => typeof f === 'object' && f !== null);
	return typeof first?.salesName === 'string' && first.salesName ? first.salesName : undefined;
}

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

/** What a row shows of itself in a message. */
function rowLabel(row: IDataObject): string {
	const key = customerKey(row);
	return key ? `customer ${key}` : 'a customer';
}

/** What the user's filters asked of every row, as far as a row can show it. */
export interface AskedOfRows {
	tags?: { ids: string[]; match: TagMatch };
	lastFollowUp?: { after?: string; before?: string };
	created?: { after?: string; before?: string };
}

/** Hints already given in this node run: "could not be checked" is said once per run, not once per item. */
const hintsGiven = new WeakMap<object, Set<string>>();

function hintOnce(ctx: IExecuteFunctions, message: string, type: 'info' | 'warning'): void {
	const given = hintsGiven.get(ctx) ?? new Set<string>();
	hintsGiven.set(ctx, given);
	if (given.has(message)) return;
	given.add(message);
	ctx.addExecutionHints({ message, type, location: 'outputPane' });
}

/** What to do when Tanma's rows contradict a filter, by filter. */
const CONTRADICTED_ADVICE = {
	Tags: 'The node sends Tags as operator 6 inside conditionOp 1, read from Tanma’s own example; Tanma has not published the codes, and this tenant answers otherwise. Write the tag condition in Conditions (JSON) with the codes your tenant uses (Tenant → Check shows which hold), or turn on Keep Rows as Tanma Returned Them.',
	Created:
		'Tanma did not apply the creation-time range as sent (its examples always give both bounds). Give both Created After and Created Before, or turn on Keep Rows as Tanma Returned Them.',
	'Last Follow-Up':
		'The node sends Last Follow-Up as qwLastFollowTypes, a field seen only in Tanma’s example; this tenant does not filter by it as the node reads it. Filter the rows on qwLastFollowTime in the workflow instead, or turn on Keep Rows as Tanma Returned Them.',
} as const;

interface RowCheck {
	filter: keyof typeof CONTRADICTED_ADVICE;
	asked: string;
	verdict: (row: IDataObject) => RowVerdict;
	shown: (row: IDataObject) => string;
	field: string;
}

function rowChecks(asked: AskedOfRows): RowCheck[] {
	const checks: RowCheck[] = [];
	if (asked.tags) {
		const { ids, match } = asked.tags;
		checks.push({
			filter: 'Tags',
			asked: `${match} of the tags ${ids.join(', ')}`,
			verdict: (row) => tagVerdict(row, ids, match),
			shown: (row) => `tags ${JSON.stringify(rowTagIds(row) ?? [])}`,
			field: 'tags',
		});
	}
	const timeChecks = [
		{ filter: 'Last Follow-Up', field: 'qwLastFollowTime', range: asked.lastFollowUp },
		{ filter: 'Created', field: 'createTime', range: asked.created },
	] as const;
	for (const { filter, field, range } of timeChecks) {
		if (!range) continue;
		const { after, before } = range;
		checks.push({
			filter,
			asked: [after && `at or after ${after}`, before && `at or before ${before}`]
				.filter(Boolean)
				.join(' and '),
			verdict: (row) => timeVerdict(row, field, after, before),
			shown: (row) => `${field} ${JSON.stringify(row[field] ?? null)}`,
			field,
		});
	}
	return checks;
}

/**
 * Holds every row against the filters it was selected by. A contradicting row fails the item (or, with Keep Rows
 * as Tanma Returned Them, is kept with a warning); a filter no row could show is reported once per run.
 */
export function checkRows(
	ctx: IExecuteFunctions,
	itemIndex: number,
	rows: IDataObject[],
	asked: AskedOfRows,
	keepRows: boolean,
): void {
	for (const check of rowChecks(asked)) {
		const verdicts = rows.map(check.verdict);
		const contradicting = rows.filter((_, n) => verdicts[n] === 'contradicts');
		const unknown = verdicts.filter((v) => v === 'unknown').length;
		if (unknown) {
			const which = unknown === rows.length ? 'any' : `${unknown} of the`;
			hintOnce(
				ctx,
				`The ${check.filter} filter could not be checked on ${which} rows: Tanma's answer has no readable ${check.field} there.`,
				'info',
			);
		}
		if (!contradicting.length) continue;
		const first = contradicting[0];
		const summary = `Tanma returned ${contradicting.length} of ${rows.length} customers that do not match the ${check.filter} filter (asked: ${check.asked}); ${rowLabel(first)} has ${check.shown(first)}`;
		if (!keepRows)
			throw new NodeOperationError(ctx.getNode(), summary, {
				itemIndex,
				description: CONTRADICTED_ADVICE[check.filter],
			});
		hintOnce(
			ctx,
			`${summary}. Kept as Tanma returned them (Keep Rows as Tanma Returned Them is on).`,
			'warning',
		);
	}
}
