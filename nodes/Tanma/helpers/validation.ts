import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { JsonId } from '../transport/json';
import { isPlainObject, parseIntegerId, parseJsonLossless } from '../transport/json';
import { formatTanmaTime, parseTanmaTime } from '../transport/time';

/**
 * Input checks that run before any request, so nothing is sent when a field is wrong.
 * Every error names the field as the user sees it.
 */

export function requiredText(
	ctx: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
): string {
	const raw = ctx.getNodeParameter(parameter, itemIndex, '') as unknown;
	if (raw !== null && typeof raw === 'object') {
		throw new NodeOperationError(ctx.getNode(), `"${label}" must be text, got ${Array.isArray(raw) ? 'a list' : 'an object'}`, {
			itemIndex,
			description: 'An expression here returned an object or a list; pick the field that holds the value (for example {{ $json.id }}).',
		});
	}
	const value = String(raw ?? '').trim();
	if (!value) {
		throw new NodeOperationError(ctx.getNode(), `"${label}" must not be empty`, { itemIndex });
	}
	return value;
}

export function optionalText(value: unknown): string | undefined {
	const text = value === undefined || value === null ? '' : String(value).trim();
	return text || undefined;
}

/** A numeric Tanma id given as text; kept exact (bigint) when it does not fit a JS number. */
export function integerId(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): JsonId {
	const id = parseIntegerId(value);
	if (id === undefined) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"${label}" must be a numeric ID, got "${String(value ?? '')}"`,
			{ itemIndex },
		);
	}
	return id;
}

/** Splits "a, b\nc" or an array into trimmed, non-empty strings. */
export function textList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(/[\s,，]+/);
	return parts.map((v) => String(v).trim()).filter(Boolean);
}

/** Accepts an n8n date-time (ISO, DateTime, epoch ms) or "yyyy-MM-dd HH:mm:ss"; returns Tanma's format. */
export function tanmaDateTime(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string {
	const asText = typeof value === 'string' ? value.trim() : '';
	const invalid = () =>
		new NodeOperationError(ctx.getNode(), `"${label}" is not a valid date-time: "${String(value ?? '')}"`, {
			itemIndex,
			description: 'Use an n8n date, an ISO date-time or "yyyy-MM-dd HH:mm:ss" (read as China Standard Time).',
		});
	// A date alone is midnight in China Standard Time, like a Tanma time (not UTC, as Date.parse would read it).
	const tanma = asText ? parseTanmaTime(/^\d{4}-\d{2}-\d{2}$/.test(asText) ? `${asText} 00:00:00` : asText) : undefined;
	if (tanma !== undefined) return formatTanmaTime(tanma);
	// Text that starts like a calendar date must be a real one: Date.parse would shift 2026-02-30 into March.
	if (asText && !calendarPrefixIsReal(asText)) throw invalid();
	let ms: number = NaN;
	if (typeof value === 'number') ms = value;
	else if (value instanceof Date) ms = value.getTime();
	else if (value && typeof value === 'object' && 'toMillis' in value) {
		ms = (value as { toMillis: () => number }).toMillis();
	} else if (asText) ms = Date.parse(asText);
	if (!Number.isFinite(ms)) throw invalid();
	return formatTanmaTime(ms);
}

/** Whether text that starts "yyyy-MM-dd[ T]HH:mm[:ss]" names a real calendar day and time (true when it starts otherwise). */
function calendarPrefixIsReal(text: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
	if (!m) return true;
	const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
	const daysInMonth = new Date(Date.UTC(+y, +mo, 0)).getUTCDate();
	return +mo >= 1 && +mo <= 12 && +d >= 1 && +d <= daysInMonth && +h <= 23 && +mi <= 59 && +s <= 59;
}

/** Parses a JSON parameter (text, or a value n8n already parsed); the error names the field. */
export function jsonValue(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (!text) return undefined;
	const parsed = parseJsonLossless(text);
	if (parsed === undefined) {
		throw new NodeOperationError(ctx.getNode(), `"${label}" is not valid JSON`, {
			itemIndex,
			description: `Received: ${text.length > 120 ? `${text.slice(0, 120)}…` : text}`,
		});
	}
	return parsed;
}

export function jsonObject(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): IDataObject {
	const parsed = jsonValue(ctx, value, label, itemIndex);
	if (parsed === undefined) return {};
	if (!isPlainObject(parsed)) {
		throw new NodeOperationError(ctx.getNode(), `"${label}" must be a JSON object`, { itemIndex });
	}
	return parsed;
}

export function jsonArray(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): unknown[] {
	const parsed = jsonValue(ctx, value, label, itemIndex);
	if (parsed === undefined) return [];
	if (!Array.isArray(parsed)) {
		throw new NodeOperationError(ctx.getNode(), `"${label}" must be a JSON array`, { itemIndex });
	}
	return parsed;
}

/**
 * Our own ceiling on lists we put into one request. Tanma publishes no list limits; this stops a
 * runaway expression (say, all customers mapped into one SOP) before it becomes a huge request.
 */
export const MAX_LIST_ENTRIES = 1000;

/** A list of numeric ids (text, comma-separated text or array), each kept exact. */
export function integerIdList(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
	options: { required?: boolean } = {},
): JsonId[] {
	const ids = boundedTextList(ctx, value, label, itemIndex, options);
	return ids.map((id) => integerId(ctx, id, label, itemIndex));
}

/** A list of text ids, non-empty when required, at most MAX_LIST_ENTRIES long. */
export function boundedTextList(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
	options: { required?: boolean } = {},
): string[] {
	const list = textList(value);
	if (options.required && !list.length) {
		throw new NodeOperationError(ctx.getNode(), `"${label}" needs at least one entry`, { itemIndex });
	}
	if (list.length > MAX_LIST_ENTRIES) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"${label}" has ${list.length} entries; at most ${MAX_LIST_ENTRIES} are sent in one request`,
			{ itemIndex, description: 'Split the list over several items, for example with a Loop Over Items node.' },
		);
	}
	return list;
}

/** "HH:mm" (24-hour), as group SOP schedules expect. */
export function clockTime(ctx: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string {
	const text = String(value ?? '').trim();
	const m = /^(\d{1,2}):(\d{2})$/.exec(text);
	if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
		throw new NodeOperationError(ctx.getNode(), `"${label}" must be a time like 09:30, got "${text}"`, { itemIndex });
	}
	return `${m[1].padStart(2, '0')}:${m[2]}`;
}

/** A whole number within bounds, for codes and day counts. */
export function wholeNumber(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
	min = 0,
): number {
	const n = typeof value === 'number' ? value : Number(String(value ?? '').trim() || NaN);
	if (!Number.isSafeInteger(n) || n < min) {
		throw new NodeOperationError(ctx.getNode(), `"${label}" must be a whole number of at least ${min}, got "${String(value ?? '')}"`, {
			itemIndex,
		});
	}
	return n;
}

/** Numeric ids that the vendor schema wants as strings: checked digit by digit, never turned into numbers. */
export function numericTextIdList(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
	options: { required?: boolean } = {},
): string[] {
	const ids = boundedTextList(ctx, value, label, itemIndex, options);
	const bad = ids.find((id) => !/^\d+$/.test(id));
	if (bad !== undefined) {
		throw new NodeOperationError(ctx.getNode(), `"${label}" must be numeric staff IDs, got "${bad}"`, { itemIndex });
	}
	return ids;
}
