/**
 * Our build (tsc -p tsconfig.build.json + gulp, `npm run build`) and n8n's author tool (`n8n-node build`, run by
 * scripts/n8n-node.mjs in a starter-shaped copy) side by side in real n8n: ours is the shared n8n (./shared.ts); theirs
 * gets its own n8n beside it, its tarball installed as a community package, the same sandbox behind both. They load
 * the same node and credential types (codex and zh-CN translation included), and the same workflows give the same
 * items and send the same requests. What differs is in the files only (test/scripts/n8n-node.test.ts).
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { DEMO_LOGIN } from '../../lab/demo-instance';
import { N8nInstance, REPO, packPackage, runtime } from '../../lab/n8n-instance';
import {
	actionWorkflow,
	badInputWorkflow,
	sandboxCredential,
	tenantCheckWorkflow,
} from '../../lab/workflows';
import type { Shared } from './shared';

const NODE_TYPES = [
	'n8n-nodes-tanma.tanma',
	'n8n-nodes-tanma.tanmaTrigger',
	'n8n-nodes-tanma.tanmaPushTrigger',
];
const WORKFLOWS = [actionWorkflow(), tenantCheckWorkflow(), badInputWorkflow()];

export function describeBuild(shared: Shared): void {
	let theirs: N8nInstance;
	let theirsCookie = '';
	let theirsFolder = '';

	beforeAll(async () => {
		const s = shared();
		const built = spawnSync(
			process.execPath,
			[path.join(REPO, 'scripts', 'n8n-node.mjs'), 'build'],
			{ cwd: REPO, encoding: 'utf8' },
		);
		expect({
			status: built.status,
			output: built.status === 0 ? '' : `${built.stdout}${built.stderr}`,
		}).toEqual({ status: 0, output: '' });
		theirsFolder = /built package: (.+)/.exec(built.stdout)![1].trim();
		// zh-CN like the shared n8n, so n8n's node-types answer carries the translation files each build shipped.
		theirs = await N8nInstance.create(runtime('2.x', s.log), {
			env: { N8N_DEFAULT_LOCALE: 'zh-CN' },
		});
		await theirs.installPackage(
			await packPackage(fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-pack-theirs-')), theirsFolder),
		);
		await theirs.importJson('credentials', sandboxCredential(s.demo.sandbox));
		await theirs.start();
		theirsCookie = await theirs.ownerCookie(DEMO_LOGIN);
		for (const workflow of WORKFLOWS) {
			await theirs.createWorkflow(theirsCookie, workflow);
			await s.demo.n8n.createWorkflow(s.cookie, {
				...workflow,
				id: `${workflow.id.slice(0, 12)}Ours`,
			});
		}
	});

	afterAll(async () => {
		await theirs?.stop();
		if (theirsFolder) fs.rmSync(theirsFolder, { recursive: true, force: true });
	});

	/** What one workflow did on one n8n: each node's items (or error), and the requests the sandbox saw. */
	async function runOn(instance: N8nInstance, cookie: string, workflowId: string) {
		const { sandbox } = shared().demo;
		sandbox.requests.length = 0;
		const { nodes } = await instance.runWorkflow(cookie, workflowId, 'Start');
		const requests = sandbox.requests.map((r) => ({
			path: r.path,
			body: r.rawBody,
			outcome: r.outcome,
		}));
		return { nodes, requests };
	}

	test('the same workflows, run on each build, give the same items and send the same requests', async () => {
		const s = shared();
		const ran: Record<string, Awaited<ReturnType<typeof runOn>>> = {};
		for (const workflow of WORKFLOWS) {
			const ours = await runOn(s.demo.n8n, s.cookie, `${workflow.id.slice(0, 12)}Ours`);
			const theirsRun = await runOn(theirs, theirsCookie, workflow.id);
			expect(theirsRun).toEqual(ours);
			ran[workflow.id] = ours;
			s.log(
				`${workflow.name}: ${ours.requests.length} requests, nodes ${Object.keys(ours.nodes).join(', ')}`,
			);
		}
		// Not vacuous: the search was sent, signed and accepted, and the bad input refused by name.
		expect(ran[actionWorkflow().id].requests).toEqual([
			expect.objectContaining({ path: '/api/v3/customer/search', outcome: '0' }),
		]);
		expect(JSON.stringify(ran[badInputWorkflow().id].nodes)).toContain(
			'must be text, got an object',
		);
	});

	test('both n8n list the same node and credential types, with codex, and answer with the same zh-CN translation', async () => {
		const s = shared();
		const described = async (instance: N8nInstance, cookie: string) => {
			const get = async (url: string) =>
				(await (
					await fetch(`${instance.baseUrl}${url}`, { headers: { cookie } })
				).json()) as Array<{ name: string }>;
			const nodes = (await get('/types/nodes.json')).filter((d) => NODE_TYPES.includes(d.name));
			const credentials = (await get('/types/credentials.json')).filter(
				(d) => d.name === 'tanmaApi',
			);
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
		const ours = await described(s.demo.n8n, s.cookie);
		expect(await described(theirs, theirsCookie)).toEqual(ours);
		// Not vacuous: all three nodes, the credential, the codex (categories) and the translations are there.
		expect(ours.nodes.map((d) => d.name).sort()).toEqual([...NODE_TYPES].sort());
		expect(ours.credentials).toHaveLength(1);
		expect(
			ours.nodes.every(
				(d) => (d as { codex?: { categories?: string[] } }).codex?.categories?.length,
			),
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
}
