import { createHash } from 'crypto';

import type { PushMessage } from '../transport/push';
import { corpIdCandidates, openPush, pushSign, pushSignMatches } from '../transport/push';
import type { Admission, PushLedger } from './pushLedger';

/**
 * What the push trigger does with one HTTP request, apart from n8n: check the headers, refuse altered
 * replays, decrypt, and decide (through the ledger) whether the message is new. Every answer is
 * synchronous from the first check to the ledger's record, so concurrent copies are decided one by one.
 */

export interface PushRequest {
	headers: Record<string, string | string[] | undefined>;
	rawBody?: Buffer;
	body?: unknown;
}

export interface PushSettings {
	appId: string;
	appKey: string;
	/** Optional: the Corp ID whose hash is the IV; empty = try the candidates derived from the App ID. */
	corpId: string;
	replayWindowMs: number;
}

export type PushOutcome =
	/** `credentialMismatch`: the answer could change with another App ID, App Key or Corp ID. */
	| { kind: 'rejected'; status: 400 | 403; reason: string; credentialMismatch?: true }
	/** `admission`: new (pending until n8n settles it), a redelivery, or a copy of a pending one. */
	| { kind: 'accepted'; message: PushMessage; key: string; admission: Exclude<Admission, { kind: 'altered' }> };

function header(req: PushRequest, name: string): string {
	const value = req.headers[name.toLowerCase()];
	return (Array.isArray(value) ? value[0] : value ?? '').trim();
}

/** The body exactly as received: n8n keeps the raw bytes; a plain-text body may also arrive parsed. */
function rawBodyOf(req: PushRequest): string {
	if (req.rawBody && req.rawBody.length) return req.rawBody.toString('utf8');
	if (typeof req.body === 'string') return req.body;
	return '';
}

export function receivePush(
	req: PushRequest,
	settings: PushSettings,
	ledger: PushLedger,
	scope: { id: string; store: Record<string, unknown> },
	now: number,
): PushOutcome {
	const got = { appId: header(req, 'appId'), version: header(req, 'version'), timestamp: header(req, 'timestamp'), sign: header(req, 'sign') };
	const missing = Object.entries(got).filter(([, v]) => !v).map(([k]) => k);
	if (missing.length) return { kind: 'rejected', status: 400, reason: `missing header: ${missing.join(', ')}` };
	if (got.appId !== settings.appId) return { kind: 'rejected', status: 403, reason: 'unknown appId', credentialMismatch: true };
	if (!/^\d{13}$/.test(got.timestamp) || Math.abs(now - Number(got.timestamp)) > settings.replayWindowMs) {
		return { kind: 'rejected', status: 403, reason: 'timestamp outside the replay window' };
	}
	if (!pushSignMatches(got.sign, pushSign(got.appId, got.version, got.timestamp, settings.appKey))) {
		return { kind: 'rejected', status: 403, reason: 'signature mismatch', credentialMismatch: true };
	}
	const body = rawBodyOf(req);
	const message = openPush(body, corpIdCandidates(settings.appId, settings.corpId), settings.appKey);
	if (!message) return { kind: 'rejected', status: 400, reason: 'body is not a Tanma push message', credentialMismatch: true };
	const key = `${message.type}:${message.msgId}`;
	const admission = ledger.admit(
		scope.id,
		scope.store,
		{
			key,
			at: now,
			// Once the sign is verified it is a function of the timestamp and version: those name the delivery.
			headers: `${got.version}:${got.timestamp}`,
			body: createHash('sha256').update(body.replace(/\s+/g, ''), 'utf8').digest('hex').slice(0, 16),
			noise: message.noise,
		},
		settings.replayWindowMs,
	);
	if (admission.kind === 'altered') return { kind: 'rejected', status: 403, reason: admission.reason };
	return { kind: 'accepted', message, key, admission };
}
