import { request } from 'http';

import { encryptPush, pushSign } from '../nodes/Tanma/transport/push';

/** One push as Tanma sends it (§3.2): signed headers, Base64 AES-128-CTR body, noise to be echoed. */
export interface PushSpec {
	type: string;
	content?: unknown;
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

export interface PushDelivery {
	url: string;
	type: string;
	msgId: string;
	noise: string;
	status: number;
	body: string;
	/** Whether the answer echoed the noise exactly (the whole body, or a JSON noise field). */
	acknowledged: boolean;
}

let nextMsgId = 880000000001n;

function randomNoise(): bigint {
	// A signed 64-bit value from two random 32-bit halves.
	const hi = BigInt(Math.floor(Math.random() * 2 ** 32));
	const lo = BigInt(Math.floor(Math.random() * 2 ** 32));
	return BigInt.asIntN(64, (hi << 32n) | lo);
}

export function buildPush(spec: PushSpec, appId: string, appKey: string, nowMs: number) {
	const msgId = String(spec.msgId ?? nextMsgId++);
	const noise = String(spec.noise ?? randomNoise());
	// The noise and msgId go in as bare integers, like Tanma's Java encoder writes longs.
	const plaintext = `{"noise":${noise},"msgId":${msgId},"type":${JSON.stringify(spec.type)},"content":${JSON.stringify(spec.content ?? {})}}`;
	let body = encryptPush(plaintext, appId, appKey);
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
	return { msgId, noise, plaintext, body: spec.tamper?.body ?? body, headers };
}

function echoes(body: string, noise: string): boolean {
	if (body.trim() === noise) return true;
	const m = /^\s*\{\s*"noise"\s*:\s*(-?\d+)\s*\}\s*$/.exec(body);
	return m !== null && m[1] === noise;
}

/** POSTs one push to `url` and records what came back. */
export async function deliverPush(url: string, spec: PushSpec, appId: string, appKey: string, nowMs: number): Promise<PushDelivery> {
	const push = buildPush(spec, appId, appKey, nowMs);
	const target = new URL(url);
	const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
		const req = request(
			{
				hostname: target.hostname,
				port: target.port,
				path: target.pathname + target.search,
				method: 'POST',
				headers: { ...push.headers, 'Content-Length': Buffer.byteLength(push.body) },
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
			},
		);
		req.on('error', reject);
		req.end(push.body);
	});
	return { url, type: spec.type, msgId: push.msgId, noise: push.noise, status, body, acknowledged: status === 200 && echoes(body, push.noise) };
}
