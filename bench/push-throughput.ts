/**
 * Push speed: the Tanma Push Trigger against n8n's own Webhook node, in the same n8n, under the same load.
 * - push:    Tanma Push Trigger → HTTP Request (sink); Tanma's signed, encrypted messages, acknowledged with the noise;
 * - webhook: n8n's Webhook node (respond when received) → the same HTTP Request, posted the same requests.
 * Each round posts a fresh set of pre-built requests (built before the clock starts) at a fixed concurrency; the
 * round ends when the sink holds one record per request. Variants alternate, their order rotated each round.
 */
import type { ChildProcess } from 'child_process';
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import readline from 'readline';

import type { RawPush } from '../sandbox/push';
import { buildPush, postRaw } from '../sandbox/push';
import type { Sandbox } from '../sandbox/server';
import { N8nInstance, freePort, packPackage, runtime } from '../lab/n8n-instance';
import { CREDENTIAL_REF, sandboxCredential, sinkNode } from '../lab/workflows';
import { descendants, samplePeak, treeRssMb } from './memory';

export type PushVariant = 'push' | 'webhook';
export const PUSH_VARIANTS: PushVariant[] = ['push', 'webhook'];

export interface PushRun {
	variant: PushVariant;
	concurrency: number;
	requests: number;
	/** From the first request sent until the sink holds every record. */
	ms: number;
	perSecond: number;
	ackP50Ms: number;
	ackP99Ms: number;
	/** Highest RSS of n8n's process tree during the round, and its rise above the round's start. */
	peakRssMb: number;
	peakRiseMb: number;
}

const WEBHOOK_IDS: Record<PushVariant, string> = {
	push: '0b1e2c3d-0000-4000-8000-00000000c001',
	webhook: '0b1e2c3d-0000-4000-8000-00000000c002',
};

/** Both variants end in the same sink node: the push trigger's item has msgId, the Webhook node's the request headers. */
const SINK_RECORD =
	'={{ JSON.stringify({ bench: $json.msgId ? "push" : "webhook", id: $json.msgId ?? $json.headers.timestamp }) }}';

function workflow(variant: PushVariant, trigger: Record<string, unknown>, sinkUrl: string) {
	return {
		id: `tanmaBenchPsh${variant === 'push' ? 'T' : 'W'}01`,
		name: `Tanma bench: ${variant} → sink`,
		active: false,
		nodes: [
			{ id: 'trigger', position: [0, 0], webhookId: WEBHOOK_IDS[variant], ...trigger },
			sinkNode(sinkUrl, [220, 0], SINK_RECORD),
		],
		connections: {
			[String(trigger.name)]: { main: [[{ node: 'Record in Sink', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

function pushBenchWorkflows(sinkUrl: string) {
	return [
		workflow(
			'push',
			{
				name: 'Tanma Push Trigger',
				type: 'n8n-nodes-tanma.tanmaPushTrigger',
				typeVersion: 1,
				parameters: { events: ['*'], registerAddress: false, options: {} },
				credentials: CREDENTIAL_REF,
			},
			sinkUrl,
		),
		workflow(
			'webhook',
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				parameters: {
					httpMethod: 'POST',
					path: 'bench-push-webhook',
					responseMode: 'onReceived',
					options: {},
				},
			},
			sinkUrl,
		),
	];
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export class PushBench {
	private msgId = 7_700_000_000;
	private lastTimestamp = 0;

	private constructor(
		private readonly sandbox: Sandbox,
		private readonly n8n: N8nInstance,
		private readonly inspect?: { port: number; node: string },
	) {}

	/** `env`: extra n8n settings for a diagnostic configuration (the default is n8n's own defaults). */
	static async start(
		sandbox: Sandbox,
		log: (m: string) => void,
		options: { profile?: boolean; env?: NodeJS.ProcessEnv } = {},
	): Promise<PushBench> {
		const rt = runtime('2.x', log);
		const inspectPort = options.profile ? await freePort() : undefined;
		// n8n's defaults otherwise (executions are saved, as a user's instance does): both variants pay the same.
		const n8n = await N8nInstance.create(rt, {
			env: {
				...(inspectPort ? { NODE_OPTIONS: `--inspect=127.0.0.1:${inspectPort}` } : {}),
				N8N_LOG_LEVEL: 'warn',
				...options.env,
			},
		});
		await n8n.installPackage(
			await packPackage(fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-pack-'))),
		);
		await n8n.importJson('credentials', sandboxCredential(sandbox));
		const workflows = pushBenchWorkflows(`${sandbox.baseUrl}/__sandbox/sink`);
		await n8n.importJson('workflow', workflows);
		for (const wf of workflows) await n8n.cli(['publish:workflow', `--id=${wf.id}`]);
		await n8n.start();
		const bench = new PushBench(
			sandbox,
			n8n,
			inspectPort ? { port: inspectPort, node: rt.node } : undefined,
		);
		// Published webhooks are registered just after the API comes up: both answer (the push trigger with 400
		// to a request without Tanma's headers) instead of n8n's 404.
		const deadline = Date.now() + 60_000;
		for (;;) {
			const answers = await Promise.all(
				PUSH_VARIANTS.map((v) => fetch(bench.url(v), { method: 'POST' })),
			);
			if (answers.every((a) => a.status !== 404)) break;
			if (Date.now() > deadline)
				throw new Error(`push bench webhooks not registered:\n${n8n.log.slice(-3000)}`);
			await new Promise((r) => setTimeout(r, 500));
		}
		return bench;
	}

	url(variant: PushVariant): string {
		return variant === 'push'
			? `${this.n8n.baseUrl}/webhook/${WEBHOOK_IDS.push}/webhook`
			: `${this.n8n.baseUrl}/webhook/bench-push-webhook`;
	}

	/** `count` fresh pushes (new msgIds, strictly increasing timestamps), signed and encrypted now. */
	private build(
		count: number,
	): Array<RawPush & { noise: string; msgId: string; timestamp: string }> {
		const out = [];
		for (let i = 0; i < count; i++) {
			this.lastTimestamp = Math.max(Date.now(), this.lastTimestamp + 1);
			const msgId = this.msgId++;
			const push = buildPush(
				{ type: 'new_qw_customer', msgId, content: { externalUserId: `wmBench${msgId}` } },
				this.sandbox.appId,
				this.sandbox.appKey,
				this.lastTimestamp,
			);
			out.push({
				headers: push.headers,
				body: push.body,
				noise: push.noise,
				msgId: push.msgId,
				timestamp: push.headers.timestamp,
			});
		}
		return out;
	}

	async run(variant: PushVariant, requests: number, concurrency: number): Promise<PushRun> {
		const pushes = this.build(requests);
		// The sink record's id: the push trigger emits the msgId; the Webhook node passes the timestamp header on.
		const expected = new Set(pushes.map((p) => (variant === 'push' ? p.msgId : p.timestamp)));
		this.sandbox.sink.length = 0;
		const recorded = () =>
			this.sandbox.sink.filter((s) => {
				const r = s as { bench?: string; id?: string };
				return r.bench === variant && expected.has(String(r.id));
			}).length;
		const url = this.url(variant);
		const latencies: number[] = [];
		const pids = descendants(this.n8n.pid!);
		const startRss = treeRssMb(pids);
		const sampler = samplePeak(this.n8n.pid!);
		const started = process.hrtime.bigint();
		let next = 0;
		const worker = async () => {
			while (next < pushes.length) {
				const push = pushes[next++];
				const sent = process.hrtime.bigint();
				const answer = await postRaw(url, push);
				latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
				const ok =
					answer.status === 200 && (variant === 'webhook' || answer.body.trim() === push.noise);
				if (!ok)
					throw new Error(
						`${variant} answered ${answer.status} ${answer.body.slice(0, 200)}\n${this.n8n.log.slice(-2000)}`,
					);
			}
		};
		await Promise.all(Array.from({ length: concurrency }, worker));
		const deadline = Date.now() + 300_000;
		while (recorded() < requests) {
			if (Date.now() > deadline)
				throw new Error(
					`${variant}: the sink holds ${recorded()} of ${requests} records after 5 minutes`,
				);
			await new Promise((r) => setTimeout(r, 5));
		}
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		const { peakMb } = sampler.stop();
		// Let this round's executions finish being saved before the next round starts.
		await new Promise((r) => setTimeout(r, 1000));
		if (recorded() !== requests)
			throw new Error(`${variant}: ${recorded()} records for ${requests} requests`);
		latencies.sort((a, b) => a - b);
		return {
			variant,
			concurrency,
			requests,
			ms,
			perSecond: (requests / ms) * 1000,
			ackP50Ms: percentile(latencies, 50),
			ackP99Ms: percentile(latencies, 99),
			peakRssMb: startRss + peakMb,
			peakRiseMb: peakMb,
		};
	}

	/** CPU profile of n8n's main process over `runs` push rounds, written to `file` (.cpuprofile). */
	async profilePushRuns(
		requests: number,
		concurrency: number,
		runs: number,
		file: string,
	): Promise<void> {
		if (!this.inspect) throw new Error('n8n was started without its inspector');
		const client: ChildProcess = spawn(
			this.inspect.node,
			[path.join(__dirname, 'profile-client.js'), `http://127.0.0.1:${this.inspect.port}`, file],
			{ stdio: ['pipe', 'pipe', 'inherit'] },
		);
		const lines = readline.createInterface({ input: client.stdout! })[Symbol.asyncIterator]();
		if ((await lines.next()).value !== 'started') throw new Error('profiler did not start');
		for (let i = 0; i < runs; i++) await this.run('push', requests, concurrency);
		client.stdin!.write('stop\n');
		if ((await lines.next()).value !== 'written') throw new Error('profile not written');
	}

	async stop(): Promise<void> {
		await this.n8n.stop();
	}
}

/** The n8n settings each push comparison runs under. Only the first is what users have; the others locate the gap. */
export const PUSH_CONFIGS: Array<{ id: string; label: string; env: NodeJS.ProcessEnv }> = [
	{ id: 'defaults', label: "n8n's defaults", env: {} },
	{
		id: 'lazy-acquire',
		label:
			'an expression isolate only for the first expression that needs one (`N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true`)',
		env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
	},
	{
		id: 'same-isolate-policy',
		label:
			'both webhook phases given an expression isolate (`N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP=false`)',
		env: { N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP: 'false' },
	},
	{
		id: 'legacy-engine',
		label: 'no expression isolates at all (`N8N_EXPRESSION_ENGINE=legacy`)',
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
];

export interface PushMeasurement {
	requests: number;
	concurrencies: number[];
	configs: Array<{ id: string; label: string; rounds: number; runs: PushRun[] }>;
	profile?: { file: string; requests: number; concurrency: number };
}

/**
 * Runs every configuration in its own n8n: one warm-up round per variant and concurrency, then `rounds` timed
 * rounds (`diagnosticRounds` for the diagnostic configurations), variants alternating with the order rotated.
 */
export async function measurePush(
	sandbox: Sandbox,
	log: (m: string) => void,
	options: {
		requests: number;
		concurrencies: number[];
		rounds: number;
		diagnosticRounds: number;
		profileFile?: string;
	},
): Promise<PushMeasurement> {
	const result: PushMeasurement = {
		requests: options.requests,
		concurrencies: options.concurrencies,
		configs: [],
	};
	for (const config of PUSH_CONFIGS) {
		// Defaults and lazy acquisition are the comparison the README recommends from: both get the full rounds.
		const rounds =
			config.id === 'defaults' || config.id === 'lazy-acquire'
				? options.rounds
				: options.diagnosticRounds;
		if (rounds <= 0) continue;
		const profile = config.id === 'defaults' && options.profileFile !== undefined;
		const bench = await PushBench.start(sandbox, log, { env: config.env, profile });
		const runs: PushRun[] = [];
		try {
			for (const concurrency of options.concurrencies) {
				for (const variant of PUSH_VARIANTS)
					await bench.run(variant, options.requests, concurrency); // warm-up
				for (let round = 0; round < rounds; round++) {
					const order = round % 2 ? [...PUSH_VARIANTS].reverse() : PUSH_VARIANTS;
					for (const variant of order) {
						const run = await bench.run(variant, options.requests, concurrency);
						runs.push(run);
						log(
							`push [${config.id}] c=${concurrency} ${variant.padEnd(7)} ${run.perSecond.toFixed(1).padStart(6)}/s  ack p50 ${run.ackP50Ms.toFixed(0)} ms  p99 ${run.ackP99Ms.toFixed(0)} ms  RSS ${run.peakRssMb.toFixed(0)} MB`,
						);
					}
				}
			}
			if (profile) {
				await bench.profilePushRuns(
					options.requests,
					options.concurrencies[0],
					1,
					options.profileFile!,
				);
				result.profile = {
					file: options.profileFile!,
					requests: options.requests,
					concurrency: options.concurrencies[0],
				};
				log(
					`profiled one push round (${options.requests} requests at ${options.concurrencies[0]})`,
				);
			}
		} finally {
			await bench.stop();
		}
		result.configs.push({ id: config.id, label: config.label, rounds, runs });
	}
	return result;
}
