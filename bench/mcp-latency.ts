/**
 * Tanma over MCP against the same node run directly, in one n8n 2.40.7: examples/mcp-server.json answers an MCP
 * client's Look_Up_Customer calls (the official SDK over streamable HTTP), and a Webhook → Tanma (Customer → Get)
 * → Respond workflow answers plain HTTP calls with the same node, credential and customer. Calls alternate, one
 * at a time, after warm-up calls of each; the figures are latencies seen by the caller.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { N8nInstance, REPO, packPackage, runtime, waitFor } from '../lab/n8n-instance';
import { CREDENTIAL_REF, sandboxCredential } from '../lab/workflows';
import type { Sandbox } from '../sandbox/server';

export interface McpLatency {
	calls: number;
	warmUp: number;
	mcpMs: number[];
	directMs: number[];
	mcpMedianMs: number;
	directMedianMs: number;
	/** MCP median / direct median. */
	ratio: number;
}

const DIRECT_PATH = 'tanma-bench-direct-lookup';

/** The same Tanma node as the MCP tool, behind n8n's Webhook node. */
function directWorkflow() {
	return {
		id: 'tanmaBenchMcpDir1',
		name: 'Tanma bench: webhook → Customer → Get',
		active: false,
		nodes: [
			{ id: 'w', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: '0b1e2c3d-0000-4000-8000-00000000d001', parameters: { httpMethod: 'GET', path: DIRECT_PATH, responseMode: 'lastNode', options: {} } },
			{ id: 't', name: 'Look Up Customer', type: 'n8n-nodes-tanma.tanma', typeVersion: 1, position: [220, 0], parameters: { resource: 'customer', operation: 'get', externalUserId: '={{ $json.query.externalUserId }}' }, credentials: CREDENTIAL_REF },
		],
		connections: { Webhook: { main: [[{ node: 'Look Up Customer', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export async function measureMcpLatency(sandbox: Sandbox, log: (m: string) => void, options: { calls?: number; warmUp?: number } = {}): Promise<McpLatency> {
	const calls = options.calls ?? 20;
	const warmUp = options.warmUp ?? 3;
	const example = JSON.parse(fs.readFileSync(path.join(REPO, 'examples', 'mcp-server.json'), 'utf8')) as { id: string; nodes: Array<{ type: string; parameters: Record<string, unknown> }> };
	const mcpPath = String(example.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.mcpTrigger')!.parameters.path);
	const n8n = await N8nInstance.create(runtime('2.x', log));
	const tarball = await packPackage(fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-pack-')));
	await n8n.installPackage(tarball);
	await n8n.importJson('credentials', sandboxCredential(sandbox));
	await n8n.importJson('workflow', [example, directWorkflow()]);
	for (const id of [example.id, directWorkflow().id]) await n8n.cli(['publish:workflow', `--id=${id}`]);
	const client = new Client({ name: 'tanma-bench', version: '1.0.0' });
	try {
		await n8n.start();
		const mcpUrl = new URL(`${n8n.baseUrl}/mcp/${mcpPath}`);
		const customer = sandbox.tenant.customers[0];
		const directUrl = `${n8n.baseUrl}/webhook/${DIRECT_PATH}?externalUserId=${encodeURIComponent(customer.externalUserId)}`;
		await waitFor(async () => (await fetch(directUrl)).status === 200, 60_000, () => n8n.log.slice(-2000));
		await client.connect(new StreamableHTTPClientTransport(mcpUrl));
		const mcpCall = async () => {
			const started = performance.now();
			const result = (await client.callTool({ name: 'Look_Up_Customer', arguments: { externalUserId: customer.externalUserId } })) as { isError?: boolean };
			if (result.isError) throw new Error(`the MCP call failed: ${JSON.stringify(result)}`);
			return performance.now() - started;
		};
		const directCall = async () => {
			const started = performance.now();
			const answer = await fetch(directUrl);
			const body = await answer.text();
			if (answer.status !== 200 || !body.includes(customer.externalUserId)) throw new Error(`the direct call failed: ${answer.status} ${body.slice(0, 200)}`);
			return performance.now() - started;
		};
		for (let i = 0; i < warmUp; i++) {
			await mcpCall();
			await directCall();
		}
		const mcpMs: number[] = [];
		const directMs: number[] = [];
		for (let i = 0; i < calls; i++) {
			// Alternate which goes first, so neither always follows the other.
			if (i % 2) {
				directMs.push(await directCall());
				mcpMs.push(await mcpCall());
			} else {
				mcpMs.push(await mcpCall());
				directMs.push(await directCall());
			}
		}
		const result = { calls, warmUp, mcpMs, directMs, mcpMedianMs: median(mcpMs), directMedianMs: median(directMs), ratio: median(mcpMs) / median(directMs) };
		log(`mcp: median ${result.mcpMedianMs.toFixed(1)} ms vs direct ${result.directMedianMs.toFixed(1)} ms (${result.ratio.toFixed(2)}×)`);
		return result;
	} finally {
		await client.close().catch(() => undefined);
		await n8n.stop();
	}
}
