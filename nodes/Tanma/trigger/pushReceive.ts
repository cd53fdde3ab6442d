import { createHash } from 'crypto';

import type { PushMessage } from '../transport/push';
import { corpIdCandidates, openPush, pushSign, pushSignMatches } from '../transport/push';
import type { PushLedger } from './pushLedger';

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
	| { kind: 'accepted'; message: PushMessage; isNew: boolean };

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
	// Once the sign is verified it is a function of the timestamp and version: those name the delivery.
	const timestamp = `${got.version}:${got.timestamp}`;
	const bodyDigest = createHash('sha256').update(body.replace(/\s+/g, ''), 'utf8').digest('hex').slice(0, 16);
	if (ledger.isAlteredReplay(scope.id, scope.store, timestamp, bodyDigest)) {
		return { kind: 'rejected', status: 403, reason: 'replayed headers with a different body' };
	}
	const message = openPush(body, corpIdCandidates(settings.appId, settings.corpId), settings.appKey);
	if (!message) return { kind: 'rejected', status: 400, reason: 'body is not a Tanma push message', credentialMismatch: true };
	const admission = ledger.admit(
		scope.id,
		scope.store,
		{ key: `${message.type}:${message.msgId}`, at: now, timestamp, body: bodyDigest },
		settings.replayWindowMs,
	);
	return { kind: 'accepted', message, isNew: admission === 'new' };
}
