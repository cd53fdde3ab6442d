/** scripts/release-check.js, as the publish workflow runs it: the tag, package.json and CHANGELOG.md must agree. */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const { newestEntry, releaseProblems } = require('../../scripts/release-check') as {
	newestEntry: (changelog: string) => { version: string; date?: string } | undefined;
	releaseProblems: (tag: string, folder: string) => string[];
};

const root = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

/** A package folder with this version and changelog. */
function packageWith(version: string, changelog?: string): string {
	const folder = mkdtempSync(join(tmpdir(), 'release-check-'));
	writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'n8n-nodes-tanma', version }));
	if (changelog !== undefined) writeFileSync(join(folder, 'CHANGELOG.md'), changelog);
	return folder;
}
const changelog = (...entries: string[]) =>
	`# Changelog\n\n## [Unreleased]\n\n- next\n\n${entries.map((e) => `${e}\n\n- notes\n`).join('\n')}`;

test('this repository: the tag the next publish needs passes, and it is the newest changelog entry', () => {
	expect(releaseProblems(`v${pkg.version}`, root)).toEqual([]);
	expect(newestEntry(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'))?.version).toBe(pkg.version);
	const run = spawnSync('node', ['scripts/release-check.js', `v${pkg.version}`], {
		cwd: root,
		encoding: 'utf8',
	});
	expect(run.status).toBe(0);
	expect(spawnSync('node', ['scripts/release-check.js', 'v9.9.9'], { cwd: root }).status).toBe(1);
});

test('the newest released entry is read past Unreleased, with its date', () => {
	expect(newestEntry(changelog('## [1.2.0] - 2026-12-07', '## [1.1.0] - 2026-11-01'))).toEqual({
		version: '1.2.0',
		date: '2026-12-07',
	});
	expect(newestEntry('# Changelog\n\n## [Unreleased]\n')).toBeUndefined();
});

test.each([
	['agree', 'v1.2.0', '1.2.0', changelog('## [1.2.0] - 2026-12-07'), []],
	[
		'a tag without v',
		'1.2.0',
		'1.2.0',
		changelog('## [1.2.0] - 2026-12-07'),
		['the tag 1.2.0 is not v1.2.0, the version in package.json'],
	],
	[
		'a tag ahead of package.json',
		'v1.3.0',
		'1.2.0',
		changelog('## [1.2.0] - 2026-12-07'),
		['the tag v1.3.0 is not v1.2.0, the version in package.json'],
	],
	[
		'a changelog not brought up to the version',
		'v1.3.0',
		'1.3.0',
		changelog('## [1.2.0] - 2026-12-07'),
		['the newest CHANGELOG.md entry is 1.2.0, package.json says 1.3.0'],
	],
	[
		'an undated entry',
		'v1.2.0',
		'1.2.0',
		changelog('## [1.2.0]'),
		['the CHANGELOG.md entry 1.2.0 has no date (## [x.y.z] - yyyy-mm-dd)'],
	],
	[
		'only Unreleased',
		'v1.2.0',
		'1.2.0',
		'# Changelog\n\n## [Unreleased]\n\n- next\n',
		['CHANGELOG.md has no released entry (## [x.y.z] - yyyy-mm-dd)'],
	],
	['no changelog', 'v1.2.0', '1.2.0', undefined, ['CHANGELOG.md is missing']],
])('%s', (_name, tag, version, text, problems) => {
	expect(releaseProblems(tag, packageWith(version, text))).toEqual(problems);
});
