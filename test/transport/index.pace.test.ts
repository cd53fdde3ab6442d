/**
 * Rate limits through n8n-core's execution machinery against the sandbox (nodes/Tanma/transport/index.ts): Retry-After
 * in both forms and its bound, Tanma's busy answers (never the edition hint; a write refused as busy is sent again),
 * one back-off for every item of an execution, and the credential's Max Requests per Second across executions.
 * Timing is asserted as order and lower bounds, which hold however busy the machine is.
 */

import { Tanma } from '../../nodes/Tanma/Tanma.node';
import { tanmaApiRequest } from '../../nodes/Tanma/transport';
import { ENDPOINTS } from '../../nodes/Tanma/transport/protocol/endpoints';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { failure } from '../support/errors';
import { credentialsFor, probeContext, runNodeInWorkflow } from '../../lab/core';

const RETRY = { retry: { retries: 3, baseDelayMs: 20, maxDelayMs: 50 } };
const WORK_ORDER = { moduleId: 1, title: '工单', content: '内容', priority: 2, departmentId: 3765 };

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seed: { customers: 300 }, answerDelayMs: 20 });
});
afterAll(async () => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	sandbox.clearFaults();
});

const gap = (i: number) => sandbox.requests[i + 1].receivedAt - sandbox.requests[i].answeredAt!;

test('Retry-After as an HTTP date is waited out', async () => {
	sandbox.addFault({ kind: 'http', status: 429, retryAfterDateSeconds: 2 });
	const { context } = probeContext(credentialsFor(sandbox));
	await tanmaApiRequest.call(context, ENDPOINTS.tagTree, undefined, RETRY);
	expect(sandbox.requests.map((r) => r.outcome)).toEqual(['fault:http', '0']);
	// The date has whole seconds: at least one of the two asked for.
	expect(gap(0)).toBeGreaterThanOrEqual(1000);
});

test('a Retry-After longer than a run waits fails at once, saying how long Tanma asked; a busy answer never gets the edition hint', async () => {
	sandbox.addFault({ kind: 'http', status: 429, retryAfterSeconds: 120 });
	const { context } = probeContext(credentialsFor(sandbox));
	const error = await failure(
		tanmaApiRequest.call(context, ENDPOINTS.opportunityConfig, undefined, RETRY),
	);
	expect(sandbox.requests).toHaveLength(1);
	expect(error.message).toBe('Tanma answered HTTP 429');
	expect(error.description).toMatch(
		/^Tanma is busy .* It asked to wait 120 s before the next request\./,
	);
	expect(error.description).not.toMatch(/edition/);
	expect((error as { failure?: unknown }).failure).toEqual({
		cause: 'rate-limited',
		retryAfterMs: 120_000,
	});
});

test('a write Tanma refused as busy (服务器忙) is sent again and created once; still busy, it says slow down, not check the edition', async () => {
	const { context } = probeContext(credentialsFor(sandbox));
	sandbox.addFault({
		kind: 'vendor',
		code: 50000,
		message: '服务器忙',
		path: ENDPOINTS.workOrderCreate.path,
	});
	await tanmaApiRequest.call(context, ENDPOINTS.workOrderCreate, WORK_ORDER, RETRY);
	expect(sandbox.requests.map((r) => r.outcome)).toEqual(['50000', '0']);
	expect(sandbox.created.workOrderCreate).toHaveLength(1);

	sandbox.addFault({ kind: 'vendor', code: 50000, message: '请求过多', times: 10 });
	const error = await failure(
		tanmaApiRequest.call(context, ENDPOINTS.workOrderCreate, WORK_ORDER, RETRY),
	);
	expect(error.message).toBe('Tanma error 50000: 请求过多');
	expect(error.description).toMatch(/^Tanma is busy or limiting this app's requests/);
	expect(error.description).not.toMatch(/edition/);
	expect(sandbox.created.workOrderCreate).toHaveLength(1);
});

test('one back-off for every item of an execution: after a 429 on the first item, the second reads one page at a time', async () => {
	sandbox.addFault({
		kind: 'http',
		status: 429,
		retryAfterSeconds: 0.3,
		path: ENDPOINTS.customerSearch.path,
		after: 1,
	});
	const result = await runNodeInWorkflow({
		nodeType: new Tanma(),
		parameters: { resource: 'customer', operation: 'search', returnAll: true },
		credentials: credentialsFor(sandbox),
		input: [{}, {}],
	});
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(600);
	const searches = sandbox.requestsTo(ENDPOINTS.customerSearch.path);
	const throttled = searches.findIndex((r) => r.outcome === 'fault:http');
	// The first item read several pages at once before the 429; everything after the wait, one at a time.
	const waitEnds = searches[throttled].answeredAt! + 300;
	const beforeWait = searches.filter((r) => r.receivedAt < waitEnds);
	expect(Math.max(...beforeWait.map((r) => r.inFlight))).toBeGreaterThan(1);
	const afterWait = searches.filter((r) => r.receivedAt >= waitEnds);
	expect(afterWait.length).toBeGreaterThanOrEqual(4); // the retry, the rest of item 1, all of item 2
	expect(afterWait.map((r) => r.inFlight)).toEqual(afterWait.map(() => 1));
});

test('Max Requests per Second: two executions with the credential share it in this process', async () => {
	const credentials = credentialsFor(sandbox, {});
	const limited = { ...credentials, maxRequestsPerSecond: 5 };
	const run = () =>
		runNodeInWorkflow({
			nodeType: new Tanma(),
			parameters: { resource: 'tag', operation: 'getTree' },
			credentials: limited,
			input: [{}, {}, {}],
		});
	const started = Date.now();
	const results = await Promise.all([run(), run()]);
	expect(results.map((r) => r.error)).toEqual([undefined, undefined]);
	expect(sandbox.requests).toHaveLength(6);
	// Six requests at five a second: the sixth starts a second after the first at the earliest.
	expect(sandbox.requests[5].receivedAt - started).toBeGreaterThanOrEqual(1000);
});
