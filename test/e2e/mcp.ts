/**
 * Tanma for any MCP client: examples/mcp-server.json (n8n's MCP Server Trigger → three Tanma read tools, and one
 * write tool that ships disabled) published in the shared real n8n (./shared.ts), and the official MCP TypeScript SDK
 * client on its production URL over streamable HTTP: the tools as the client receives them, a call answered by a
 * signed request at the sandbox, and a bad argument refused by the node with nothing sent.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

import { connectMcpClient } from '../../lab/mcp-client';
import type { Shared } from './shared';

type Example = {
	id: string;
	nodes: Array<{
		name: string;
		type: string;
		disabled?: boolean;
		parameters: Record<string, unknown>;
	}>;
};

export function describeMcp(shared: Shared): void {
	let client: Client;
	const example = () =>
		shared().demo.examples.find((e) => e.file === 'mcp-server.json')!
			.workflow as unknown as Example;
	const sandbox = () => shared().demo.sandbox;

	beforeAll(async () => {
		const s = shared();
		// The demo imported the example; publishing it on the running n8n opens its MCP route.
		await s.demo.n8n.activateWorkflow(s.cookie, example().id);
		const trigger = example().nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.mcpTrigger')!;
		const connected = await connectMcpClient(
			new URL(`${s.demo.n8n.baseUrl}/mcp/${String(trigger.parameters.path)}`),
			'tanma-e2e',
			() => `n8n log: ${s.demo.n8n.log.slice(-2000)}`,
		);
		client = connected.client;
		if (connected.attempts > 1)
			s.log(
				`MCP route answered after ${connected.attempts} attempts; before that: ${connected.lastError}`,
			);
	});

	afterAll(async () => {
		await client?.close();
		const s = shared();
		await s.demo.n8n.deactivateWorkflow(s.cookie, example().id);
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
			example().nodes.find((n) => n.name === 'Look Up Customer')!.parameters.toolDescription,
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
		expect(example().nodes.find((n) => n.name === 'Create Work Order (write)')?.disabled).toBe(
			true,
		);
		shared().log(
			`tools: ${JSON.stringify(tools.map((t) => ({ name: t.name, inputSchema: t.inputSchema })))}`,
		);
	});

	test('Look Up Customer: the client’s argument reaches Tanma in a signed request, and Tanma’s answer comes back', async () => {
		const customer = sandbox().tenant.customers[1];
		sandbox().requests.length = 0;
		const result = (await client.callTool({
			name: 'Look_Up_Customer',
			arguments: { externalUserId: customer.externalUserId },
		})) as {
			isError?: boolean;
			content: Array<{ type: string; text?: string }>;
		};
		expect(result.isError ?? false).toBe(false);
		expect(
			sandbox().requests.map((r) => ({ path: r.path, outcome: r.outcome, json: r.json })),
		).toEqual([
			{
				path: '/api/v2/customer/qw-details',
				outcome: '0',
				json: { externalUserId: customer.externalUserId },
			},
		]);
		expect(sandbox().requests[0].headers.sign).toMatch(/^[0-9a-f]{64}$/);
		const text = result.content.map((c) => c.text ?? '').join('\n');
		expect(text).toContain(customer.mobiles[0]);
		expect(text).toContain(customer.externalUserId);
	});

	test('a bad argument from the client is a clear tool error, and nothing is sent to Tanma', async () => {
		sandbox().requests.length = 0;
		const result = (await client.callTool({
			name: 'Look_Up_Customer',
			arguments: { externalUserId: 'wm\u0007broken' },
		})) as {
			isError?: boolean;
			content: Array<{ type: string; text?: string }>;
		};
		const text = result.content.map((c) => c.text ?? '').join('\n');
		shared().log(`bad argument answer: ${JSON.stringify(result)}`);
		expect(result.isError).toBe(true);
		// The example is at node version 2, where the field is the Customer picker (By ID).
		expect(text).toMatch(/"Customer" contains a control character/);
		expect(sandbox().requests).toEqual([]);
	});
}
