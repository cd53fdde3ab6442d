#!/usr/bin/env node
// Redis and PostgreSQL for n8n's queue mode, from Debian's packages, run on loopback by the project itself:
// installs the packages once if the binaries are missing (apt-get, as root), then starts throwaway servers in
// temporary folders on free ports. Nothing here touches the machine's own service instances.
// Usage: node scripts/queue-services.js install   (only the package step; used to warm a machine)
'use strict';
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { installDebianPackages, which } = require('./debian-packages');

/** Debian keeps the PostgreSQL server programs out of PATH, under /usr/lib/postgresql/<major>/bin. */
function postgresBin() {
	const base = '/usr/lib/postgresql';
	if (fs.existsSync(base)) {
		const majors = fs
			.readdirSync(base)
			.filter((d) => fs.existsSync(path.join(base, d, 'bin', 'postgres')));
		majors.sort((a, b) => Number(b) - Number(a));
		if (majors.length) return path.join(base, majors[0], 'bin');
	}
	const postgres = which('postgres');
	return postgres ? path.dirname(fs.realpathSync(postgres)) : undefined;
}

function binaries() {
	return {
		redis:
			which('redis-server') ??
			(fs.existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined),
		pgBin: postgresBin(),
	};
}

function ensureQueueServices(log = (m) => process.stderr.write(`${m}\n`)) {
	let found = binaries();
	if (found.redis && found.pgBin) return found;
	const missing = [!found.redis && 'redis-server', !found.pgBin && 'postgresql'].filter(Boolean);
	installDebianPackages(missing, 'queue mode', log);
	found = binaries();
	if (!found.redis || !found.pgBin)
		throw new Error(`apt-get finished but ${missing.join(', ')} is still missing`);
	return found;
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function waitForPort(port, child, name, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	return new Promise((resolve, reject) => {
		const attempt = () => {
			if (child.exitCode !== null)
				return reject(
					new Error(`${name} exited (${child.exitCode}): ${child.output.slice(-2000)}`),
				);
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve();
			});
			socket.once('error', () => {
				socket.destroy();
				if (Date.now() > deadline)
					reject(new Error(`${name} did not listen on ${port}: ${child.output.slice(-2000)}`));
				else setTimeout(attempt, 200);
			});
		};
		attempt();
	});
}

function capture(child) {
	child.output = '';
	const append = (chunk) => {
		child.output = (child.output + chunk.toString()).slice(-50_000);
	};
	child.stdout?.on('data', append);
	child.stderr?.on('data', append);
	return child;
}

/** PostgreSQL refuses to run as root: when we are root, its files and processes belong to the `postgres` user. */
function postgresIdentity() {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
	const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
	return { uid, gid };
}

/**
 * Starts Redis and PostgreSQL on free loopback ports in a fresh temporary folder.
 * Returns their connection settings (as n8n's environment variables) and a stop() that removes everything.
 */
async function startQueueServices(log) {
	const { redis, pgBin } = ensureQueueServices(log);
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-queue-'));
	fs.chmodSync(root, 0o755);
	const redisPort = await freePort();
	const redisChild = capture(
		spawn(
			redis,
			[
				'--port',
				String(redisPort),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				root,
			],
			{ stdio: ['ignore', 'pipe', 'pipe'] },
		),
	);
	const children = [redisChild];
	const stop = async () => {
		await Promise.all(
			children.map(
				(child) =>
					new Promise((resolve) => {
						if (child.exitCode !== null || child.signalCode !== null) return resolve();
						child.once('exit', resolve);
						child.kill('SIGTERM');
						setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
					}),
			),
		);
		fs.rmSync(root, { recursive: true, force: true });
	};
	try {
		await waitForPort(redisPort, redisChild, 'redis-server');

		const identity = postgresIdentity();
		const dataDir = path.join(root, 'pg');
		fs.mkdirSync(dataDir, { mode: 0o700 });
		if (identity.uid !== undefined) fs.chownSync(dataDir, identity.uid, identity.gid);
		const asPostgres = { ...identity, cwd: root, env: { ...process.env, LC_ALL: 'C.UTF-8' } };
		execFileSync(
			path.join(pgBin, 'initdb'),
			['-D', dataDir, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--no-sync'],
			{ ...asPostgres, stdio: 'pipe' },
		);
		const pgPort = await freePort();
		const pgChild = capture(
			spawn(
				path.join(pgBin, 'postgres'),
				[
					'-D',
					dataDir,
					'-p',
					String(pgPort),
					'-k',
					dataDir,
					'-c',
					'listen_addresses=127.0.0.1',
					'-c',
					'fsync=off',
					'-c',
					'synchronous_commit=off',
				],
				{ ...asPostgres, stdio: ['ignore', 'pipe', 'pipe'] },
			),
		);
		children.push(pgChild);
		await waitForPort(pgPort, pgChild, 'postgres');
		// Accepting connections can lag the socket by a moment; createdb retries until the server is ready.
		for (let attempt = 0; ; attempt++) {
			try {
				execFileSync(
					path.join(pgBin, 'createdb'),
					['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'n8n', 'n8n'],
					{ ...asPostgres, stdio: 'pipe' },
				);
				break;
			} catch (error) {
				if (attempt > 50) throw error;
				await new Promise((r) => setTimeout(r, 200));
			}
		}
		return {
			env: {
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redisPort),
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(pgPort),
				DB_POSTGRESDB_DATABASE: 'n8n',
				DB_POSTGRESDB_USER: 'n8n',
				DB_POSTGRESDB_PASSWORD: '',
				// n8n keeps 2 pooled connections and waits 20 s for one by default; a burst of 100 pushes on a
				// 2-core machine busy with other suites waited longer (the webhook process answered 500, or timed out
				// in a check of its own after answering). A cluster serving bursts runs a larger pool.
				DB_POSTGRESDB_POOL_SIZE: '10',
				DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
			},
			redisPort,
			pgPort,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { ensureQueueServices, startQueueServices };

if (require.main === module) {
	if (process.argv[2] !== 'install') {
		process.stderr.write('usage: node scripts/queue-services.js install\n');
		process.exit(2);
	}
	process.stdout.write(`${JSON.stringify(ensureQueueServices())}\n`);
}
