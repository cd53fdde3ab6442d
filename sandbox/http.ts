/** Small HTTP helpers of the sandbox: read a request, answer JSON or text as Tanma does. */
import type { IncomingMessage, ServerResponse } from 'http';

import { stringifyJson } from '../nodes/Tanma/transport/protocol/json';

export async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export function headerMap(req: IncomingMessage): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

/** JSON with ids beyond 2^53 (bigint) written as bare integers, like Tanma's Java encoder. */
export function sendJson(res: ServerResponse, status: number, payload: unknown): void {
	sendText(res, stringifyJson(payload), status);
}

/** A JSON answer given as text (a vendor example, unchanged). */
export function sendText(res: ServerResponse, text: string, status = 200): void {
	res.writeHead(status, {
		'Content-Type': 'application/json;charset=UTF-8',
		'Content-Length': Buffer.byteLength(text),
	});
	res.end(text);
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
