/** Which failures are worth repeating, and how long to wait. Pure, so it is easy to test. */

export interface RetryPolicy {
	/** Extra attempts after the first one. */
	retries: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, baseDelayMs: 500, maxDelayMs: 8000 };

const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ECONNREFUSED',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export interface FailureFacts {
	status?: number;
	networkCode?: string;
}

export function isTransientFailure({ status, networkCode }: FailureFacts): boolean {
	if (status !== undefined) return status === 429 || (status >= 500 && status <= 599);
	return networkCode !== undefined && TRANSIENT_NETWORK_CODES.has(networkCode);
}

/**
 * A vendor answer (HTTP 200, code != 0) that asks the caller to slow down. Tanma publishes no rate limit and no
 * throttling code, so this reads the message: words for "too frequent", "rate limited", "busy".
 */
const THROTTLE_WORDS = /频繁|限流|频率|过快|繁忙|too many|too frequent|rate limit|throttl|busy/i;

export function isThrottleMessage(message: string): boolean {
	return THROTTLE_WORDS.test(message);
}

/** Exponential backoff; a server's Retry-After (seconds) wins when it asks for longer. */
export function retryDelayMs(
	attempt: number,
	policy: RetryPolicy,
	retryAfterHeader?: string | string[],
): number {
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	const header = Array.isArray(retryAfterHeader) ? retryAfterHeader[0] : retryAfterHeader;
	const seconds = header !== undefined ? Number(header) : NaN;
	if (Number.isFinite(seconds) && seconds >= 0) {
		return Math.min(policy.maxDelayMs, Math.max(exponential, seconds * 1000));
	}
	return exponential;
}
