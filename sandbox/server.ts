import type { IncomingMessage, Server, ServerResponse } from 'http';
import { createServer } from 'http';
import { createServer as createHttpsServer } from 'https';
import type { AddressInfo } from 'net';

import type { EndpointName } from '../nodes/Tanma/transport/protocol/endpoints';
import { isPlainObject, parseJsonLossless } from '../nodes/Tanma/transport/protocol/json';
import type { RecordedRequest, Sandbox } from './api';
import { verifySignature } from './auth';
import { controlRoute } from './control';
import type { SeedOptions, TenantData } from './data';
import { freshTenant } from './data';
import { FaultQueue } from './faults';
import type { Body, HandlerContext } from './handlers';
import { HANDLERS, ROUTES, VendorFailure } from './handlers';
import { delay, headerMap, readBody, sendJson, sendText } from './http';
import type { PushDelivery, PushSpec, RawPush } from './push';
import { deliverPush, deliverRaw } from './push';
import type { TenantReadings } from './readings';
import { NODE_READINGS } from './readings';
import { readVendorExample } from './vendorExamples';

export type { Fault, FaultSpec } from './faults';
export type { RecordedRequest, Sandbox } from './api';
export { MAX_CLOCK_SKEW_MS } from './auth';

export const SANDBOX_APP_ID = 'ww5a9c3e7d1b2f4a60_Sandbox';
export const SANDBOX_APP_KEY = 'sandbox-app-key-5f1c2a9e7b3d4c6a';

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
	/** Every API answer waits this long, as a distant server's would (control routes do not). */
	answerDelayMs?: number;
	/** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
	tls?: { key: string; cert: string };
	/** How the tenant reads what Tanma never published; default: the node's readings (./readings.ts). */
	readings?: Partial<TenantReadings>;
}

/**
 * Answers taken unchanged from a vendor page for that page's own request example (the seed page's follow-ups:
 * its 22 records answer its externalUserId); any other request is answered from the tenant.
 */
const VERBATIM_FOR_EXAMPLE_REQUEST: Partial<
	Record<EndpointName, { request: Body; answer: string }>
> = {
	customerFollowUps: {
		request: JSON.parse(
			readVendorExample('requests/customer-follow-ups.api-11507029.json'),
		) as Body,
		answer: readVendorExample('responses/customer-follow-ups.api-11507029.json').trim(),
	},
};

/** The same top-level fields with the same values (the example requests hold only text). */
const sameRequest = (a: Body | undefined, b: Body) =>
	Object.keys(a ?? {}).length === Object.keys(b).length &&
	Object.entries(b).every(([key, value]) => a?.[key] === value);

/** Answers taken unchanged from the vendor's examples. */
const VERBATIM_ANSWERS: Partial<Record<EndpointName, string>> = {
	pushRegister: readVendorExample('responses/push-register.api-11496874.json').trim(),
	contractFields: readVendorExample('responses/contract-field.api-57518920.json').trim(),
};

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const appId = options.appId ?? SANDBOX_APP_ID;
	const appKey = options.appKey ?? SANDBOX_APP_KEY;
	const now = options.now ?? (() => Date.now());
	const faults = new FaultQueue();
	let lastPushAt = 0;

	const state = {
		tenant: freshTenant(options.seed),
		created: {} as Record<string, Body[]>,
		requests: [] as RecordedRequest[],
		sink: [] as unknown[],
		pushes: [] as PushDelivery[],
		readings: { ...NODE_READINGS, ...options.readings } as TenantReadings,
	};

	async function push(url: string, spec: PushSpec): Promise<PushDelivery> {
		// One sender stamps its deliveries in increasing milliseconds: the receiver names a delivery by it.
		lastPushAt = Math.max(now(), lastPushAt + 1);
		const delivery = await deliverPush(
			url,
			spec,
			{ appId, appKey, corpId: options.corpId },
			lastPushAt,
		);
		state.pushes.push(delivery);
		return delivery;
	}

	async function pushRaw(
		url: string,
		raw: RawPush,
		expected: { type: string; msgId: string; noise: string },
	): Promise<PushDelivery> {
		const delivery = await deliverRaw(url, raw, expected);
		state.pushes.push(delivery);
		return delivery;
	}

	const context = (): HandlerContext => ({
		tenant: state.tenant,
		now,
		created: state.created,
		takeOverlap: () => faults.takeOverlap(),
		readings: state.readings,
	});

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

	function addLeads(names: string[], atMs = now()) {
		const added = names.map((name) => ({
			customerId: String(398604120668000n + BigInt(state.tenant.nextRecordId++)),
			isClue: true,
			type: 1,
			createTimeMs: atMs,
			fields: [{ field: 'name', type: 1, valueAsText: name }],
			followUps: [],
		}));
		state.tenant.leads.push(...added);
		return added;
	}

	let inFlight = 0;

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const path = (req.url ?? '/').replace(/\?.*$/, '');
		if (path.startsWith('/__sandbox/'))
			return controlRoute(
				{ sandbox, faults, now: now() },
				req.url ?? path,
				req.method ?? 'GET',
				await readBody(req),
				res,
			);
		inFlight++;
		const arrivedWith = inFlight;
		const rawBody = await readBody(req);
		const method = req.method ?? 'GET';

		const parsed = rawBody === '' ? undefined : parseJsonLossless(rawBody);
		const record: RecordedRequest = {
			method,
			path,
			headers: headerMap(req),
			rawBody,
			json: isPlainObject(parsed) ? (parsed as Body) : undefined,
			outcome: 'pending',
			receivedAt: now(),
			inFlight: arrivedWith,
		};
		state.requests.push(record);
		res.once('close', () => {
			inFlight--;
			record.answeredAt = now();
		});
		if (options.answerDelayMs) await delay(options.answerDelayMs);

		const fault = faults.take(path, record.json);
		if (fault) {
			record.fault = fault.kind;
			record.outcome = `fault:${fault.kind}`;
			const applied = await faults.apply(fault, req, res);
			if (applied.outcome !== undefined) record.outcome = applied.outcome;
			if (applied.next === 'answered') return;
		}

		if (method !== 'POST') {
			record.outcome = 'http:405';
			return sendJson(res, 405, { status: 405, error: 'Method Not Allowed', path });
		}
		const failure = verifySignature(record.headers, rawBody, { appId, appKey, now: now() });
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
			const example = VERBATIM_FOR_EXAMPLE_REQUEST[name];
			if (example && sameRequest(record.json, example.request)) {
				record.outcome = '0';
				return sendText(res, example.answer);
			}
			const data = HANDLERS[name](record.json ?? {}, context());
			record.outcome = '0';
			const verbatim = VERBATIM_ANSWERS[name];
			if (verbatim !== undefined) sendText(res, verbatim);
			else
				sendJson(
					res,
					200,
					data === undefined
						? { code: 0, message: 'success' }
						: { code: 0, message: 'success', data },
				);
			if (name === 'pushRegister') {
				// Like Tanma: confirm a new push address with a "register" message once the call has returned.
				setTimeout(
					() =>
						void push(String(record.json?.receiveAddress), { type: 'register', content: {} }).catch(
							() => undefined,
						),
					50,
				);
			}
			return;
		} catch (error) {
			if (error instanceof VendorFailure) {
				record.outcome = String(error.code);
				return sendJson(res, 200, { code: error.code, message: error.message });
			}
			record.outcome = 'http:500';
			return sendJson(res, 500, {
				status: 500,
				error: 'Internal Server Error',
				message: String(error),
			});
		}
	}

	const listener = (req: IncomingMessage, res: ServerResponse) => {
		handle(req, res).catch((error: unknown) => {
			if (!res.headersSent) sendJson(res, 500, { error: String(error) });
		});
	};
	const server: Server = options.tls
		? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener)
		: createServer(listener);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	const host = options.host ?? '127.0.0.1';

	const sandbox: Sandbox = {
		baseUrl: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
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
		get readings() {
			return state.readings;
		},
		set readings(value: TenantReadings) {
			state.readings = { ...NODE_READINGS, ...value };
		},
		get created() {
			return state.created;
		},
		set created(value: Record<string, Body[]>) {
			state.created = value;
		},
		addFault: (fault) => void faults.add(fault),
		clearFaults: () => faults.clear(),
		requestsTo: (path) => state.requests.filter((r) => r.path === path),
		addFollowUps,
		addLeads,
		push,
		pushRaw,
		get pushes() {
			return state.pushes;
		},
		reset(seed) {
			state.tenant = freshTenant(seed ?? options.seed);
			state.readings = { ...NODE_READINGS, ...options.readings };
			state.created = {};
			state.requests.length = 0;
			state.sink.length = 0;
			state.pushes.length = 0;
			faults.reset();
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
	return sandbox;
}
