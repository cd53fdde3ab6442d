/** tanmaApiRequestAll reading pages several at a time, through n8n-core's request path against the sandbox. */
import type { IDataObject } from 'n8n-workflow';

import { tanmaApiRequestAll } from '../../nodes/Tanma/transport';
import { ENDPOINTS } from '../../nodes/Tanma/transport/protocol/endpoints';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { credentialsFor, probeContext } from '../../lab/core';

const FAST_RETRY = { retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 20 } };

describe('reading pages several at a time (a sandbox that answers after 20 ms, as a distant server would)', () => {
	let distant: Sandbox;
	beforeAll(async () => {
		distant = await startSandbox({ seed: { customers: 1_000 }, answerDelayMs: 20 });
	});
	afterAll(async () => distant.close());
	beforeEach(() => distant.reset());

	const idOf = (c: IDataObject) => String(c.customerId);
	const searches = () => distant.requestsTo(ENDPOINTS.customerSearch.path);
	const readAll = async (options: Parameters<typeof tanmaApiRequestAll>[2] = {}) => {
		const { context } = probeContext(credentialsFor(distant));
		return await tanmaApiRequestAll.call(
			context,
			ENDPOINTS.customerSearch,
			{},
			{ idOf, ...FAST_RETRY, ...options },
		);
	};

	test('Return All: 4 pages in flight by default, every page asked once, the records in the order one-by-one reading gives', async () => {
		const oneByOne = await readAll({ maxParallel: 1 });
		expect(Math.max(...searches().map((r) => r.inFlight))).toBe(1);
		distant.reset();
		const parallel = await readAll();
		expect(parallel.map(idOf)).toEqual(oneByOne.map(idOf));
		expect(parallel).toHaveLength(1_000);
		expect(
			searches()
				.map((r) => r.json?.pageNo)
				.sort((a, b) => Number(a) - Number(b)),
		).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(Math.max(...searches().map((r) => r.inFlight))).toBe(4);
		expect(searches().every((r) => r.outcome === '0')).toBe(true);
	});

	test('Limit: pages beyond what the limit needs are never asked for', async () => {
		const some = await readAll({ limit: 301, maxParallel: 8 });
		expect(some).toHaveLength(301);
		expect(
			searches()
				.map((r) => Number(r.json?.pageNo))
				.sort((a, b) => a - b),
		).toEqual([1, 2, 3, 4]);
	});

	test('HTTP 429 with Retry-After: the page is retried after the wait and the read backs off to one request at a time', async () => {
		distant.addFault({
			kind: 'http',
			status: 429,
			retryAfterSeconds: 0.3,
			path: ENDPOINTS.customerSearch.path,
			after: 2,
		});
		const all = await readAll({ retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 2000 } });
		expect(all).toHaveLength(1_000);
		expect(new Set(all.map(idOf)).size).toBe(1_000);
		const requests = searches();
		const throttled = requests.find((r) => r.outcome === 'fault:http')!;
		const retry = requests.find(
			(r) => r !== throttled && r.json?.pageNo === throttled.json?.pageNo,
		)!;
		// A lower bound: it holds however busy the machine is.
		expect(retry.receivedAt - throttled.answeredAt!).toBeGreaterThanOrEqual(290);
		// Nothing new started during the wait but what the other reads in flight started before the client read the
		// 429 (each in flight may have finished and started its next page just before): at most the bound less one.
		const duringWait = requests.filter(
			(r) => r.receivedAt >= throttled.answeredAt! && r.receivedAt < retry.receivedAt,
		);
		expect(duringWait.length).toBeLessThanOrEqual(3);
		const fromRetry = requests.filter((r) => r.receivedAt >= retry.receivedAt);
		expect(fromRetry.map((r) => r.inFlight)).toEqual(fromRetry.map(() => 1));
		expect(fromRetry.length).toBeGreaterThan(3);
		expect(Math.max(...requests.map((r) => r.inFlight))).toBeGreaterThan(1); // it was reading in parallel before
	});

	test('a vendor "too frequent" answer to a read is retried and backs off the same way', async () => {
		distant.addFault({
			kind: 'vendor',
			code: 429001,
			message: '请求过于频繁，请稍后再试',
			path: ENDPOINTS.customerSearch.path,
			after: 1,
		});
		const all = await readAll();
		expect(all).toHaveLength(1_000);
		const requests = searches();
		const throttled = requests.find((r) => r.outcome === '429001')!;
		expect(requests.filter((r) => r.json?.pageNo === throttled.json?.pageNo)).toHaveLength(2);
		const retry = requests.find(
			(r) => r !== throttled && r.json?.pageNo === throttled.json?.pageNo,
		)!;
		const fromRetry = requests.filter((r) => r.receivedAt >= retry.receivedAt);
		expect(fromRetry.map((r) => r.inFlight)).toEqual(fromRetry.map(() => 1));
	});

	test('a vendor failure that is not about load is neither retried nor slowing anything: the read fails', async () => {
		distant.addFault({
			kind: 'vendor',
			code: -1,
			message: '操作失败',
			path: ENDPOINTS.customerSearch.path,
			after: 1,
		});
		await expect(readAll()).rejects.toThrow('Tanma error -1: 操作失败');
		expect(searches().filter((r) => r.outcome === '-1')).toHaveLength(1);
	});
});
