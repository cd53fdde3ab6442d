/**
 * Our build (tsc -p tsconfig.build.json + gulp, `npm run build`) and n8n's author tool (`n8n-node build`, run by
 * scripts/n8n-node.mjs in a starter-shaped copy) side by side in the pinned real n8n 2.x: each tarball installed into its
 * own n8n as a community package, the same sandbox behind both. They load the same node and credential types
 * (codex and zh-CN translation included), and the same workflows give the same items and send the same requests.
 * What differs is in the files only (test/scripts/n8n-node.test.ts): declarations in ours, source maps in theirs.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { N8nInstance, REPO, packPackage, runtime } from '../lab/n8n-instance';
import {
	actionWorkflow,
	badInputWorkflow,
	sandboxCredential,
	tenantCheckWorkflow,
} from '../lab/workflows';
import type { Sandbox } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';

jest.setTimeout(15 * 60 * 1000);

const log = (m: string) => process.stdout.write(`[e2e-build] ${m}\n`);
const NODE_TYPES = [
	'n8n-nodes-tanma.tanma',
	'n8n-nodes-tanma.tanmaTrigger',
	'n8n-nodes-tanma.tanmaPushTrigger',
];
const WORKFLOWS = [actionWorkflow(), tenantCheckWorkflow(), badInputWorkflow()];

let sandbox: Sandbox;
let theirsFolder: string;
const n8n: Record<'ours' | 'theirs', N8nInstance> = {} as never;

beforeAll(async () => {
	const rt = runtime('2.x', log);
	const built = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'n8n-node.mjs'), 'build'], {
		cwd: REPO,
		encoding: 'utf8',
	});
	expect({
		status: built.status,
		output: built.status === 0 ? '' : `${built.stdout}${built.stderr}`,
	}).toEqual({ status: 0, output: '' });
	theirsFolder = /built package: (.+)/.exec(built.stdout)![1].trim();
	sandbox = await startSandbox({ port: 0 });
	await Promise.all(
		(['ours', 'theirs'] as const).map(async (which) => {
			// zh-CN so that n8n's node-types answer carries the translation files each build shipped.
			const instance = await N8nInstance.create(rt, { env: { N8N_DEFAULT_LOCALE: 'zh-CN' } });
			const tarball = await packPackage(
				fs.mkdtempSync(path.join(os.tmpdir(), `tanma-pack-${which}-`)),
				which === 'ours' ? REPO : theirsFolder,
			);
			await instance.installPackage(tarball);
			await instance.importJson('credentials', sandboxCredential(sandbox));
			await instance.importJson('workflow', WORKFLOWS);
			n8n[which] = instance;
		}),
	);
});

afterAll(async () => {
	await Promise.all(Object.values(n8n).map(async (instance) => await instance.stop()));
	await sandbox?.close();
	if (theirsFolder) fs.rmSync(theirsFolder, { recursive: true, force: true });
});

/** What one workflow did: each node's items (or error) as n8n reports them, and the requests the sandbox saw. */
async function runOn(instance: N8nInstance, workflowId: string) {
	sandbox.requests.length = 0;
	const { output } = await instance.executeTolerantOfShutdown(workflowId);
	const result = JSON.parse(output.slice(output.indexOf('{'))) as {
		data: {
			resultData: {
				runData: Record<string, Array<{ data?: unknown; error?: { message?: string } }>>;
			};
		};
	};
	const nodes = Object.fromEntries(
		Object.entries(result.data.resultData.runData).map(([name, runs]) => [
			name,
			runs.map((r) => r.data ?? { error: r.error?.message }),
		]),
	);
	const requests = sandbox.requests.map((r) => ({
		path: r.path,
		body: r.rawBody,
		outcome: r.outcome,
	}));
	return { nodes, requests };
}

test('the same workflows, run by `n8n execute` on each build, give the same items and send the same requests', async () => {
	const ran: Record<string, Awaited<ReturnType<typeof runOn>>> = {};
	for (const workflow of WORKFLOWS) {
		const ours = await runOn(n8n.ours, workflow.id);
		const theirs = await runOn(n8n.theirs, workflow.id);
		expect(theirs).toEqual(ours);
		ran[workflow.id] = ours;
		log(
			`${workflow.name}: ${ours.requests.length} requests, nodes ${Object.keys(ours.nodes).join(', ')}`,
		);
	}
	// Not vacuous: the search was sent, signed and accepted, and the bad input refused by name.
	expect(ran[actionWorkflow().id].requests).toEqual([
		expect.objectContaining({ path: '/api/v3/customer/search', outcome: '0' }),
	]);
	expect(JSON.stringify(ran[badInputWorkflow().id].nodes)).toContain('must be text, got an object');
});

test('started, both n8n list the same node and credential types, with codex, and answer with the same zh-CN translation', async () => {
	await Promise.all(Object.values(n8n).map(async (instance) => await instance.start()));
	const described = async (instance: N8nInstance) => {
		const cookie = await instance.ownerCookie();
		const get = async (url: string) =>
			(await (await fetch(`${instance.baseUrl}${url}`, { headers: { cookie } })).json()) as Array<{
				name: string;
			}>;
		const nodes = (await get('/types/nodes.json')).filter((d) => NODE_TYPES.includes(d.name));
		const credentials = (await get('/types/credentials.json')).filter((d) => d.name === 'tanmaApi');
		const answer = await fetch(`${instance.baseUrl}/rest/node-types`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', cookie },
			body: JSON.stringify({ nodeInfos: NODE_TYPES.map((name) => ({ name, version: 1 })) }),
		});
		const { data } = (await answer.json()) as {
			data: Array<{ name: string; translation?: unknown }>;
		};
		return { nodes, credentials, translated: data };
	};
	const ours = await described(n8n.ours);
	const theirs = await described(n8n.theirs);
	expect(theirs).toEqual(ours);
	// Not vacuous: all three nodes, the credential, the codex (categories) and the translations are there.
	expect(ours.nodes.map((d) => d.name).sort()).toEqual([...NODE_TYPES].sort());
	expect(ours.credentials).toHaveLength(1);
	expect(
		ours.nodes.every((d) => (d as { codex?: { categories?: string[] } }).codex?.categories?.length),
	).toBe(true);
	expect(ours.translated.map((d) => d.translation)).toEqual(
		['tanma', 'tanmaTrigger', 'tanmaPushTrigger'].map((name) =>
			JSON.parse(
				fs.readFileSync(
					path.join(REPO, 'nodes', 'Tanma', 'translations', 'zh-CN', `${name}.json`),
					'utf8',
				),
			),
		),
	);
});
