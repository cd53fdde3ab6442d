/**
 * `npm run dev` (scripts/dev.ts) for real, on a copy of the package's sources so the test can edit them: the pinned n8n 2.x
 * comes up with the package under its published node types and the examples; a change to a node's description
 * and to the credential's code is rebuilt and reloaded by the running n8n (its editor's descriptions and n8n's own
 * credential test change, no restart); a codex edit is copied and reloaded too; a type error is reported by the
 * build, not swallowed; the copy's own dist/ is never written; a Code node runs on the Tanma node's output (n8n's
 * task runner stays on in `npm run dev`, where the other real-n8n suites turn it off).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { DEMO_LOGIN } from '../lab/demo-instance';
import { REPO, waitFor } from '../lab/n8n-instance';
import { actionWorkflow, sandboxCredential } from '../lab/workflows';
import type { Dev } from '../scripts/dev';
import { startDev } from '../scripts/dev';
import { itemsOf } from './e2e/shared';

jest.setTimeout(10 * 60 * 1000);

const PARTS = [
	'package.json',
	'tsconfig.json',
	'tsconfig.build.json',
	'gulpfile.js',
	'nodes',
	'credentials',
];
const log = (m: string) => process.stdout.write(`[e2e-dev] ${m}\n`);
let source: string;
let dev: Dev;
let cookie: string;

beforeAll(async () => {
	source = fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-dev-source-'));
	for (const part of PARTS)
		fs.cpSync(path.join(REPO, part), path.join(source, part), { recursive: true });
	fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(source, 'node_modules'), 'dir');
	dev = await startDev({
		source,
		codeNodes: true, // as `npm run dev` starts it
		log: (line) => (/error|reload/i.test(line) ? log(line) : undefined),
	});
	cookie = await dev.n8n.ownerCookie(DEMO_LOGIN);
});

afterAll(async () => {
	await dev?.stop();
	if (source) fs.rmSync(source, { recursive: true, force: true });
});

interface Listed {
	name: string;
	description?: string;
	codex?: { alias?: string[] };
}
const tanmaNode = async () => {
	const text = await (
		await fetch(`${dev.n8n.baseUrl}/types/nodes.json`, { headers: { cookie } })
	).text();
	try {
		return (JSON.parse(text) as Listed[]).find((d) => d.name === 'n8n-nodes-tanma.tanma');
	} catch {
		return undefined; // read while n8n was rewriting the file for a reload (seen): read again
	}
};
const credentialTest = async (appKey: string) => {
	const [credential] = sandboxCredential(dev.sandbox);
	return await dev.n8n.testCredential(cookie, {
		...credential,
		data: { ...credential.data, appKey },
	});
};
const edit = (file: string, from: string, to: string) => {
	const at = path.join(source, file);
	const text = fs.readFileSync(at, 'utf8');
	expect(text).toContain(from);
	fs.writeFileSync(at, text.replace(from, to));
};
const reloads = () => (dev.n8n.log.match(/Hot reload triggered for n8n-nodes-tanma/g) ?? []).length;

test('the dev n8n loads the package where a community install puts it, under its published types, with the examples', async () => {
	expect(dev.build.folder).toBe(
		path.join(dev.n8n.userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-tanma'),
	);
	expect(
		fs.existsSync(path.join(dev.build.folder, 'dist', 'nodes', 'Tanma', 'Tanma.node.json')),
	).toBe(true);
	expect((await tanmaNode())?.description).toMatch(/^Work with customers, follow-ups/);
	expect(dev.examples.length).toBeGreaterThan(3);
	expect(await credentialTest(dev.sandbox.appKey)).toEqual({
		status: 'OK',
		message: 'Connection successful!',
	});
});

test("a Code node runs on the Tanma node's output: n8n's task runner is on, as a user of npm run dev expects", async () => {
	const search = actionWorkflow();
	const workflow = {
		...search,
		id: 'tanmaDevCode0001',
		name: 'Tanma dev: a Code node after the search',
		nodes: [
			...search.nodes,
			{
				id: 'collect',
				name: 'Collect IDs',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [440, 0],
				parameters: {
					jsCode:
						'return [{ json: { customers: $input.all().map((item) => item.json.customerId) } }];',
				},
			},
		],
		connections: {
			...search.connections,
			'Search Customers': { main: [[{ node: 'Collect IDs', type: 'main', index: 0 }]] },
		},
	};
	await dev.n8n.createWorkflow(cookie, workflow);
	const run = await dev.n8n.runWorkflow(cookie, workflow.id, 'Start');
	const found = itemsOf(run.nodes, 'Search Customers').map((customer) => customer.customerId);
	expect(found).toContain('9007199254740993'); // the id beyond 2^53, as text into the Code node and out
	// The Code node's run as n8n stored it: its one item, or (when it failed) its error message.
	expect(run.nodes['Collect IDs']).toEqual([
		{ main: [[expect.objectContaining({ json: { customers: found } })]] },
	]);
	expect(run.status).toBe('success');
});

test('a description edit is rebuilt and reloaded into the running n8n', async () => {
	const { builds } = dev.build;
	const before = reloads();
	const node = await tanmaNode();
	edit(
		'nodes/Tanma/Tanma.node.ts',
		// The string itself, wherever the formatter put it (its own line once it is long).
		`'${node!.description!}'`,
		"'Edited while n8n runs'",
	);
	await dev.build.waitForBuild(builds);
	await waitFor(
		async () => (await tanmaNode())?.description === 'Edited while n8n runs',
		60_000,
		() => `n8n log: ${dev.n8n.log.slice(-2000)}`,
	);
	expect(reloads()).toBeGreaterThan(before);
});

test("a code edit changes what n8n runs: its credential test answers with the credential's new message", async () => {
	expect((await credentialTest('not-the-key')).message).toMatch(
		/^Tanma rejected the signature \(code 1002\)/,
	);
	const { builds } = dev.build;
	edit(
		'credentials/TanmaApi.credentials.ts',
		"'Tanma rejected the signature (code 1002)",
		"'Reloaded: Tanma rejected the signature (code 1002)",
	);
	await dev.build.waitForBuild(builds);
	await waitFor(
		async () => (await credentialTest('not-the-key')).message.startsWith('Reloaded: '),
		60_000,
		() => `n8n log: ${dev.n8n.log.slice(-2000)}`,
	);
	expect(await credentialTest(dev.sandbox.appKey)).toEqual({
		status: 'OK',
		message: 'Connection successful!',
	});
});

test('a codex edit is copied and reloaded; a type error is reported by the build; the source dist/ is never written', async () => {
	const codex = 'nodes/Tanma/Tanma.node.json';
	const data = JSON.parse(fs.readFileSync(path.join(source, codex), 'utf8')) as { alias: string[] };
	fs.writeFileSync(
		path.join(source, codex),
		JSON.stringify({ ...data, alias: [...data.alias, 'DevAlias'] }, null, '\t'),
	);
	await waitFor(
		async () => (await tanmaNode())?.codex?.alias?.includes('DevAlias') === true,
		60_000,
		() => `n8n log: ${dev.n8n.log.slice(-2000)}`,
	);

	const { builds } = dev.build;
	fs.appendFileSync(
		path.join(source, 'nodes/Tanma/helpers/body.ts'),
		'\nexport const notANumber: number = "text";\n',
	);
	await dev.build.waitForBuild(builds);
	expect(dev.build.errors).toEqual([expect.stringMatching(/helpers\/body\.ts.*error TS2322/)]);
	expect(fs.existsSync(path.join(source, 'dist'))).toBe(false);
});
