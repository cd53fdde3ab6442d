import { createServer } from 'http';
import type { AddressInfo } from 'net';

import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { credentialsFor, runCredentialTest } from '../../lab/core';

/** The credential's Test button, run as n8n runs it: RoutingNode request, then the rules in order. */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

test('right App ID and App Key: OK, with a signed call to the tag tree', async () => {
	const result = await runCredentialTest('tanmaApi', credentialsFor(sandbox));
	expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	expect(sandbox.requests.map((r) => [r.path, r.outcome])).toEqual([
		['/api/v3/tags/list-tree', '0'],
	]);
});

test('a trailing slash on the Base URL still works', async () => {
	const result = await runCredentialTest(
		'tanmaApi',
		credentialsFor(sandbox, { baseUrl: `${sandbox.baseUrl}/` }),
	);
	expect(result.status).toBe('OK');
});

test('wrong App Key: code 1002 → says the keys do not match', async () => {
	const result = await runCredentialTest('tanmaApi', credentialsFor(sandbox, { appKey: 'nope' }));
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(/1002.*App ID and App Key do not match/);
});

test('clock off by more than five minutes: code 1003 → says to sync the clock', async () => {
	const skewed = await startSandbox({ now: () => Date.now() - 10 * 60 * 1000 });
	try {
		const result = await runCredentialTest('tanmaApi', credentialsFor(skewed));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/1003.*clock/);
	} finally {
		await skewed.close();
	}
});

test('code -1: generic failure message', async () => {
	sandbox.addFault({ kind: 'vendor', code: -1, message: '失败' });
	const result = await runCredentialTest('tanmaApi', credentialsFor(sandbox));
	expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/code -1/) });
});

test('any other non-zero code fails too', async () => {
	sandbox.addFault({ kind: 'vendor', code: 40301, message: '应用未授权' });
	const result = await runCredentialTest('tanmaApi', credentialsFor(sandbox));
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(/non-zero code/);
});

test('a Base URL that is not Tanma (HTML 200) fails with a Base URL hint', async () => {
	const server = createServer((_req, res) => {
		res.writeHead(200, { 'Content-Type': 'text/html' });
		res.end('<html><body>Welcome</body></html>');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		const { port } = server.address() as AddressInfo;
		const result = await runCredentialTest(
			'tanmaApi',
			credentialsFor(sandbox, { baseUrl: `http://127.0.0.1:${port}` }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Base URL/);
	} finally {
		server.close();
	}
});

test('HTTP 500 and unreachable hosts fail', async () => {
	sandbox.addFault({ kind: 'http', status: 500 });
	expect((await runCredentialTest('tanmaApi', credentialsFor(sandbox))).status).toBe('Error');
	const result = await runCredentialTest(
		'tanmaApi',
		credentialsFor(sandbox, { baseUrl: 'http://127.0.0.1:9' }),
	);
	expect(result.status).toBe('Error');
});
