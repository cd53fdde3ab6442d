/** The bench's distance (lab/latency-proxy.ts) in front of the sandbox served over HTTPS (lab/tls.ts). */
import https from 'https';

import { startLatencyProxy } from '../../lab/latency-proxy';
import { makeLocalCertificate } from '../../lab/tls';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';

const RTT = 60;
let sandbox: Sandbox;
let ca: string;
beforeAll(async () => {
	const certificate = await makeLocalCertificate();
	ca = certificate.cert;
	sandbox = await startSandbox({ tls: certificate });
});
afterAll(async () => sandbox.close());

function post(
	port: number,
	agent: https.Agent,
): Promise<{ ms: number; status: number; body: string }> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const req = https.request(
			{ host: '127.0.0.1', port, path: '/api/v3/tags/list-tree', method: 'POST', agent, ca },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						ms: Date.now() - started,
						status: res.statusCode ?? 0,
						body: Buffer.concat(chunks).toString('utf8'),
					}),
				);
			},
		);
		req.on('error', reject);
		req.end();
	});
}

test('the sandbox answers over HTTPS with a certificate made at run time, for 127.0.0.1', async () => {
	expect(sandbox.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
	const agent = new https.Agent({ keepAlive: false });
	const answer = await post(sandbox.port, agent);
	expect(answer.status).toBe(200);
	expect(JSON.parse(answer.body)).toMatchObject({ code: 1002 }); // reached the API (unsigned, so refused)
});

test('through the proxy a new connection pays the handshake round trips; a kept-alive one pays one round trip', async () => {
	const proxy = await startLatencyProxy({ host: '127.0.0.1', port: sandbox.port }, RTT);
	try {
		const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
		const first = await post(proxy.port, agent);
		const second = await post(proxy.port, agent);
		agent.destroy();
		// TCP handshake + TLS 1.3 handshake + the request itself: three round trips.
		expect(first.ms).toBeGreaterThanOrEqual(3 * RTT - 5);
		expect(second.ms).toBeGreaterThanOrEqual(RTT - 5);
		expect(second.ms).toBeLessThan(2 * RTT);
		expect(proxy.connections).toBe(1);
		// A connection the server closes right after answering (Connection: close, as n8n's helper asks) still
		// delivers the whole answer first.
		const closing = await post(proxy.port, new https.Agent({ keepAlive: false }));
		expect(closing.status).toBe(200);
		expect(JSON.parse(closing.body)).toMatchObject({ code: 1002 });
		expect(closing.ms).toBeGreaterThanOrEqual(3 * RTT - 5);
		proxy.rttMs = 0;
		const near = await post(proxy.port, new https.Agent({ keepAlive: false }));
		expect(near.ms).toBeLessThan(RTT);
		expect(proxy.connections).toBe(3);
	} finally {
		await proxy.close();
	}
});

test('many connections at once through the proxy: every answer arrives whole (chunks never overtake one another)', async () => {
	const proxy = await startLatencyProxy({ host: '127.0.0.1', port: sandbox.port }, 7);
	try {
		const answers = await Promise.all(
			Array.from({ length: 60 }, () => post(proxy.port, new https.Agent({ keepAlive: false }))),
		);
		expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
		expect(answers.every((a) => JSON.parse(a.body).code === 1002)).toBe(true);
	} finally {
		await proxy.close();
	}
});
