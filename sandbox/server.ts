import type { PushDelivery, PushSpec, RawPush } from './push';
import { deliverPush, deliverRaw } from './push';
import type { IncomingMessage, Server, ServerResponse } from 'http';
import { createServer } from 'http';
import type { AddressInfo } from 'net';

import type { EndpointName } from '../nodes/Tanma/transport/endpoints';
import { isPlainObject, parseJsonLossless, stringifyJson } from '../nodes/Tanma/transport/json';
import { computeRequestSign } from '../nodes/Tanma/transport/signature';
import { formatTanmaTime } from '../nodes/Tanma/transport/time';
import type { SeedOptions, TenantData } from './data';
import { seedTenant } from './data';
import type { Body, HandlerContext } from './handlers';
import { HANDLERS, ROUTES, VendorFailure } from './handlers';
import { readVendorExample } from './vendorExamples';

export const SANDBOX_APP_ID = 'ww5a9c3e7d1b2f4a60_Sandbox';
export const SANDBOX_APP_KEY = 'sandbox-app-key-5f1c2a9e7b3d4c6a';
/** Tanma's tolerance for clock skew is not published; the sandbox uses five minutes. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Faults make the next matching request(s) misbehave. `path` limits a fault to one endpoint.
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

/** `path` limits a fault to one endpoint; `after` lets that many matching requests pass first. */
export type FaultSpec = Fault & { path?: string; times?: number; after?: number };

export interface RecordedRequest {
	method: string;
	path: string;
	headers: Record<string, string>;
	/** The body exactly as received (UTF-8). */
	rawBody: string;
	/** The body parsed with ids kept exact (undefined when empty or not JSON). */
	json: Body | undefined;
	/** The business code the sandbox answered with, or the HTTP status prefixed with "http:" / "fault:". */
	outcome: string;
	/** The fault applied to this request, if any. */
	fault?: Fault['kind'];
	receivedAt: number;
}

export interface SandboxOptions {
	port?: number;
	host?: string;
	appId?: string;
	appKey?: string;
	/** The Corp ID pushes are encrypted with; default: the App ID before "_". */
	corpId?: string;
	seed?: SeedOptions;
	/** Clock used for signature checks and created records (tests move it). */
	now?: () => number;
}

export interface Sandbox {
	readonly baseUrl: string;
	readonly port: number;
	readonly appId: string;
	readonly appKey: string;
	readonly requests: RecordedRequest[];
	readonly sink: unknown[];
	tenant: TenantData;
	created: Record<string, Body[]>;
	addFault(fault: FaultSpec): void;
	clearFaults(): void;
	/** Requests to one endpoint path, oldest first. */
	requestsTo(path: string): RecordedRequest[];
	/** Appends follow-up records to a customer (new activity, for trigger tests). */
	addFollowUps(externalUserId: string, contents: string[], atMs?: number): TenantData['followUps'];
	/** Sends a signed, encrypted push message to `url` (Tanma's push delivery) and records the answer. */
	push(url: string, spec: PushSpec): Promise<PushDelivery>;
	/** Sends a request byte for byte (a vendor example, a captured push replayed or altered). */
	pushRaw(url: string, raw: RawPush, expected: { type: string; msgId: string; noise: string }): Promise<PushDelivery>;
	readonly pushes: PushDelivery[];
	reset(seed?: SeedOptions): void;
	close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function headerMap(req: IncomingMessage): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
	const text = stringifyJson(payload);
	res.writeHead(status, {
		'Content-Type': 'application/json;charset=UTF-8',
		'Content-Length': Buffer.byteLength(text),
	});
	res.end(text);
}

function sendText(res: ServerResponse, text: string): void {
	res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
	res.end(text);
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Answers taken unchanged from the vendor's examples. */
const VERBATIM_ANSWERS: Partial<Record<EndpointName, string>> = {
	pushRegister: readVendorExample('responses/push-register.api-11496874.json').trim(),
};

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const appId = options.appId ?? SANDBOX_APP_ID;
	const appKey = options.appKey ?? SANDBOX_APP_KEY;
	const now = options.now ?? (() => Date.now());
	const faults: FaultSpec[] = [];
	let pendingOverlap = 0;
	let lastPushAt = 0;

	const state = {
		tenant: seedTenant(options.seed),
		created: {} as Record<string, Body[]>,
		requests: [] as RecordedRequest[],
		sink: [] as unknown[],
		pushes: [] as PushDelivery[],
	};

	async function push(url: string, spec: PushSpec): Promise<PushDelivery> {
		// One sender stamps its deliveries in increasing milliseconds: the receiver names a delivery by it.
		lastPushAt = Math.max(now(), lastPushAt + 1);
		const delivery = await deliverPush(url, spec, { appId, appKey, corpId: options.corpId }, lastPushAt);
		state.pushes.push(delivery);
		return delivery;
	}

	async function pushRaw(url: string, raw: RawPush, expected: { type: string; msgId: string; noise: string }): Promise<PushDelivery> {
		const delivery = await deliverRaw(url, raw, expected);
		state.pushes.push(delivery);
		return delivery;
	}

	const context = (): HandlerContext => ({
		tenant: state.tenant,
		now,
		created: state.created,
		takeOverlap: () => {
			const n = pendingOverlap;
			pendingOverlap = 0;
			return n;
		},
	});

	function takeFault(path: string): FaultSpec | undefined {
		const index = faults.findIndex((f) => f.path === undefined || f.path === path);
		if (index < 0) return undefined;
		const fault = faults[index];
		if (fault.after) {
			faults[index] = { ...fault, after: fault.after - 1 };
			return undefined;
		}
		const remaining = (fault.times ?? 1) - 1;
		if (remaining <= 0) faults.splice(index, 1);
		else faults[index] = { ...fault, times: remaining };
		return fault;
	}

	function addFollowUps(externalUserId: string, contents: string[], atMs = now()) {
		const customer = state.tenant.customers.find((c) => c.externalUserId === externalUserId);
		if (!customer) throw new Error(`no customer ${externalUserId}`);
		const added = contents.map((content) => ({
			id: state.tenant.nextFollowUpId++,
			externalUserId,
			qwUserId: customer.ownerQwUserId,
			content,
			followType: 1,
			createTimeMs: atMs,
		}));
		state.tenant.followUps.push(...added);
		customer.lastFollowTimeMs = Math.max(customer.lastFollowTimeMs ?? 0, atMs);
		return added;
	}

	/** Unsigned endpoints that let tests and scripts in other processes steer the sandbox. */
	function control(path: string, method: string, body: string, res: ServerResponse): void {
		const json = (body ? parseJsonLossless(body) : {}) as Body;
		const route = `${method} ${path.replace(/\?.*$/, '')}`;
		switch (route) {
			case 'GET /__sandbox/info':
				return sendJson(res, 200, { baseUrl: sandbox.baseUrl, appId, appKey, now: formatTanmaTime(now()) });
			case 'GET /__sandbox/requests':
				return sendJson(res, 200, state.requests);
			case 'DELETE /__sandbox/requests':
				state.requests.length = 0;
				return sendJson(res, 200, { ok: true });
			case 'POST /__sandbox/faults':
				faults.push(json as unknown as FaultSpec);
				return sendJson(res, 200, { ok: true, pending: faults.length });
			case 'DELETE /__sandbox/faults':
				faults.length = 0;
				return sendJson(res, 200, { ok: true });
			case 'POST /__sandbox/reset':
				sandbox.reset(json as SeedOptions);
				return sendJson(res, 200, { ok: true });
			case 'GET /__sandbox/tenant':
				return sendJson(res, 200, state.tenant);
			case 'GET /__sandbox/created':
				return sendJson(res, 200, state.created);
			case 'POST /__sandbox/follow-ups': {
				const contents = Array.isArray(json.contents) ? json.contents.map(String) : [String(json.content ?? '新的跟进 ✅')];
				return sendJson(res, 200, addFollowUps(String(json.externalUserId), contents));
			}
			case 'POST /__sandbox/sink':
				state.sink.push(json);
				return sendJson(res, 200, { code: 0, message: 'success', data: { received: state.sink.length } });
			case 'POST /__sandbox/push':
				push(String(json.url), json as unknown as PushSpec).then(
					(delivery) => sendJson(res, 200, delivery),
					(error: unknown) => sendJson(res, 502, { error: String(error) }),
				);
				return;
			case 'GET /__sandbox/pushes':
				return sendJson(res, 200, state.pushes);
			case 'GET /__sandbox/sink':
				return sendJson(res, 200, state.sink);
			case 'DELETE /__sandbox/sink':
				state.sink.length = 0;
				return sendJson(res, 200, { ok: true });
			default:
				return sendJson(res, 404, { error: `unknown control route ${route}` });
		}
	}

	/** The signature check, as Tanma documents it: 1002 for a bad signature, 1003 for clock skew. */
	function verify(headers: Record<string, string>, rawBody: string): VendorFailure | undefined {
		const sign = headers.sign ?? '';
		const timestamp = headers.timestamp ?? '';
		if (headers.appid !== appId || sign !== computeRequestSign(appId, timestamp, rawBody, appKey)) {
			return new VendorFailure(1002, '签名校验未通过');
		}
		if (!/^\d{13}$/.test(timestamp) || Math.abs(now() - Number(timestamp)) > MAX_CLOCK_SKEW_MS) {
			return new VendorFailure(1003, '请求时间与服务器时间相差过大,请校对时间后重新请求');
		}
		return undefined;
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const rawBody = await readBody(req);
		const path = (req.url ?? '/').replace(/\?.*$/, '');
		const method = req.method ?? 'GET';
		if (path.startsWith('/__sandbox/')) return control(req.url ?? path, method, rawBody, res);

		const parsed = rawBody === '' ? undefined : parseJsonLossless(rawBody);
		const record: RecordedRequest = {
			method,
			path,
			headers: headerMap(req),
			rawBody,
			json: isPlainObject(parsed) ? (parsed as Body) : undefined,
			outcome: 'pending',
			receivedAt: now(),
		};
		state.requests.push(record);

		const fault = takeFault(path);
		if (fault) {
			record.fault = fault.kind;
			record.outcome = `fault:${fault.kind}`;
			switch (fault.kind) {
				case 'http':
					res.writeHead(fault.status, {
						'Content-Type': 'text/plain;charset=UTF-8',
						...(fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {}),
					});
					res.end(fault.body ?? `sandbox fault: HTTP ${fault.status}`);
					return;
				case 'reset':
					req.socket.destroy();
					return;
				case 'malformed':
					res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8' });
					res.end('{"code":0,"message":"success","data":{"list":[{"id":1,');
					return;
				case 'vendor':
					record.outcome = String(fault.code);
					return sendJson(res, 200, { code: fault.code, message: fault.message ?? '失败' });
				case 'slow':
					await delay(fault.delayMs);
					if (res.destroyed || req.socket.destroyed) return;
					break;
				case 'duplicate':
					pendingOverlap = fault.overlap ?? 1;
					break;
			}
		}

		if (method !== 'POST') {
			record.outcome = 'http:405';
			return sendJson(res, 405, { status: 405, error: 'Method Not Allowed', path });
		}
		const failure = verify(record.headers, rawBody);
		if (failure) {
			record.outcome = String(failure.code);
			return sendJson(res, 200, { code: failure.code, message: failure.message });
		}
		const name = ROUTES.get(path);
		if (!name) {
			record.outcome = 'http:404';
			return sendJson(res, 404, { timestamp: now(), status: 404, error: 'Not Found', path });
		}
		if (rawBody !== '' && !isPlainObject(parsed)) {
			record.outcome = '-1';
			return sendJson(res, 200, { code: -1, message: '请求体不是合法的JSON' });
		}
		try {
			const data = HANDLERS[name](record.json ?? {}, context());
			record.outcome = '0';
			const verbatim = VERBATIM_ANSWERS[name];
			if (verbatim !== undefined) sendText(res, verbatim);
			else sendJson(res, 200, data === undefined ? { code: 0, message: 'success' } : { code: 0, message: 'success', data });
			if (name === 'pushRegister') {
				// Like Tanma: confirm a new push address with a "register" message once the call has returned.
				setTimeout(() => void push(String(record.json?.receiveAddress), { type: 'register', content: {} }).catch(() => undefined), 50);
			}
			return;
		} catch (error) {
			if (error instanceof VendorFailure) {
				record.outcome = String(error.code);
				return sendJson(res, 200, { code: error.code, message: error.message });
			}
			record.outcome = 'http:500';
			return sendJson(res, 500, { status: 500, error: 'Internal Server Error', message: String(error) });
		}
	}

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			if (!res.headersSent) sendJson(res, 500, { error: String(error) });
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	const host = options.host ?? '127.0.0.1';

	const sandbox: Sandbox = {
		baseUrl: `http://${host}:${port}`,
		port,
		appId,
		appKey,
		get requests() {
			return state.requests;
		},
		get sink() {
			return state.sink;
		},
		get tenant() {
			return state.tenant;
		},
		set tenant(value: TenantData) {
			state.tenant = value;
		},
		get created() {
			return state.created;
		},
		set created(value: Record<string, Body[]>) {
			state.created = value;
		},
		addFault: (fault) => faults.push(fault),
		clearFaults: () => {
			faults.length = 0;
		},
		requestsTo: (path) => state.requests.filter((r) => r.path === path),
		addFollowUps,
		push,
		pushRaw,
		get pushes() {
			return state.pushes;
		},
		reset(seed) {
			state.tenant = seedTenant(seed ?? options.seed);
			state.created = {};
			state.requests.length = 0;
			state.sink.length = 0;
			state.pushes.length = 0;
			faults.length = 0;
			pendingOverlap = 0;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
	return sandbox;
}
