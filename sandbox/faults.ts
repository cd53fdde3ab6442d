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
 */
export type Fault =
	| { kind: 'http'; status: number; body?: string; retryAfterSeconds?: number }
	| { kind: 'reset' }
	| { kind: 'slow'; delayMs: number }
	| { kind: 'malformed' }
	| { kind: 'vendor'; code: number; message?: string }
	| { kind: 'duplicate'; overlap?: number };

/** `path` limits a fault to one endpoint; `times` repeats it; `after` lets that many matching requests pass first. */
export type FaultSpec = Fault & { path?: string; times?: number; after?: number };

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

	/** The fault that applies to this request to `path`, if any (counted down as it is used). */
	take(path: string): FaultSpec | undefined {
		const index = this.pending.findIndex((f) => f.path === undefined || f.path === path);
		if (index < 0) return undefined;
		const fault = this.pending[index];
		if (fault.after) {
			this.pending[index] = { ...fault, after: fault.after - 1 };
			return undefined;
		}
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
		}
	}
}
