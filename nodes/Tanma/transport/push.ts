import { createCipheriv, createDecipheriv, createHash, timingSafeEqual } from 'crypto';

import { isPlainObject, parseJsonLossless } from './json';

/**
 * Tanma push messages (shared/tanma-openapi.md §3): header signature, AES-128-CTR body, noise echo.
 * The node verifies and decrypts with these functions; the sandbox encrypts with them.
 */

/** Push `type` strings Tanma has published (§3.7). */
export const PUSH_TYPES: ReadonlyArray<{ type: string; name: string }> = [
	{ type: 'new_qw_customer', name: 'WeCom Customer Added (企微客户新增)' },
	{ type: 'edit_qw_customer', name: 'WeCom Customer Edited (企微客户修改)' },
	{ type: 'tag_info', name: 'Customer Tag Changed (客户标签变更)' },
	{ type: 'change_corp_tag', name: 'WeCom Corp Tag Changed (企微标签变更)' },
	{ type: 'change_customer_tag', name: 'WeCom Personal Tag Changed (企微个人标签变更)' },
];

/** The confirmation Tanma sends after push-register. */
export const REGISTER_TYPE = 'register';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** sign = lowercase hex SHA-256(appId + version + timestamp + appKey). */
export function pushSign(appId: string, version: string, timestamp: string, appKey: string): string {
	return sha256(appId + version + timestamp + appKey).toString('hex');
}

/** Constant-time comparison of a received sign with the expected one. */
export function pushSignMatches(received: string, expected: string): boolean {
	const a = Buffer.from(received.trim().toLowerCase(), 'utf8');
	const b = Buffer.from(expected, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

function keyAndIv(appId: string, appKey: string) {
	const corpId = appId.split('_')[0];
	return { key: sha256(appKey).subarray(0, 16), iv: sha256(corpId).subarray(0, 16) };
}

export function encryptPush(plaintext: string, appId: string, appKey: string): string {
	const { key, iv } = keyAndIv(appId, appKey);
	const cipher = createCipheriv('aes-128-ctr', key, iv);
	return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Decrypts a push body; undefined when it is not Base64 or does not decrypt to UTF-8 text. */
export function decryptPush(body: string, appId: string, appKey: string): string | undefined {
	const text = body.replace(/\s+/g, '');
	if (!text || text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
	const { key, iv } = keyAndIv(appId, appKey);
	const decipher = createDecipheriv('aes-128-ctr', key, iv);
	const plain = Buffer.concat([decipher.update(Buffer.from(text, 'base64')), decipher.final()]);
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(plain);
	} catch {
		return undefined;
	}
}

export interface PushMessage {
	type: string;
	msgId: string;
	/** The noise value exactly as written in the message, to be echoed back. */
	noise: string;
	content: unknown;
}

const INTEGER = /^-?\d+$/;

/**
 * Reads the decrypted envelope. Undefined unless it is a JSON object with an integer noise, an integer
 * msgId and a string type. The noise is taken from the message text itself, so its digits (up to and
 * beyond 2^53) come back exactly as sent.
 */
export function parsePushMessage(plaintext: string): PushMessage | undefined {
	const parsed = parseJsonLossless(plaintext);
	if (!isPlainObject(parsed)) return undefined;
	const { type, msgId, noise, content } = parsed as Record<string, unknown>;
	if (typeof type !== 'string' || !type) return undefined;
	const noiseText = integerText(noise);
	const msgIdText = integerText(msgId);
	if (noiseText === undefined || msgIdText === undefined) return undefined;
	// If the raw token occurs once, echo it character for character.
	const tokens = [...plaintext.matchAll(/"noise"\s*:\s*(-?\d+)/g)].map((m) => m[1]);
	const raw = tokens.length === 1 && BigInt(tokens[0]) === BigInt(noiseText) ? tokens[0] : noiseText;
	return { type, msgId: msgIdText, noise: raw, content };
}

function integerText(value: unknown): string | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined;
	if (typeof value === 'string' && INTEGER.test(value)) return value; // lossless parse of a big integer
	return undefined;
}
