/**
 * End to end in a real n8n (the pinned 2.x release on its Node 24 runtime), with our package installed
 * from the packed tarball like a user install, against the sandbox:
 * the package loads; an action workflow runs with `n8n execute`; with the server started, n8n's own
 * credential test answers right and wrong keys; the polling trigger delivers new follow-ups once each;
 * the push trigger receives sandbox pushes through n8n's real webhook URL, once each.
 * The first run installs n8n into a cache outside git (a few minutes); later runs reuse it.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { NODE_READINGS } from '../sandbox/readings';
import type { Sandbox } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';
import { startFakeOpenAi } from '../lab/fake-openai';
import { N8nInstance, REPO, packPackage, runtime, waitFor as waitUntil } from '../lab/n8n-instance';
import { pushWorkedExample, readVendorExample } from '../sandbox/vendorExamples';
import {
	PUSH_WEBHOOK_ID,
	VENDOR_EXAMPLE_CREDENTIAL,
	VENDOR_PUSH_WEBHOOK_ID,
	actionWorkflow,
	badInputWorkflow,
	orderWorkflow,
	pushWorkflow,
	sandboxCredential,
	tenantCheckWorkflow,
	triggerWorkflow,
	vendorExampleCredential,
} from '../lab/workflows';

jest.setTimeout(15 * 60 * 1000);

let sandbox: Sandbox;
let n8n: N8nInstance;
const log = (m: string) => process.stdout.write(`[e2e] ${m}\n`);

beforeAll(async () => {
	const rt = runtime('2.x', log);
	sandbox = await startSandbox();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-pack-'));
	const tarball = await packPackage(dir);
	n8n = await N8nInstance.create(rt);
	await n8n.installPackage(tarball);
	await n8n.importJson('credentials', sandboxCredential(sandbox));
});

afterAll(async () => {
	await n8n?.stop();
	await sandbox?.close();
});

test('the package loads: n8n lists both triggers and the action node', async () => {
	const file = path.join(n8n.userFolder, 'nodes.json');
	await n8n.cli(['export:nodes', `--output=${file}`]);
	const names = (JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ name: string }>).map(
		(n) => n.name,
	);
	expect(names).toEqual(
		expect.arrayContaining([
			'n8n-nodes-tanma.tanma',
			'n8n-nodes-tanma.tanmaTrigger',
			'n8n-nodes-tanma.tanmaPushTrigger',
		]),
	);
});

test('an action workflow run by `n8n execute` signs its request and outputs the exact big id', async () => {
	await n8n.importJson('workflow', [actionWorkflow()]);
	sandbox.requests.length = 0;
	const output = await n8n.cli(['execute', `--id=${actionWorkflow().id}`, '--rawOutput']);
	const [request] = sandbox.requests;
	expect(request.path).toBe('/api/v3/customer/search');
	expect(request.outcome).toBe('0'); // the sandbox accepted the signature
	expect(request.rawBody).toContain('"customerId":9007199254740993');
	expect(output).toContain('"customerId": "9007199254740993"');
});

test('Tenant Check run by `n8n execute`: confirmed on a tenant that reads the codes as the node does, contradicted where it does not, not checkable where the tenant refuses the read', async () => {
	await n8n.importJson('workflow', [tenantCheckWorkflow()]);
	const statuses = async () => {
		const output = await n8n.cli(['execute', `--id=${tenantCheckWorkflow().id}`, '--rawOutput']);
		const found = [...output.matchAll(/"check": "([^"]+)",[\s\S]*?"status": "([^"]+)"/g)].map(
			(m) => [m[1], m[2]],
		);
		return Object.fromEntries(found) as Record<string, string>;
	};
	sandbox.readings = { ...NODE_READINGS };
	expect(await statuses()).toMatchObject({
		'search.qwLastFollowTypes': 'confirmed',
		'search.tagOp6': 'confirmed',
		'search.conditionOp1': 'confirmed',
		'customer.transferTarget': 'not checkable',
	});
	sandbox.readings = { ...NODE_READINGS, lastFollowTypes: 'dropsRows', tagOp6: 'allOf' };
	expect(await statuses()).toMatchObject({
		'search.qwLastFollowTypes': 'contradicted',
		'search.tagOp6': 'contradicted',
		'search.conditionOp1': 'confirmed',
	});
	sandbox.readings = { ...NODE_READINGS };
	// A tenant whose edition refuses the opportunity config: that check is not checkable, every other one runs.
	sandbox.addFault({
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
		sandbox.clearFaults();
	}
});

test('bad input is refused by name in a real n8n and nothing is sent: an object for an id, an impossible date', async () => {
	await n8n.importJson('workflow', [badInputWorkflow()]);
	sandbox.requests.length = 0;
	const { output, exitNote } = await n8n.executeTolerantOfShutdown(badInputWorkflow().id);
	if (exitNote) log(`bad-input run: ${exitNote} after a finished, successful run`);
	expect(output).toContain('"error": "\\"Customer WeCom ID\\" must be text, got an object"');
	expect(output).toContain(
		'"error": "\\"Created After\\" is not a valid date-time: \\"2026-02-30 10:00:00\\""',
	);
	expect(sandbox.requests).toHaveLength(0);
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
	await n8n.importJson('workflow', [workflow]);
	sandbox.requests.length = 0;
	const output = await n8n.cli(['execute', `--id=${workflow.id}`, '--rawOutput']);
	const [imported, listed] = sandbox.requests;
	expect(imported.path).toBe('/external/order/import');
	expect(imported.outcome).toBe('0');
	expect(imported.json).toEqual(vendor);
	expect(listed.json).toMatchObject({ pageNo: 1, pageSize: 2 });
	expect(output).toContain('"orderId": "TEST_12345679"');
});

test('the example "every morning, mass-send" runs against the sandbox (schedule swapped for a manual start)', async () => {
	const example = JSON.parse(
		fs.readFileSync(path.join(REPO, 'examples', 'daily-tagged-customers-mass-send.json'), 'utf8'),
	) as {
		id: string;
		nodes: Array<{ type: string; typeVersion: number; parameters: object }>;
	};
	// `n8n execute` starts from a manual trigger; the rest of the example runs unchanged.
	const start = example.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger')!;
	Object.assign(start, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
	await n8n.importJson('workflow', [example]);
	sandbox.created = {};
	sandbox.requests.length = 0;
	await n8n.cli(['execute', `--id=${example.id}`]);
	// The Tags filter (a tag picked from the list) becomes the tag condition of Tanma's own search example.
	const searches = sandbox.requests.filter((r) => r.path === '/api/v3/customer/search');
	expect(searches.length).toBeGreaterThan(0);
	for (const search of searches) {
		expect(search.json).toMatchObject({
			conditions: { conditionOp: 1, conditionItems: [{ name: 'tagIds', op: 6, values: [56971] }] },
		});
	}
	const tagged = sandbox.tenant.customers.filter((c) => c.tagIds.includes(56971)).length;
	expect(tagged).toBeGreaterThan(0);
	expect(sandbox.created.groupSendTask).toEqual([
		expect.objectContaining({
			users: [463352989020857],
			sendInfo: { text: `今天有 ${tagged} 位关注客户，请留意群消息 🙌` },
		}),
	]);
});

test('the sales-assistant example: an AI Agent calls the Tanma Tool with $fromAI arguments, signed and accepted, the answer back', async () => {
	const customer = sandbox.tenant.customers[1];
	const model = await startFakeOpenAi({
		pickTool: (tools) => tools.find((tool) => tool.function.name === 'Look_Up_Customer'),
		argumentsFor: () => ({ externalUserId: customer.externalUserId }),
		finalAnswer: (toolResult) => `Tanma answered: ${toolResult}`,
	});
	try {
		const example = JSON.parse(
			fs.readFileSync(path.join(REPO, 'examples', 'sales-assistant.json'), 'utf8'),
		) as {
			id: string;
			nodes: Array<{
				name: string;
				type: string;
				typeVersion: number;
				parameters: Record<string, unknown>;
			}>;
		};
		// `n8n execute` starts from a manual trigger: the chat message becomes the agent's own prompt.
		const chat = example.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.chatTrigger')!;
		Object.assign(chat, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
		const agent = example.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.agent')!;
		Object.assign(agent.parameters, {
			promptType: 'define',
			text: `What do we know about customer ${customer.externalUserId}?`,
		});
		const lookUp = example.nodes.find((n) => n.name === 'Look Up Customer')!;
		await n8n.importJson('credentials', [
			{
				id: 'salesAssistantAi01',
				name: 'OpenAI account',
				type: 'openAiApi',
				data: { apiKey: 'sk-fake-for-tests', url: model.baseUrl },
			},
		]);
		await n8n.importJson('workflow', [example]);
		sandbox.requests.length = 0;
		const output = await n8n.cli(['execute', `--id=${example.id}`, '--rawOutput']);

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
			sandbox.requests.map((r) => ({ path: r.path, outcome: r.outcome, json: r.json })),
		).toEqual([
			{
				path: '/api/v2/customer/qw-details',
				outcome: '0',
				json: { externalUserId: customer.externalUserId },
			},
		]);
		const toolMessage = model.requests[1].messages.find((m) => m.role === 'tool');
		expect(JSON.stringify(toolMessage?.content)).toContain(customer.mobiles[0]);
		expect(output).toMatch(new RegExp(`"output": "Tanma answered: .*${customer.mobiles[0]}`));
	} finally {
		await model.close();
	}
});

describe('with the n8n server running', () => {
	let cookie = '';
	const sinkUrl = () => `${sandbox.baseUrl}/__sandbox/sink`;
	// Backfill from the import time, so records written after it count however late n8n's first poll runs.
	const startFrom = new Date().toISOString();

	// Tanma's worked example is from 2020: this workflow's replay window reaches back that far (plus a day).
	const example = pushWorkedExample();
	const vendorWorkflow = () =>
		pushWorkflow(sinkUrl(), {
			id: 'tanmaE2ePushVnd1',
			webhookId: VENDOR_PUSH_WEBHOOK_ID,
			credential: VENDOR_EXAMPLE_CREDENTIAL,
			options: {
				emitRegister: true,
				replayWindowSeconds:
					Math.ceil((Date.now() - Number(example.request.headers.timestamp)) / 1000) + 86_400,
			},
		});
	// Published workflows are activated after the API is up: wait until the push webhooks are routed to our
	// node (it answers 400 for a request without Tanma's headers instead of n8n's 404).
	const pushWebhooksRouted = () =>
		waitFor(async () => {
			const answers = await Promise.all(
				[PUSH_WEBHOOK_ID, VENDOR_PUSH_WEBHOOK_ID].map((id) =>
					fetch(`${n8n.baseUrl}/webhook/${id}/webhook`, { method: 'POST' }),
				),
			);
			return answers.every((a) => a.status === 400);
		}, 60_000);

	beforeAll(async () => {
		await n8n.importJson('credentials', vendorExampleCredential(sandbox.baseUrl, example.inputs));
		await n8n.importJson('workflow', [
			triggerWorkflow(sinkUrl(), startFrom),
			pushWorkflow(sinkUrl()),
			vendorWorkflow(),
		]);
		for (const id of [
			triggerWorkflow(sinkUrl(), startFrom).id,
			pushWorkflow(sinkUrl()).id,
			vendorWorkflow().id,
		]) {
			await n8n.cli(['publish:workflow', `--id=${id}`]);
		}
		await n8n.start();
		await pushWebhooksRouted();
		const setup = await fetch(`${n8n.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				email: 'owner@example.com',
				firstName: 'Tanma',
				lastName: 'Tester',
				password: 'Tanma-e2e-2026',
			}),
		});
		expect(setup.status).toBe(200);
		cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
	});

	const credentialTest = async (appKey: string) => {
		const [credential] = sandboxCredential(sandbox);
		return await n8n.testCredential(cookie, {
			...credential,
			data: { ...credential.data, appKey },
		});
	};

	test("n8n's credential test: OK with the right key, the App ID/App Key hint with a wrong one", async () => {
		expect(await credentialTest(sandbox.appKey)).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const wrong = await credentialTest('not-the-key');
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/App ID and App Key/);
	});

	test('the push trigger receives sandbox pushes through the production webhook URL, once each', async () => {
		const url = `${n8n.baseUrl}/webhook/${PUSH_WEBHOOK_ID}/webhook`;
		const first = await sandbox.push(url, {
			type: 'new_qw_customer',
			content: { externalUserId: 'wmE2E01' },
		});
		const again = await sandbox.push(url, {
			type: 'new_qw_customer',
			msgId: first.msgId,
			content: { externalUserId: 'wmE2E01' },
		});
		const other = await sandbox.push(url, { type: 'tag_info', content: { tagId: 1 } });
		expect([first, again, other].map((d) => d.acknowledged)).toEqual([true, true, true]);
		await waitFor(
			() => sandbox.sink.filter((s) => (s as { event?: string }).event !== 'followUp').length >= 2,
			30_000,
		);
		await new Promise((r) => setTimeout(r, 2000));
		const pushes = sandbox.sink.filter((s) =>
			['new_qw_customer', 'tag_info'].includes(String((s as { event?: string }).event)),
		);
		expect(pushes.map((s) => (s as { id: string }).id).sort()).toEqual(
			[first.msgId, other.msgId].sort(),
		);
	});

	test('the polling trigger delivers follow-ups written after activation, each exactly once', async () => {
		const customers = sandbox.tenant.customers.slice(0, 3);
		const written = customers.flatMap((c) =>
			sandbox.addFollowUps(c.externalUserId, [`e2e ${c.externalUserId}`]),
		);
		const followUps = () =>
			sandbox.sink.filter((s) => (s as { event?: string }).event === 'followUp') as Array<{
				id: number;
			}>;
		await waitFor(() => followUps().length >= written.length, 150_000);
		// One more poll cycle must not repeat anything.
		await new Promise((r) => setTimeout(r, 65_000));
		expect(
			followUps()
				.map((s) => s.id)
				.sort(),
		).toEqual(written.map((f) => f.id).sort());
	});

	describe('push delivery as Tanma does it, and as an attacker would', () => {
		const url = () => `${n8n.baseUrl}/webhook/${PUSH_WEBHOOK_ID}/webhook`;
		const sunk = (from: number, to: number) =>
			sandbox.sink
				.map((s) => Number((s as { id?: string }).id))
				.filter((id) => id >= from && id < to)
				.sort((a, b) => a - b);
		/** Waits for `count` sink records in [from, to), then a little longer so a duplicate would show. */
		const settle = async (from: number, to: number, count: number) => {
			await waitFor(() => sunk(from, to).length >= count, 60_000);
			await new Promise((r) => setTimeout(r, 3000));
			return sunk(from, to);
		};
		const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

		test("Tanma's worked example, posted unchanged: its noise echoed, one item (register, 999, hello); one changed sign character: 403", async () => {
			const vendorUrl = `${n8n.baseUrl}/webhook/${VENDOR_PUSH_WEBHOOK_ID}/webhook`;
			const expected = { type: 'register', msgId: '999', noise: '4970601478527096155' };
			const sign = example.request.headers.sign;
			const altered = {
				...example.request,
				headers: {
					...example.request.headers,
					sign: (sign[0] === '3' ? '4' : '3') + sign.slice(1),
				},
			};
			const refused = await sandbox.pushRaw(vendorUrl, altered, expected);
			expect({ status: refused.status, body: refused.body }).toEqual({
				status: 403,
				body: 'signature mismatch',
			});
			const d = await sandbox.pushRaw(vendorUrl, example.request, expected);
			expect({ status: d.status, body: d.body }).toEqual({
				status: 200,
				body: '4970601478527096155',
			});
			await settle(999, 1000, 1);
			const items = sandbox.sink.filter(
				(s) => (s as { event?: string }).event === 'register',
			) as Array<{ json: object }>;
			expect(items.map((i) => i.json)).toEqual([
				{ type: 'register', msgId: '999', content: 'hello', receivedAt: expect.any(String) },
			]);
		});

		test('50 messages each delivered twice at the same moment: 50 executions', async () => {
			const ids = range(8_100_000, 50);
			const deliveries = await Promise.all(
				ids.flatMap((msgId) =>
					[0, 1].map(() => sandbox.push(url(), { type: 'new_qw_customer', msgId })),
				),
			);
			expect(deliveries.every((d) => d.acknowledged)).toBe(true);
			expect(await settle(8_100_000, 8_100_050, 50)).toEqual(ids);
		});

		test('20 messages each redelivered right after the acknowledgement: 20 executions', async () => {
			const ids = range(8_200_000, 20);
			for (const msgId of ids) {
				expect((await sandbox.push(url(), { type: 'tag_info', msgId })).acknowledged).toBe(true);
				expect((await sandbox.push(url(), { type: 'tag_info', msgId })).acknowledged).toBe(true);
			}
			expect(await settle(8_200_000, 8_200_020, 20)).toEqual(ids);
		});

		test('a captured push replayed with one ciphertext byte changed (msgId 9000001 → 9000007): 403, not emitted', async () => {
			const original = await sandbox.push(url(), {
				type: 'new_qw_customer',
				msgId: 9_000_001,
				content: {},
			});
			const plaintext = `{"noise":${original.noise},"msgId":9000001,"type":"new_qw_customer","content":{}}`;
			const bytes = Buffer.from(original.raw.body, 'base64');
			bytes[plaintext.indexOf('9000001') + 6] ^= '1'.charCodeAt(0) ^ '7'.charCodeAt(0);
			const replay = await sandbox.pushRaw(
				url(),
				{ headers: original.raw.headers, body: bytes.toString('base64') },
				{ type: 'new_qw_customer', msgId: '9000007', noise: original.noise },
			);
			expect({ status: replay.status, body: replay.body }).toEqual({
				status: 403,
				body: 'replayed headers with a different body (same noise)',
			});
			expect(await settle(9_000_000, 9_000_010, 1)).toEqual([9_000_001]);
		});

		// Last: it restarts n8n.
		test('after an n8n restart, redeliveries of accepted messages are acknowledged and not emitted', async () => {
			await n8n.stop();
			await n8n.start();
			await pushWebhooksRouted();
			const redelivered = await Promise.all(
				range(8_200_000, 20).map((msgId) => sandbox.push(url(), { type: 'tag_info', msgId })),
			);
			expect(redelivered.every((d) => d.acknowledged)).toBe(true);
			await sandbox.push(url(), { type: 'tag_info', msgId: 8_200_999 });
			expect(await settle(8_200_000, 8_201_000, 21)).toEqual([...range(8_200_000, 20), 8_200_999]);
		});
	});
});

function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
	return waitUntil(condition, timeoutMs, () => `n8n log tail:\n${n8n.log.slice(-3000)}`);
}
