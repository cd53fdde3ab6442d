/**
 * scripts/release.js (`npm run release -- <patch | minor | major | x.y.z>`) in a throwaway git repository holding
 * this package's manifest, lockfile and changelog: what it changes, commits and tags, and what it refuses.
 */
import { execFileSync, spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const root = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

/** A git repository with this package's release files and scripts, committed, Unreleased holding `notes`. */
function repository(notes: string): string {
	const folder = mkdtempSync(join(tmpdir(), 'release-'));
	mkdirSync(join(folder, 'scripts'));
	for (const file of [
		'package.json',
		'package-lock.json',
		'scripts/release.js',
		'scripts/release-check.js',
	])
		copyFileSync(join(root, file), join(folder, file));
	const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8').replace(
		/^## \[Unreleased\]\n/m,
		`## [Unreleased]\n\n${notes}`,
	);
	writeFileSync(join(folder, 'CHANGELOG.md'), changelog);
	const git = (...args: string[]) => execFileSync('git', args, { cwd: folder, encoding: 'utf8' });
	git('init', '--quiet');
	git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '.');
	git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'start');
	return folder;
}
const release = (folder: string, bump: string) =>
	spawnSync('node', ['scripts/release.js', bump], {
		cwd: folder,
		encoding: 'utf8',
		env: {
			...process.env,
			GIT_AUTHOR_NAME: 't',
			GIT_AUTHOR_EMAIL: 't@example.com',
			GIT_COMMITTER_NAME: 't',
			GIT_COMMITTER_EMAIL: 't@example.com',
		},
	});
const git = (folder: string, ...args: string[]) =>
	execFileSync('git', args, { cwd: folder, encoding: 'utf8' }).trim();
const [major, minor] = pkg.version.split('.').map(Number);

test('a minor release: Unreleased becomes the new dated entry, the version moves in both manifests, committed and tagged', () => {
	const folder = repository('### Added\n\n- Something users get.\n');
	const run = release(folder, 'minor');
	const version = `${major}.${minor + 1}.0`;
	expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
	expect(run.stdout).toContain(`git push origin HEAD v${version}`);
	const changelog = readFileSync(join(folder, 'CHANGELOG.md'), 'utf8');
	const today = new Date().toISOString().slice(0, 10);
	expect(changelog).toMatch(
		new RegExp(
			`## \\[Unreleased\\]\\n\\n## \\[${version}\\] - ${today}\\n\\n### Added\\n\\n- Something users get\\.\\n\\n## \\[${pkg.version}\\]`,
		),
	);
	expect(changelog).toContain(`/compare/v${version}...HEAD`);
	expect(changelog).toContain(`[${version}]: `);
	expect(changelog).toContain(`/compare/v${pkg.version}...v${version}`);
	const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
	const lock = JSON.parse(readFileSync(join(folder, 'package-lock.json'), 'utf8'));
	expect([manifest.version, lock.version, lock.packages[''].version]).toEqual([
		version,
		version,
		version,
	]);
	expect(git(folder, 'log', '-1', '--format=%s')).toBe(`Release ${version}`);
	expect(git(folder, 'tag', '--points-at', 'HEAD')).toBe(`v${version}`);
	expect(git(folder, 'status', '--porcelain')).toBe('');
	// The tag passes the publish workflow's check.
	expect(
		spawnSync('node', ['scripts/release-check.js', `v${version}`], { cwd: folder }).status,
	).toBe(0);
});

test.each([
	['nothing under Unreleased', '', 'patch', /nothing under Unreleased/],
	['an unknown bump', '- x\n', 'huge', /"huge" is not patch, minor, major or a version/],
	['a version not above the current one', '- x\n', '0.0.1', /is not above the current version/],
])('refused, nothing changed: %s', (_name, notes, bump, message) => {
	const folder = repository(notes);
	const run = release(folder, bump);
	expect(run.status).toBe(1);
	expect(run.stderr).toMatch(message);
	expect(git(folder, 'status', '--porcelain')).toBe('');
	expect(git(folder, 'tag')).toBe('');
});

test('refused on a tree with uncommitted changes', () => {
	const folder = repository('- x\n');
	writeFileSync(join(folder, 'README.md'), 'draft');
	const run = release(folder, 'patch');
	expect(run.status).toBe(1);
	expect(run.stderr).toMatch(/uncommitted changes/);
	expect(git(folder, 'tag')).toBe('');
});
