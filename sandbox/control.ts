/** Unsigned `/__sandbox/…` routes that let tests and scripts in other processes steer the sandbox. */
import type { ServerResponse } from 'http';

import { parseJsonLossless } from '../nodes/Tanma/transport/json';
import type { SeedOptions, TenantData } from './data';
import type { FaultQueue, FaultSpec } from './faults';
import type { Body } from './handlers';
import { sendJson } from './http';
import type { PushDelivery, PushSpec } from './push';

/** What the control routes read and change. */
export interface SandboxControl {
	info(): Record<string, unknown>;
	readonly requests: unknown[];
	readonly tenant: TenantData;
	readonly created: Record<string, Body[]>;
	readonly sink: unknown[];
	readonly pushes: PushDelivery[];
	readonly faults: FaultQueue;
	reset(seed?: SeedOptions): void;
	addFollowUps(externalUserId: string, contents: string[]): unknown;
	push(url: string, spec: PushSpec): Promise<PushDelivery>;
}

export function controlRoute(ctl: SandboxControl, path: string, method: string, body: string, res: ServerResponse): void {
	const json = (body ? parseJsonLossless(body) : {}) as Body;
	const route = `${method} ${path.replace(/\?.*$/, '')}`;
	switch (route) {
		case 'GET /__sandbox/info':
			return sendJson(res, 200, ctl.info());
		case 'GET /__sandbox/requests':
			return sendJson(res, 200, ctl.requests);
		case 'DELETE /__sandbox/requests':
			ctl.requests.length = 0;
			return sendJson(res, 200, { ok: true });
		case 'POST /__sandbox/faults':
			return sendJson(res, 200, { ok: true, pending: ctl.faults.add(json as unknown as FaultSpec) });
		case 'DELETE /__sandbox/faults':
			ctl.faults.clear();
			return sendJson(res, 200, { ok: true });
		case 'POST /__sandbox/reset':
			ctl.reset(json as SeedOptions);
			return sendJson(res, 200, { ok: true });
		case 'GET /__sandbox/tenant':
			return sendJson(res, 200, ctl.tenant);
		case 'GET /__sandbox/created':
			return sendJson(res, 200, ctl.created);
		case 'POST /__sandbox/follow-ups': {
			const contents = Array.isArray(json.contents) ? json.contents.map(String) : [String(json.content ?? '新的跟进 ✅')];
			return sendJson(res, 200, ctl.addFollowUps(String(json.externalUserId), contents));
		}
		case 'POST /__sandbox/sink':
			ctl.sink.push(json);
			return sendJson(res, 200, { code: 0, message: 'success', data: { received: ctl.sink.length } });
		case 'POST /__sandbox/push':
			ctl.push(String(json.url), json as unknown as PushSpec).then(
				(delivery) => sendJson(res, 200, delivery),
				(error: unknown) => sendJson(res, 502, { error: String(error) }),
			);
			return;
		case 'GET /__sandbox/pushes':
			return sendJson(res, 200, ctl.pushes);
		case 'GET /__sandbox/sink':
			return sendJson(res, 200, ctl.sink);
		case 'DELETE /__sandbox/sink':
			ctl.sink.length = 0;
			return sendJson(res, 200, { ok: true });
		default:
			return sendJson(res, 404, { error: `unknown control route ${route}` });
	}
}
