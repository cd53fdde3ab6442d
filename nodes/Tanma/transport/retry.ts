/** Which failures are worth repeating, and how long to wait. Pure, so it is easy to test. */

export interface RetryPolicy {
	/** Extra attempts after the first one. */
	retries: number;
	/** The first back-off's ceiling; each later one doubles it, up to `maxDelayMs`. */
	baseDelayMs: number;
	maxDelayMs: number;
	/**
	 * The longest wait a server's Retry-After is honoured for. Asked for longer, the request fails at once, saying how
	 * long Tanma asked to wait: a poll must end within n8n's poll budget, an action within a run a user waits for.
	 */
	maxRetryAfterMs?: number;
}

/** How long a Retry-After is honoured when the policy does not say. */
export const MAX_RETRY_AFTER_MS = 60_000;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	retries: 3,
	baseDelayMs: 500,
	maxDelayMs: 8000,
	maxRetryAfterMs: MAX_RETRY_AFTER_MS,
};

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
 * throttling code, so this reads the message: words for "too frequent", "too many requests", "rate limited", "busy"
 * (服务器忙 and 请求过多 are phrases Tanma's own services answer with).
 */
const THROTTLE_WORDS =
	/频繁|限流|频率|过快|繁忙|服务器忙|系统忙|请求过多|请求太多|too many|too frequent|rate limit|throttl|busy/i;

export function isThrottleMessage(message: string): boolean {
	return THROTTLE_WORDS.test(message);
}

/**
 * Milliseconds a Retry-After header asks to wait: delay-seconds ("120", also "0.5") or an HTTP date ("Wed, 21 Oct
 * 2026 07:28:00 GMT"), measured from `nowMs`; undefined when absent or unreadable.
 */
export function retryAfterMs(
	header: string | string[] | undefined,
	nowMs: number,
): number | undefined {
	const value = (Array.isArray(header) ? header[0] : header)?.trim();
	if (!value) return undefined;
	if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
	const at = Date.parse(value);
	return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * How long to wait before attempt `attempt + 1`: "full jitter" (a random time up to the doubled ceiling), so runs
 * that met the same busy answer do not come back together; at least what the server asked for (`askedMs`).
 */
export function retryDelayMs(
	attempt: number,
	policy: RetryPolicy,
	askedMs?: number,
	random: () => number = Math.random,
): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	const jittered = Math.floor(random() * ceiling);
	if (askedMs === undefined) return jittered;
	// Asked for a wait: that, plus a little jitter so the runs that were told the same do not return in step.
	return Math.ceil(askedMs) + Math.floor(random() * policy.baseDelayMs);
}
