/** Cost of the credential's `authenticate` (signing) per request, on this process's Node.js. */
import { TanmaApi } from '../credentials/TanmaApi.credentials';

export interface SigningCost {
	iterations: number;
	microsPerCall: number;
	bodyBytes: number;
}

export async function measureSigning(iterations = 50_000): Promise<SigningCost> {
	const credential = new TanmaApi();
	const credentials = {
		appId: 'tanma-bench-app',
		appKey: 'tanma-bench-key-0123456789abcdef',
		baseUrl: 'http://127.0.0.1:1',
	};
	// A Return All page request as the node sends it (the body is already serialized once, by the transport).
	const body = JSON.stringify({
		pageNo: 37,
		pageSize: 100,
		qwLastFollowTypes: { start: '2026-11-24 09:00:00', end: '2026-11-24 09:20:00' },
	});
	const request = { method: 'POST' as const, url: '/api/v3/customer/search', body, headers: {} };
	const authenticate = credential.authenticate;
	for (let i = 0; i < 5_000; i++) await authenticate(credentials, request); // warm-up
	const started = process.hrtime.bigint();
	for (let i = 0; i < iterations; i++) await authenticate(credentials, request);
	const ns = Number(process.hrtime.bigint() - started);
	return { iterations, microsPerCall: ns / iterations / 1000, bodyBytes: Buffer.byteLength(body) };
}
