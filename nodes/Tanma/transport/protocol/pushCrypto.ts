import { createDecipheriv, timingSafeEqual } from 'crypto';

import { isPlainObject, parseJsonLossless } from './json';
import { sha256, sha256Hex } from './signature';

/**
 * Tanma push messages: header signature, AES-128-CTR body, noise echo (README "Tanma Push Trigger").
 * The node verifies and decrypts with these functions; the sandbox signs with them and encrypts with the same key. The push types are
 * in trigger/push/events.ts.
 * Vendor examples these functions are tested against live in vendor-examples/.
 */

/** sign = lowercase hex SHA-256(appId + version + timestamp + appKey). */
export function pushSign(
	appId: string,
	version: string,
	timestamp: string,
	appKey: string,
): string {
	return sha256Hex(appId + version + timestamp + appKey);
}

/** Constant-time comparison of a received sign with the expected one. */
export function pushSignMatches(received: string, expected: string): boolean {
	const a = Buffer.from(received.trim().toLowerCase(), 'utf8');
	const b = Buffer.from(expected, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The Corp IDs whose hash may be the cipher's IV. Tanma's prose says the corp id is the App ID before `_`,
 * but its worked example (App ID `zc_test`) uses the whole App ID. With a Corp ID given, only that one.
 */
export function corpIdCandidates(appId: string, corpId = ''): string[] {
	const given = corpId.trim();
	if (given) return [given];
	const beforeUnderscore = appId.split('_')[0];
	return beforeUnderscore && beforeUnderscore !== appId ? [beforeUnderscore, appId] : [appId];
}

/** The AES-128-CTR key and IV of a corp's pushes (the sandbox encrypts with the same). */
export function pushCipherParams(corpId: string, appKey: string): { key: Buffer; iv: Buffer } {
	return { key: sha256(appKey).subarray(0, 16), iv: sha256(corpId).subarray(0, 16) };
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The ciphertext bytes of a push body; undefined when the body is not Base64. */
export function pushCiphertext(body: string): Buffer | undefined {
	const text = body.replace(/\s+/g, '');
	if (!text || text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
	return Buffer.from(text, 'base64');
}

/** Decrypts push ciphertext; undefined when it does not decrypt to UTF-8 text. */
export function decryptPush(
	ciphertext: Buffer,
	corpId: string,
	appKey: string,
): string | undefined {
	const { key, iv } = pushCipherParams(corpId, appKey);
	const decipher = createDecipheriv('aes-128-ctr', key, iv);
	const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(plain);
	} catch {
		return undefined;
	}
}

/**
 * Decrypts a push body with each candidate Corp ID and returns the first that yields a valid envelope.
 * A wrong IV turns CTR output into noise that is not even UTF-8 JSON, so a wrong candidate cannot pass.
 */
export function openPush(body: string, corpIds: string[], appKey: string): PushMessage | undefined {
	const ciphertext = pushCiphertext(body);
	if (!ciphertext) return undefined;
	for (const corpId of corpIds) {
		const plaintext = decryptPush(ciphertext, corpId, appKey);
		const message = plaintext === undefined ? undefined : parsePushMessage(plaintext);
		if (message) return message;
	}
	return undefined;
}

export interface PushMessage {
	type: string;
	/** Text, exact: Tanma's pages show it as a number, one table calls it a string. */
	msgId: string;
	/** The noise value exactly as written in the message, to be echoed back. */
	noise: string;
	content: unknown;
	/** Event id some push types carry in the envelope (customer_contact_edit). */
	eventId?: string;
}

const INTEGER = /^-?\d+$/;

/**
 * Reads the decrypted envelope. Undefined unless it is a JSON object with an integer noise, a msgId
 * (integer, or non-empty text) and a string type. The noise is taken from the message text itself, so its
 * digits (up to and beyond 2^53) come back exactly as sent.
 */
export function parsePushMessage(plaintext: string): PushMessage | undefined {
	const parsed = parseJsonLossless(plaintext);
	if (!isPlainObject(parsed)) return undefined;
	const { type, msgId, noise, content, eventId } = parsed as Record<string, unknown>;
	if (typeof type !== 'string' || !type) return undefined;
	const noiseText = integerText(noise);
	const msgIdText = typeof msgId === 'string' ? msgId.trim() || undefined : integerText(msgId);
	if (noiseText === undefined || msgIdText === undefined) return undefined;
	// If the raw token occurs once, echo it character for character.
	const tokens = [...plaintext.matchAll(/"noise"\s*:\s*(-?\d+)/g)].map((m) => m[1]);
	const raw =
		tokens.length === 1 && BigInt(tokens[0]) === BigInt(noiseText) ? tokens[0] : noiseText;
	const message: PushMessage = { type, msgId: msgIdText, noise: raw, content };
	if (typeof eventId === 'string' && eventId) message.eventId = eventId;
	return message;
}

function integerText(value: unknown): string | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined;
	if (typeof value === 'string' && INTEGER.test(value)) return value; // lossless parse of a big integer
	return undefined;
}
