/**
 * Tanma for any MCP client: examples/mcp-server.json (n8n's MCP Server Trigger → three Tanma read tools, and one
 * write tool that ships disabled) published in a the pinned real n8n 2.x, and the official MCP TypeScript SDK client
 * talking to its production URL over streamable HTTP: the tools as the client receives them, a call answered
 * by a signed request at the sandbox, and a bad argument refused by the node with nothing sent.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { connectMcpClient } from '../lab/mcp-client';
import { N8nInstance, REPO, packPackage, runtime } from '../lab/n8n-instance';
import { sandboxCredential } from '../lab/workflows';
import type { Sandbox } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';

jest.setTimeout(15 * 60 * 1000);

const log = (m: string) => process.stdout.write(`[e2e-mcp] ${m}\n`);
const example = JSON.parse(
	fs.readFileSync(path.join(REPO, 'examples', 'mcp-server.json'), 'utf8'),
) as {
	id: string;
	nodes: Array<{
		name: string;
		type: string;
		disabled?: boolean;
		parameters: Record<string, unknown>;
	}>;
};
const trigger = example.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.mcpTrigger')!;

let sandbox: Sandbox;
let n8n: N8nInstance;
let client: Client;

beforeAll(async () => {
	const rt = runtime('2.x', log);
	sandbox = await startSandbox();
	const tarball = await packPackage(fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-pack-')));
	n8n = await N8nInstance.create(rt);
	await n8n.installPackage(tarball);
	await n8n.importJson('credentials', sandboxCredential(sandbox));
	await n8n.importJson('workflow', [example]);
	await n8n.cli(['publish:workflow', `--id=${example.id}`]);
	await n8n.start();
	const url = new URL(`${n8n.baseUrl}/mcp/${String(trigger.parameters.path)}`);
	const connected = await connectMcpClient(
		url,
		'tanma-e2e',
		() => `n8n log: ${n8n.log.slice(-2000)}`,
	);
	client = connected.client;
	if (connected.attempts > 1)
		log(
			`MCP route answered after ${connected.attempts} attempts; before that: ${connected.lastError}`,
		);
});

afterAll(async () => {
	await client?.close();
	await n8n?.stop();
	await sandbox?.close();
});

test('the client lists the three read tools with their descriptions and input schemas; the write tool is off', async () => {
	const { tools } = await client.listTools();
	expect(tools.map((t) => t.name).sort()).toEqual([
		'Customer_Follow-Ups',
		'Look_Up_Customer',
		'Search_Customers',
	]);
	const lookUp = tools.find((t) => t.name === 'Look_Up_Customer')!;
	expect(lookUp.description).toBe(
		example.nodes.find((n) => n.name === 'Look Up Customer')!.parameters.toolDescription,
	);
	expect(lookUp.inputSchema).toMatchObject({
		type: 'object',
		properties: {
			externalUserId: {
				type: 'string',
				description: 'The customer’s WeCom external user ID, starting with wm',
			},
		},
		required: ['externalUserId'],
	});
	expect(tools.find((t) => t.name === 'Search_Customers')!.inputSchema.properties).toHaveProperty(
		'searchText',
	);
	expect(example.nodes.find((n) => n.name === 'Create Work Order (write)')?.disabled).toBe(true);
	log(`tools: ${JSON.stringify(tools.map((t) => ({ name: t.name, inputSchema: t.inputSchema })))}`);
});

test('Look Up Customer: the client’s argument reaches Tanma in a signed request, and Tanma’s answer comes back', async () => {
	const customer = sandbox.tenant.customers[1];
	sandbox.requests.length = 0;
	const result = (await client.callTool({
		name: 'Look_Up_Customer',
		arguments: { externalUserId: customer.externalUserId },
	})) as {
		isError?: boolean;
		content: Array<{ type: string; text?: string }>;
	};
	expect(result.isError ?? false).toBe(false);
	expect(sandbox.requests.map((r) => ({ path: r.path, outcome: r.outcome, json: r.json }))).toEqual(
		[
			{
				path: '/api/v2/customer/qw-details',
				outcome: '0',
				json: { externalUserId: customer.externalUserId },
			},
		],
	);
	expect(sandbox.requests[0].headers.sign).toMatch(/^[0-9a-f]{64}$/);
	const text = result.content.map((c) => c.text ?? '').join('\n');
	expect(text).toContain(customer.mobiles[0]);
	expect(text).toContain(customer.externalUserId);
});

test('a bad argument from the client is a clear tool error, and nothing is sent to Tanma', async () => {
	sandbox.requests.length = 0;
	const result = (await client.callTool({
		name: 'Look_Up_Customer',
		arguments: { externalUserId: 'wm\u0007broken' },
	})) as {
		isError?: boolean;
		content: Array<{ type: string; text?: string }>;
	};
	const text = result.content.map((c) => c.text ?? '').join('\n');
	log(`bad argument answer: ${JSON.stringify(result)}`);
	expect(result.isError).toBe(true);
	// The example is at node version 2, where the field is the Customer picker (By ID).
	expect(text).toMatch(/"Customer" contains a control character/);
	expect(sandbox.requests).toEqual([]);
});
