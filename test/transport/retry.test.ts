/** The retry policy (nodes/Tanma/transport/retry.ts): what is transient, how long to wait. */
import {
	DEFAULT_RETRY_POLICY,
	isThrottleMessage,
	isTransientFailure,
	retryAfterMs,
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

	test('full jitter: a random wait up to a ceiling that doubles each attempt, capped', () => {
		const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
		const top = () => 0.999999;
		expect([0, 1, 2, 3, 4].map((a) => retryDelayMs(a, policy, undefined, top))).toEqual([
			99, 199, 399, 799, 999,
		]);
		expect([0, 1, 4].map((a) => retryDelayMs(a, policy, undefined, () => 0))).toEqual([0, 0, 0]);
		// Math.random by default: within the ceiling, and not always the same.
		const waits = Array.from({ length: 50 }, () => retryDelayMs(3, policy));
		expect(waits.every((w) => w >= 0 && w < 800)).toBe(true);
		expect(new Set(waits).size).toBeGreaterThan(1);
		expect(DEFAULT_RETRY_POLICY.retries).toBeGreaterThan(0);
	});

	test('a wait the server asked for is honoured, plus less than one base delay of jitter', () => {
		const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(retryDelayMs(0, policy, 500, () => 0)).toBe(500);
		expect(retryDelayMs(3, policy, 30_000, () => 0.5)).toBe(30_050);
		expect(retryDelayMs(0, policy, 0, () => 0.999)).toBe(99);
	});

	test('Retry-After in both forms: seconds, and an HTTP date measured from now', () => {
		const now = Date.parse('Mon, 07 Dec 2026 10:00:00 GMT');
		expect(retryAfterMs('120', now)).toBe(120_000);
		expect(retryAfterMs('0.5', now)).toBe(500);
		expect(retryAfterMs(['3', '9'], now)).toBe(3000);
		expect(retryAfterMs('Mon, 07 Dec 2026 10:00:42 GMT', now)).toBe(42_000);
		expect(retryAfterMs('Mon, 07 Dec 2026 09:59:00 GMT', now)).toBe(0);
		expect(retryAfterMs('soon', now)).toBeUndefined();
		expect(retryAfterMs(undefined, now)).toBeUndefined();
		expect(retryAfterMs('', now)).toBeUndefined();
	});

	test('Tanma’s busy words are read as "slow down"; a generic failure is not', () => {
		for (const message of [
			'服务器忙',
			'服务器忙，请稍后再试',
			'请求过多',
			'系统繁忙',
			'请求过于频繁',
			'Too Many Requests',
		])
			expect(isThrottleMessage(message)).toBe(true);
		for (const message of ['操作失败', '客户不存在', '参数错误，请稍后再试'])
			expect(isThrottleMessage(message)).toBe(false);
	});
});
