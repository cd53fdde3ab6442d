/**
 * The action node in the shared real n8n (./shared.ts): the package loads, workflows run on the running n8n as the
 * editor runs them (signed requests at the sandbox, exact big ids, refusals by name with nothing sent, Tenant Check in
 * several tenants), the order and mass-send examples, and the sales-assistant example with an AI Agent whose model
 * is a fake OpenAI-compatible server.
 */
import fs from 'fs';
import path from 'path';

import { startFakeOpenAi } from '../../lab/fake-openai';
import { REPO } from '../../lab/n8n-instance';
import {
	actionWorkflow,
	badInputWorkflow,
	orderWorkflow,
	tenantCheckWorkflow,
	workOrderWorkflow,
} from '../../lab/workflows';
import { NODE_READINGS } from '../../sandbox/readings';
import { readVendorExample } from '../../sandbox/vendorExamples';
import type { Shared } from './shared';
import { itemsOf } from './shared';

type Workflow = {
	id: string;
	name: string;
	nodes: Array<{
		name: string;
		type: string;
		typeVersion: number;
		parameters: Record<string, unknown>;
	}>;
};

/** An example workflow under a new id, its trigger swapped for a manual start so it can be run from the editor. */
function runnableExample(
	file: string,
	trigger: string,
	changes: (w: Workflow) => void = () => undefined,
): Workflow {
	const workflow = JSON.parse(
		fs.readFileSync(path.join(REPO, 'examples', file), 'utf8'),
	) as Workflow;
	// Each example's own id with "Run" for "Example" (tanmaExampleDay01 → tanmaRunDay01): one run copy per example.
	workflow.id = workflow.id.replace('Example', 'Run');
	workflow.name = `${workflow.name} (run by the tests)`;
	const start = workflow.nodes.find((n) => n.type === trigger)!;
	Object.assign(start, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
	changes(workflow);
	return workflow;
}

export function describeActions(shared: Shared): void {
	const sandbox = () => shared().demo.sandbox;
	/** Creates the workflow on the running n8n and runs it from `start`; each node's items, as n8n stored them. */
	const run = async (workflow: { id: string; name: string }, start = 'Start') => {
		const { demo, cookie } = shared();
		await demo.n8n.createWorkflow(cookie, workflow);
		return await demo.n8n.runWorkflow(cookie, workflow.id, start);
	};

	test('the package loads: n8n lists both triggers, the action node and its tool', async () => {
		const { demo, cookie } = shared();
		const answer = await fetch(`${demo.n8n.baseUrl}/types/nodes.json`, { headers: { cookie } });
		const names = ((await answer.json()) as Array<{ name: string }>).map((n) => n.name);
		expect(names).toEqual(
			expect.arrayContaining(
				['tanma', 'tanmaTrigger', 'tanmaPushTrigger', 'tanmaTool'].map(
					(t) => `n8n-nodes-tanma.${t}`,
				),
			),
		);
	});

	test('an action workflow signs its request and outputs the exact big id', async () => {
		sandbox().requests.length = 0;
		const { status, nodes } = await run(actionWorkflow());
		expect(status).toBe('success');
		const [request] = sandbox().requests;
		expect(request.path).toBe('/api/v3/customer/search');
		expect(request.outcome).toBe('0'); // the sandbox accepted the signature
		expect(request.rawBody).toContain('"customerId":9007199254740993');
		expect(itemsOf(nodes, 'Search Customers').map((i) => i.customerId)).toContain(
			'9007199254740993',
		);
	});

	test('Tenant Check: confirmed on a tenant that reads the codes as the node does, contradicted where it does not, not checkable where the tenant refuses the read', async () => {
		const { demo, cookie } = shared();
		await demo.n8n.createWorkflow(cookie, tenantCheckWorkflow());
		const statuses = async () => {
			const { nodes } = await demo.n8n.runWorkflow(cookie, tenantCheckWorkflow().id, 'Start');
			return Object.fromEntries(
				itemsOf(nodes, 'Tenant Check').map((i) => [i.check, i.status]),
			) as Record<string, string>;
		};
		sandbox().readings = { ...NODE_READINGS };
		expect(await statuses()).toMatchObject({
			'search.qwLastFollowTypes': 'confirmed',
			'search.tagOp6': 'confirmed',
			'search.conditionOp1': 'confirmed',
			'customer.transferTarget': 'not checkable',
		});
		sandbox().readings = { ...NODE_READINGS, lastFollowTypes: 'dropsRows', tagOp6: 'allOf' };
		expect(await statuses()).toMatchObject({
			'search.qwLastFollowTypes': 'contradicted',
			'search.tagOp6': 'contradicted',
			'search.conditionOp1': 'confirmed',
		});
		sandbox().readings = { ...NODE_READINGS };
		// A tenant whose edition refuses the opportunity config: that check is not checkable, every other one runs.
		sandbox().addFault({
			kind: 'vendor',
			code: 1008,
			message: '当前版本不支持该功能',
			path: '/api/v3/opportunity/config/get',
			times: 100,
		});
		try {
			expect(await statuses()).toMatchObject({
				'opportunity.stageKeys': 'not checkable',
				'search.qwLastFollowTypes': 'confirmed',
				'staff.paging': 'confirmed',
				'search.roleOwner': 'confirmed',
			});
		} finally {
			sandbox().clearFaults();
		}
	});

	test('a work order whose answer is lost: created once, and the run says it may have been and what to look for, not "could not reach"', async () => {
		sandbox().addFault({ kind: 'lostAnswer', path: '/api/v3/work/sheet/create' });
		const before = sandbox().created.workOrderCreate?.length ?? 0;
		const { status, nodes } = await run(workOrderWorkflow());
		expect(status).toBe('error');
		expect(sandbox().created.workOrderCreate).toHaveLength(before + 1);
		const [failed] = nodes['Create Work Order'] as Array<{ error?: string; description?: string }>;
		expect(failed.error).toMatch(
			/^The request was sent, but Tanma's answer was lost \(.+\): Tanma may have carried it out$/,
		);
		expect(failed.description).toMatch(
			/look in Tanma for a work order made just now: running it again would make another\. Do not turn on Retry On Fail for this node\.$/,
		);
	});

	test('bad input is refused by name and nothing is sent: an object for an id, an impossible date', async () => {
		sandbox().requests.length = 0;
		const { nodes } = await run(badInputWorkflow());
		expect(itemsOf(nodes, 'Get Customer')).toEqual([
			{
				error: '"Customer WeCom ID" must be text, got an object',
				description:
					'An expression here returned an object or a list; pick the field that holds the value (for example {{ $json.id }}).',
			},
		]);
		expect(itemsOf(nodes, 'Customers Created')).toEqual([
			{
				error: '"Created After" is not a valid date-time: "2026-02-30 10:00:00"',
				description:
					'Use an n8n date, an ISO date-time or "yyyy-MM-dd HH:mm:ss" (read as China Standard Time).',
			},
		]);
		expect(sandbox().requests).toHaveLength(0);
	});

	test("an order workflow: the vendor's import example entered as fields is sent as the example, signed and accepted; the list shape pages", async () => {
		const vendor = JSON.parse(readVendorExample('requests/order-import.api-11379708.json')) as {
			order: Record<string, unknown>;
			goods: object[];
		};
		const o = vendor.order;
		const workflow = orderWorkflow({
			channelId: o.channelId,
			orderId: o.orderId,
			orderPrice: o.orderPrice,
			orderStatus: o.orderStatus,
			orderTime: o.orderTime,
			additionalFields: {
				channelName: o.channelName,
				shopId: o.shopId,
				shopName: o.shopName,
				unionId: o.unionId,
				mobile: o.mobile,
			},
			customDefine: { field: o.customDefine },
			goods: { item: vendor.goods },
		});
		sandbox().requests.length = 0;
		const { nodes } = await run(workflow);
		const [imported, listed] = sandbox().requests;
		expect(imported.path).toBe('/external/order/import');
		expect(imported.outcome).toBe('0');
		expect(imported.json).toEqual(vendor);
		expect(listed.json).toMatchObject({ pageNo: 1, pageSize: 2 });
		expect(JSON.stringify(itemsOf(nodes, 'List Orders'))).toContain('"orderId":"TEST_12345679"');
	});

	test('the example "every morning, mass-send" runs against the sandbox (schedule swapped for a manual start)', async () => {
		const example = runnableExample(
			'daily-tagged-customers-mass-send.json',
			'n8n-nodes-base.scheduleTrigger',
		);
		const start = example.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger')!.name;
		sandbox().created = {};
		sandbox().requests.length = 0;
		expect((await run(example, start)).status).toBe('success');
		// The Tags filter (a tag picked from the list) becomes the tag condition of Tanma's own search example.
		const searches = sandbox().requests.filter((r) => r.path === '/api/v3/customer/search');
		expect(searches.length).toBeGreaterThan(0);
		for (const search of searches) {
			expect(search.json).toMatchObject({
				conditions: {
					conditionOp: 1,
					conditionItems: [{ name: 'tagIds', op: 6, values: [56971] }],
				},
			});
		}
		const tagged = sandbox().tenant.customers.filter((c) => c.tagIds.includes(56971)).length;
		expect(tagged).toBeGreaterThan(0);
		expect(sandbox().created.groupSendTask).toEqual([
			expect.objectContaining({
				users: [463352989020857],
				sendInfo: { text: `今天有 ${tagged} 位关注客户，请留意群消息 🙌` },
			}),
		]);
	});

	test('the sales-assistant example: an AI Agent calls the Tanma Tool with $fromAI arguments, signed and accepted, the answer back', async () => {
		const { demo, cookie } = shared();
		const customer = sandbox().tenant.customers[1];
		const model = await startFakeOpenAi({
			pickTool: (tools) => tools.find((tool) => tool.function.name === 'Look_Up_Customer'),
			argumentsFor: () => ({ externalUserId: customer.externalUserId }),
			finalAnswer: (toolResult) => `Tanma answered: ${toolResult}`,
		});
		try {
			const openAi = await demo.n8n.createCredential(cookie, {
				name: 'OpenAI (fake, for the tests)',
				type: 'openAiApi',
				data: { apiKey: 'sk-fake-for-tests', url: model.baseUrl },
			});
			// Started by hand: the chat message becomes the agent's own prompt; the model is the fake server.
			const example = runnableExample(
				'sales-assistant.json',
				'@n8n/n8n-nodes-langchain.chatTrigger',
				(w) => {
					const agent = w.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.agent')!;
					Object.assign(agent.parameters, {
						promptType: 'define',
						text: `What do we know about customer ${customer.externalUserId}?`,
					});
					const chatModel = w.nodes.find(
						(n) => n.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi',
					)! as unknown as {
						credentials: Record<string, unknown>;
					};
					chatModel.credentials = {
						openAiApi: { id: openAi, name: 'OpenAI (fake, for the tests)' },
					};
				},
			);
			const start = example.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger')!.name;
			const lookUp = example.nodes.find((n) => n.name === 'Look Up Customer')!;
			sandbox().requests.length = 0;
			const { nodes } = await run(example, start);

			// The tool schema the model received: our three tools, each with its description and its $fromAI parameter.
			const offered = model.requests[0].tools ?? [];
			expect(offered.map((tool) => tool.function.name).sort()).toEqual([
				'Customer_Follow-Ups',
				'Look_Up_Customer',
				'Search_Customers',
			]);
			expect(offered.find((tool) => tool.function.name === 'Look_Up_Customer')?.function).toEqual({
				name: 'Look_Up_Customer',
				strict: false,
				description: lookUp.parameters.toolDescription,
				parameters: expect.objectContaining({
					type: 'object',
					properties: {
						externalUserId: expect.objectContaining({
							type: 'string',
							description: 'The customer’s WeCom external user ID, starting with wm',
						}),
					},
					required: ['externalUserId'],
				}),
			});
			// The call went to Tanma signed, with the model's argument, and the answer went back to the model and out.
			expect(
				sandbox().requests.map((r) => ({ path: r.path, outcome: r.outcome, json: r.json })),
			).toEqual([
				{
					path: '/api/v2/customer/qw-details',
					outcome: '0',
					json: { externalUserId: customer.externalUserId },
				},
			]);
			const toolMessage = model.requests[1].messages.find((m) => m.role === 'tool');
			expect(JSON.stringify(toolMessage?.content)).toContain(customer.mobiles[0]);
			const agent = example.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.agent')!.name;
			expect(String(itemsOf(nodes, agent)[0]?.output)).toMatch(
				new RegExp(`^Tanma answered: .*${customer.mobiles[0]}`),
			);
		} finally {
			await model.close();
		}
	});
}
