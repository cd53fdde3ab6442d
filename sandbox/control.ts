/** Unsigned `/__sandbox/…` routes that let tests and scripts in other processes steer the sandbox. */
import type { ServerResponse } from 'http';

import { parseJsonLossless } from '../nodes/Tanma/transport/protocol/json';
import { formatTanmaTime } from '../nodes/Tanma/transport/protocol/time';
import type { Sandbox } from './api';
import type { SeedOptions } from './data';
import type { FaultQueue, FaultSpec } from './faults';
import type { Body } from './handlers';
import { sendJson } from './http';
import type { PushSpec } from './push';

/** What the control routes read and change: the sandbox itself, its fault queue, and its clock's reading. */
export interface SandboxControl {
	sandbox: Sandbox;
	faults: FaultQueue;
	now: number;
}

export function controlRoute(
	{ sandbox, faults, now }: SandboxControl,
	path: string,
	method: string,
	body: string,
	res: ServerResponse,
): void {
	const json = (body ? parseJsonLossless(body) : {}) as Body;
	const route = `${method} ${path.replace(/\?.*$/, '')}`;
	switch (route) {
		case 'GET /__sandbox/info':
			return sendJson(res, 200, {
				baseUrl: sandbox.baseUrl,
				appId: sandbox.appId,
				appKey: sandbox.appKey,
				now: formatTanmaTime(now),
			});
		case 'GET /__sandbox/requests':
			return sendJson(res, 200, sandbox.requests);
		case 'DELETE /__sandbox/requests':
			sandbox.requests.length = 0;
			return sendJson(res, 200, { ok: true });
		case 'POST /__sandbox/faults':
			return sendJson(res, 200, { ok: true, pending: faults.add(json as unknown as FaultSpec) });
		case 'DELETE /__sandbox/faults':
			faults.clear();
			return sendJson(res, 200, { ok: true });
		case 'POST /__sandbox/reset':
			sandbox.reset(json as SeedOptions);
			return sendJson(res, 200, { ok: true });
		case 'GET /__sandbox/readings':
			return sendJson(res, 200, sandbox.readings);
		case 'PUT /__sandbox/readings':
			sandbox.readings = json as unknown as Sandbox['readings'];
			return sendJson(res, 200, sandbox.readings);
		case 'GET /__sandbox/tenant':
			return sendJson(res, 200, sandbox.tenant);
		case 'GET /__sandbox/created':
			return sendJson(res, 200, sandbox.created);
		case 'POST /__sandbox/follow-ups': {
			const contents = Array.isArray(json.contents)
				? json.contents.map(String)
				: [String(json.content ?? '新的跟进 ✅')];
			return sendJson(res, 200, sandbox.addFollowUps(String(json.externalUserId), contents));
		}
		case 'POST /__sandbox/sink':
			sandbox.sink.push(json);
			return sendJson(res, 200, {
				code: 0,
				message: 'success',
				data: { received: sandbox.sink.length },
			});
		case 'POST /__sandbox/push':
			sandbox.push(String(json.url), json as unknown as PushSpec).then(
				(delivery) => sendJson(res, 200, delivery),
				(error: unknown) => sendJson(res, 502, { error: String(error) }),
			);
			return;
		case 'GET /__sandbox/pushes':
			return sendJson(res, 200, sandbox.pushes);
		case 'GET /__sandbox/sink':
			return sendJson(res, 200, sandbox.sink);
		case 'DELETE /__sandbox/sink':
			sandbox.sink.length = 0;
			return sendJson(res, 200, { ok: true });
		default:
			return sendJson(res, 404, { error: `unknown control route ${route}` });
	}
}
