#!/usr/bin/env node
// Before publishing: the tag, package.json and the newest entry of CHANGELOG.md name the same version, and that
// entry is dated. `node scripts/release-check.js v1.2.3` (the publish workflow passes the pushed tag); exits 1 and
// says what differs otherwise. `npm run release` runs it on the tag it is about to make.
const { readFileSync } = require('fs');
const { join } = require('path');

/** The newest released entry of a Keep a Changelog file: `## [1.2.3] - 2026-12-07` (Unreleased passed over). */
function newestEntry(changelog) {
	for (const [, version, rest] of changelog.matchAll(/^## \[([^\]]+)\](.*)$/gm)) {
		if (version.toLowerCase() === 'unreleased') continue;
		const date = /^ - (\d{4}-\d{2}-\d{2})\s*$/.exec(rest);
		return { version, date: date ? date[1] : undefined };
	}
	return undefined;
}

/** What keeps `tag` from being published from the package in `folder`: an empty list when nothing does. */
function releaseProblems(tag, folder) {
	const problems = [];
	const { version } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
	if (tag !== `v${version}`)
		problems.push(`the tag ${tag} is not v${version}, the version in package.json`);
	let changelog;
	try {
		changelog = readFileSync(join(folder, 'CHANGELOG.md'), 'utf8');
	} catch {
		return [...problems, 'CHANGELOG.md is missing'];
	}
	const entry = newestEntry(changelog);
	if (!entry) problems.push('CHANGELOG.md has no released entry (## [x.y.z] - yyyy-mm-dd)');
	else {
		if (entry.version !== version)
			problems.push(
				`the newest CHANGELOG.md entry is ${entry.version}, package.json says ${version}`,
			);
		if (!entry.date)
			problems.push(
				`the CHANGELOG.md entry ${entry.version} has no date (## [x.y.z] - yyyy-mm-dd)`,
			);
	}
	return problems;
}

module.exports = { newestEntry, releaseProblems };

if (require.main === module) {
	const tag = process.argv[2];
	if (!tag) {
		process.stderr.write('usage: node scripts/release-check.js <tag, e.g. v1.2.3>\n');
		process.exit(2);
	}
	const problems = releaseProblems(tag, join(__dirname, '..'));
	for (const problem of problems) process.stderr.write(`release check: ${problem}\n`);
	if (problems.length) process.exit(1);
	process.stdout.write(`release check: ${tag}, package.json and CHANGELOG.md agree\n`);
}
