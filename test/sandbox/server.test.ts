import axios from 'axios';
import { createHash } from 'crypto';

import { ENDPOINTS } from '../../nodes/Tanma/transport/protocol/endpoints';
import { freshTenant, seedTenant } from '../../sandbox/data';
import { HANDLERS, ROUTES } from '../../sandbox/handlers';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';

/** An independent client: axios plus hand-rolled signing, nothing from our node code. */
function signedPost(
	sandbox: Sandbox,
	path: string,
	rawBody: string,
	opts: { ts?: number; key?: string; appId?: string } = {},
) {
	const ts = String(opts.ts ?? Date.now());
	const appId = opts.appId ?? sandbox.appId;
	const sign = createHash('sha256')
		.update(appId + ts + rawBody + (opts.key ?? sandbox.appKey))
		.digest('hex');
	return axios.post(`${sandbox.baseUrl}${path}`, rawBody, {
		headers: { 'Content-Type': 'application/json', appId, timestamp: ts, sign },
		transformRequest: [(d: unknown) => d],
		transformResponse: [(d: unknown) => d],
		validateStatus: () => true,
	});
}

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

test('every catalogue endpoint has a sandbox handler, routed by its path', () => {
	expect(Object.keys(HANDLERS).sort()).toEqual(Object.keys(ENDPOINTS).sort());
	for (const [name, endpoint] of Object.entries(ENDPOINTS))
		expect(ROUTES.get(endpoint.path)).toBe(name);
});

test('verifies the signature exactly: one changed byte of the body → 1002', async () => {
	const body = '{"externalUserId":"x"}';
	const ok = await signedPost(sandbox, '/api/v3/tags/list-tree', '');
	expect(JSON.parse(ok.data).code).toBe(0);
	const ts = Date.now();
	const sign = createHash('sha256')
		.update(sandbox.appId + ts + body + sandbox.appKey)
		.digest('hex');
	const tampered = await axios.post(
		`${sandbox.baseUrl}/api/v3/tags/list-tree`,
		body.replace('x', 'y'),
		{
			headers: {
				'Content-Type': 'application/json',
				appId: sandbox.appId,
				timestamp: String(ts),
				sign,
			},
			transformRequest: [(d: unknown) => d],
		},
	);
	expect(tampered.data).toEqual({ code: 1002, message: '签名校验未通过' });
	expect(
		(await signedPost(sandbox, '/api/v3/tags/list-tree', '', { appId: 'wwother_App' })).data,
	).toContain('1002');
});

test('timestamp more than five minutes off (correctly signed) → 1003', async () => {
	const stale = await signedPost(sandbox, '/api/v3/tags/list-tree', '', {
		ts: Date.now() - 5 * 60 * 1000 - 5000,
	});
	expect(JSON.parse(stale.data).code).toBe(1003);
	const fine = await signedPost(sandbox, '/api/v3/tags/list-tree', '', {
		ts: Date.now() - 4 * 60 * 1000,
	});
	expect(JSON.parse(fine.data).code).toBe(0);
});

test('unknown path → HTTP 404, GET → 405, body that is not JSON → code -1', async () => {
	expect((await signedPost(sandbox, '/api/v3/nope', '')).status).toBe(404);
	expect(
		(await axios.get(`${sandbox.baseUrl}/api/v3/tags/list-tree`, { validateStatus: () => true }))
			.status,
	).toBe(405);
	const notJson = await signedPost(sandbox, '/api/v3/tags/list-tree', 'not json');
	expect(JSON.parse(notJson.data).code).toBe(-1);
});

test('the seed is deterministic and realistic: Chinese names, emoji, 15-digit ids, one id past 2^53', () => {
	const a = seedTenant({ seed: 7 });
	const b = seedTenant({ seed: 7 });
	expect(JSON.stringify(a)).toBe(JSON.stringify(b));
	expect(JSON.stringify(seedTenant({ seed: 8 }))).not.toBe(JSON.stringify(a));
	expect(a.customers.every((c) => /^[\u4e00-\u9fa5]{2,3}$/.test(c.name))).toBe(true);
	expect(a.followUps.some((f) => /\p{Extended_Pictographic}/u.test(f.content ?? ''))).toBe(true);
	expect(a.staff.every((s) => /^\d{15}$/.test(s.salesId))).toBe(true);
	expect(a.customers.filter((c) => !Number.isSafeInteger(Number(c.customerId)))).toHaveLength(1);
	expect(seedTenant({ customers: 1000 }).customers).toHaveLength(1000);
});

test('each fresh tenant is the seeded one, and a copy of its own: what one test changes, the next does not see', () => {
	const first = freshTenant({ seed: 7 });
	expect(first).toEqual(seedTenant({ seed: 7 }));
	const name = first.customers[0].name;
	first.customers[0].name = '改过';
	first.followUps.length = 0;
	const second = freshTenant({ seed: 7 });
	expect(second.customers[0].name).toBe(name);
	expect(second.followUps.length).toBeGreaterThan(0);
	expect(second).toEqual(seedTenant({ seed: 7 }));
});

test('ids are written as bare JSON integers, exactly', async () => {
	const res = await signedPost(
		sandbox,
		ENDPOINTS.customerSearch.path,
		'{"customerId":9007199254740993}',
	);
	expect(res.data).toContain('"customerId":9007199254740993,');
});

test('records every request: raw body and headers', async () => {
	await signedPost(
		sandbox,
		ENDPOINTS.customerFollowUps.path,
		`{"externalUserId":"${sandbox.tenant.customers[0].externalUserId}"}`,
	);
	const [recorded] = sandbox.requests;
	expect(recorded.rawBody).toContain(sandbox.tenant.customers[0].externalUserId);
	expect(recorded.headers.appid).toBe(sandbox.appId);
	expect(recorded.outcome).toBe('0');
});

test('control API over HTTP: faults, request log, follow-ups, sink', async () => {
	const control = (method: 'get' | 'post' | 'delete', path: string, data?: unknown) =>
		axios.request({ method, url: `${sandbox.baseUrl}/__sandbox/${path}`, data });
	await control('post', 'faults', { kind: 'http', status: 503, path: '/api/v3/tags/list-tree' });
	expect((await signedPost(sandbox, '/api/v3/tags/list-tree', '')).status).toBe(503);
	expect((await signedPost(sandbox, '/api/v3/tags/list-tree', '')).status).toBe(200);
	expect((await control('get', 'requests')).data).toHaveLength(2);

	const customer = sandbox.tenant.customers[5];
	const added = (
		await control('post', 'follow-ups', {
			externalUserId: customer.externalUserId,
			contents: ['新跟进 🚀'],
		})
	).data;
	expect(added[0].content).toBe('新跟进 🚀');
	const list = JSON.parse(
		(
			await signedPost(
				sandbox,
				ENDPOINTS.customerFollowUps.path,
				JSON.stringify({ externalUserId: customer.externalUserId }),
			)
		).data,
	);
	expect(list.data.at(-1).id).toBe(added[0].id);

	await control('post', 'sink', { hello: '世界' });
	expect((await control('get', 'sink')).data).toEqual([{ hello: '世界' }]);
	expect((await control('get', 'info')).data.appId).toBe(sandbox.appId);
});

test('paging styles answer as documented', async () => {
	const page = JSON.parse(
		(await signedPost(sandbox, ENDPOINTS.staffList.path, '{"pageNo":1,"pageSize":5}')).data,
	).data;
	expect(Object.keys(page).sort()).toEqual(['pageNo', 'pageSize', 'result', 'totalCount']);
	const search = JSON.parse(
		(await signedPost(sandbox, ENDPOINTS.customerSearch.path, '{"pageNo":1,"pageSize":5}')).data,
	).data;
	expect(Object.keys(search).sort()).toEqual(['data', 'totalPage']);
	const cursor = JSON.parse(
		(await signedPost(sandbox, ENDPOINTS.relationsByStaff.path, '{"qwUserId":"sales01","size":5}'))
			.data,
	).data;
	expect(Object.keys(cursor).sort()).toEqual(['list', 'nextCursor']);
	const groups = JSON.parse(
		(await signedPost(sandbox, ENDPOINTS.groupList.path, '{"pageSize":5}')).data,
	).data;
	expect(groups.totalPage).toBe(Math.ceil(sandbox.tenant.groups.length / 5));
});
