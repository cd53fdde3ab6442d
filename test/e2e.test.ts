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

import type { Sandbox } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';
import { N8nInstance, REPO, packPackage, runtime, waitFor as waitUntil } from './e2e/n8n-instance';
import { PUSH_WEBHOOK_ID, actionWorkflow, pushWorkflow, sandboxCredential, triggerWorkflow } from './e2e/workflows';

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
	const names = (JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ name: string }>).map((n) => n.name);
	expect(names).toEqual(expect.arrayContaining(['n8n-nodes-tanma.tanma', 'n8n-nodes-tanma.tanmaTrigger', 'n8n-nodes-tanma.tanmaPushTrigger']));
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

test('the example "every morning, mass-send" runs against the sandbox (schedule swapped for a manual start)', async () => {
	const example = JSON.parse(fs.readFileSync(path.join(REPO, 'examples', 'daily-tagged-customers-mass-send.json'), 'utf8')) as {
		id: string;
		nodes: Array<{ type: string; typeVersion: number; parameters: object }>;
	};
	// `n8n execute` starts from a manual trigger; the rest of the example runs unchanged.
	const start = example.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger')!;
	Object.assign(start, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
	await n8n.importJson('workflow', [example]);
	sandbox.created = {};
	await n8n.cli(['execute', `--id=${example.id}`]);
	const tagged = sandbox.tenant.customers.filter((c) => c.tagIds.includes(56971)).length;
	expect(sandbox.created.groupSendTask).toEqual([
		expect.objectContaining({ users: ['463352989020857'], sendInfo: { text: `今天有 ${tagged} 位关注客户，请留意群消息 🙌` } }),
	]);
});

describe('with the n8n server running', () => {
	let cookie = '';
	const sinkUrl = () => `${sandbox.baseUrl}/__sandbox/sink`;
	// Backfill from the import time, so records written after it count however late n8n's first poll runs.
	const startFrom = new Date().toISOString();

	beforeAll(async () => {
		await n8n.importJson('workflow', [triggerWorkflow(sinkUrl(), startFrom), pushWorkflow(sinkUrl())]);
		await n8n.cli(['publish:workflow', `--id=${triggerWorkflow(sinkUrl(), startFrom).id}`]);
		await n8n.cli(['publish:workflow', `--id=${pushWorkflow(sinkUrl()).id}`]);
		await n8n.start();
		// Published workflows are activated after the API is up: wait until the push webhook is routed to our
		// node (it answers 400 for a request without Tanma's headers instead of n8n's 404).
		await waitFor(async () => (await fetch(`${n8n.baseUrl}/webhook/${PUSH_WEBHOOK_ID}/webhook`, { method: 'POST' })).status === 400, 60_000);
		const setup = await fetch(`${n8n.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ email: 'owner@example.com', firstName: 'Tanma', lastName: 'Tester', password: 'Tanma-e2e-2026' }),
		});
		expect(setup.status).toBe(200);
		cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
	});

	const credentialTest = async (appKey: string) => {
		const [credential] = sandboxCredential(sandbox);
		const res = await fetch(`${n8n.baseUrl}/rest/credentials/test`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', cookie },
			body: JSON.stringify({ credentials: { ...credential, data: { ...credential.data, appKey } } }),
		});
		return ((await res.json()) as { data: { status: string; message: string } }).data;
	};

	test("n8n's credential test: OK with the right key, the App ID/App Key hint with a wrong one", async () => {
		expect(await credentialTest(sandbox.appKey)).toEqual({ status: 'OK', message: 'Connection successful!' });
		const wrong = await credentialTest('not-the-key');
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/App ID and App Key/);
	});

	test('the push trigger receives sandbox pushes through the production webhook URL, once each', async () => {
		const url = `${n8n.baseUrl}/webhook/${PUSH_WEBHOOK_ID}/webhook`;
		const first = await sandbox.push(url, { type: 'new_qw_customer', content: { externalUserId: 'wmE2E01' } });
		const again = await sandbox.push(url, { type: 'new_qw_customer', msgId: first.msgId, content: { externalUserId: 'wmE2E01' } });
		const other = await sandbox.push(url, { type: 'tag_info', content: { tagId: 1 } });
		expect([first, again, other].map((d) => d.acknowledged)).toEqual([true, true, true]);
		await waitFor(() => sandbox.sink.filter((s) => (s as { event?: string }).event !== 'followUp').length >= 2, 30_000);
		await new Promise((r) => setTimeout(r, 2000));
		const pushes = sandbox.sink.filter((s) => ['new_qw_customer', 'tag_info'].includes(String((s as { event?: string }).event)));
		expect(pushes.map((s) => (s as { id: string }).id).sort()).toEqual([first.msgId, other.msgId].sort());
	});

	test('the polling trigger delivers follow-ups written after activation, each exactly once', async () => {
		const customers = sandbox.tenant.customers.slice(0, 3);
		const written = customers.flatMap((c) => sandbox.addFollowUps(c.externalUserId, [`e2e ${c.externalUserId}`]));
		const followUps = () => sandbox.sink.filter((s) => (s as { event?: string }).event === 'followUp') as Array<{ id: number }>;
		await waitFor(() => followUps().length >= written.length, 150_000);
		// One more poll cycle must not repeat anything.
		await new Promise((r) => setTimeout(r, 65_000));
		expect(followUps().map((s) => s.id).sort()).toEqual(written.map((f) => f.id).sort());
	});
});

function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
	return waitUntil(condition, timeoutMs, () => `n8n log tail:\n${n8n.log.slice(-3000)}`);
}
