/**
 * One backfill poll of the Tanma Trigger (New Follow-Up Record, Recently Active Customers) through n8n-core's
 * PollContext, run in its own process so it can trust the bench's certificate (NODE_EXTRA_CA_CERTS is read at
 * start). Arguments: base URL, App ID, App Key, Start From (ISO), Max Parallel Requests, poll budget (ms).
 * Prints one JSON line: the poll's wall time, items emitted, whether the scan finished.
 */
import { TanmaTrigger } from '../nodes/Tanma/TanmaTrigger.node';
import { credentialsFor, runPoll } from '../lab/core';

async function main(): Promise<void> {
	const [baseUrl, appId, appKey, startFrom, maxParallel, budgetMs] = process.argv.slice(2);
	const started = process.hrtime.bigint();
	const run = await runPoll({
		nodeType: new TanmaTrigger(),
		parameters: {
			event: 'newFollowUp',
			scope: 'recentlyActive',
			options: { lateArrivalMinutes: 10, startFrom, maxParallelRequests: Number(maxParallel) },
		},
		credentials: credentialsFor({ baseUrl, appId, appKey }),
		budgetMs: Number(budgetMs),
	});
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	if (run.error) throw run.error;
	const state = run.staticData.state as { scan?: unknown } | undefined;
	process.stdout.write(
		`${JSON.stringify({ ms, items: run.items.length, finished: !state?.scan })}\n`,
	);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
