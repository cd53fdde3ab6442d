/** The retry policy (nodes/Tanma/transport/retry.ts): what is transient, how long to wait. */
import {
	DEFAULT_RETRY_POLICY,
	isTransientFailure,
	retryDelayMs,
} from '../../nodes/Tanma/transport/retry';

describe('retry policy', () => {
	test('transient: 429, 5xx and connection failures; not 4xx or vendor codes', () => {
		expect(isTransientFailure({ status: 429 })).toBe(true);
		expect(isTransientFailure({ status: 503 })).toBe(true);
		expect(isTransientFailure({ status: 404 })).toBe(false);
		expect(isTransientFailure({ status: 200 })).toBe(false);
		expect(isTransientFailure({ networkCode: 'ECONNRESET' })).toBe(true);
		expect(isTransientFailure({ networkCode: 'ECONNABORTED' })).toBe(true);
		expect(isTransientFailure({ networkCode: 'ENOTFOUND' })).toBe(false);
		expect(isTransientFailure({})).toBe(false);
	});

	test('exponential backoff, capped, and Retry-After honoured when longer', () => {
		const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
		expect([0, 1, 2, 3, 4].map((a) => retryDelayMs(a, policy))).toEqual([100, 200, 400, 800, 1000]);
		expect(retryDelayMs(0, policy, '0.5')).toBe(500);
		expect(retryDelayMs(0, policy, '30')).toBe(1000);
		expect(retryDelayMs(2, policy, 'soon')).toBe(400);
		expect(DEFAULT_RETRY_POLICY.retries).toBeGreaterThan(0);
	});
});
