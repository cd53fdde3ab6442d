#!/usr/bin/env node
// Runs n8n's own author tool, `n8n-node` (@n8n/node-cli, pinned in package.json), on the package the way it sees
// a package made from n8n-nodes-starter: a folder holding only package.json, tsconfig.json, the default
// eslint.config.mjs (strict mode checks it is unchanged), nodes/ and credentials/. `n8n-node lint` runs
// `eslint .` over its folder and `n8n-node build` runs `tsc` on its tsconfig.json and copies every *.png/*.svg
// under it; this repository keeps its tests, sandbox, lab, bench and screenshots beside the package, which
// n8n's rules (rightly) refuse in a node and which a build here would compile and copy into dist/. So the
// package's own files are copied into such a folder first.
// Usage: node scripts/n8n-node.mjs lint  [--from DIR]   lint the package of DIR (default: this repository)
//        node scripts/n8n-node.mjs build [--from DIR]   build it; prints the folder that holds the built package
// Prints n8n-node's output; exits with its exit code.
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { fileURLToPath } from 'url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGE_PARTS = [
	'package.json',
	'tsconfig.json',
	'eslint.config.mjs',
	'nodes',
	'credentials',
];

/** A starter-shaped copy of the package of `from`, with this repository's node_modules. */
export function packageFolder(from = REPO, purpose = 'lint') {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), `tanma-n8n-node-${purpose}-`));
	for (const part of PACKAGE_PARTS)
		fs.cpSync(path.join(from, part), path.join(folder, part), { recursive: true });
	fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(folder, 'node_modules'), 'dir');
	return folder;
}

function n8nNode(command, folder) {
	// eslint-plugin-n8n-nodes-base swaps in fixture file names when NODE_ENV is "test" (as jest sets it).
	const run = spawnSync(path.join(REPO, 'node_modules', '.bin', 'n8n-node'), [command], {
		cwd: folder,
		encoding: 'utf8',
		env: { ...process.env, NODE_ENV: 'production', FORCE_COLOR: '0', NO_COLOR: '1' },
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: 5 * 60 * 1000,
	});
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

export function lintPackage(from = REPO) {
	const folder = packageFolder(from, 'lint');
	try {
		return n8nNode('lint', folder);
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
}

/** `n8n-node build` in a starter-shaped copy; the copy (its dist/ built, packable with npm pack) is the caller's. */
export function buildPackage(from = REPO) {
	const folder = packageFolder(from, 'build');
	return { folder, ...n8nNode('build', folder) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	const [command] = process.argv.slice(2);
	const at = process.argv.indexOf('--from');
	const from = at > 0 ? path.resolve(process.argv[at + 1]) : REPO;
	if (command === 'lint') {
		const { status, output } = lintPackage(from);
		process.stdout.write(output);
		process.exit(status ?? 1);
	} else if (command === 'build') {
		const { folder, status, output } = buildPackage(from);
		process.stdout.write(`${output}\nbuilt package: ${folder}\n`);
		process.exit(status ?? 1);
	} else {
		process.stderr.write('usage: node scripts/n8n-node.mjs lint|build [--from DIR]\n');
		process.exit(2);
	}
}
