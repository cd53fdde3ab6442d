/**
 * `npm run bench`: throughput of Return All (our node, in parallel and one page at a time, vs a DIY Code node vs a
 * bare HTTP client read sequentially and in parallel, alternating inside one real n8n) on loopback and over a
 * simulated network (HTTPS behind a latency proxy), the trigger over that network, trigger request cost and state
 * size, signing cost, push throughput. Writes bench/results/latest.md, latest.json and latest.png. Not part of the
 * tests: figures are measured and reported, not asserted.
 * Environment: BENCH_ROUNDS (timed rounds per size, default 5), BENCH_SIZES (default "10000,50000"),
 * BENCH_CONCURRENCY (the node's Max Parallel Requests and the parallel bare client's, default the node's default),
 * BENCH_NETWORK=0 to skip the network profile, BENCH_NET_STEPS (RTT ms:customers, default
 * "0:10000,30:10000,30:50000,80:10000"), BENCH_NET_ROUNDS (default 3), BENCH_TRIGGER_CUSTOMERS (default 1000),
 * BENCH_PROFILE=0 to skip the CPU profiles of n8n (taken after the timed rounds); BENCH_PUSH_ROUNDS (default 3),
 * BENCH_PUSH_DIAGNOSTIC_ROUNDS (default 2, 0 skips the diagnostic n8n configurations), BENCH_PUSH_REQUESTS (default 300);
 * BENCH_ONLY=push runs the push section alone (n8n's defaults and lazy isolate acquisition side by side) into push.md;
 * BENCH_ONLY=trigger the cost of the trigger's filter check alone into trigger.md;
 * BENCH_ONLY=mcp the latency of Tanma tool calls over MCP against the same node run directly, into mcp.md;
 * BENCH_ONLY=chart draws latest.png again from latest.json, measuring nothing.
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
import type { McpLatency } from './mcp-latency';
import { measureMcpLatency } from './mcp-latency';
import type { FilterCheckCost, StreamCost } from './trigger-cost';
import { measureFilterCheckCost, measureStreamCosts, measureTriggerCost } from './trigger-cost';
import { DEFAULT_MAX_PARALLEL_READS } from '../nodes/Tanma/transport/concurrency';
import { runtime } from '../lab/n8n-instance';
import type { NetworkMeasurement, NetworkStep } from './network';
import { measureNetwork } from './network';

/** The pinned n8n 2.x the bench runs (scripts/n8n-runtime.js), as results name it. */
const N8N = `n8n ${runtime('2.x').version}`;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '10000,50000').split(',').map(Number);
const PROFILE = process.env.BENCH_PROFILE !== '0';
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? DEFAULT_MAX_PARALLEL_READS);
const NETWORK = process.env.BENCH_NETWORK !== '0';
const NET_STEPS: NetworkStep[] = (
	process.env.BENCH_NET_STEPS ?? '0:10000,30:10000,30:50000,80:10000'
)
	.split(',')
	.map((step) => {
		const [rttMs, customers] = step.split(':').map(Number);
		return { rttMs, customers };
	});
const NET_ROUNDS = Number(process.env.BENCH_NET_ROUNDS ?? 3);
const TRIGGER_CUSTOMERS = Number(process.env.BENCH_TRIGGER_CUSTOMERS ?? 1000);
const PUSH_ROUNDS = Number(process.env.BENCH_PUSH_ROUNDS ?? 3);
const PUSH_DIAGNOSTIC_ROUNDS = Number(process.env.BENCH_PUSH_DIAGNOSTIC_ROUNDS ?? 2);
const PUSH_REQUESTS = Number(process.env.BENCH_PUSH_REQUESTS ?? 300);
const RESULTS = path.join(__dirname, 'results');
const started = Date.now();
const log = (m: string) =>
	process.stdout.write(
		`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}\n`,
	);

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

const VARIANT_NAMES: Record<Variant, string> = {
	node: `Tanma node (Max Parallel Requests ${CONCURRENCY})`,
	nodeSequential: 'Tanma node (Max Parallel Requests 1)',
	diy: 'DIY Code node',
	bare: 'bare client, sequential',
	bareParallel: `bare client, ${CONCURRENCY} in flight`,
};
const VARIANT_COLORS: Record<Variant, string> = {
	node: '#ff6d5a',
	nodeSequential: '#ffb3a8',
	diy: '#8a94a6',
	bare: '#3b82f6',
	bareParallel: '#93c5fd',
};
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

interface VariantStats {
	itemsPerSecond: Summary;
	ms: Summary;
	requests: Summary;
	peakMemoryMb: Summary;
	connections: Summary;
}

function variantStats(of: (v: Variant) => ThroughputRun[]): Record<Variant, VariantStats> {
	return Object.fromEntries(
		VARIANTS.map((v) => [
			v,
			{
				itemsPerSecond: summarize(of(v).map((r) => r.itemsPerSecond)),
				ms: summarize(of(v).map((r) => r.ms)),
				requests: summarize(of(v).map((r) => r.requests)),
				peakMemoryMb: summarize(of(v).map((r) => r.peakMemoryMb)),
				connections: summarize(of(v).map((r) => r.connections ?? 0)),
			},
		]),
	) as Record<Variant, VariantStats>;
}

const fmt = (n: number, digits = 0) =>
	n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const range = (s: Summary, digits = 0) =>
	`${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;

/** The machine a results file was measured on. */
const machineLine = () =>
	`${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`;

/** Writes a BENCH_ONLY run's results, bench/results/<name>.md (title, when, where, section) and <name>.json. */
function writeOnlyResults(
	name: string,
	title: string,
	setup: string,
	section: string,
	data: Record<string, unknown>,
): void {
	const machine = machineLine();
	const markdown = `# ${title} (\`BENCH_ONLY=${name} npm run bench\`)

Written on ${new Date().toISOString()}. Machine: ${machine}; bench process ${process.version}; ${setup}.
${section}`;
	fs.writeFileSync(path.join(RESULTS, `${name}.md`), markdown);
	fs.writeFileSync(
		path.join(RESULTS, `${name}.json`),
		`${JSON.stringify({ machine, ...data }, null, 2)}\n`,
	);
	log(`wrote ${path.join(RESULTS, `${name}.md`)}`);
}

/** BENCH_ONLY=push: the push section alone, in one run, written to bench/results/push.md and push.json. */
async function pushOnly(): Promise<void> {
	const sandbox = await startSandbox({ seed: { customers: 10 } });
	try {
		const push = await measurePush(sandbox, log, {
			requests: PUSH_REQUESTS,
			concurrencies: [20, 50],
			rounds: PUSH_ROUNDS,
			diagnosticRounds: PUSH_DIAGNOSTIC_ROUNDS,
		});
		writeOnlyResults('push', 'Push Trigger bench', `${N8N} on Node 24.21.0`, pushSection(push), {
			push,
		});
	} finally {
		await sandbox.close();
	}
}

/** The cost of checking qwLastFollowTypes, as a results section. */
function filterCheckSection(costs: FilterCheckCost[]): string {
	const rows = costs.map(
		(c) =>
			`| ${fmt(c.customers)} | ${c.followUpsPerMinute ? `${c.followUpsPerMinute} per minute` : 'none (idle)'} | ${c.schedule} | ${c.checks} | ${fmt(c.checkRequests)} | ${fmt(c.requests - c.checkRequests)} | **${fmt(c.ratio, 3)}×** (target ≤ 1.05×${c.schedule === 'default' ? `: ${c.ratio <= 1.05 ? 'met' : '**missed**'}` : ', not a target'}) |`,
	);
	const hours = costs[0]?.hours ?? 0;
	return `
### The check of Recently Active Customers' filter (qwLastFollowTypes)

${hours} hours of polls a minute apart against a tenant that honours the filter, Late Arrival Window 10 minutes. A
check lists every customer without the filter (one search request per 100 customers). *Without checks* counts every
other request: what the trigger sent before checks existed. *Default* schedule: at most hourly, and only while all
checks so far, the next included, stay within 5 % of the trigger's other requests.

| customers | follow-ups | schedule | checks | check requests | requests without checks | requests, with / without checks |
|---:|---|---|---:|---:|---:|---:|
${rows.join('\n')}
`;
}

const EVENT_NAMES: Record<StreamCost['event'], string> = {
	newFollowUp: 'New Follow-Up Record (Recently Active)',
	newCustomer: 'New Customer',
	newLead: 'New Lead',
};

/** The trigger's requests over steady streams against the least the work needs, as a results section. */
function streamCostSection(streams: Array<StreamCost & { target: boolean }>): string {
	const rows = streams.map(
		(c) =>
			`| ${EVENT_NAMES[c.event]} | ${fmt(c.customers)} | ${c.stream} | ${fmt(c.records)} | ${fmt(c.polls)} | ${fmt(c.requests)} | ${fmt(c.checkRequests)} | ${fmt(c.least)} | **${fmt(c.ratioWithoutChecks, 3)}×**${c.target ? ` (target ≤ 1.5×: ${c.ratioWithoutChecks <= 1.5 ? 'met' : '**missed**'})` : ''} | ${fmt(c.ratio, 3)}× |`,
	);
	const hours = streams[0]?.hours ?? 0;
	return `
### Requests against the least the work needs

${hours} hours of polls a minute apart while records arrive at a steady rate, then a quiet Late Arrival Window (10
minutes, 11 polls); every request counted. *Least*: one listing request per poll, plus one read per new follow-up
(its customer's list) or new lead (its detail); new customers come with the listing. A customer is read when its
last follow-up time moves and once more when its late-arrival window closes (an older record can show up after a
newer one without moving that time), so a follow-up on a customer with none in the 10 minutes around it costs two
reads: one a minute, each on another customer, is the stream where that costs most against the least (at most
(P + 2F) / (P + F) = 1.5× for F = P). The filter check's listings are counted apart (their own target, ≤ 5 %, in the next table).

| event | customers | stream | records | polls | requests | of which filter check | least | requests / least, without the check | with the check |
|---|---:|---|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}
`;
}

/** The MCP comparison as a results section. */
function mcpSection(m: McpLatency): string {
	const range = (values: number[]) =>
		`${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
	return `
## Tanma over MCP vs the same node run directly

${m.calls} calls of each, rotating which goes first, one at a time, after ${m.warmUp} warm-up calls of each, in one n8n: an MCP client
(\`@modelcontextprotocol/sdk\`, streamable HTTP) calling \`Look_Up_Customer\` of \`examples/mcp-server.json\`, and plain
HTTP GETs of a Webhook → Tanma (Customer → Get) workflow with the same credential and customer (Respond: last node),
and of a Webhook alone (the same settings, no Tanma node): what n8n's webhook execution costs without our node.

| | median (ms) | min–max (ms) |
|---|---:|---:|
| MCP tool call | ${m.mcpMedianMs.toFixed(1)} | ${range(m.mcpMs)} |
| direct execution (Webhook → the same node) | ${m.directMedianMs.toFixed(1)} | ${range(m.directMs)} |
| n8n's webhook alone (no Tanma node, no Tanma request) | ${m.webhookAloneMedianMs.toFixed(1)} | ${range(m.webhookAloneMs)} |
| MCP / direct | **${m.ratio.toFixed(2)}×** | |
`;
}

/** BENCH_ONLY=mcp: the MCP comparison alone, written to bench/results/mcp.md and mcp.json. */
async function mcpOnly(): Promise<void> {
	const sandbox = await startSandbox();
	try {
		const latency = await measureMcpLatency(sandbox, log);
		writeOnlyResults(
			'mcp',
			'Tanma over MCP bench',
			`${N8N} on Node 24.21.0; the\nsandbox in the bench process`,
			mcpSection(latency),
			{ mcp: latency },
		);
	} finally {
		await sandbox.close();
	}
}

/** BENCH_ONLY=trigger: the filter check's cost alone, written to bench/results/trigger.md and trigger.json. */
async function triggerOnly(): Promise<void> {
	const sandbox = await startSandbox();
	try {
		log('stream cost…');
		const streams = await measureStreamCosts(sandbox);
		log('filter check cost…');
		const costs = await measureFilterCheckCost(sandbox);
		writeOnlyResults(
			'trigger',
			'Tanma Trigger cost bench',
			'n8n-core PollContext\nagainst the sandbox (no n8n process)',
			streamCostSection(streams) + filterCheckSection(costs),
			{ streams, filterCheck: costs },
		);
	} finally {
		await sandbox.close();
	}
}

async function main(): Promise<void> {
	fs.mkdirSync(RESULTS, { recursive: true });
	if (process.env.BENCH_ONLY === 'chart') return chartOnly();
	if (process.env.BENCH_ONLY === 'push') return await pushOnly();
	if (process.env.BENCH_ONLY === 'trigger') return await triggerOnly();
	if (process.env.BENCH_ONLY === 'mcp') return await mcpOnly();
	const sandbox = await startSandbox({ seed: { customers: SIZES[0] } });
	log(`sandbox at ${sandbox.baseUrl}`);

	const signing = await measureSigning();
	log(`signing: ${signing.microsPerCall.toFixed(2)} µs per request`);

	const bench = await ThroughputBench.start(sandbox, log, {
		profile: PROFILE,
		concurrency: CONCURRENCY,
	});
	log('n8n is up with the bench workflows');
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
					log(
						`${customers} ${variant.padEnd(14)} ${fmt(run.itemsPerSecond).padStart(8)} items/s  ${run.requests} requests  ${fmt(run.ms)} ms  peak +${fmt(run.peakMemoryMb)} MB`,
					);
				}
				emptyMs.push(await bench.emptyExecutionMs());
			}
		}
		if (PROFILE) {
			const largest = SIZES[SIZES.length - 1];
			fs.mkdirSync(path.join(RESULTS, 'raw'), { recursive: true });
			await bench.profileNodeRuns(largest, 3, path.join(RESULTS, 'raw', 'n8n-node.cpuprofile'));
			profile = {
				customers: largest,
				runs: 3,
				summary: summarizeProfile(path.join(RESULTS, 'raw', 'n8n-node.cpuprofile')),
			};
			log(`profiled 3 node runs over ${largest} customers`);
		}
	} finally {
		await bench.stop();
	}

	let network: NetworkMeasurement | undefined;
	if (NETWORK) {
		network = await measureNetwork(log, {
			steps: NET_STEPS,
			rounds: NET_ROUNDS,
			concurrency: CONCURRENCY,
			trigger: { rttMs: 30, customers: TRIGGER_CUSTOMERS },
		});
		// Kept at once: the sections after this one take a while.
		fs.mkdirSync(path.join(RESULTS, 'raw'), { recursive: true });
		fs.writeFileSync(
			path.join(RESULTS, 'raw', 'network.json'),
			`${JSON.stringify(network, null, 2)}\n`,
		);
	}

	log('trigger cost…');
	const trigger = await measureTriggerCost(sandbox);
	const streams = await measureStreamCosts(sandbox);
	const filterCheck = await measureFilterCheckCost(sandbox);
	log(
		`state after ${trigger.growth.records} records: ${trigger.growth.finalStateBytes} B (max ${trigger.growth.maxStateBytes} B)`,
	);

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

	const report = buildReport({
		runs,
		emptyMs,
		signing,
		trigger,
		streams,
		filterCheck,
		profile,
		push,
		pushProfile,
		network,
	});
	fs.writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify(report.data, null, 2)}\n`);
	fs.writeFileSync(path.join(RESULTS, 'latest.md'), report.markdown);
	fs.writeFileSync(path.join(RESULTS, 'latest.png'), svgToPng(report.svg));
	log(
		`wrote bench/results/latest.md, latest.json, latest.png in ${((Date.now() - started) / 1000).toFixed(0)} s`,
	);
}

function profileSection(profile: {
	customers: number;
	runs: number;
	summary: ProfileSummary;
}): string {
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

const profileTable = (rows: ProfileSummary['byPackage']) =>
	rows
		.map((r) => `| ${r.name.replace(/\|/g, '\\|')} | ${fmt(r.ms)} | ${fmt(r.share * 100, 1)} % |`)
		.join('\n');

function pushSection(push: PushMeasurement, profile?: ProfileSummary): string {
	const names = { push: 'Tanma Push Trigger', webhook: 'n8n Webhook node' };
	const tables = push.configs.map((config) => {
		const rows: string[] = [];
		const ratios: string[] = [];
		for (const concurrency of push.concurrencies) {
			const of = (v: 'push' | 'webhook') =>
				config.runs.filter((r) => r.variant === v && r.concurrency === concurrency);
			for (const v of PUSH_VARIANTS) {
				const runs = of(v);
				rows.push(
					`| ${concurrency} | ${names[v]} | ${range(summarize(runs.map((r) => r.perSecond)), 1)} | ${fmt(summarize(runs.map((r) => r.ackP50Ms)).median)} | ${fmt(summarize(runs.map((r) => r.ackP99Ms)).median)} | ${fmt(Math.max(...runs.map((r) => r.peakRssMb)))} | ${fmt(summarize(runs.map((r) => r.peakRiseMb)).median)} |`,
				);
			}
			// Paired by round: each round ran both variants back to back.
			const throughput = summarize(
				of('push').map((r, i) => r.perSecond / of('webhook')[i].perSecond),
			);
			const p50 = summarize(of('push').map((r, i) => r.ackP50Ms / of('webhook')[i].ackP50Ms));
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

Same ${N8N} process per configuration, same load: ${push.requests} requests per round, posted at a fixed concurrency
(${push.concurrencies.join(' and ')} in flight) by the bench process, each request built before the clock starts (a
fresh msgId and a strictly later timestamp, signed and encrypted as Tanma does). **Tanma Push Trigger** → HTTP Request
(sink) is answered with the noise (by n8n, once it has registered the execution); **n8n Webhook node** (Respond: Immediately) → the same HTTP Request gets
the same kind of request. A round ends when the sandbox's sink holds one record per request (every execution done);
requests/s = requests ÷ that time. Ack = the time from sending a request to its answer. Peak RSS is the highest RSS of
n8n's process tree in any round (it does not fall back between rounds, so later rounds start higher); the rise is
above the round's start. n8n saves every execution (its default) in both variants.
${tables.join('\n')}${profileText}`;
}

function networkSection(network: NetworkMeasurement): string {
	const steps = [
		...new Map(
			network.runs.map((r) => [
				`${r.rttMs}:${r.customers}`,
				{ rttMs: r.rttMs ?? 0, customers: r.customers },
			]),
		).values(),
	];
	const rows: string[] = [];
	const ratioRows: string[] = [];
	for (const step of steps) {
		const of = (v: Variant) =>
			network.runs.filter(
				(r) => r.rttMs === step.rttMs && r.customers === step.customers && r.variant === v,
			);
		const stats = variantStats(of);
		for (const v of VARIANTS) {
			const st = stats[v];
			rows.push(
				`| ${step.rttMs} | ${fmt(step.customers)} | ${VARIANT_NAMES[v]} | ${range(st.ms)} | ${fmt(st.itemsPerSecond.median)} | ${fmt(st.requests.median)} | ${fmt(st.connections.median)} | ${fmt(st.peakMemoryMb.median)} |`,
			);
		}
		// Time ratios, paired by round (lower is faster).
		const time = (a: Variant, b: Variant) => summarize(of(a).map((r, i) => r.ms / of(b)[i].ms));
		const vsBare = time('node', 'bare');
		const vsBareParallel = time('node', 'bareParallel');
		const targets = step.rttMs === 30 && step.customers === 50_000;
		ratioRows.push(
			`| ${step.rttMs} | ${fmt(step.customers)} | ${range(vsBare, 2)}×${targets ? ` (target ≤ 0.67×: ${verdict(vsBare.median <= 0.67)})` : ''} | ${range(vsBareParallel, 2)}×${targets ? ` (target ≤ 1.25×: ${verdict(vsBareParallel.median <= 1.25)})` : ''} | ${range(time('nodeSequential', 'bare'), 2)}× | ${range(time('node', 'diy'), 2)}× |`,
		);
	}
	const triggerRows = network.trigger.map(
		(t) =>
			`| ${t.rttMs} | ${fmt(t.customers)} | ${t.maxParallel} | ${fmt(t.ms)} | ${fmt(t.budgetMs)} (${verdict(t.finished && t.ms <= t.budgetMs)}) | ${fmt(t.requests)} | ${fmt(t.requests / t.items, 3)} |`,
	);
	return `
## 1b. Return All over a network (HTTPS, latency proxy)

The sandbox served over HTTPS (a certificate made at run time; n8n trusts it through \`NODE_EXTRA_CA_CERTS\`) behind
a TCP proxy (\`lab/latency-proxy.ts\`) that holds every chunk half the round-trip time (RTT) each way and a new
connection's first bytes one RTT more (its TCP handshake). n8n's HTTP helper opens a new connection for every request,
so each request of an n8n variant pays a TCP and a TLS handshake before its own round trip; the bare client keeps its
connections alive. Same five variants, ${network.rounds} timed rounds per row after a warm-up, order rotated. *Connections* =
new connections the proxy accepted during one run.

| RTT ms | customers | variant | wall ms, median (min–max) | items/s | requests | connections | peak memory MB above start |
|---:|---:|---|---:|---:|---:|---:|---:|
${rows.join('\n')}

Wall-time ratios paired by round, median (min–max); below 1 the node is faster.

| RTT ms | customers | node / bare client, sequential | node / bare client, ${network.concurrency} in flight | node with Max Parallel Requests 1 / bare, sequential | node / DIY |
|---:|---:|---:|---:|---:|---:|
${ratioRows.join('\n')}

### The trigger over the same network

One poll of the Tanma Trigger (New Follow-Up Record, Recently Active Customers) over customers that each have one new
follow-up, run through n8n-core's PollContext in its own process (Start From one minute back, so the poll reads them
all); the poll budget is the share of n8n's default 5-minute poll budget the trigger reads new customers in.

| RTT ms | active customers | Max Parallel Requests | poll ms | budget ms (inside?) | requests | requests per new record |
|---:|---:|---:|---:|---:|---:|---:|
${triggerRows.join('\n')}
`;
}

function buildReport(input: {
	runs: ThroughputRun[];
	emptyMs: number[];
	signing: Awaited<ReturnType<typeof measureSigning>>;
	trigger: Awaited<ReturnType<typeof measureTriggerCost>>;
	streams: Array<StreamCost & { target: boolean }>;
	filterCheck: FilterCheckCost[];
	profile?: { customers: number; runs: number; summary: ProfileSummary };
	push: PushMeasurement;
	pushProfile?: ProfileSummary;
	network?: NetworkMeasurement;
}) {
	const { runs, emptyMs, signing, trigger, filterCheck, profile, push, pushProfile, network } =
		input;
	const machine = {
		cpu: os.cpus()[0]?.model ?? 'unknown',
		cores: os.cpus().length,
		memoryGb: Math.round(os.totalmem() / 2 ** 30),
		os: `${os.type()} ${os.release()}`,
		benchNode: process.version,
		n8n: N8N,
		date: new Date().toISOString(),
	};
	const sizes = [...new Set(runs.map((r) => r.customers))];
	const rows: string[] = [];
	const ratioRows: string[] = [];
	const bars: Bar[] = [];
	const perSize: Record<string, unknown> = {};
	let perRequestNodeMs = 0;
	for (const customers of sizes) {
		const of = (v: Variant) => runs.filter((r) => r.customers === customers && r.variant === v);
		const stats = variantStats(of);
		// Ratios are paired by round: each round ran every variant back to back.
		const paired = (a: Variant, b: Variant) =>
			summarize(of(a).map((r, i) => r.itemsPerSecond / of(b)[i].itemsPerSecond));
		const nodeVsDiy = paired('node', 'diy');
		const nodeVsBare = paired('node', 'bare');
		const nodeVsSequential = paired('node', 'nodeSequential');
		const memoryVsSequential =
			stats.node.peakMemoryMb.median / Math.max(0.5, stats.nodeSequential.peakMemoryMb.median);
		perSize[customers] = { ...stats, nodeVsDiy, nodeVsBare, nodeVsSequential, memoryVsSequential };
		if (customers === sizes[0])
			perRequestNodeMs = stats.nodeSequential.ms.median / stats.nodeSequential.requests.median;
		for (const v of VARIANTS) {
			const st = stats[v];
			rows.push(
				`| ${fmt(customers)} | ${VARIANT_NAMES[v]} | ${range(st.itemsPerSecond)} | ${fmt(st.ms.median)} | ${fmt(st.requests.median)} | ${range(st.peakMemoryMb)} |`,
			);
			bars.push({
				group: `${fmt(customers)} customers`,
				label: VARIANT_NAMES[v],
				value: st.itemsPerSecond.median,
				min: st.itemsPerSecond.min,
				max: st.itemsPerSecond.max,
				color: VARIANT_COLORS[v],
			});
		}
		ratioRows.push(
			`| ${fmt(customers)} | ${range(nodeVsDiy, 2)}× (target ≥ 1.5×: ${verdict(nodeVsDiy.median >= 1.5)}) | ${range(nodeVsSequential, 2)}× | ${range(nodeVsBare, 2)}× | ${fmt(stats.node.peakMemoryMb.median)} vs ${fmt(stats.nodeSequential.peakMemoryMb.median)} MB = ${fmt(memoryVsSequential, 2)}× (target ≤ 2×: ${verdict(memoryVsSequential <= 2)}) |`,
		);
	}
	const empty = summarize(emptyMs);
	const triggerRows = trigger.scopes.map(
		(s) =>
			`| ${s.scope === 'recentlyActive' ? 'Recently Active Customers' : 'Specific Customers'} | ${fmt(s.customers)} | ${s.burstRequests} (${fmt(s.requestsPerNewRecord, 2)} per record) | ${s.singleRecordRequests} | ${s.idleInWindowRequests} | **${s.idleRequests}** | ${fmt(s.stateBytes)} |`,
	);
	const g = trigger.growth;
	const markdown = `# Benchmark results

Written by \`npm run bench\` on ${machine.date}. Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GiB,
${machine.os}; bench process ${machine.benchNode}; ${N8N} on Node 24.21.0. Sandbox in the bench process, on loopback
(section 1) and over HTTPS behind a latency proxy (section 1b).
Chart: [latest.png](latest.png). Raw figures: [latest.json](latest.json).

## 1. Return All throughput (Customer Search, every customer, pages of 100)

Five ways, alternating in one run (order rotated each round), ${ROUNDS} timed rounds per size after one warm-up round:
the **Tanma node** (Max Parallel Requests ${CONCURRENCY}, its default, and 1 — one page after another, as the node read
before parallel reads) and the **DIY Code node** each run as a published n8n workflow (Webhook → node, answered when
the last node finishes) in the same ${N8N} process; the **bare client** is a plain Node 24 script with a
keep-alive agent reading the same pages one after another, and with ${CONCURRENCY} in flight (the physical limits). The DIY Code node is \`bench/diy-code-node.js\`: SHA-256 signing with
\`crypto\`, \`this.helpers.httpRequest\`, paging to \`totalPage\`, plain \`JSON.parse\` (which silently rounds ids
beyond 2^53 — the node keeps them exact). Both n8n variants keep successful executions' data out of the database
(\`EXECUTIONS_DATA_SAVE_ON_SUCCESS=none\`). Peak memory is the highest RSS of the process tree (n8n main + its task
runner, or the bare client) above its level when the run started, sampled every 20 ms.

| customers | variant | items/s median (min–max) | wall ms (median) | requests | peak memory MB above start, median (min–max) |
|---:|---|---:|---:|---:|---:|
${rows.join('\n')}

Ratios paired by round, median (min–max) of throughput; memory is the medians' ratio (parallel vs one page at a time).

| customers | node / DIY | node / node with Max Parallel Requests 1 | node / bare client, sequential | peak memory above start: node vs node with 1 |
|---:|---:|---:|---:|---:|
${ratioRows.join('\n')}

n8n's own fixed cost per execution (Webhook → No Operation, same webhook path): ${range(empty, 1)} ms.
${network ? networkSection(network) : ''}
## 2. Trigger cost (Tanma Trigger, New Follow-Up Record; n8n-core PollContext against the sandbox)

Late Arrival Window 10 minutes. *Burst*: one new follow-up on each customer, then one poll (for Recently Active Customers the first poll after activation is also the first check of its filter, one search request per 100 customers). *Single*: one new
follow-up on one customer. *Idle in window*: a poll a minute after the burst (the window still covers those
customers, but none moved, so none is read). *Idle*: a poll once the window has passed with nothing new (for Recently
Active Customers the poll before it made each customer's one late-arrival read).

| scope | customers | burst: requests | single record: requests | idle in window | idle | state bytes |
|---|---:|---:|---:|---:|---:|---:|
${triggerRows.join('\n')}

Static data while ${fmt(g.records)} follow-ups go through the Recently Active trigger (${fmt(g.recordsPerPoll)} new per
poll on 100 customers, a poll every ${g.minutesBetweenPolls} minutes): **max ${fmt(g.maxStateBytes)} B, final
${fmt(g.finalStateBytes)} B**; emitted ${fmt(g.emitted)}, duplicated ${g.duplicates}, ${fmt(g.requests)} requests in
${g.polls} polls. The state holds the ids of records inside the late-arrival window, about 24 bytes each, so its size
follows the number of records in the last window + poll interval, not the total ever seen.
${streamCostSection(input.streams)}${filterCheckSection(filterCheck)}
## 3. Signing overhead

\`authenticate\` (serialize-once body → SHA-256 sign → headers) costs **${fmt(signing.microsPerCall, 2)} µs** per request
(${fmt(signing.iterations)} calls, ${signing.bodyBytes}-byte body, bench process ${machine.benchNode}); one Return All
page through n8n took ${fmt(perRequestNodeMs, 2)} ms here, so signing is ${fmt((signing.microsPerCall / 1000 / perRequestNodeMs) * 100, 3)} % of a request.
${profile ? profileSection(profile) : ''}${pushSection(push, pushProfile)}`;
	const svg = throughputChart(bars, machine);
	return {
		markdown,
		svg,
		data: {
			machine,
			throughput: perSize,
			runs,
			emptyExecutionMs: empty,
			trigger,
			streams: input.streams,
			filterCheck,
			signing,
			profile,
			push,
			pushProfile,
			network,
		},
	};
}

/** The chart of latest.png: items per second by variant and size, with the machine and the n8n it ran on. */
function throughputChart(
	bars: Bar[],
	machine: { cpu: string; cores: number; date: string; n8n?: string },
): string {
	return barChartSvg(
		'Customer Search, Return All: items per second',
		// Results from before the version was recorded were all measured on n8n 2.40.7.
		`median of timed rounds; whiskers show min–max; ${machine.n8n ?? 'n8n 2.40.7'}, sandbox on loopback`,
		bars,
		`${machine.cpu}, ${machine.cores} cores · ${machine.date.slice(0, 10)}`,
	);
}

/** BENCH_ONLY=chart: latest.png drawn again from latest.json (the same figures; no measuring). */
function chartOnly(): void {
	const data = JSON.parse(fs.readFileSync(path.join(RESULTS, 'latest.json'), 'utf8')) as {
		machine: { cpu: string; cores: number; date: string; n8n?: string };
		throughput: Record<string, Record<Variant, VariantStats>>;
	};
	const bars = Object.entries(data.throughput).flatMap(([customers, stats]) =>
		VARIANTS.map((v) => ({
			group: `${fmt(Number(customers))} customers`,
			label: VARIANT_NAMES[v],
			value: stats[v].itemsPerSecond.median,
			min: stats[v].itemsPerSecond.min,
			max: stats[v].itemsPerSecond.max,
			color: VARIANT_COLORS[v],
		})),
	);
	fs.writeFileSync(path.join(RESULTS, 'latest.png'), svgToPng(throughputChart(bars, data.machine)));
	log('wrote bench/results/latest.png from latest.json');
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
