/**
 * The credential's Max Requests per Second, kept per Tanma app (Base URL + App ID) in this running n8n: every Tanma
 * node and trigger here whose credential is for that app takes its turn, so parallel executions together stay under
 * the rate. In queue mode each worker counts on its own (docs/operations.md).
 */

/** When each app's next request may start (epoch ms), newest-used last. */
const nextFree = new Map<string, number>();
/** Apps remembered at once; the least recently used is forgotten first. */
const APPS_MAX = 1_000;

/**
 * Reserves the next start time for one request to `app` at `perSecond` requests a second and returns how long to
 * wait for it (0: go now; also when no rate is set). Requests are spaced 1/perSecond apart in the order they asked.
 */
export function reserveStart(app: string, perSecond: number, nowMs = Date.now()): number {
	if (!(perSecond > 0)) return 0;
	const startAt = Math.max(nowMs, nextFree.get(app) ?? 0);
	nextFree.delete(app);
	nextFree.set(app, startAt + 1000 / perSecond);
	if (nextFree.size > APPS_MAX) nextFree.delete(nextFree.keys().next().value as string);
	return startAt - nowMs;
}
