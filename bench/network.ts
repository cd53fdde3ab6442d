/**
 * The network profile: the sandbox served over HTTPS (a certificate made at run time, trusted by n8n through
 * NODE_EXTRA_CA_CERTS) behind a latency proxy (lab/latency-proxy.ts), so every request pays what it pays on the
 * way to Tanma: a TCP and a TLS handshake per new connection (n8n's HTTP helper opens one per request), and a round
 * trip per request. Return All is measured five ways at each round-trip time (bench/throughput.ts), and one poll
 * of the trigger over 1,000 active customers, with Max Parallel Requests at the bench's bound and at 1.
 */
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { startLatencyProxy } from '../lab/latency-proxy';
import { makeLocalCertificate } from '../lab/tls';
import { POLL_BUDGET_SHARE } from '../nodes/Tanma/trigger/poll/scan';
import { startSandbox } from '../sandbox/server';
import type { ThroughputRun } from './throughput';
import { ThroughputBench, VARIANTS } from './throughput';

export interface NetworkStep {
	rttMs: number;
	customers: number;
}

export interface TriggerOverNetwork {
	rttMs: number;
	customers: number;
	maxParallel: number;
	ms: number;
	items: number;
	requests: number;
	finished: boolean;
	/** The share of n8n's poll budget the trigger allows itself (POLL_BUDGET_SHARE). */
	budgetMs: number;
}

export interface NetworkMeasurement {
	concurrency: number;
	rounds: number;
	runs: ThroughputRun[];
	trigger: TriggerOverNetwork[];
}

/** n8n's default poll budget; the trigger reads new customers in POLL_BUDGET_SHARE of it. */
const POLL_BUDGET_MS = 5 * 60 * 1000;

function runTriggerPoll(
	args: string[],
	caFile: string,
): Promise<{ ms: number; items: number; finished: boolean }> {
	const root = path.join(__dirname, '..');
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[
				path.join(root, 'node_modules/ts-node/dist/bin.js'),
				'--transpile-only',
				path.join(__dirname, 'trigger-network.ts'),
				...args,
			],
			{
				cwd: root,
				env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile },
				stdio: ['ignore', 'pipe', 'inherit'],
			},
		);
		let out = '';
		child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
		child.on('exit', (code) => {
			if (code !== 0) return reject(new Error(`trigger poll exited ${code}: ${out}`));
			resolve(
				JSON.parse(out.trim().split('\n').pop() ?? '{}') as {
					ms: number;
					items: number;
					finished: boolean;
				},
			);
		});
	});
}

export async function measureNetwork(
	log: (m: string) => void,
	options: {
		steps: NetworkStep[];
		rounds: number;
		concurrency: number;
		trigger: { rttMs: number; customers: number };
	},
): Promise<NetworkMeasurement> {
	const certificate = await makeLocalCertificate();
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-bench-tls-'));
	const caFile = path.join(folder, 'sandbox-cert.pem');
	fs.writeFileSync(caFile, certificate.cert);
	const sandbox = await startSandbox({
		tls: certificate,
		seed: { customers: options.steps[0].customers },
	});
	const proxy = await startLatencyProxy({ host: '127.0.0.1', port: sandbox.port }, 0);
	const baseUrl = `https://127.0.0.1:${proxy.port}`;
	log(`network profile: HTTPS sandbox at ${sandbox.baseUrl}, latency proxy at ${baseUrl}`);
	const runs: ThroughputRun[] = [];
	const trigger: TriggerOverNetwork[] = [];
	try {
		const bench = await ThroughputBench.start(sandbox, log, {
			target: { baseUrl, caFile },
			concurrency: options.concurrency,
		});
		try {
			for (const step of options.steps) {
				sandbox.reset({ customers: step.customers });
				proxy.rttMs = step.rttMs;
				await bench.verify(step.customers);
				for (const variant of VARIANTS) await bench.run(variant, step.customers, proxy); // warm-up, discarded
				for (let round = 0; round < options.rounds; round++) {
					const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]);
					for (const variant of order) {
						const run = await bench.run(variant, step.customers, proxy);
						runs.push(run);
						log(
							`RTT ${step.rttMs} ms, ${step.customers} ${variant.padEnd(14)} ${Math.round(run.ms)} ms  ${run.requests} requests  ${run.connections} connections`,
						);
					}
				}
			}
		} finally {
			await bench.stop();
		}

		const { rttMs, customers } = options.trigger;
		proxy.rttMs = rttMs;
		for (const maxParallel of [options.concurrency, 1]) {
			sandbox.reset({ customers: Math.max(customers, 100) });
			const startFrom = new Date(Date.now() - 60_000).toISOString();
			for (const c of sandbox.tenant.customers.slice(0, customers))
				sandbox.addFollowUps(c.externalUserId, ['bench: one new follow-up']);
			sandbox.requests.length = 0;
			const poll = await runTriggerPoll(
				[
					baseUrl,
					sandbox.appId,
					sandbox.appKey,
					startFrom,
					String(maxParallel),
					String(POLL_BUDGET_MS),
				],
				caFile,
			);
			if (poll.items !== customers)
				throw new Error(`trigger over the network emitted ${poll.items}, expected ${customers}`);
			const result = {
				rttMs,
				customers,
				maxParallel,
				...poll,
				requests: sandbox.requests.length,
				budgetMs: POLL_BUDGET_MS * POLL_BUDGET_SHARE,
			};
			trigger.push(result);
			log(
				`trigger poll over ${customers} active customers at RTT ${rttMs} ms, Max Parallel Requests ${maxParallel}: ${Math.round(poll.ms)} ms, ${result.requests} requests`,
			);
		}
	} finally {
		await proxy.close();
		await sandbox.close();
		fs.rmSync(folder, { recursive: true, force: true });
	}
	return { concurrency: options.concurrency, rounds: options.rounds, runs, trigger };
}
