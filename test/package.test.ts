import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('package.json has the shape of a verifiable n8n community package', () => {
	expect(pkg.name).toBe('n8n-nodes-tanma');
	expect(pkg.license).toBe('MIT');
	expect(pkg.keywords).toContain('n8n-community-node-package');
	expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	expect(pkg.dependencies ?? {}).toEqual({});
	expect(pkg.files).toEqual(['dist']);
	expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
	for (const path of [...pkg.n8n.nodes, ...pkg.n8n.credentials])
		expect(path).toMatch(/^dist\/.+\.js$/);
	const installHooks = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish'];
	expect(Object.keys(pkg.scripts).filter((s) => installHooks.includes(s))).toEqual([]);
	expect(pkg.devDependencies['n8n-core']).toBeDefined();
});

test('npm pack ships only dist, README, LICENSE and package.json', () => {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
	});
	const files: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
	const stray = files.filter((f) => !/^(dist\/|README\.md$|LICENSE$|package\.json$)/.test(f));
	expect(stray).toEqual([]);
	expect(files).toEqual(expect.arrayContaining(['package.json', 'LICENSE']));
});

test('the README names as tested exactly the n8n releases the tests install', () => {
	const { LINES } = require('../scripts/n8n-runtime') as { LINES: Record<string, { n8n: string }> };
	const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
	const line = /Tested releases: (.*?), each installed/.exec(readme.replace(/\n/g, ' '))?.[1] ?? '';
	const named = [...line.matchAll(/\*\*([\d.]+)\*\*/g)].map((m) => m[1]);
	expect(named.sort()).toEqual(
		Object.values(LINES)
			.map((pin) => pin.n8n)
			.sort(),
	);
});
