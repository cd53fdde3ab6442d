/**
 * The previous major line: n8n 1.123.81 (installed like 2.x by scripts/n8n-runtime.js, with the registry's xlsx
 * in place of the CDN tarball it pins) loads the packed package and runs an action workflow.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import type { Sandbox } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';
import { N8nInstance, packPackage, runtime } from '../lab/n8n-instance';
import { actionWorkflow, sandboxCredential } from '../lab/workflows';

jest.setTimeout(15 * 60 * 1000);

let sandbox: Sandbox;
let n8n: N8nInstance;

beforeAll(async () => {
	const rt = runtime('1.x', (m) => process.stdout.write(`[n8n 1.x] ${m}\n`));
	sandbox = await startSandbox();
	n8n = await N8nInstance.create(rt);
	await n8n.installPackage(
		await packPackage(fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-pack-'))),
	);
	await n8n.importJson('credentials', sandboxCredential(sandbox));
});
afterAll(async () => sandbox?.close());

test('n8n 1.x lists the three nodes', async () => {
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

test('n8n 1.x runs the action workflow with `n8n execute`', async () => {
	await n8n.importJson('workflow', [actionWorkflow()]);
	sandbox.requests.length = 0;
	// n8n 1.x's CLI now and then dies (SIGSEGV) on its way out after printing a finished run: that run counts.
	const { output, exitNote } = await n8n.executeTolerantOfShutdown(actionWorkflow().id);
	if (exitNote) process.stdout.write(`[e2e-n8n1] ${exitNote}\n`);
	expect(sandbox.requests.map((r) => [r.path, r.outcome])).toEqual([
		['/api/v3/customer/search', '0'],
	]);
	expect(output).toContain('"customerId": "9007199254740993"');
});
