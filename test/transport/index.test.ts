import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { tanmaApiRequest, tanmaApiRequestAll } from '../../nodes/Tanma/transport';
import { ENDPOINTS, VENDOR_DOCS_BASE } from '../../nodes/Tanma/transport/protocol/endpoints';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { failure } from '../support/errors';
import { credentialsFor, probeContext } from '../../lab/core';

const FAST_RETRY = { retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 20 } };

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

const probe = (overrides: Record<string, string | boolean> = {}) =>
	probeContext(credentialsFor(sandbox, overrides));

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('what reaches Tanma', () => {
	test('the sandbox receives byte for byte the body that was signed', async () => {
		const { context, helper } = probe();
		const customer = sandbox.tenant.customers[3];
		await tanmaApiRequest.call(context, ENDPOINTS.customerFollowUps, {
			externalUserId: customer.externalUserId,
			note: '中文 and emoji 🎉',
		});
		const [received] = sandbox.requests;
		const [{ after }] = helper.authenticated;
		expect(received.rawBody).toBe(after.body);
		expect(received.rawBody).toBe(
			JSON.stringify({ externalUserId: customer.externalUserId, note: '中文 and emoji 🎉' }),
		);
		expect(received.headers.sign).toBe(
			sha256(sandbox.appId + received.headers.timestamp + received.rawBody + sandbox.appKey),
		);
		expect(received.headers.timestamp).toMatch(/^\d{13}$/);
		expect(received.headers['content-type']).toBe('application/json');
		expect(received.headers.appkey).toBeUndefined();
		expect(received.outcome).toBe('0');
	});

	test('a request without a body is sent empty and signed over ""', async () => {
		const { context } = probe();
		const tree = (await tanmaApiRequest.call(context, ENDPOINTS.tagTree)) as IDataObject[];
		expect(tree.map((g) => g.name)).toEqual(['企业类型', '客户等级', '意向阶段']);
		const [received] = sandbox.requests;
		expect(received.rawBody).toBe('');
		expect(received.headers.sign).toBe(
			sha256(`${sandbox.appId}${received.headers.timestamp}${sandbox.appKey}`),
		);
	});

	test('ids beyond 2^53 travel both ways without losing a digit', async () => {
		const { context } = probe();
		const rows = (await tanmaApiRequest.call(context, ENDPOINTS.customerSearch, {
			customerId: 9007199254740993n,
			pageNo: 1,
			pageSize: 10,
		} as unknown as IDataObject)) as IDataObject;
		expect(sandbox.requests[0].rawBody).toContain('"customerId":9007199254740993');
		expect((rows.data as IDataObject[]).map((r) => r.customerId)).toEqual(['9007199254740993']);
	});

	test('the App Key header is sent only when the credential asks for it', async () => {
		const { context } = probe({ sendAppKeyHeader: true });
		await tanmaApiRequest.call(context, ENDPOINTS.tagTree);
		expect(sandbox.requests[0].headers.appkey).toBe(sandbox.appKey);
	});
});

describe('errors', () => {
	test('1002: wrong App Key → NodeApiError with the vendor code and the credential hint', async () => {
		const { context } = probe({ appKey: 'not-the-key' });
		const error = await failure(tanmaApiRequest.call(context, ENDPOINTS.tagTree));
		expect(error.httpCode).toBe('1002');
		expect(error.message).toBe('Tanma error 1002: 签名校验未通过');
		expect(error.description).toMatch(/App ID and App Key do not match/);
	});

	test('1003: a clock five minutes off → hint about the machine clock', async () => {
		const skewed = await startSandbox({ now: () => Date.now() + 6 * 60 * 1000 });
		try {
			const { context } = probeContext(credentialsFor(skewed));
			const error = await failure(tanmaApiRequest.call(context, ENDPOINTS.tagTree));
			expect(error.httpCode).toBe('1003');
			expect(error.description).toMatch(/clock/);
		} finally {
			await skewed.close();
		}
	});

	test('40417: duplicate phone on import carries its hint; writes are not retried', async () => {
		const { context } = probe();
		const taken = sandbox.tenant.customers[0].mobiles[0];
		const error = await failure(
			tanmaApiRequest.call(context, ENDPOINTS.customerImport, {
				qwUserId: 'sales01',
				fields: [{ alias: 'customer_ch_phone', values: [taken] }],
			}),
		);
		expect(error.httpCode).toBe('40417');
		expect(error.description).toMatch(/phone number already exists/);
		expect(sandbox.requests).toHaveLength(1);
	});

	test('an unknown vendor code fails with its code and message, and says what to check: the edition, the app’s permission, the page', async () => {
		sandbox.addFault({ kind: 'vendor', code: 1008, message: '无权限访问' });
		const { context } = probe();
		const error = await failure(
			tanmaApiRequest.call(context, ENDPOINTS.tagTree, undefined, FAST_RETRY),
		);
		expect(error.message).toBe('Tanma error 1008: 无权限访问');
		expect(error.description).toBe(
			`Tanma refused ${ENDPOINTS.tagTree.path} (code 1008; Tanma publishes no table of its codes). If the values sent are right and other ` +
				'operations work, this tenant may not have this endpoint: check that your Tanma edition includes it and that this app may call it ' +
				`(Tanma admin panel → Open Platform → Applications), or ask Tanma support. Tanma's page for it: ${VENDOR_DOCS_BASE}${ENDPOINTS.tagTree.docPage}`,
		);
		expect(sandbox.requests).toHaveLength(1);
	});

	test('a refusal names the editions Tanma’s page gives for the endpoint; without a page, no link', async () => {
		sandbox.addFault({ kind: 'vendor', code: 1008, message: '无权限访问' });
		const { context } = probe();
		const details = await failure(
			tanmaApiRequest.call(
				context,
				ENDPOINTS.customerDetails,
				{ externalUserId: 'wm1' },
				FAST_RETRY,
			),
		);
		expect(details.description).toContain(
			"your Tanma edition includes it (Tanma's page lists it for the WeCom Basic and WeCom Advanced editions)",
		);
		sandbox.addFault({ kind: 'vendor', code: 50001, message: '未知错误' });
		const error = await failure(tanmaApiRequest.call(context, ENDPOINTS.staffList, {}, FAST_RETRY));
		expect(ENDPOINTS.staffList.docPage).toBeUndefined();
		expect(error.description).toMatch(
			/^Tanma refused \/api\/v3\/get-users \(code 50001;.*or ask Tanma support\.$/,
		);
	});

	test('HTTP 403: Tanma’s words and what to check', async () => {
		sandbox.addFault({
			kind: 'http',
			status: 403,
			body: 'Forbidden: app not authorized',
			times: 5,
		});
		const { context } = probe();
		const error = await failure(
			tanmaApiRequest.call(context, ENDPOINTS.opportunityConfig, undefined, FAST_RETRY),
		);
		expect(error.message).toBe('Tanma answered HTTP 403');
		expect(error.description).toMatch(
			/^Tanma said: Forbidden: app not authorized\. Tanma refused \/api\/v3\/opportunity\/config\/get \(HTTP 403;/,
		);
		expect(error.description).toMatch(/Tanma edition includes it/);
	});

	test('malformed JSON → NodeApiError that points at the Base URL', async () => {
		sandbox.addFault({ kind: 'malformed' });
		const { context } = probe();
		const error = await failure(tanmaApiRequest.call(context, ENDPOINTS.tagTree));
		expect(error.message).toMatch(/not a Tanma JSON envelope/);
		expect(error.description).toMatch(/Base URL/);
	});

	test('HTTP 404 (wrong Base URL path) → NodeApiError with the status', async () => {
		const { context } = probe({ baseUrl: `${sandbox.baseUrl}/wrong-prefix` });
		const error = await failure(tanmaApiRequest.call(context, ENDPOINTS.tagTree));
		expect(error.httpCode).toBe('404');
		expect(error.description).toMatch(/Base URL/);
	});

	test('network failure → NodeApiError; the App Key appears nowhere in the error', async () => {
		const closed = await startSandbox();
		const creds = credentialsFor(closed, { sendAppKeyHeader: true });
		await closed.close();
		const { context } = probeContext(creds);
		const error = await failure(
			tanmaApiRequest.call(context, ENDPOINTS.tagTree, undefined, FAST_RETRY),
		);
		expect(error.message).toMatch(/refused the connection|Could not reach Tanma/);
		const everything = JSON.stringify({
			...error,
			message: error.message,
			description: error.description,
			stack: error.stack,
		});
		expect(everything).not.toContain(creds.appKey);
	});

	test('vendor errors never echo the App Key either', async () => {
		const { context } = probe({ sendAppKeyHeader: true, appKey: 'wrong-secret-value' });
		const error = await failure(tanmaApiRequest.call(context, ENDPOINTS.tagTree));
		expect(
			JSON.stringify({ ...error, message: error.message, description: error.description }),
		).not.toContain('wrong-secret-value');
	});
});

describe('retries', () => {
	test('a read is retried after 5xx and succeeds', async () => {
		sandbox.addFault({ kind: 'http', status: 502, times: 2 });
		const { context } = probe();
		const tree = await tanmaApiRequest.call(context, ENDPOINTS.tagTree, undefined, FAST_RETRY);
		expect(tree).toHaveLength(3);
		expect(sandbox.requests.map((r) => r.outcome)).toEqual(['fault:http', 'fault:http', '0']);
	});

	test('429 with Retry-After is waited out', async () => {
		sandbox.addFault({ kind: 'http', status: 429, retryAfterSeconds: 0.2 });
		const { context } = probe();
		const started = Date.now();
		await tanmaApiRequest.call(context, ENDPOINTS.tagTree, undefined, {
			retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 1000 },
		});
		expect(Date.now() - started).toBeGreaterThanOrEqual(190);
		expect(sandbox.requests).toHaveLength(2);
	});

	test('a dropped connection on a read is retried', async () => {
		sandbox.addFault({ kind: 'reset' });
		const { context } = probe();
		await tanmaApiRequest.call(context, ENDPOINTS.tagTree, undefined, FAST_RETRY);
		expect(sandbox.requests.map((r) => r.outcome)).toEqual(['fault:reset', '0']);
	});

	test('a slow answer times out and the read is retried', async () => {
		sandbox.addFault({ kind: 'slow', delayMs: 1500 });
		const { context } = probe();
		await tanmaApiRequest.call(context, ENDPOINTS.tagTree, undefined, {
			...FAST_RETRY,
			timeoutMs: 300,
		});
		expect(sandbox.requests).toHaveLength(2);
	});

	test('retries are bounded: a persistent 503 fails after 1 + retries attempts', async () => {
		sandbox.addFault({ kind: 'http', status: 503, times: 100 });
		const { context } = probe();
		const error = await failure(
			tanmaApiRequest.call(context, ENDPOINTS.tagTree, undefined, FAST_RETRY),
		);
		expect(error.httpCode).toBe('503');
		expect(sandbox.requests).toHaveLength(4);
	});

	test('writes are never repeated: 502 and dropped connections fail at once', async () => {
		const { context } = probe();
		const order = { moduleId: 1, title: '工单', content: '内容', priority: 2, departmentId: 3765 };
		sandbox.addFault({ kind: 'http', status: 502 });
		await failure(tanmaApiRequest.call(context, ENDPOINTS.workOrderCreate, order, FAST_RETRY));
		sandbox.addFault({ kind: 'reset' });
		await failure(tanmaApiRequest.call(context, ENDPOINTS.workOrderCreate, order, FAST_RETRY));
		expect(sandbox.requests).toHaveLength(2);
		expect(sandbox.created.workOrderCreate).toBeUndefined();
	});

	test('vendor business errors are not retried, even on reads', async () => {
		const { context } = probe({ appKey: 'bad' });
		await failure(tanmaApiRequest.call(context, ENDPOINTS.tagTree, undefined, FAST_RETRY));
		expect(sandbox.requests).toHaveLength(1);
	});
});

describe('paging through the sandbox', () => {
	test('search style (v3 customer search): Return All reads every page', async () => {
		const { context } = probe();
		const all = await tanmaApiRequestAll.call(context, ENDPOINTS.customerSearch, {}, FAST_RETRY);
		expect(all).toHaveLength(sandbox.tenant.customers.length);
		expect(new Set(all.map((c) => String(c.customerId))).size).toBe(all.length);
		const pages = sandbox.requestsTo(ENDPOINTS.customerSearch.path).map((r) => r.json);
		expect(pages.map((p) => p?.pageNo)).toEqual([1, 2, 3]);
		expect(pages.every((p) => p?.pageSize === 100)).toBe(true);
	});

	test('search style: Limit stops early and asks only for what it needs', async () => {
		const { context } = probe();
		const some = await tanmaApiRequestAll.call(
			context,
			ENDPOINTS.customerSearch,
			{ searchKey: '' },
			{ limit: 130 },
		);
		expect(some).toHaveLength(130);
		expect(sandbox.requests.map((r) => r.json?.pageNo)).toEqual([1, 2]);
		const few = await tanmaApiRequestAll.call(context, ENDPOINTS.customerSearch, {}, { limit: 5 });
		expect(few).toHaveLength(5);
		expect(sandbox.requests.at(-1)?.json?.pageSize).toBe(5);
	});

	test('page style (staff, group chats): Return All and Limit', async () => {
		const { context } = probe();
		const staff = await tanmaApiRequestAll.call(context, ENDPOINTS.staffList, {}, { pageSize: 5 });
		expect(staff).toHaveLength(sandbox.tenant.staff.length);
		expect(sandbox.requests.map((r) => r.json?.pageNo)).toEqual([1, 2, 3]);
		const groups = await tanmaApiRequestAll.call(
			context,
			ENDPOINTS.groupList,
			{},
			{ limit: 12, pageSize: 10 },
		);
		expect(groups).toHaveLength(12);
	});

	test('cursor style (relations by create time): follows nextCursor to the end', async () => {
		const { context } = probe();
		const all = await tanmaApiRequestAll.call(
			context,
			ENDPOINTS.relationsByCreateTime,
			{},
			{ pageSize: 40 },
		);
		expect(all).toHaveLength(sandbox.tenant.relations.length);
		const cursors = sandbox.requests.map((r) => r.json?.cursor);
		expect(cursors[0]).toBeUndefined();
		expect(new Set(cursors).size).toBe(cursors.length);
		expect(sandbox.requests).toHaveLength(Math.ceil(sandbox.tenant.relations.length / 40));
	});

	test('records repeated across shifted pages are dropped when the id is known', async () => {
		const { context } = probe();
		sandbox.addFault({
			kind: 'duplicate',
			overlap: 3,
			path: ENDPOINTS.customerSearch.path,
			after: 1,
		});
		const idOf = (c: IDataObject) => String(c.customerId);
		const all = await tanmaApiRequestAll.call(context, ENDPOINTS.customerSearch, {}, { idOf });
		expect(sandbox.requests.map((r) => r.fault)).toEqual([undefined, 'duplicate', undefined]);
		expect(sandbox.requests.map((r) => r.outcome)).toEqual(['0', '0', '0']);
		expect(all).toHaveLength(sandbox.tenant.customers.length);
		expect(new Set(all.map(idOf)).size).toBe(all.length);
	});

	test('without an id, the overlap shows up (the fault is real)', async () => {
		const { context } = probe();
		sandbox.addFault({
			kind: 'duplicate',
			overlap: 3,
			path: ENDPOINTS.customerSearch.path,
			after: 1,
		});
		const all = await tanmaApiRequestAll.call(context, ENDPOINTS.customerSearch, {});
		expect(all).toHaveLength(sandbox.tenant.customers.length + 3);
	});

	test('a transient failure mid-paging is retried without losing or repeating records', async () => {
		const { context } = probe();
		sandbox.addFault({ kind: 'http', status: 500, path: ENDPOINTS.relationsByCreateTime.path });
		const all = await tanmaApiRequestAll.call(
			context,
			ENDPOINTS.relationsByCreateTime,
			{},
			{ ...FAST_RETRY, pageSize: 100 },
		);
		expect(all).toHaveLength(sandbox.tenant.relations.length);
	});
});
