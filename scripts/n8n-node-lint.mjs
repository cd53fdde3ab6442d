#!/usr/bin/env node
// Runs n8n's own `n8n-node lint` (@n8n/node-cli, pinned in package.json) on the package the way its author
// tool sees a package made from n8n-nodes-starter: a folder holding only package.json, tsconfig.json, the
// default eslint.config.mjs (strict mode checks it is unchanged), nodes/ and credentials/. `n8n-node lint` runs
// `eslint .` over its folder, and this repository keeps its tests, sandbox, lab and bench beside the package,
// which n8n's rules (rightly) refuse in a node: so the package's own files are copied into such a folder first.
// Usage: node scripts/n8n-node-lint.mjs [--from DIR]   lint the package of DIR (default: this repository)
// Prints n8n-node's output; exits with its exit code.
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { fileURLToPath } from 'url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGE_PARTS = ['package.json', 'tsconfig.json', 'eslint.config.mjs', 'nodes', 'credentials'];

export function lintPackage(from = REPO) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-n8n-node-lint-'));
	try {
		for (const part of PACKAGE_PARTS) fs.cpSync(path.join(from, part), path.join(folder, part), { recursive: true });
		fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(folder, 'node_modules'), 'dir');
		// eslint-plugin-n8n-nodes-base swaps in fixture file names when NODE_ENV is "test" (as jest sets it).
		const run = spawnSync(path.join(REPO, 'node_modules', '.bin', 'n8n-node'), ['lint'], {
			cwd: folder,
			encoding: 'utf8',
			env: { ...process.env, NODE_ENV: 'production', FORCE_COLOR: '0', NO_COLOR: '1' },
			stdio: ['ignore', 'pipe', 'pipe'],
			timeout: 5 * 60 * 1000,
		});
		return { status: run.status, output: `${run.stdout}${run.stderr}` };
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	const at = process.argv.indexOf('--from');
	const { status, output } = lintPackage(at > 0 ? path.resolve(process.argv[at + 1]) : REPO);
	process.stdout.write(output);
	process.exit(status ?? 1);
}
