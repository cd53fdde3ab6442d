import type { PushMessage } from '../../transport/protocol/pushCrypto';
import {
	corpIdCandidates,
	openPush,
	pushSign,
	pushSignMatches,
} from '../../transport/protocol/pushCrypto';
import { sha256Hex } from '../../transport/protocol/signature';
import type { Admission, PushLedger } from './ledger';

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

/** What a push is verified with: the credential's keys and the trigger's Replay Window. */
export interface PushVerification {
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
	| {
			kind: 'accepted';
			message: PushMessage;
			key: string;
			admission: Exclude<Admission, { kind: 'altered' }>;
	  };

/** The trigger that received a push ("<workflow id>:<node id>") and its static data, where its ledger is kept. */
export interface PushReceiver {
	id: string;
	store: Record<string, unknown>;
}

function header(req: PushRequest, name: string): string {
	const value = req.headers[name.toLowerCase()];
	return (Array.isArray(value) ? value[0] : (value ?? '')).trim();
}

/** The body exactly as received: n8n keeps the raw bytes; a plain-text body may also arrive parsed. */
function rawBodyOf(req: PushRequest): string {
	if (req.rawBody && req.rawBody.length) return req.rawBody.toString('utf8');
	if (typeof req.body === 'string') return req.body;
	return '';
}

export function receivePush(
	req: PushRequest,
	keys: PushVerification,
	ledger: PushLedger,
	receiver: PushReceiver,
	now: number,
): PushOutcome {
	const got = {
		appId: header(req, 'appId'),
		version: header(req, 'version'),
		timestamp: header(req, 'timestamp'),
		sign: header(req, 'sign'),
	};
	const missing = Object.entries(got)
		.filter(([, v]) => !v)
		.map(([k]) => k);
	if (missing.length)
		return { kind: 'rejected', status: 400, reason: `missing header: ${missing.join(', ')}` };
	if (got.appId !== keys.appId)
		return { kind: 'rejected', status: 403, reason: 'unknown appId', credentialMismatch: true };
	if (
		!/^\d{13}$/.test(got.timestamp) ||
		Math.abs(now - Number(got.timestamp)) > keys.replayWindowMs
	) {
		return { kind: 'rejected', status: 403, reason: 'timestamp outside the replay window' };
	}
	if (!pushSignMatches(got.sign, pushSign(got.appId, got.version, got.timestamp, keys.appKey))) {
		return {
			kind: 'rejected',
			status: 403,
			reason: 'signature mismatch',
			credentialMismatch: true,
		};
	}
	const body = rawBodyOf(req);
	const message = openPush(body, corpIdCandidates(keys.appId, keys.corpId), keys.appKey);
	if (!message)
		return {
			kind: 'rejected',
			status: 400,
			reason: 'body is not a Tanma push message',
			credentialMismatch: true,
		};
	const key = `${message.type}:${message.msgId}`;
	const admission = ledger.admit(
		receiver.id,
		receiver.store,
		{
			key,
			at: now,
			// Once the sign is verified it is a function of the timestamp and version: those name the delivery.
			headers: `${got.version}:${got.timestamp}`,
			body: sha256Hex(body.replace(/\s+/g, '')).slice(0, 16),
			noise: message.noise,
		},
		keys.replayWindowMs,
	);
	if (admission.kind === 'altered')
		return { kind: 'rejected', status: 403, reason: admission.reason };
	return { kind: 'accepted', message, key, admission };
}
