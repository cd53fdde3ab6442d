import { createCipheriv } from 'crypto';
import { request } from 'http';

import {
	corpIdCandidates,
	pushCipherParams,
	pushSign,
} from '../nodes/Tanma/transport/protocol/pushCrypto';

/** Encrypts a push message as Tanma does (AES-128-CTR, Base64). */
export function encryptPush(plaintext: string, corpId: string, appKey: string): string {
	const { key, iv } = pushCipherParams(corpId, appKey);
	const cipher = createCipheriv('aes-128-ctr', key, iv);
	return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/** One push as Tanma sends it (vendor-examples/push-format.doc-501862.json): signed headers, Base64 AES-128-CTR body, noise to be echoed. */
export interface PushSpec {
	type: string;
	content?: unknown;
	/** The decrypted message exactly as Tanma would send it (a vendor example); type, content, msgId and noise are then read from it only for the record. */
	plaintext?: string;
	msgId?: string | number | bigint;
	/** Written into the message as a bare integer; any signed 64-bit value. */
	noise?: bigint | number | string;
	/** Test knobs: send something Tanma would not. */
	tamper?: {
		appId?: string;
		timestamp?: string;
		sign?: string;
		body?: string;
		omitHeaders?: string[];
		flipCiphertextByte?: number;
	};
}

/** An HTTP request sent byte for byte as given (a vendor example, or a captured push replayed). */
export interface RawPush {
	headers: Record<string, string>;
	body: string;
}

export interface PushDelivery {
	url: string;
	type: string;
	msgId: string;
	noise: string;
	status: number;
	body: string;
	/** Whether the answer echoed the noise exactly (the whole body, or a JSON noise field). */
	acknowledged: boolean;
	/** The request as sent, so a test can replay or alter it. */
	raw: RawPush;
}

let nextMsgId = 880000000001n;

function randomNoise(): bigint {
	// A signed 64-bit value from two random 32-bit halves.
	const hi = BigInt(Math.floor(Math.random() * 2 ** 32));
	const lo = BigInt(Math.floor(Math.random() * 2 ** 32));
	return BigInt.asIntN(64, (hi << 32n) | lo);
}

/** The Corp ID the sandbox encrypts with: the given one, else the App ID before "_" (Tanma's prose). */
export function sandboxCorpId(appId: string, corpId?: string): string {
	return corpIdCandidates(appId, corpId)[0];
}

export function buildPush(
	spec: PushSpec,
	appId: string,
	appKey: string,
	nowMs: number,
	corpId = sandboxCorpId(appId),
) {
	const msgId = String(spec.msgId ?? nextMsgId++);
	const noise = String(spec.noise ?? randomNoise());
	// The noise and msgId go in as bare integers, like Tanma's Java encoder writes longs.
	const plaintext =
		spec.plaintext ??
		`{"noise":${noise},"msgId":${msgId},"type":${JSON.stringify(spec.type)},"content":${JSON.stringify(spec.content ?? {})}}`;
	let body = encryptPush(plaintext, corpId, appKey);
	if (spec.tamper?.flipCiphertextByte !== undefined) {
		const bytes = Buffer.from(body, 'base64');
		bytes[spec.tamper.flipCiphertextByte % bytes.length] ^= 0x5a;
		body = bytes.toString('base64');
	}
	const timestamp = spec.tamper?.timestamp ?? String(nowMs);
	const headerAppId = spec.tamper?.appId ?? appId;
	const headers: Record<string, string> = {
		appId: headerAppId,
		timestamp,
		version: '1',
		sign: spec.tamper?.sign ?? pushSign(headerAppId, '1', timestamp, appKey),
		'Content-Type': 'text/plain;charset=UTF-8',
	};
	for (const name of spec.tamper?.omitHeaders ?? []) delete headers[name];
	const sent = spec.plaintext === undefined ? { msgId, noise } : fieldsOf(spec.plaintext);
	return { ...sent, plaintext, body: spec.tamper?.body ?? body, headers };
}

/** msgId and noise as written in a given plaintext (text that may not even be JSON). */
function fieldsOf(plaintext: string): { msgId: string; noise: string } {
	const field = (name: string) =>
		new RegExp(`"${name}"\\s*:\\s*"?(-?\\w+)`).exec(plaintext)?.[1] ?? '';
	return { msgId: field('msgId'), noise: field('noise') };
}

function echoes(body: string, noise: string): boolean {
	if (body.trim() === noise) return true;
	const m = /^\s*\{\s*"noise"\s*:\s*(-?\d+)\s*\}\s*$/.exec(body);
	return m !== null && m[1] === noise;
}

/** POSTs a request exactly as given; resolves with the status and the answer. */
export async function postRaw(
	url: string,
	raw: RawPush,
): Promise<{ status: number; body: string }> {
	const target = new URL(url);
	return await new Promise<{ status: number; body: string }>((resolve, reject) => {
		const req = request(
			{
				hostname: target.hostname,
				port: target.port,
				path: target.pathname + target.search,
				method: 'POST',
				headers: { ...raw.headers, 'Content-Length': Buffer.byteLength(raw.body) },
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
				);
			},
		);
		req.on('error', reject);
		req.end(raw.body);
	});
}

/** POSTs one push to `url` and records what came back. */
export async function deliverPush(
	url: string,
	spec: PushSpec,
	credentials: { appId: string; appKey: string; corpId?: string },
	nowMs: number,
): Promise<PushDelivery> {
	const push = buildPush(
		spec,
		credentials.appId,
		credentials.appKey,
		nowMs,
		sandboxCorpId(credentials.appId, credentials.corpId),
	);
	const { status, body } = await postRaw(url, push);
	return {
		url,
		type: spec.type,
		msgId: push.msgId,
		noise: push.noise,
		status,
		body,
		acknowledged: status === 200 && echoes(body, push.noise),
		raw: push,
	};
}

/** Sends a raw request (a vendor example or a captured push) and records the answer against `noise`. */
export async function deliverRaw(
	url: string,
	raw: RawPush,
	expected: { type: string; msgId: string; noise: string },
): Promise<PushDelivery> {
	const { status, body } = await postRaw(url, raw);
	return {
		url,
		...expected,
		status,
		body,
		acknowledged: status === 200 && echoes(body, expected.noise),
		raw,
	};
}
