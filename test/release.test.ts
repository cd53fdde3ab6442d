/**
 * A rehearsal of .github/workflows/publish.yml, read from the workflow itself: its trigger, permissions and
 * steps; its version check run as written; its publish step run with a stand-in npm, with and without the
 * NPM_TOKEN secret, and with --dry-run on the build npm test has just made, so the tarball it reports is the exact
 * one a tag would publish. Any drift (a step, the token fallback, a stray or missing file, a stale compiled file,
 * a provenance prerequisite) fails here first.
 */
import { execFileSync, spawnSync } from 'child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
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
	env?: Record<string, string>;
}
const workflow = parse(readFileSync(join(root, '.github/workflows/publish.yml'), 'utf8')) as {
	on: { push: { tags: string[] } };
	permissions: Record<string, string>;
	jobs: { publish: { steps: Step[]; environment?: string } };
};
const steps = workflow.jobs.publish.steps;
const runs = steps.map((s) => s.run?.trim()).filter((r): r is string => r !== undefined);
const tagCheck =
	steps
		.find((s) => s.name === 'The tag, package.json and CHANGELOG.md name the same version')
		?.run?.trim() ?? '';
const publishStep = steps[steps.length - 1];
const publish = publishStep.run?.trim() ?? '';

/** Runs the publish step's script as the workflow would, `npm` first on PATH; returns what it printed. */
function runPublishStep(env: Record<string, string>, npm?: string) {
	return spawnSync('sh', ['-c', publish], {
		cwd: root,
		encoding: 'utf8',
		env: {
			...process.env,
			npm_config_ignore_scripts: 'true',
			...env,
			...(npm ? { PATH: `${npm}:${process.env.PATH}` } : {}),
		},
	});
}

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
	// Trusted publishing needs npm 11.5.1 or later; the version check and the full CI run come before publishing.
	expect(runs).toEqual([
		'npm install --global npm@11',
		'node scripts/release-check.js "$GITHUB_REF_NAME"',
		'.ci/run',
		publish,
	]);
	expect(publishStep.env).toEqual({ NPM_TOKEN: '${{ secrets.NPM_TOKEN }}' });
});

test('publishing: with the NPM_TOKEN secret npm logs in with it (the first release), without it npm is left to trusted publishing; provenance either way', () => {
	const bin = mkdtempSync(join(tmpdir(), 'npm-stand-in-'));
	const log = join(bin, 'calls');
	writeFileSync(join(bin, 'npm'), `#!/bin/sh\necho "$@" >> "${log}"\n`);
	chmodSync(join(bin, 'npm'), 0o755);
	const calls = () => readFileSync(log, 'utf8').trim().split('\n');

	const withToken = runPublishStep({ NPM_TOKEN: 'npm_first-release' }, bin);
	expect(withToken.status).toBe(0);
	expect(calls()).toEqual([
		'config set //registry.npmjs.org/:_authToken npm_first-release',
		'publish --provenance --access public',
	]);
	expect(withToken.stdout).not.toContain('npm_first-release'); // the token is never printed

	writeFileSync(log, '');
	const trusted = runPublishStep({ NPM_TOKEN: '' }, bin);
	expect(trusted.status).toBe(0);
	expect(calls()).toEqual(['publish --provenance --access public']);
	expect(trusted.stdout).toMatch(/trusted publishing/);
});

test('the version check passes for v<version> and fails for any other tag', () => {
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
	// The step as written, through trusted publishing (no token), npm told to rehearse and answer in JSON.
	const run = runPublishStep({
		NPM_TOKEN: '',
		npm_config_dry_run: 'true',
		npm_config_json: 'true',
	});
	expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({
		status: 0,
		stderr: '',
	});
	expect(run.stderr).toMatch(
		/Publishing to https:\/\/registry\.npmjs\.org\/ with tag latest and public access \(dry-run\)/,
	);
	const json = run.stdout.slice(run.stdout.indexOf('{'));
	const tarball = JSON.parse(json)[pkg.name] as {
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
	expect(packed.integrity).toBe((JSON.parse(json)[pkg.name] as { integrity: string }).integrity);
});
