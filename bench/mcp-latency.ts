/**
 * Tanma over MCP against the same node run directly, in one n8n (the pinned 2.x): examples/mcp-server.json answers an MCP
 * client's Look_Up_Customer calls (the official SDK over streamable HTTP), and a Webhook → Tanma (Customer → Get)
 * → Respond workflow answers plain HTTP calls with the same node, credential and customer; and a Webhook alone
 * (no Tanma node) shows what n8n's webhook execution costs by itself. Calls rotate, one at a time, after warm-up
 * calls of each; the figures are latencies seen by the caller.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { connectMcpClient } from '../lab/mcp-client';
import { N8nInstance, REPO, packPackage, runtime, waitFor } from '../lab/n8n-instance';
import { CREDENTIAL_REF, sandboxCredential } from '../lab/workflows';
import type { Sandbox } from '../sandbox/server';

export interface McpLatency {
	calls: number;
	warmUp: number;
	mcpMs: number[];
	directMs: number[];
	/** Webhook → nothing: n8n's own webhook execution, without our node or a Tanma request. */
	webhookAloneMs: number[];
	mcpMedianMs: number;
	directMedianMs: number;
	webhookAloneMedianMs: number;
	/** MCP median / direct median. */
	ratio: number;
}

const DIRECT_PATH = 'tanma-bench-direct-lookup';
const ALONE_PATH = 'tanma-bench-webhook-alone';

/**
 * A Webhook (GET, answering with the last node's item) alone, or in front of `then`: the same trigger for the
 * direct path and for n8n's webhook execution without our node.
 */
function webhookWorkflow(
	id: string,
	name: string,
	webhookId: string,
	webhookPath: string,
	then?: { name: string } & Record<string, unknown>,
) {
	const webhook = {
		id: 'w',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId,
		parameters: { httpMethod: 'GET', path: webhookPath, responseMode: 'lastNode', options: {} },
	};
	return {
		id,
		name,
		active: false,
		nodes: then ? [webhook, then] : [webhook],
		connections: then ? { Webhook: { main: [[{ node: then.name, type: 'main', index: 0 }]] } } : {},
		settings: { executionOrder: 'v1' },
	};
}

/** The same Tanma node as the MCP tool, behind n8n's Webhook node. */
const directWorkflow = webhookWorkflow(
	'tanmaBenchMcpDir1',
	'Tanma bench: webhook → Customer → Get',
	'0b1e2c3d-0000-4000-8000-00000000d001',
	DIRECT_PATH,
	{
		id: 't',
		name: 'Look Up Customer',
		type: 'n8n-nodes-tanma.tanma',
		typeVersion: 1,
		position: [220, 0],
		parameters: {
			resource: 'customer',
			operation: 'get',
			externalUserId: '={{ $json.query.externalUserId }}',
		},
		credentials: CREDENTIAL_REF,
	},
);

/** The same Webhook node answering with its own item: n8n's execution path without our node. */
const webhookAloneWorkflow = webhookWorkflow(
	'tanmaBenchMcpAln1',
	'Tanma bench: webhook alone',
	'0b1e2c3d-0000-4000-8000-00000000d002',
	ALONE_PATH,
);

/** One GET, timed as the caller sees it; `fails` says what is wrong with the answer, if anything. */
async function timedGet(
	url: string,
	fails: (status: number, body: string) => string | undefined,
): Promise<number> {
	const started = performance.now();
	const answer = await fetch(url);
	const body = await answer.text();
	const failure = fails(answer.status, body);
	if (failure) throw new Error(failure);
	return performance.now() - started;
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export async function measureMcpLatency(
	sandbox: Sandbox,
	log: (m: string) => void,
	options: { calls?: number; warmUp?: number } = {},
): Promise<McpLatency> {
	const calls = options.calls ?? 20;
	const warmUp = options.warmUp ?? 3;
	const example = JSON.parse(
		fs.readFileSync(path.join(REPO, 'examples', 'mcp-server.json'), 'utf8'),
	) as { id: string; nodes: Array<{ type: string; parameters: Record<string, unknown> }> };
	const mcpPath = String(
		example.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.mcpTrigger')!.parameters.path,
	);
	const n8n = await N8nInstance.create(runtime('2.x', log));
	const tarball = await packPackage(fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-pack-')));
	await n8n.installPackage(tarball);
	await n8n.importJson('credentials', sandboxCredential(sandbox));
	await n8n.importJson('workflow', [example, directWorkflow, webhookAloneWorkflow]);
	for (const id of [example.id, directWorkflow.id, webhookAloneWorkflow.id])
		await n8n.cli(['publish:workflow', `--id=${id}`]);
	let client: Client | undefined;
	try {
		await n8n.start();
		const mcpUrl = new URL(`${n8n.baseUrl}/mcp/${mcpPath}`);
		const customer = sandbox.tenant.customers[0];
		const directUrl = `${n8n.baseUrl}/webhook/${DIRECT_PATH}?externalUserId=${encodeURIComponent(customer.externalUserId)}`;
		await waitFor(
			async () => (await fetch(directUrl)).status === 200,
			60_000,
			() => n8n.log.slice(-2000),
		);
		client = (await connectMcpClient(mcpUrl, 'tanma-bench', () => n8n.log.slice(-2000))).client;
		const mcp = client;
		const mcpCall = async () => {
			const started = performance.now();
			const result = (await mcp.callTool({
				name: 'Look_Up_Customer',
				arguments: { externalUserId: customer.externalUserId },
			})) as { isError?: boolean };
			if (result.isError) throw new Error(`the MCP call failed: ${JSON.stringify(result)}`);
			return performance.now() - started;
		};
		const directCall = async () =>
			await timedGet(directUrl, (status, body) =>
				status !== 200 || !body.includes(customer.externalUserId)
					? `the direct call failed: ${status} ${body.slice(0, 200)}`
					: undefined,
			);
		const aloneUrl = `${n8n.baseUrl}/webhook/${ALONE_PATH}?externalUserId=${encodeURIComponent(customer.externalUserId)}`;
		const aloneCall = async () =>
			await timedGet(aloneUrl, (status) =>
				status !== 200 ? `the webhook-alone call failed: ${status}` : undefined,
			);
		const kinds = [
			{ call: mcpCall, ms: [] as number[] },
			{ call: directCall, ms: [] as number[] },
			{ call: aloneCall, ms: [] as number[] },
		];
		for (let i = 0; i < warmUp; i++) for (const kind of kinds) await kind.call();
		for (let i = 0; i < calls; i++) {
			// Rotate which goes first, so none always follows the same other.
			for (let k = 0; k < kinds.length; k++) {
				const kind = kinds[(i + k) % kinds.length];
				kind.ms.push(await kind.call());
			}
		}
		const [mcpMs, directMs, webhookAloneMs] = kinds.map((kind) => kind.ms);
		const result = {
			calls,
			warmUp,
			mcpMs,
			directMs,
			webhookAloneMs,
			mcpMedianMs: median(mcpMs),
			directMedianMs: median(directMs),
			webhookAloneMedianMs: median(webhookAloneMs),
			ratio: median(mcpMs) / median(directMs),
		};
		log(
			`mcp: median ${result.mcpMedianMs.toFixed(1)} ms vs direct ${result.directMedianMs.toFixed(1)} ms (${result.ratio.toFixed(2)}×); webhook alone ${result.webhookAloneMedianMs.toFixed(1)} ms`,
		);
		return result;
	} finally {
		await client?.close().catch(() => undefined);
		await n8n.stop();
	}
}
