import type { IDataObject } from 'n8n-workflow';

/**
 * JSON helpers that never push an identifier through a lossy JS number.
 * Tanma ids are 15+ digit integers; anything beyond 2^53 must stay exact.
 */

/** A numeric id as a JSON-safe value: a number when exact, a bigint otherwise. */
export type JsonId = number | bigint;

/**
 * A request body as operations build it: JSON values, plus bigint for ids beyond 2^53, which stringifyJson
 * writes as bare integers, so ids stay exact all the way to the signed string. (n8n's IDataObject has no
 * room for bigint; every IDataObject is a TanmaBody.)
 */
export type TanmaBody = Record<string, unknown>;

const INTEGER_TEXT = /^-?\d+$/;

/** Parses an integer id given as text or number; returns undefined when it is not an integer. */
export function parseIntegerId(value: unknown): JsonId | undefined {
	if (typeof value === 'bigint') return value;
	if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (!INTEGER_TEXT.test(text)) return undefined;
	const asNumber = Number(text);
	return Number.isSafeInteger(asNumber) ? asNumber : BigInt(text);
}

/** JSON.stringify that writes bigint values as bare integer literals. */
export function stringifyJson(value: unknown): string {
	let sawBigint = false;
	// Look at the holder's own value: some hosts define BigInt.prototype.toJSON, which would hand the
	// replacer a plain string instead of the bigint.
	const text = JSON.stringify(
		value,
		function (this: Record<string, unknown>, key: string, v: unknown) {
			const original = this[key];
			if (typeof original !== 'bigint') return v;
			sawBigint = true;
			return `\u0000bigint:${original.toString()}`;
		},
	);
	if (text === undefined) return '';
	if (!sawBigint) return text;
	// Placeholders are whole strings starting with U+0000 (written as the escape \u0000); only a value
	// that is exactly NUL + "bigint:" + digits could be mistaken for one.
	return text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}

/**
 * Parses JSON, turning integer literals that a JS number cannot hold exactly into strings.
 * Returns undefined when the text is not JSON.
 */
export function parseJsonLossless(text: string): unknown {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
	// Native parsing first (the common case: no id beyond 2^53). Only when a parsed number is an integer
	// that a JS number cannot hold exactly is the text parsed again with such literals quoted.
	if (!hasUnsafeInteger(parsed)) return parsed;
	return JSON.parse(quoteUnsafeIntegers(text)) as unknown;
}

/** Whether a parsed JSON value holds an integer beyond Number.MAX_SAFE_INTEGER (so possibly rounded). */
export function hasUnsafeInteger(value: unknown): boolean {
	const stack: unknown[] = [value];
	while (stack.length) {
		const current = stack.pop();
		if (typeof current === 'number') {
			if (Number.isInteger(current) && !Number.isSafeInteger(current)) return true;
		} else if (Array.isArray(current)) {
			for (const entry of current)
				if (typeof entry === 'object' || typeof entry === 'number') stack.push(entry);
		} else if (current !== null && typeof current === 'object') {
			for (const key in current) {
				const entry = (current as Record<string, unknown>)[key];
				if (typeof entry === 'object' || typeof entry === 'number') stack.push(entry);
			}
		}
	}
	return false;
}

function quoteUnsafeIntegers(text: string): string {
	let out = '';
	let copiedUpTo = 0;
	let i = 0;
	while (i < text.length) {
		const ch = text.charCodeAt(i);
		if (ch === 0x22 /* " */) {
			i++;
			while (i < text.length && text.charCodeAt(i) !== 0x22) {
				i += text.charCodeAt(i) === 0x5c /* \ */ ? 2 : 1;
			}
			i++;
			continue;
		}
		if (ch === 0x2d /* - */ || (ch >= 0x30 && ch <= 0x39)) {
			const start = i;
			i++;
			while (i < text.length && /[0-9.eE+-]/.test(text[i])) i++;
			const token = text.slice(start, i);
			if (INTEGER_TEXT.test(token) && !Number.isSafeInteger(Number(token))) {
				out += text.slice(copiedUpTo, start) + '"' + token + '"';
				copiedUpTo = i;
			}
			continue;
		}
		i++;
	}
	return out + text.slice(copiedUpTo);
}

export function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
