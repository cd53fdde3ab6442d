/**
 * Return All throughput: Customer Search over every sandbox customer, five ways, alternating in one run:
 * - node:  a real n8n (the pinned 2.x) running our Tanma node (Webhook → Customer Search, Return All), pages read
 *          `concurrency` at a time (Max Parallel Requests);
 * - nodeSequential: the same with Max Parallel Requests = 1 (one page after another, as before parallel reads);
 * - diy:   the same n8n running a Code node that signs and pages by hand (bench/diy-code-node.js);
 * - bare:  a bare Node.js HTTP(S) client (bench/bare-client.js) on the same Node 24 runtime, keep-alive, one page
 *          after another — the limit of sequential reading;
 * - bareParallel: the same client with `concurrency` pages in flight over kept-alive connections.
 * Each n8n run is one production webhook call answered when the last node finishes; an empty workflow
 * (Webhook → No Operation) measures n8n's fixed cost per execution.
 */
import type { ChildProcess } from 'child_process';
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import readline from 'readline';

import type { Sandbox } from '../sandbox/server';
import type { N8nRuntime } from '../lab/n8n-instance';
import { N8nInstance, freePort, packPackage, runtime } from '../lab/n8n-instance';
import { CREDENTIAL_REF, sandboxCredential } from '../lab/workflows';
import { samplePeak } from './memory';

export type Variant = 'node' | 'nodeSequential' | 'diy' | 'bare' | 'bareParallel';
export const VARIANTS: Variant[] = ['node', 'nodeSequential', 'diy', 'bare', 'bareParallel'];
const N8N_VARIANTS = new Set<Variant>(['node', 'nodeSequential', 'diy']);

export interface ThroughputRun {
	variant: Variant;
	customers: number;
	items: number;
	requests: number;
	ms: number;
	itemsPerSecond: number;
	peakMemoryMb: number;
	/** TCP connections the latency proxy accepted during the run (network profile only). */
	connections?: number;
	/** The proxy's round-trip time during the run (network profile only). */
	rttMs?: number;
}

const WEBHOOK_IDS: Record<string, string> = {
	node: '0b1e2c3d-0000-4000-8000-00000000b001',
	diy: '0b1e2c3d-0000-4000-8000-00000000b002',
	empty: '0b1e2c3d-0000-4000-8000-00000000b003',
	'check-node': '0b1e2c3d-0000-4000-8000-00000000b004',
	'check-diy': '0b1e2c3d-0000-4000-8000-00000000b005',
	nodeSequential: '0b1e2c3d-0000-4000-8000-00000000b006',
};

function webhookNode(name: string, responseData: 'firstEntryJson' | 'allEntries') {
	return {
		id: 'webhook',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: WEBHOOK_IDS[name],
		parameters: {
			httpMethod: 'POST',
			path: `bench-${name}`,
			responseMode: 'lastNode',
			responseData,
			options: {},
		},
	};
}

function workflow(
	name: string,
	worker: Record<string, unknown>,
	responseData: 'firstEntryJson' | 'allEntries',
) {
	return {
		id: `tanmaBench${name
			.replace(/[^a-z]/gi, '')
			.padEnd(6, '0')
			.slice(0, 6)}`,
		name: `Tanma bench: ${name}`,
		active: false,
		nodes: [webhookNode(name, responseData), { id: 'work', position: [220, 0], ...worker }],
		connections: { Webhook: { main: [[{ node: String(worker.name), type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Where n8n and the bare client reach the sandbox: its own address, or a latency proxy in front of it. */
export interface BenchTarget {
	baseUrl: string;
	/** PEM file of the certificate to trust (HTTPS), given to n8n as NODE_EXTRA_CA_CERTS. */
	caFile?: string;
}

function benchWorkflows(
	api: { baseUrl: string; appId: string; appKey: string },
	concurrency: number,
) {
	const code = fs
		.readFileSync(path.join(__dirname, 'diy-code-node.js'), 'utf8')
		.replace(/__BASE_URL__/g, api.baseUrl)
		.replace(/__APP_ID__/g, api.appId)
		.replace(/__APP_KEY__/g, api.appKey);
	const search = (maxParallelRequests: number) => ({
		name: 'Search Customers',
		type: 'n8n-nodes-tanma.tanma',
		typeVersion: 1,
		parameters: {
			resource: 'customer',
			operation: 'search',
			returnAll: true,
			maxParallelRequests,
			filters: {},
		},
		credentials: CREDENTIAL_REF,
	});
	const tanma = search(concurrency);
	const diy = {
		name: 'Code',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode: code },
	};
	const noop = {
		name: 'No Operation',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		parameters: {},
	};
	return [
		workflow('node', tanma, 'firstEntryJson'),
		workflow('nodeSequential', search(1), 'firstEntryJson'),
		workflow('diy', diy, 'firstEntryJson'),
		workflow('empty', noop, 'firstEntryJson'),
		workflow('check-node', tanma, 'allEntries'),
		workflow('check-diy', diy, 'allEntries'),
	];
}

class BareClient {
	private readonly lines: AsyncIterableIterator<string>;
	private constructor(readonly child: ChildProcess) {
		this.lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
	}

	static async start(
		nodeBinary: string,
		sandbox: Sandbox,
		target: BenchTarget,
	): Promise<BareClient> {
		const args = [
			path.join(__dirname, 'bare-client.js'),
			target.baseUrl,
			sandbox.appId,
			sandbox.appKey,
			...(target.caFile ? [target.caFile] : []),
		];
		const child = spawn(nodeBinary, args, { stdio: ['pipe', 'pipe', 'inherit'] });
		const client = new BareClient(child);
		const first = await client.lines.next();
		if (first.value !== 'ready')
			throw new Error(`bare client did not start: ${String(first.value)}`);
		return client;
	}

	async run(concurrency: number): Promise<{ items: number; requests: number; ms: number }> {
		this.child.stdin!.write(`go ${concurrency}\n`);
		const line = await this.lines.next();
		return JSON.parse(String(line.value)) as { items: number; requests: number; ms: number };
	}

	stop(): void {
		this.child.kill();
	}
}

export class ThroughputBench {
	private constructor(
		private readonly sandbox: Sandbox,
		private readonly n8n: N8nInstance,
		private readonly bare: BareClient,
		private readonly rt: N8nRuntime,
		readonly concurrency: number,
		private readonly inspectPort?: number,
	) {}

	/**
	 * `profile`: open n8n's inspector (idle until profileNodeRuns attaches a profiler); `target`: reach the sandbox
	 * there (a latency proxy) instead of at its own address; `concurrency`: the node's Max Parallel Requests and the
	 * parallel bare client's requests in flight.
	 */
	static async start(
		sandbox: Sandbox,
		log: (m: string) => void,
		options: { profile?: boolean; target?: BenchTarget; concurrency: number },
	): Promise<ThroughputBench> {
		const rt = runtime('2.x', log);
		const target = options.target ?? { baseUrl: sandbox.baseUrl };
		const api = { baseUrl: target.baseUrl, appId: sandbox.appId, appKey: sandbox.appKey };
		const inspectPort = options.profile ? await freePort() : undefined;
		const n8n = await N8nInstance.create(rt, {
			env: {
				...(target.caFile ? { NODE_EXTRA_CA_CERTS: target.caFile } : {}),
				...(inspectPort ? { NODE_OPTIONS: `--inspect=127.0.0.1:${inspectPort}` } : {}),
				NODE_FUNCTION_ALLOW_BUILTIN: 'crypto', // the DIY Code node needs it to sign
				// Same for both n8n variants: keep finished executions' data out of the database, so the figures
				// are about fetching, not about SQLite storing 50,000 items.
				EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
				EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false',
				N8N_LOG_LEVEL: 'warn',
				N8N_PAYLOAD_SIZE_MAX: '256',
			},
		});
		await n8n.installPackage(
			await packPackage(fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-pack-'))),
		);
		await n8n.importJson('credentials', sandboxCredential(api));
		const workflows = benchWorkflows(api, options.concurrency);
		await n8n.importJson('workflow', workflows);
		for (const wf of workflows) await n8n.cli(['publish:workflow', `--id=${wf.id}`]);
		await n8n.start();
		const bare = await BareClient.start(rt.node, sandbox, target);
		const bench = new ThroughputBench(sandbox, n8n, bare, rt, options.concurrency, inspectPort);
		// Published webhooks are registered just after the API comes up.
		const deadline = Date.now() + 60_000;
		while ((await fetch(`${n8n.baseUrl}/webhook/bench-empty`, { method: 'POST' })).status !== 200) {
			if (Date.now() > deadline)
				throw new Error(`bench webhooks not registered:\n${n8n.log.slice(-3000)}`);
			await new Promise((r) => setTimeout(r, 500));
		}
		return bench;
	}

	get n8nPid(): number {
		return this.n8n.pid!;
	}

	/** Runs one n8n workflow through its production webhook; returns the wall time and the parsed answer. */
	private async callWebhook(name: string): Promise<{ ms: number; body: unknown }> {
		const started = process.hrtime.bigint();
		const res = await fetch(`${this.n8n.baseUrl}/webhook/bench-${name}`, { method: 'POST' });
		const text = await res.text();
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		if (res.status !== 200)
			throw new Error(
				`bench-${name} answered ${res.status}: ${text.slice(0, 500)}\n${this.n8n.log.slice(-2000)}`,
			);
		return { ms, body: JSON.parse(text) as unknown };
	}

	/** Untimed: each variant returns every customer (checked by count and by the set of ids). */
	async verify(customers: number): Promise<void> {
		const expected = new Set(this.sandbox.tenant.customers.map((c) => c.externalUserId));
		for (const name of ['check-node', 'check-diy']) {
			const { body } = await this.callWebhook(name);
			const rows = body as Array<{ externalUserId: string }>;
			const ids = new Set(rows.map((r) => r.externalUserId));
			if (
				rows.length !== customers ||
				ids.size !== expected.size ||
				[...expected].some((id) => !ids.has(id))
			) {
				throw new Error(
					`${name} returned ${rows.length} rows (${ids.size} distinct), expected ${customers}`,
				);
			}
		}
		for (const concurrency of [1, this.concurrency]) {
			const bare = await this.bare.run(concurrency);
			if (bare.items !== customers)
				throw new Error(`bare client read ${bare.items}, expected ${customers}`);
		}
	}

	async emptyExecutionMs(): Promise<number> {
		return (await this.callWebhook('empty')).ms;
	}

	/** One timed run; `proxy` (network profile) counts the connections it opened. */
	async run(
		variant: Variant,
		customers: number,
		proxy?: { readonly connections: number; rttMs: number },
	): Promise<ThroughputRun> {
		this.sandbox.requests.length = 0;
		const connectionsBefore = proxy?.connections ?? 0;
		let ms: number;
		let items = customers;
		const sampler = samplePeak(N8N_VARIANTS.has(variant) ? this.n8nPid : this.bare.child.pid!);
		if (!N8N_VARIANTS.has(variant)) {
			const result = await this.bare.run(variant === 'bareParallel' ? this.concurrency : 1);
			ms = result.ms;
			items = result.items;
		} else {
			ms = (await this.callWebhook(variant)).ms;
		}
		const { peakMb } = sampler.stop();
		const requests = this.sandbox.requests.length;
		const network = proxy
			? { connections: proxy.connections - connectionsBefore, rttMs: proxy.rttMs }
			: {};
		return {
			variant,
			customers,
			items,
			requests,
			ms,
			itemsPerSecond: (items / ms) * 1000,
			peakMemoryMb: peakMb,
			...network,
		};
	}

	/** CPU profile of n8n's main process over `runs` node runs, written to `file` (.cpuprofile). */
	async profileNodeRuns(customers: number, runs: number, file: string): Promise<void> {
		if (!this.inspectPort) throw new Error('n8n was started without its inspector');
		const client = spawn(
			this.rt.node,
			[path.join(__dirname, 'profile-client.js'), `http://127.0.0.1:${this.inspectPort}`, file],
			{ stdio: ['pipe', 'pipe', 'inherit'] },
		);
		const lines = readline.createInterface({ input: client.stdout! })[Symbol.asyncIterator]();
		if ((await lines.next()).value !== 'started') throw new Error('profiler did not start');
		for (let i = 0; i < runs; i++) await this.run('node', customers);
		client.stdin!.write('stop\n');
		if ((await lines.next()).value !== 'written') throw new Error('profile not written');
	}

	async stop(): Promise<void> {
		this.bare.stop();
		await this.n8n.stop();
	}
}
