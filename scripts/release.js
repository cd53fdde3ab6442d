#!/usr/bin/env node
// Cuts a release: `npm run release -- <patch | minor | major | x.y.z>`. On a clean tree it moves CHANGELOG.md's
// Unreleased entries under the new version with today's date, sets the version in package.json and
// package-lock.json, checks the three agree (scripts/release-check.js), commits "Release x.y.z" and tags vx.y.z.
// Pushing is left to you (it prints the command): the tag starts the publish workflow.
const { execFileSync } = require('child_process');
const { readFileSync, writeFileSync } = require('fs');
const { join } = require('path');
const { releaseProblems } = require('./release-check');

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

/** The version after `current` for a bump name, or `bump` itself when it is a version above `current`. */
function nextVersion(current, bump) {
	const [, major, minor, patch] = SEMVER.exec(current).map(Number);
	if (bump === 'major') return `${major + 1}.0.0`;
	if (bump === 'minor') return `${major}.${minor + 1}.0`;
	if (bump === 'patch') return `${major}.${minor}.${patch + 1}`;
	const given = SEMVER.exec(bump ?? '');
	if (!given) throw new Error(`"${bump}" is not patch, minor, major or a version x.y.z`);
	const order = (v) => SEMVER.exec(v).slice(1).map(Number);
	const [a, b] = [order(bump), order(current)];
	const above = a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] > b[2];
	if (!above) throw new Error(`${bump} is not above the current version ${current}`);
	return bump;
}

/** CHANGELOG.md with its Unreleased entries moved under `version` (dated `date`), and its compare links updated. */
function changelogFor(changelog, previous, version, date) {
	const heading = /^## \[Unreleased\]\s*$/im;
	const start = changelog.search(heading);
	if (start < 0) throw new Error('CHANGELOG.md has no "## [Unreleased]" heading');
	const afterHeading = changelog.indexOf('\n', start) + 1;
	const nextEntry = changelog.slice(afterHeading).search(/^## \[/m);
	const end = nextEntry < 0 ? changelog.length : afterHeading + nextEntry;
	const notes = changelog
		.slice(afterHeading, end)
		.replace(/^\[[^\]]+\]: .*$/gm, '')
		.trim();
	if (!notes)
		throw new Error(
			'CHANGELOG.md has nothing under Unreleased: say what this release gives users first',
		);
	let text = `${changelog.slice(0, afterHeading)}\n## [${version}] - ${date}\n\n${notes}\n\n${changelog.slice(end)}`;
	const unreleasedLink = /^\[Unreleased\]: (.*)\/compare\/v[^.\s]+\.[^.\s]+\.[^.\s]+\.\.\.HEAD$/im;
	const link = unreleasedLink.exec(text);
	if (link) {
		text = text.replace(
			unreleasedLink,
			`[Unreleased]: ${link[1]}/compare/v${version}...HEAD\n[${version}]: ${link[1]}/compare/v${previous}...v${version}`,
		);
	}
	return text.replace(/\n{3,}/g, '\n\n');
}

function git(folder, ...args) {
	return execFileSync('git', args, { cwd: folder, encoding: 'utf8' }).trim();
}

function release(folder, bump, date = new Date().toISOString().slice(0, 10)) {
	if (git(folder, 'status', '--porcelain'))
		throw new Error('the working tree has uncommitted changes');
	const pkgPath = join(folder, 'package.json');
	const previous = JSON.parse(readFileSync(pkgPath, 'utf8')).version;
	const version = nextVersion(previous, bump);
	const changelogPath = join(folder, 'CHANGELOG.md');
	writeFileSync(
		changelogPath,
		changelogFor(readFileSync(changelogPath, 'utf8'), previous, version, date),
	);
	for (const file of ['package.json', 'package-lock.json']) {
		let text;
		try {
			text = readFileSync(join(folder, file), 'utf8');
		} catch {
			continue;
		}
		const json = JSON.parse(text);
		json.version = version;
		if (json.packages?.['']) json.packages[''].version = version;
		writeFileSync(join(folder, file), `${JSON.stringify(json, null, 2)}\n`);
	}
	const problems = releaseProblems(`v${version}`, folder);
	if (problems.length) throw new Error(problems.join('; '));
	git(folder, 'commit', '--quiet', '-am', `Release ${version}`);
	git(folder, 'tag', '-a', `v${version}`, '-m', `Release ${version}`);
	return version;
}

module.exports = { changelogFor, nextVersion, release };

if (require.main === module) {
	try {
		const version = release(join(__dirname, '..'), process.argv[2]);
		process.stdout.write(
			`Released ${version}: committed and tagged v${version}. Publish it with: git push origin HEAD v${version}\n`,
		);
	} catch (error) {
		process.stderr.write(`release: ${error.message}\n`);
		process.exit(1);
	}
}
