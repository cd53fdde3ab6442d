/** Faults a test can inject: the next matching request(s) misbehave as a real network or server can. */
import type { IncomingMessage, ServerResponse } from 'http';

import { delay, sendJson } from './http';

/**
 * - http: answer this HTTP status (429, 5xx, …), optionally with Retry-After
 * - reset: drop the connection without answering
 * - slow: wait, then answer normally
 * - malformed: HTTP 200 with a truncated JSON body
 * - vendor: HTTP 200 with this non-zero code
 * - duplicate: the next paged answer repeats the last `overlap` records of the previous page
 * - lostAnswer: the request is carried out (a write is applied), then the connection drops before the answer
 */
export type Fault =
	| {
			kind: 'http';
			status: number;
			body?: string;
			/** Retry-After as delay-seconds, or as an HTTP date this many seconds from now. */
			retryAfterSeconds?: number;
			retryAfterDateSeconds?: number;
	  }
	| { kind: 'reset' }
	| { kind: 'slow'; delayMs: number }
	| { kind: 'malformed' }
	| { kind: 'vendor'; code: number; message?: string }
	| { kind: 'duplicate'; overlap?: number }
	| { kind: 'lostAnswer' };

/**
 * `path` limits a fault to one endpoint and `match` to requests whose JSON body has these top-level values (compared
 * as text, e.g. one customer's `externalUserId`); `times` repeats it (0: every matching request, until cleared);
 * `after` lets that many matching requests pass first.
 */
export type FaultSpec = Fault & {
	path?: string;
	match?: Record<string, string>;
	times?: number;
	after?: number;
};

function matches(
	fault: FaultSpec,
	path: string,
	body: Record<string, unknown> | undefined,
): boolean {
	if (fault.path !== undefined && fault.path !== path) return false;
	return Object.entries(fault.match ?? {}).every(
		([field, value]) => body !== undefined && String(body[field]) === value,
	);
}

export class FaultQueue {
	private readonly pending: FaultSpec[] = [];
	private overlap = 0;

	add(fault: FaultSpec): number {
		this.pending.push(fault);
		return this.pending.length;
	}

	clear(): void {
		this.pending.length = 0;
	}

	reset(): void {
		this.clear();
		this.overlap = 0;
	}

	/** The fault that applies to this request (its path and JSON body), if any (counted down as it is used). */
	take(path: string, body?: Record<string, unknown>): FaultSpec | undefined {
		const index = this.pending.findIndex((f) => matches(f, path, body));
		if (index < 0) return undefined;
		const fault = this.pending[index];
		if (fault.after) {
			this.pending[index] = { ...fault, after: fault.after - 1 };
			return undefined;
		}
		if (fault.times === 0) return fault;
		const remaining = (fault.times ?? 1) - 1;
		if (remaining <= 0) this.pending.splice(index, 1);
		else this.pending[index] = { ...fault, times: remaining };
		return fault;
	}

	/** Records the next paged answer starts early (the "duplicate" fault); read once by the handler. */
	takeOverlap(): number {
		const n = this.overlap;
		this.overlap = 0;
		return n;
	}

	/**
	 * Applies a fault to the request. 'answered': the fault answered (or dropped) it, with `outcome`;
	 * 'continue': the request goes on to the normal handling (after a delay, or with an overlap set).
	 */
	async apply(
		fault: Fault,
		req: IncomingMessage,
		res: ServerResponse,
	): Promise<{ next: 'answered' | 'continue'; outcome?: string }> {
		switch (fault.kind) {
			case 'http':
				res.writeHead(fault.status, {
					'Content-Type': 'text/plain;charset=UTF-8',
					...(fault.retryAfterSeconds !== undefined
						? { 'Retry-After': String(fault.retryAfterSeconds) }
						: fault.retryAfterDateSeconds !== undefined
							? {
									'Retry-After': new Date(
										Date.now() + fault.retryAfterDateSeconds * 1000,
									).toUTCString(),
								}
							: {}),
				});
				res.end(fault.body ?? `sandbox fault: HTTP ${fault.status}`);
				return { next: 'answered' };
			case 'reset':
				req.socket.destroy();
				return { next: 'answered' };
			case 'malformed':
				res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8' });
				res.end('{"code":0,"message":"success","data":{"list":[{"id":1,');
				return { next: 'answered' };
			case 'vendor':
				sendJson(res, 200, { code: fault.code, message: fault.message ?? '失败' });
				return { next: 'answered', outcome: String(fault.code) };
			case 'slow':
				await delay(fault.delayMs);
				return { next: res.destroyed || req.socket.destroyed ? 'answered' : 'continue' };
			case 'duplicate':
				this.overlap = fault.overlap ?? 1;
				return { next: 'continue' };
			case 'lostAnswer':
				// Handled as usual, but whatever is answered is dropped with the connection instead.
				res.writeHead = () => res;
				res.end = () => {
					req.socket.destroy();
					return res;
				};
				return { next: 'continue', outcome: 'lostAnswer' };
		}
	}
}
