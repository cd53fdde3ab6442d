import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { JsonId } from '../transport/protocol/json';
import { isPlainObject, parseIntegerId, parseJsonLossless } from '../transport/protocol/json';
import { parseTanmaTime } from '../transport/protocol/time';

/**
 * Checks on one parameter value, run before any request so nothing is sent when a value is wrong. Each refuses
 * with a NodeOperationError that names the field as the user sees it and says what is accepted. The reader in
 * ./parameters.ts applies them to named parameters; code that walks rows of its own calls them directly.
 */

/** Which field a value belongs to: the node, the field's label in the UI and the input item. */
export interface Field {
	node: INode;
	label: string;
	itemIndex?: number;
}

export function refuse(field: Field, problem: string, description?: string): never {
	throw new NodeOperationError(field.node, `"${field.label}" ${problem}`, {
		itemIndex: field.itemIndex,
		...(description ? { description } : {}),
	});
}

/**
 * Our own ceiling on lists we put into one request. Tanma publishes no list limits; this stops a
 * runaway expression (say, all customers mapped into one SOP) before it becomes a huge request.
 */
export const MAX_LIST_ENTRIES = 1000;

const PICK_A_FIELD =
	'An expression here returned an object or a list; pick the field that holds the value (for example {{ $json.id }}).';
const TOO_LARGE =
	'Numbers beyond 2^53 lose digits in JavaScript before the node sees them. Give the value as text: from a field that holds text, or in quotes.';
/** C0 and C1 control characters (by code, so no control character is written in the source). */
const isControl = (code: number) => code <= 0x1f || (code >= 0x7f && code <= 0x9f);
/** Tab, line feed and carriage return: free text keeps them; none belongs in an id. */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0d]);
function hasControl(text: string, inId: boolean): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (isControl(code) && (inId || !TEXT_CONTROLS.has(code))) return true;
	}
	return false;
}

/** Nothing given: missing, null, or text of spaces only. */
export const isAbsent = (value: unknown): boolean =>
	value === undefined || value === null || (typeof value === 'string' && !value.trim());

function describe(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null || value === undefined) return 'nothing';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'boolean') return `${value}`;
	return `"${String(value)}"`;
}

/** A number that stands for itself: finite, and exact when it is a whole number. */
function checkNumber(value: number, field: Field): number {
	if (!Number.isFinite(value)) refuse(field, `must be a finite number, got ${value}`);
	if (Number.isInteger(value) && !Number.isSafeInteger(value))
		refuse(field, 'is a number too large to keep exact', TOO_LARGE);
	return value;
}

export interface TextOptions {
	required?: boolean;
	/** An identifier: no control characters or spaces inside. */
	id?: boolean;
	/** Keep leading and trailing spaces and line breaks (message text). */
	keepSpacing?: boolean;
}

/** Text, or a number written as text; refuses objects, lists, true/false, NaN/Infinity and control characters. */
export function checkText(
	value: unknown,
	field: Field,
	options: TextOptions & { required: true },
): string;
export function checkText(value: unknown, field: Field, options?: TextOptions): string | undefined;
export function checkText(
	value: unknown,
	field: Field,
	options: TextOptions = {},
): string | undefined {
	if (value !== null && typeof value === 'object')
		refuse(field, `must be text, got ${describe(value)}`, PICK_A_FIELD);
	if (typeof value === 'boolean') refuse(field, `must be text, got ${value}`);
	if (typeof value === 'number') checkNumber(value, field);
	const raw = value === undefined || value === null ? '' : String(value);
	if (!raw.trim()) {
		if (options.required) refuse(field, 'must not be empty');
		return undefined;
	}
	const text = options.keepSpacing ? raw : raw.trim();
	if (hasControl(text, options.id === true)) {
		refuse(
			field,
			'contains a control character',
			'Remove invisible characters (often pasted along with the value).',
		);
	}
	if (options.id && /\s/.test(text))
		refuse(
			field,
			`must be one ID without spaces, got "${text}"`,
			'Several IDs belong in a list field; one field holds one ID.',
		);
	return text;
}

/** A numeric Tanma id (text or a safe whole number); kept exact (bigint) when it does not fit a JS number. */
export function checkIntegerId(value: unknown, field: Field, options: { required: true }): JsonId;
export function checkIntegerId(
	value: unknown,
	field: Field,
	options?: { required?: boolean },
): JsonId | undefined;
export function checkIntegerId(
	value: unknown,
	field: Field,
	options: { required?: boolean } = {},
): JsonId | undefined {
	const text = checkText(value, field, { required: options.required, id: true });
	if (text === undefined) return undefined;
	const id = parseIntegerId(text);
	if (id === undefined) refuse(field, `must be a numeric ID, got "${text}"`);
	return id;
}

/** The entries of a list given as a list, or as text separated by commas, spaces or line breaks. */
function listEntries(value: unknown, field: Field): unknown[] {
	if (isAbsent(value)) return [];
	if (Array.isArray(value)) return value.filter((entry) => !isAbsent(entry));
	if (typeof value === 'object')
		refuse(field, 'must be a list or comma-separated text, got an object', PICK_A_FIELD);
	if (typeof value === 'number') return [value];
	return String(value)
		.split(/[\s,，]+/)
		.filter(Boolean);
}

export interface ListOptions {
	required?: boolean;
	max?: number;
}

/** A list of text ids: each entry checked as an id, at least one when required, at most `max`. */
export function checkIdList(value: unknown, field: Field, options: ListOptions = {}): string[] {
	const entries = listEntries(value, field);
	if (options.required && !entries.length) refuse(field, 'needs at least one entry');
	const max = options.max ?? MAX_LIST_ENTRIES;
	if (entries.length > max) {
		refuse(
			field,
			`has ${entries.length} entries; at most ${max} are sent in one request`,
			'Split the list over several items, for example with a Loop Over Items node.',
		);
	}
	return entries.map((entry, n) =>
		checkText(
			entry,
			{ ...field, label: `${field.label} (entry ${n + 1})` },
			{ required: true, id: true },
		),
	);
}

/** A list of numeric ids, each kept exact. */
export function checkIntegerIdList(
	value: unknown,
	field: Field,
	options: ListOptions = {},
): JsonId[] {
	return checkIdList(value, field, options).map(
		(id) => parseIntegerId(id) ?? refuse(field, `must be a numeric ID, got "${id}"`),
	);
}

/** A numeric id that the vendor schema wants as a string: checked digit by digit, never turned into a number. */
export function checkNumericTextId(
	value: unknown,
	field: Field,
	options: { required?: boolean } = {},
): string | undefined {
	const id = checkText(value, field, { required: options.required, id: true });
	if (id !== undefined && !/^\d+$/.test(id)) refuse(field, `must be a numeric ID, got "${id}"`);
	return id;
}

/** Numeric ids that the vendor schema wants as strings: checked digit by digit, never turned into numbers. */
export function checkNumericTextIdList(
	value: unknown,
	field: Field,
	options: ListOptions = {},
): string[] {
	const ids = checkIdList(value, field, options);
	const bad = ids.find((id) => !/^\d+$/.test(id));
	if (bad !== undefined) refuse(field, `must be numeric IDs, got "${bad}"`);
	return ids;
}

/**
 * A point in time: an n8n date (Luxon DateTime or Date), epoch milliseconds, ISO text, or Tanma's
 * "yyyy-MM-dd HH:mm[:ss]" and a date alone, both read as China Standard Time. Returns epoch milliseconds.
 */
export function checkDateTime(value: unknown, field: Field, options: { required: true }): number;
export function checkDateTime(
	value: unknown,
	field: Field,
	options?: { required?: boolean },
): number | undefined;
export function checkDateTime(
	value: unknown,
	field: Field,
	options: { required?: boolean } = {},
): number | undefined {
	if (isAbsent(value)) {
		if (options.required)
			refuse(
				field,
				'must not be empty',
				'Use an n8n date, an ISO date-time or "yyyy-MM-dd HH:mm:ss" (read as China Standard Time).',
			);
		return undefined;
	}
	const invalid = (): never =>
		refuse(
			field,
			`is not a valid date-time: ${describe(value)}`,
			'Use an n8n date, an ISO date-time or "yyyy-MM-dd HH:mm:ss" (read as China Standard Time).',
		);
	let ms = NaN;
	if (typeof value === 'number') ms = value;
	// A Date made in another realm (an expression sandbox) fails instanceof; its tag does not.
	else if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]')
		ms = (value as Date).getTime();
	else if (
		value &&
		typeof value === 'object' &&
		typeof (value as { toMillis?: unknown }).toMillis === 'function'
	) {
		ms = (value as { toMillis: () => number }).toMillis();
	} else if (typeof value === 'string') {
		const text = value.trim();
		// A date alone is midnight in China Standard Time, like a Tanma time (not UTC, as Date.parse would read it).
		const tanma = parseTanmaTime(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text} 00:00:00` : text);
		if (tanma !== undefined) return tanma;
		// Text that starts like a calendar date must be a real one: Date.parse would shift 2026-02-30 into March.
		if (!calendarPrefixIsReal(text)) invalid();
		ms = Date.parse(text);
	} else invalid();
	if (!Number.isFinite(ms)) invalid();
	return ms;
}

/** Whether text that starts "yyyy-MM-dd[ T]HH:mm[:ss]" names a real calendar day and time (true when it starts otherwise). */
function calendarPrefixIsReal(text: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
	if (!m) return true;
	const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
	const daysInMonth = new Date(Date.UTC(+y, +mo, 0)).getUTCDate();
	return +mo >= 1 && +mo <= 12 && +d >= 1 && +d <= daysInMonth && +h <= 23 && +mi <= 59 && +s <= 59;
}

/** A JSON parameter: text to parse (numbers exact), or a value n8n already parsed. Empty text is undefined. */
function parsedJson(value: unknown, field: Field): unknown {
	if (typeof value !== 'string') return value === null ? undefined : value;
	const text = value.trim();
	if (!text) return undefined;
	const parsed = parseJsonLossless(text);
	if (parsed === undefined)
		refuse(
			field,
			'is not valid JSON',
			`Received: ${text.length > 120 ? `${text.slice(0, 120)}…` : text}`,
		);
	return parsed;
}

export function checkJsonObject(value: unknown, field: Field): IDataObject {
	const parsed = parsedJson(value, field);
	if (parsed === undefined) return {};
	if (!isPlainObject(parsed)) refuse(field, `must be a JSON object ({…}), got ${describe(parsed)}`);
	return parsed;
}

export function checkJsonArray(value: unknown, field: Field): unknown[] {
	const parsed = parsedJson(value, field);
	if (parsed === undefined) return [];
	if (!Array.isArray(parsed)) refuse(field, `must be a JSON array ([…]), got ${describe(parsed)}`);
	return parsed;
}

/** One of the values a dropdown offers (compared as text, so 1 and "1" are the same choice). */
export function checkChoice<T extends string | number>(
	value: unknown,
	field: Field,
	allowed: readonly T[],
): T {
	if (value !== null && typeof value === 'object')
		refuse(field, `must be one of ${allowed.join(', ')}, got ${describe(value)}`);
	const found = allowed.find((choice) => String(choice) === String(value ?? '').trim());
	if (found === undefined)
		refuse(field, `must be one of ${allowed.join(', ')}, got ${describe(value)}`);
	return found;
}

export interface NumberOptions {
	min?: number;
	max?: number;
}

/** A whole number within bounds, given as a number or as text. */
export function checkWholeNumber(
	value: unknown,
	field: Field,
	options: NumberOptions = {},
): number {
	const { min = 0, max = Number.MAX_SAFE_INTEGER } = options;
	if (value !== null && typeof value === 'object')
		refuse(field, `must be a whole number, got ${describe(value)}`);
	const n =
		typeof value === 'number'
			? checkNumber(value, field)
			: Number(String(value ?? '').trim() || NaN);
	if (!Number.isSafeInteger(n) || n < min || n > max) {
		const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
		refuse(field, `must be a whole number ${range}, got ${describe(value)}`);
	}
	return n;
}

/** An amount: a finite number (text or number) within bounds, with up to two decimals. */
export function checkDecimal(value: unknown, field: Field, options: NumberOptions = {}): number {
	const { min = -Number.MAX_VALUE, max = Number.MAX_VALUE } = options;
	if (value !== null && typeof value === 'object')
		refuse(field, `must be a number, got ${describe(value)}`);
	const n =
		typeof value === 'number'
			? checkNumber(value, field)
			: Number(String(value ?? '').trim() || NaN);
	if (!Number.isFinite(n) || n < min || n > max)
		refuse(
			field,
			`must be a number${min > -Number.MAX_VALUE ? ` of at least ${min}` : ''}, got ${describe(value)}`,
		);
	if (Math.round(n * 100) / 100 !== n)
		refuse(field, `has more than two decimals: ${describe(value)}`);
	return n;
}

/** A yes/no switch; an expression may give true/false or the text "true"/"false". */
export function checkFlag(value: unknown, field: Field, fallback = false): boolean {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	return refuse(field, `must be true or false, got ${describe(value)}`);
}

/** "HH:mm" (24-hour), as group SOP schedules expect. */
export function checkClockTime(value: unknown, field: Field): string {
	const text = checkText(value, field, { required: true });
	const m = /^(\d{1,2}):(\d{2})$/.exec(text);
	if (!m || Number(m[1]) > 23 || Number(m[2]) > 59)
		refuse(field, `must be a time like 09:30, got "${text}"`);
	return `${m[1].padStart(2, '0')}:${m[2]}`;
}

/** An http(s) URL. */
export function checkUrl(
	value: unknown,
	field: Field,
	options: { required?: boolean } = {},
): string | undefined {
	const text = checkText(value, field, { required: options.required, id: true });
	if (text !== undefined && !/^https?:\/\/[^/]/i.test(text))
		refuse(field, `must start with http:// or https://, got "${text}"`);
	return text;
}
