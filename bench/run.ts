/**
 * `npm run bench`: throughput of Return All (our node vs a DIY Code node vs a bare HTTP client, alternating
 * inside one real n8n), trigger request cost and state size, signing cost. Writes bench/results/latest.md,
 * latest.json and latest.png. Not part of the tests: figures are measured and reported, not asserted.
 * Environment: BENCH_ROUNDS (timed rounds per size, default 5), BENCH_SIZES (default "10000,50000"),
 * BENCH_PROFILE=0 to skip the CPU profiles of n8n (taken after the timed rounds); BENCH_PUSH_ROUNDS (default 3),
 * BENCH_PUSH_DIAGNOSTIC_ROUNDS (default 2, 0 skips the diagnostic n8n configurations), BENCH_PUSH_REQUESTS (default 300).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { startSandbox } from '../sandbox/server';
import type { Bar } from './chart';
import { barChartSvg, svgToPng } from './chart';
import type { ProfileSummary } from './profile';
import { summarizeProfile } from './profile';
import type { PushMeasurement } from './push-throughput';
import { measurePush, PUSH_VARIANTS } from './push-throughput';
import { measureSigning } from './signing';
import type { ThroughputRun, Variant } from './throughput';
import { ThroughputBench, VARIANTS } from './throughput';
import { measureTriggerCost } from './trigger-cost';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '10000,50000').split(',').map(Number);
const PROFILE = process.env.BENCH_PROFILE !== '0';
const PUSH_ROUNDS = Number(process.env.BENCH_PUSH_ROUNDS ?? 3);
const PUSH_DIAGNOSTIC_ROUNDS = Number(process.env.BENCH_PUSH_DIAGNOSTIC_ROUNDS ?? 2);
const PUSH_REQUESTS = Number(process.env.BENCH_PUSH_REQUESTS ?? 300);
const RESULTS = path.join(__dirname, 'results');
const started = Date.now();
const log = (m: string) => process.stdout.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}\n`);

export interface Summary {
	median: number;
	min: number;
	max: number;
}

export function summarize(values: number[]): Summary {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const range = (s: Summary, digits = 0) => `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;

async function main(): Promise<void> {
	fs.mkdirSync(RESULTS, { recursive: true });
	const sandbox = await startSandbox({ seed: { customers: SIZES[0] } });
	log(`sandbox at ${sandbox.baseUrl}`);

	const signing = await measureSigning();
	log(`signing: ${signing.microsPerCall.toFixed(2)} µs per request`);

	const bench = await ThroughputBench.start(sandbox, log, { profile: PROFILE });
	log('n8n is up with the three bench workflows');
	const runs: ThroughputRun[] = [];
	const emptyMs: number[] = [];
	let profile: { customers: number; runs: number; summary: ProfileSummary } | undefined;
	try {
		for (const customers of SIZES) {
			sandbox.reset({ customers });
			await bench.verify(customers);
			log(`${customers} customers: every variant returns every customer`);
			for (const variant of VARIANTS) await bench.run(variant, customers); // warm-up, discarded
			for (let round = 0; round < ROUNDS; round++) {
				// Rotate the order each round so no variant always runs first (or right after another).
				const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]);
				for (const variant of order) {
					const run = await bench.run(variant, customers);
					runs.push(run);
					log(`${customers} ${variant.padEnd(4)} ${fmt(run.itemsPerSecond).padStart(8)} items/s  ${run.requests} requests  ${fmt(run.ms)} ms  peak +${fmt(run.peakMemoryMb)} MB`);
				}
				emptyMs.push(await bench.emptyExecutionMs());
			}
		}
		if (PROFILE) {
			const largest = SIZES[SIZES.length - 1];
			fs.mkdirSync(path.join(RESULTS, 'raw'), { recursive: true });
			await bench.profileNodeRuns(largest, 3, path.join(RESULTS, 'raw', 'n8n-node.cpuprofile'));
			profile = { customers: largest, runs: 3, summary: summarizeProfile(path.join(RESULTS, 'raw', 'n8n-node.cpuprofile')) };
			log(`profiled 3 node runs over ${largest} customers`);
		}
	} finally {
		await bench.stop();
	}

	log('trigger cost…');
	const trigger = await measureTriggerCost(sandbox);
	log(`state after ${trigger.growth.records} records: ${trigger.growth.finalStateBytes} B (max ${trigger.growth.maxStateBytes} B)`);

	log('push trigger vs n8n Webhook node…');
	const push = await measurePush(sandbox, log, {
		requests: PUSH_REQUESTS,
		concurrencies: [20, 50],
		rounds: PUSH_ROUNDS,
		diagnosticRounds: PUSH_DIAGNOSTIC_ROUNDS,
		profileFile: PROFILE ? path.join(RESULTS, 'raw', 'n8n-push.cpuprofile') : undefined,
	});
	const pushProfile = push.profile ? summarizeProfile(push.profile.file) : undefined;
	await sandbox.close();

	const report = buildReport({ runs, emptyMs, signing, trigger, profile, push, pushProfile });
	fs.writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify(report.data, null, 2)}\n`);
	fs.writeFileSync(path.join(RESULTS, 'latest.md'), report.markdown);
	fs.writeFileSync(path.join(RESULTS, 'latest.png'), svgToPng(report.svg));
	log(`wrote bench/results/latest.md, latest.json, latest.png in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function profileSection(profile: { customers: number; runs: number; summary: ProfileSummary }): string {
	const { summary } = profile;

	return `
## 4. Where n8n spends the node's time (CPU profile)

n8n's main process profiled through its inspector over ${profile.runs} extra node runs of ${fmt(profile.customers)} customers
(${fmt(summary.totalMs)} ms of wall time; "(idle)" is time waiting for the sandbox). Raw profile: \`raw/n8n-node.cpuprofile\` (git-ignored).

| self time by package | ms | share |
|---|---:|---:|
${profileTable(summary.byPackage)}

| self time by function (top) | ms | share |
|---|---:|---:|
${profileTable(summary.byFunction)}
`;
}

const profileTable = (rows: ProfileSummary['byPackage']) => rows.map((r) => `| ${r.name.replace(/\|/g, '\\|')} | ${fmt(r.ms)} | ${fmt(r.share * 100, 1)} % |`).join('\n');

function pushSection(push: PushMeasurement, profile?: ProfileSummary): string {
	const names = { push: 'Tanma Push Trigger', webhook: 'n8n Webhook node' };
	const tables = push.configs.map((config) => {
		const rows: string[] = [];
		const ratios: string[] = [];
		for (const concurrency of push.concurrencies) {
			const of = (v: 'push' | 'webhook') => config.runs.filter((r) => r.variant === v && r.concurrency === concurrency);
			for (const v of PUSH_VARIANTS) {
				const runs = of(v);
				rows.push(
					`| ${concurrency} | ${names[v]} | ${range(summarize(runs.map((r) => r.perSecond)), 1)} | ${fmt(summarize(runs.map((r) => r.ackP50Ms)).median)} | ${fmt(summarize(runs.map((r) => r.ackP99Ms)).median)} | ${fmt(Math.max(...runs.map((r) => r.peakRssMb)))} | ${fmt(summarize(runs.map((r) => r.peakRiseMb)).median)} |`,
				);
			}
			// Paired by round: each round ran both variants back to back.
			const throughput = summarize(of('push').map((r, i) => r.perSecond / of('webhook')[i].perSecond));
			const p50 = summarize(of('push').map((r, i) => r.ackP50Ms / of('webhook')[i].ackP50Ms));
			const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
			ratios.push(
				`| ${concurrency} | ${range(throughput, 2)}× (target ≥ 0.90×: ${verdict(throughput.median >= 0.9)}) | ${range(p50, 2)}× (target ≤ 1.10×: ${verdict(p50.median <= 1.1)}) |`,
			);
		}
		return `### ${config.label}

${config.rounds} timed rounds per concurrency after a warm-up round.

| concurrency | receiver | requests/s median (min–max) | ack p50 ms | ack p99 ms | peak RSS MB | RSS rise MB (median) |
|---:|---|---:|---:|---:|---:|---:|
${rows.join('\n')}

| concurrency | push / Webhook throughput, median (min–max) | push / Webhook ack p50, median (min–max) |
|---:|---:|---:|
${ratios.join('\n')}
`;
	});
	const profileText = profile
		? `
CPU profile of n8n's main process over one more push round (${push.requests} pushes at ${push.concurrencies[0]}, n8n's defaults;
${fmt(profile.totalMs)} ms of wall time). Raw profile: \`raw/n8n-push.cpuprofile\` (git-ignored).

| self time by package | ms | share |
|---|---:|---:|
${profileTable(profile.byPackage)}

| self time by function (top) | ms | share |
|---|---:|---:|
${profileTable(profile.byFunction)}
`
		: '';
	return `
## 5. Push Trigger vs n8n's Webhook node

Same n8n 2.40.7 process per configuration, same load: ${push.requests} requests per round, posted at a fixed concurrency
(${push.concurrencies.join(' and ')} in flight) by the bench process, each request built before the clock starts (a
fresh msgId and a strictly later timestamp, signed and encrypted as Tanma does). **Tanma Push Trigger** → HTTP Request
(sink) is answered by our node with the noise; **n8n Webhook node** (Respond: Immediately) → the same HTTP Request gets
the same kind of request. A round ends when the sandbox's sink holds one record per request (every execution done);
requests/s = requests ÷ that time. Ack = the time from sending a request to its answer. Peak RSS is the highest RSS of
n8n's process tree in any round (it does not fall back between rounds, so later rounds start higher); the rise is
above the round's start. n8n saves every execution (its default) in both variants.
${tables.join('\n')}${profileText}`;
}

function buildReport(input: {
	runs: ThroughputRun[];
	emptyMs: number[];
	signing: Awaited<ReturnType<typeof measureSigning>>;
	trigger: Awaited<ReturnType<typeof measureTriggerCost>>;
	profile?: { customers: number; runs: number; summary: ProfileSummary };
	push: PushMeasurement;
	pushProfile?: ProfileSummary;
}) {
	const { runs, emptyMs, signing, trigger, profile, push, pushProfile } = input;
	const machine = {
		cpu: os.cpus()[0]?.model ?? 'unknown',
		cores: os.cpus().length,
		memoryGb: Math.round(os.totalmem() / 2 ** 30),
		os: `${os.type()} ${os.release()}`,
		benchNode: process.version,
		date: new Date().toISOString(),
	};
	const sizes = [...new Set(runs.map((r) => r.customers))];
	const rows: string[] = [];
	const ratioRows: string[] = [];
	const bars: Bar[] = [];
	const colors: Record<Variant, string> = { node: '#ff6d5a', diy: '#8a94a6', bare: '#3b82f6' };
	const names: Record<Variant, string> = { node: 'Tanma node', diy: 'DIY Code node', bare: 'bare HTTP client' };
	const perSize: Record<string, unknown> = {};
	let perRequestNodeMs = 0;
	for (const customers of sizes) {
		const of = (v: Variant) => runs.filter((r) => r.customers === customers && r.variant === v);
		const stats = Object.fromEntries(
			VARIANTS.map((v) => [
				v,
				{
					itemsPerSecond: summarize(of(v).map((r) => r.itemsPerSecond)),
					ms: summarize(of(v).map((r) => r.ms)),
					requests: summarize(of(v).map((r) => r.requests)),
					peakMemoryMb: summarize(of(v).map((r) => r.peakMemoryMb)),
				},
			]),
		) as Record<Variant, { itemsPerSecond: Summary; ms: Summary; requests: Summary; peakMemoryMb: Summary }>;
		// Ratios are paired by round: each round ran all three back to back.
		const paired = (a: Variant, b: Variant) => summarize(of(a).map((r, i) => r.itemsPerSecond / of(b)[i].itemsPerSecond));
		const nodeVsDiy = paired('node', 'diy');
		const nodeVsBare = paired('node', 'bare');
		perSize[customers] = { ...stats, nodeVsDiy, nodeVsBare };
		if (customers === sizes[0]) perRequestNodeMs = stats.node.ms.median / stats.node.requests.median;
		for (const v of VARIANTS) {
			const s = stats[v];
			rows.push(`| ${fmt(customers)} | ${names[v]} | ${range(s.itemsPerSecond)} | ${fmt(s.ms.median)} | ${fmt(s.requests.median)} | ${range(s.peakMemoryMb)} |`);
			bars.push({ group: `${fmt(customers)} customers`, label: names[v], value: s.itemsPerSecond.median, min: s.itemsPerSecond.min, max: s.itemsPerSecond.max, color: colors[v] });
		}
		ratioRows.push(`| ${fmt(customers)} | ${range(nodeVsDiy, 2)}× | ${range(nodeVsBare, 2)}× (bare is ${fmt(1 / nodeVsBare.median, 2)}× the node) |`);
	}
	const empty = summarize(emptyMs);
	const triggerRows = trigger.scopes.map(
		(s) =>
			`| ${s.scope === 'recentlyActive' ? 'Recently Active Customers' : 'Specific Customers'} | ${fmt(s.customers)} | ${s.burstRequests} (${fmt(s.requestsPerNewRecord, 2)} per record) | ${s.singleRecordRequests} | ${s.idleInWindowRequests} | **${s.idleRequests}** | ${fmt(s.stateBytes)} |`,
	);
	const g = trigger.growth;
	const markdown = `# Benchmark results

Written by \`npm run bench\` on ${machine.date}. Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GiB,
${machine.os}; bench process ${machine.benchNode}; n8n 2.40.7 on Node 24.21.0. Sandbox on loopback in the bench process.
Chart: [latest.png](latest.png). Raw figures: [latest.json](latest.json).

## 1. Return All throughput (Customer Search, every customer, pages of 100)

Three ways, alternating in one run (order rotated each round), ${ROUNDS} timed rounds per size after one warm-up round:
**Tanma node** and **DIY Code node** each run as a published n8n workflow (Webhook → node, answered when the last node
finishes) in the same n8n 2.40.7 process; the **bare HTTP client** is a plain Node 24 script with a keep-alive agent
reading the same pages (the physical limit). The DIY Code node is \`bench/diy-code-node.js\`: SHA-256 signing with
\`crypto\`, \`this.helpers.httpRequest\`, paging to \`totalPage\`, plain \`JSON.parse\` (which silently rounds ids
beyond 2^53 — the node keeps them exact). Both n8n variants keep successful executions' data out of the database
(\`EXECUTIONS_DATA_SAVE_ON_SUCCESS=none\`). Peak memory is the highest RSS of the process tree (n8n main + its task
runner, or the bare client) above its level when the run started, sampled every 20 ms.

| customers | variant | items/s median (min–max) | wall ms (median) | requests | peak memory MB above start, median (min–max) |
|---:|---|---:|---:|---:|---:|
${rows.join('\n')}

| customers | node / DIY throughput, median (min–max) | node / bare client throughput, median (min–max) |
|---:|---:|---:|
${ratioRows.join('\n')}

n8n's own fixed cost per execution (Webhook → No Operation, same webhook path): ${range(empty, 1)} ms.

## 2. Trigger cost (Tanma Trigger, New Follow-Up Record; n8n-core PollContext against the sandbox)

Late Arrival Window 10 minutes. *Burst*: one new follow-up on each customer, then one poll. *Single*: one new
follow-up on one customer. *Idle in window*: a poll a minute after the burst (the window still covers those
customers, so they are read again). *Idle*: a poll once the window has passed with nothing new.

| scope | customers | burst: requests | single record: requests | idle in window | idle | state bytes |
|---|---:|---:|---:|---:|---:|---:|
${triggerRows.join('\n')}

Static data while ${fmt(g.records)} follow-ups go through the Recently Active trigger (${fmt(g.recordsPerPoll)} new per
poll on 100 customers, a poll every ${g.minutesBetweenPolls} minutes): **max ${fmt(g.maxStateBytes)} B, final
${fmt(g.finalStateBytes)} B**; emitted ${fmt(g.emitted)}, duplicated ${g.duplicates}, ${fmt(g.requests)} requests in
${g.polls} polls. The state holds the ids of records inside the late-arrival window, about 24 bytes each, so its size
follows the number of records in the last window + poll interval, not the total ever seen.

## 3. Signing overhead

\`authenticate\` (serialize-once body → SHA-256 sign → headers) costs **${fmt(signing.microsPerCall, 2)} µs** per request
(${fmt(signing.iterations)} calls, ${signing.bodyBytes}-byte body, bench process ${machine.benchNode}); one Return All
page through n8n took ${fmt(perRequestNodeMs, 2)} ms here, so signing is ${fmt((signing.microsPerCall / 1000 / perRequestNodeMs) * 100, 3)} % of a request.
${profile ? profileSection(profile) : ''}${pushSection(push, pushProfile)}`;
	const svg = barChartSvg(
		'Customer Search, Return All: items per second',
		'median of timed rounds; whiskers show min–max; n8n 2.40.7, sandbox on loopback',
		bars,
		`${machine.cpu}, ${machine.cores} cores · ${machine.date.slice(0, 10)}`,
	);
	return { markdown, svg, data: { machine, throughput: perSize, runs, emptyExecutionMs: empty, trigger, signing, profile, push, pushProfile } };
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
