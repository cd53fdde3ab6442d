import { createHash } from 'crypto';

/** SHA-256 of a UTF-8 string: the one hash behind request signs, push signs, push keys and push body digests. */
export function sha256(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}

/** Lowercase hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
	return sha256(text).toString('hex');
}

/** Tanma's request signature: sha256(appId + timestamp + body + appKey), plain concatenation. */
export function computeRequestSign(
	appId: string,
	timestamp: string,
	body: string,
	appKey: string,
): string {
	return sha256Hex(appId + timestamp + body + appKey);
}

/** The 13-digit millisecond timestamp Tanma expects. */
export function tanmaTimestamp(nowMs: number = Date.now()): string {
	return String(Math.trunc(nowMs));
}

function isEmptyPlainObject(value: unknown): boolean {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		!Buffer.isBuffer(value) &&
		Object.keys(value).length === 0
	);
}

/**
 * The exact body string that is signed and sent.
 * A string is taken as already serialized (so signing twice changes nothing); no body or an
 * empty object becomes "" (nothing is sent, and "" is what gets signed).
 */
export function bodyToSignedString(body: unknown): string {
	if (body === undefined || body === null || body === '') return '';
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (isEmptyPlainObject(body)) return '';
	return JSON.stringify(body);
}
