/**
 * A rehearsal of .github/workflows/publish.yml, read from the workflow itself: its trigger, permissions and
 * steps; its version-equals-tag check run as written; and its publish command run with --dry-run on the
 * build npm test has just made, so the tarball it reports is the exact one a tag would publish. Any drift
 * (a step, a stray or missing file, a stale compiled file, a provenance prerequisite) fails here first.
 */
import { execFileSync, spawnSync } from 'child_process';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';

jest.setTimeout(3 * 60 * 1000);

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
}
const workflow = parse(readFileSync(join(root, '.github/workflows/publish.yml'), 'utf8')) as {
	on: { push: { tags: string[] } };
	permissions: Record<string, string>;
	jobs: { publish: { steps: Step[]; environment?: string } };
};
const steps = workflow.jobs.publish.steps;
const runs = steps.map((s) => s.run?.trim()).filter((r): r is string => r !== undefined);
const tagCheck =
	steps.find((s) => s.name === 'The tag names the version in package.json')?.run?.trim() ?? '';
const publish = runs[runs.length - 1];

function filesUnder(dir: string): string[] {
	return readdirSync(join(root, dir)).flatMap((name) => {
		const path = join(dir, name);
		return statSync(join(root, path)).isDirectory() ? filesUnder(path) : [path];
	});
}

test('the workflow publishes on a version tag, with an OIDC token, from the registry, after the whole CI gate', () => {
	expect(workflow.on.push.tags).toEqual(['v*.*.*']);
	expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
	expect(workflow.jobs.publish.environment).toBe('npm');
	expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['registry-url']).toBe(
		'https://registry.npmjs.org',
	);
	// Trusted publishing needs npm 11.5.1 or later; the tag check and the full CI run come before publishing.
	expect(runs).toEqual(['npm install --global npm@11', tagCheck, '.ci/run', publish]);
	expect(publish).toBe('npm publish --provenance --access public');
});

test('the tag check passes for v<version> and fails for any other tag', () => {
	const check = (tag: string) =>
		spawnSync('sh', ['-c', tagCheck], { cwd: root, env: { ...process.env, GITHUB_REF_NAME: tag } })
			.status;
	expect(check(`v${pkg.version}`)).toBe(0);
	expect(check(pkg.version)).not.toBe(0);
	expect(check(`v${pkg.version}.1`)).not.toBe(0);
	expect(check('v9.9.9')).not.toBe(0);
});

test('provenance can be made: the manifest names the public GitHub repository and nothing opts out', () => {
	expect(pkg.repository).toEqual({
		type: 'git',
		url: expect.stringMatching(/^git\+https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/),
	});
	expect(pkg.private).toBeUndefined();
	expect(pkg.publishConfig?.provenance).not.toBe(false);
	expect(pkg.publishConfig?.registry ?? 'https://registry.npmjs.org/').toBe(
		'https://registry.npmjs.org/',
	);
});

test('the build is clean: every compiled file has its source, every source and asset is built', () => {
	const built = filesUnder('dist');
	const sources = ['nodes', 'credentials'].flatMap(filesUnder);
	const expected = sources.flatMap((f) =>
		f.endsWith('.ts')
			? [`dist/${f.replace(/\.ts$/, '.js')}`, `dist/${f.replace(/\.ts$/, '.d.ts')}`]
			: /\.(svg|png|json)$/.test(f)
				? [`dist/${f}`]
				: [],
	);
	expect(built.sort()).toEqual(expected.sort());
});

test('publish --dry-run, as the workflow runs it, packs exactly the built package under this version', () => {
	const run = spawnSync('sh', ['-c', `${publish} --dry-run --json`], {
		cwd: root,
		encoding: 'utf8',
		env: { ...process.env, npm_config_ignore_scripts: 'true' },
	});
	expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({
		status: 0,
		stderr: '',
	});
	expect(run.stderr).toMatch(
		/Publishing to https:\/\/registry\.npmjs\.org\/ with tag latest and public access \(dry-run\)/,
	);
	const tarball = JSON.parse(run.stdout)[pkg.name] as {
		name: string;
		version: string;
		files: Array<{ path: string }>;
	};
	expect([tarball.name, tarball.version]).toEqual([pkg.name, pkg.version]);
	const files = tarball.files.map((f) => f.path).sort();
	expect(files).toEqual(['LICENSE', 'README.md', 'package.json', ...filesUnder('dist')].sort());
	for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(entry);
	// What n8n loads beside each node: codex, light and dark icons, the zh-CN translations.
	for (const asset of [
		'tanma.svg',
		'tanma.dark.svg',
		'Tanma.node.json',
		'translations/zh-CN/tanma.json',
	])
		expect(files).toContain(`dist/nodes/Tanma/${asset}`);
	// The same bytes npm pack makes (the e2e suites install that tarball).
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: root,
			encoding: 'utf8',
		}),
	)[0];
	expect(packed.integrity).toBe(
		(JSON.parse(run.stdout)[pkg.name] as { integrity: string }).integrity,
	);
});
