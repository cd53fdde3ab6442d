#!/usr/bin/env node
// Runs n8n's own community-package scanner (the analyzer of @n8n/scan-community-package, pinned in
// package.json) the way n8n's verification does: the full rule set on the source tree (package.json, nodes/,
// credentials/), and on the packed tarball (its compiled .js and package.json). The scanner's CLI also checks
// npm provenance of a published version, which needs the network; the analyzer itself works offline.
// Usage: node scripts/n8n-scan.mjs                 scan this repo's source and `npm pack` output (dist/ built)
//        node scripts/n8n-scan.mjs --source DIR    scan DIR as a source tree only
// Prints one JSON line per scan ({ scanned, passed, message, details }); exits 1 when a scan has a finding.
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { fileURLToPath } from 'url';
import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The scanner's tarball leg: compiled files and the published manifest (see its analyzePackageByName).
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

function unpackedTarball() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-scan-'));
	const name = execFileSync(
		'npm',
		['pack', '--silent', '--ignore-scripts', '--pack-destination', dir],
		{ cwd: REPO, encoding: 'utf8' },
	)
		.trim()
		.split('\n')
		.pop()
		.trim();
	const unpacked = path.join(dir, 'package');
	execFileSync('tar', ['-xzf', path.join(dir, name), '-C', dir]);
	// A tarball without the built nodes would pass the scan with nothing in it.
	const { n8n } = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
	const missing = [...n8n.nodes, ...n8n.credentials].filter(
		(file) => !fs.existsSync(path.join(unpacked, file)),
	);
	if (missing.length)
		throw new Error(`the packed tarball lacks ${missing.join(', ')}: run npm run build first`);
	return unpacked;
}

const sourceIndex = process.argv.indexOf('--source');
const scans =
	sourceIndex > 0
		? [{ scanned: path.resolve(process.argv[sourceIndex + 1]), patterns: SOURCE_FILE_PATTERNS }]
		: [
				{ scanned: REPO, patterns: SOURCE_FILE_PATTERNS },
				{ scanned: unpackedTarball(), patterns: TARBALL_FILE_PATTERNS, label: 'tarball' },
			];

// eslint-plugin-n8n-nodes-base swaps in fixture file names when NODE_ENV is "test" (as jest sets it), which turns
// its file-name rules against every real file. n8n runs the scanner without it.
delete process.env.NODE_ENV;

let failed = false;
for (const { scanned, patterns, label } of scans) {
	const { passed, message, details } = await analyzePackage(scanned, patterns);
	failed ||= !passed;
	process.stdout.write(
		`${JSON.stringify({ scanned: label ?? scanned, passed, message, details })}\n`,
	);
}
process.exit(failed ? 1 : 0);
