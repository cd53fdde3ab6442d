/**
 * What a request that got no answer says (nodes/Tanma/transport/index.ts, errors.ts `networkError`), through
 * n8n-core's execution context against the sandbox: a write whose answer was lost may have been carried out, and the
 * user is told so and what to look for; a refused connection sent nothing; a read with no answer is tried again.
 */

import { tanmaApiRequest } from '../../nodes/Tanma/transport';
import { tanmaFailureOf } from '../../nodes/Tanma/transport/errors';
import { ENDPOINTS } from '../../nodes/Tanma/transport/protocol/endpoints';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { failure } from '../support/errors';
import { credentialsFor, probeContext } from '../../lab/core';

const FAST_RETRY = { retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 20 } };
const WORK_ORDER = { moduleId: 1, title: '工单', content: '内容', priority: 2, departmentId: 3765 };

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

const probe = () => probeContext(credentialsFor(sandbox));

test('a work order whose answer is lost: created once, and the error says it may have been, what to look for, and not to retry', async () => {
	sandbox.addFault({ kind: 'lostAnswer', path: ENDPOINTS.workOrderCreate.path });
	const { context } = probe();
	const error = await failure(
		tanmaApiRequest.call(context, ENDPOINTS.workOrderCreate, WORK_ORDER, FAST_RETRY),
	);
	expect(sandbox.created.workOrderCreate).toHaveLength(1);
	expect(sandbox.requests).toHaveLength(1);
	expect(error.message).toMatch(
		/^The request was sent, but Tanma's answer was lost \((ECONNRESET|socket hang up)[^)]*\): Tanma may have carried it out$/,
	);
	expect(error.message).not.toMatch(/Could not reach/);
	expect(error.description).toMatch(
		/Before running it again, look in Tanma for a work order made just now: running it again would make another\. Do not turn on Retry On Fail for this node\.$/,
	);
	expect(error.description).not.toMatch(/Base URL/);
	expect(tanmaFailureOf(error)).toMatchObject({ kind: 'network', sent: 'maybe' });
});

test('a write that times out after it was sent says the same', async () => {
	sandbox.addFault({ kind: 'slow', delayMs: 2000, path: ENDPOINTS.groupSendTask.path });
	const { context } = probe();
	const error = await failure(
		tanmaApiRequest.call(
			context,
			ENDPOINTS.groupSendTask,
			{ taskName: 't' },
			{ ...FAST_RETRY, timeoutMs: 200 },
		),
	);
	expect(sandbox.requests).toHaveLength(1);
	expect(error.message).toMatch(/Tanma's answer was lost .*Tanma may have carried it out$/);
	expect(error.description).toMatch(/look in Tanma for a group mass-send task made just now/);
});

test('an order import whose answer is lost is safe to run again, and says why', async () => {
	sandbox.addFault({ kind: 'lostAnswer', path: ENDPOINTS.orderImport.path });
	const { context } = probe();
	const error = await failure(
		tanmaApiRequest.call(context, ENDPOINTS.orderImport, { platformId: 1 }, FAST_RETRY),
	);
	expect(error.description).toMatch(
		/Running it again is safe: Tanma updates the order with the same platform and order number instead of creating another\.$/,
	);
});

test('a refused connection sent nothing: it says Tanma could not be reached', async () => {
	const closed = await startSandbox();
	const credentials = credentialsFor(closed);
	await closed.close();
	const { context } = probeContext(credentials);
	const error = await failure(
		tanmaApiRequest.call(context, ENDPOINTS.workOrderCreate, WORK_ORDER, FAST_RETRY),
	);
	expect(error.message).toBe('Could not reach Tanma (ECONNREFUSED)');
	expect(error.description).toMatch(/Nothing was sent\. Check the Base URL/);
	expect(tanmaFailureOf(error)).toMatchObject({
		kind: 'network',
		code: 'ECONNREFUSED',
		sent: 'no',
	});
});

test('a write refused at the connection and then answered is created once', async () => {
	// The sandbox restarts on the same port between the first and the second attempt.
	const closed = await startSandbox();
	const { port } = closed;
	await closed.close();
	const { context } = probeContext(credentialsFor(closed));
	const request = tanmaApiRequest.call(context, ENDPOINTS.workOrderCreate, WORK_ORDER, {
		retry: { retries: 3, baseDelayMs: 400, maxDelayMs: 400 },
	});
	// Long after the first attempt was refused (loopback refuses at once), before the second.
	await new Promise((resolve) => setTimeout(resolve, 150));
	const reopened = await startSandbox({ port });
	try {
		await request;
		expect(reopened.created.workOrderCreate).toHaveLength(1);
	} finally {
		await reopened.close();
	}
});

test('a read with no answer is tried again, and when none comes it says Tanma did not answer', async () => {
	sandbox.addFault({ kind: 'reset', times: 4 });
	const { context } = probe();
	const error = await failure(
		tanmaApiRequest.call(context, ENDPOINTS.tagTree, undefined, FAST_RETRY),
	);
	expect(sandbox.requests).toHaveLength(4);
	expect(error.message).toMatch(/^Tanma did not answer \(/);
	expect(error.description).toMatch(/reads are tried again up to 3 times/);
});
