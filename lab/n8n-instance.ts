/**
 * A real n8n process for end-to-end tests and the demo: the pinned n8n from scripts/n8n-runtime.js, run
 * on its Node 24 runtime with its own user folder, our package installed from the packed tarball into
 * <user folder>/.n8n/nodes exactly as a community-package install puts it.
 */
import type { ChildProcess } from 'child_process';
import { execFile, spawn } from 'child_process';
import fs from 'fs';
import { createServer } from 'net';
import os from 'os';
import path from 'path';

import { N8nRestApi } from './n8n-rest';

export { waitFor } from './n8n-rest';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureRuntime } = require('../scripts/n8n-runtime.js') as {
	ensureRuntime: (line?: string, log?: (m: string) => void) => N8nRuntime;
};

export interface N8nRuntime {
	line: string;
	version: string;
	root: string;
	node: string;
	n8n: string;
}

export const REPO = path.resolve(__dirname, '..');

export function runtime(line = '2.x', log?: (m: string) => void): N8nRuntime {
	return ensureRuntime(line, log);
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

function run(
	command: string,
	args: string[],
	options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
) {
	return new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
		execFile(
			command,
			args,
			{
				cwd: options.cwd,
				env: options.env,
				maxBuffer: 64 * 1024 * 1024,
				timeout: options.timeoutMs ?? 300_000,
			},
			(error, stdout, stderr) => {
				if (error) reject(Object.assign(error, { stdout, stderr }));
				else resolve({ stdout, stderr });
			},
		);
	});
}

/** Packs the built package of `from` (its dist/ must exist) into `dir`; returns the tarball path. */
export async function packPackage(dir: string, from = REPO): Promise<string> {
	const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', dir], {
		cwd: from,
	});
	return path.join(dir, stdout.trim().split('\n').pop()!.trim());
}

/** SQLite's files for one database: the file and its write-ahead log. */
const SQLITE_FILES = ['database.sqlite', 'database.sqlite-wal'];

/**
 * A SQLite database this n8n version has migrated, kept beside its install (made once by `n8n list:workflow`
 * in an empty user folder). A new user folder starts from a copy instead of migrating its own: a fresh start
 * costs about 3½ CPU-seconds less (docs/testing.md). Two suites making it at once: the first rename wins.
 */
async function migratedDatabase(rt: N8nRuntime, env: NodeJS.ProcessEnv): Promise<string> {
	const template = path.join(rt.root, 'sqlite-template');
	if (fs.existsSync(path.join(template, SQLITE_FILES[0]))) return template;
	const scratch = fs.mkdtempSync(path.join(rt.root, 'sqlite-template-'));
	try {
		await run(rt.node, [rt.n8n, 'list:workflow'], {
			env: { ...env, N8N_USER_FOLDER: scratch },
		});
		fs.renameSync(path.join(scratch, '.n8n'), template);
	} catch (error) {
		if (!fs.existsSync(path.join(template, SQLITE_FILES[0]))) throw error;
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
	return template;
}

export class N8nInstance extends N8nRestApi {
	readonly userFolder: string;
	readonly port: number;
	private process?: ChildProcess;
	private readonly brokerPort: number;
	log = '';
	/** What the current process printed (the log runs on across restarts). */
	private output = '';

	private constructor(
		readonly rt: N8nRuntime,
		userFolder: string,
		ports: { port: number; brokerPort: number },
		private readonly extraEnv: NodeJS.ProcessEnv,
		private readonly codeNodes: boolean,
		private readonly onOutput?: (chunk: string) => void,
	) {
		super();
		this.userFolder = userFolder;
		this.port = ports.port;
		this.brokerPort = ports.brokerPort;
	}

	static async create(
		rt: N8nRuntime,
		options: {
			userFolder?: string;
			port?: number;
			env?: NodeJS.ProcessEnv;
			/**
			 * Start n8n's JavaScript task runner, the process only Code nodes run in (n8n's default). Off unless
			 * asked: no example has a Code node, and the runner costs about 3½ CPU-seconds each time n8n starts
			 * (docs/testing.md). The demo and the dev n8n turn it on, since a user may add one (test/e2e-dev.test.ts
			 * runs one).
			 */
			codeNodes?: boolean;
			onOutput?: (chunk: string) => void;
		} = {},
	): Promise<N8nInstance> {
		const userFolder = options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-n8n-'));
		const ports = { port: options.port ?? (await freePort()), brokerPort: await freePort() };
		const instance = new N8nInstance(
			rt,
			userFolder,
			ports,
			options.env ?? {},
			options.codeNodes ?? false,
			options.onOutput,
		);
		await instance.seedDatabase();
		return instance;
	}

	/** The running n8n process's pid (for memory sampling and profiling), if started. */
	get pid(): number | undefined {
		return this.process?.pid;
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	env(): NodeJS.ProcessEnv {
		const inherited = { ...process.env };
		// Jest's own settings must not leak into n8n (it has its own user folder and logging).
		for (const key of Object.keys(inherited))
			if (
				key.startsWith('N8N_') ||
				key.startsWith('JEST') ||
				key === 'NODE_OPTIONS' ||
				key === 'NODE_ENV'
			)
				delete inherited[key];
		return {
			...inherited,
			PATH: `${path.dirname(this.rt.node)}${path.delimiter}${process.env.PATH ?? ''}`,
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_ENCRYPTION_KEY: 'tanma-e2e-encryption-key-0001',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			DB_SQLITE_POOL_SIZE: '2',
			GENERIC_TIMEZONE: 'Asia/Shanghai',
			// 'external' makes n8n wait for a runner someone else starts, instead of starting its own.
			...(this.codeNodes
				? {}
				: { N8N_RUNNERS_MODE: 'external', N8N_RUNNERS_AUTH_TOKEN: 'tanma-e2e-no-runner' }),
			...this.extraEnv,
		};
	}

	/** Installs the tarball into <user folder>/.n8n/nodes the way n8n's community-package installer does. */
	async installPackage(tarball: string): Promise<void> {
		const nodesDir = path.join(this.userFolder, '.n8n', 'nodes');
		fs.mkdirSync(nodesDir, { recursive: true });
		if (!fs.existsSync(path.join(nodesDir, 'package.json'))) {
			fs.writeFileSync(
				path.join(nodesDir, 'package.json'),
				JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }),
			);
		}
		// n8n-workflow is a peer dependency that n8n itself provides: do not install a second copy.
		await run(
			'npm',
			[
				'install',
				tarball,
				'--ignore-scripts',
				'--legacy-peer-deps',
				'--no-audit',
				'--no-fund',
				'--loglevel=error',
			],
			{ cwd: nodesDir },
		);
	}

	/** A new user folder on SQLite gets a copy of the migrated database, before any n8n command runs in it. */
	private async seedDatabase(): Promise<void> {
		const env = this.env();
		const dataFolder = path.join(this.userFolder, '.n8n');
		if (env.DB_TYPE === 'postgresdb' || fs.existsSync(path.join(dataFolder, SQLITE_FILES[0])))
			return;
		const template = await migratedDatabase(this.rt, env);
		fs.mkdirSync(dataFolder, { recursive: true });
		for (const file of SQLITE_FILES)
			if (fs.existsSync(path.join(template, file)))
				fs.copyFileSync(path.join(template, file), path.join(dataFolder, file));
	}

	async cli(args: string[], timeoutMs = 300_000): Promise<string> {
		try {
			const { stdout } = await run(this.rt.node, [this.rt.n8n, ...args], {
				env: this.env(),
				timeoutMs,
			});
			return stdout;
		} catch (error) {
			const {
				stdout = '',
				stderr = '',
				code,
				signal,
			} = error as { stdout?: string; stderr?: string; code?: unknown; signal?: unknown };
			throw new Error(
				`n8n ${args[0]} failed (exit ${String(code)}, signal ${String(signal)}):\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`,
			);
		}
	}

	/**
	 * `n8n execute --rawOutput` for a workflow whose nodes end in error items (Continue On Fail): now and then
	 * n8n 2.40.7 exited 1 while shutting down after it had printed a finished, successful run (seen twice in
	 * about a dozen runs of the bad-input workflow; its cause is not known), and n8n 1.123.81 once died with SIGSEGV
	 * there. Such a run is returned with the exit code or signal noted; any other failure throws.
	 */
	async executeTolerantOfShutdown(
		workflowId: string,
	): Promise<{ output: string; exitNote?: string }> {
		const args = [this.rt.n8n, 'execute', `--id=${workflowId}`, '--rawOutput'];
		try {
			return {
				output: (await run(this.rt.node, args, { env: this.env(), timeoutMs: 300_000 })).stdout,
			};
		} catch (error) {
			const {
				stdout = '',
				stderr = '',
				code,
				signal,
			} = error as { stdout?: string; stderr?: string; code?: unknown; signal?: unknown };
			if (!/"status": "success",\s*"finished": true\s*}\s*$/.test(stdout)) {
				throw new Error(
					`n8n execute failed (exit ${String(code)}):\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`,
				);
			}
			return {
				output: stdout,
				exitNote: `n8n exited ${String(code ?? signal)}${stderr.trim() ? ` (${stderr.trim().slice(-300)})` : ''}`,
			};
		}
	}

	async importJson(kind: 'credentials' | 'workflow', data: unknown): Promise<void> {
		const file = path.join(this.userFolder, `import-${kind}-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(data));
		await this.cli([`import:${kind}`, `--input=${file}`]);
	}

	private launch(command: 'start' | 'worker' | 'webhook'): ChildProcess {
		const child = spawn(this.rt.node, [this.rt.n8n, command], {
			env: this.env(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.process = child;
		this.output = '';
		const capture = (chunk: Buffer) => {
			this.log = (this.log + chunk.toString()).slice(-200_000);
			this.output = (this.output + chunk.toString()).slice(-200_000);
			this.onOutput?.(chunk.toString());
		};
		child.stdout?.on('data', capture);
		child.stderr?.on('data', capture);
		return child;
	}

	private async waitUntil(
		child: ChildProcess,
		ready: () => Promise<boolean>,
		what: string,
		timeoutMs: number,
	): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (child.exitCode !== null)
				throw new Error(`n8n exited (${child.exitCode}):\n${this.log.slice(-4000)}`);
			if (await ready()) return;
			await new Promise((r) => setTimeout(r, 500));
		}
		throw new Error(`n8n did not become ${what} in ${timeoutMs} ms:\n${this.log.slice(-4000)}`);
	}

	/** `n8n start`: the main process (editor, REST API, webhooks, triggers). */
	async start(timeoutMs = 180_000): Promise<void> {
		const child = this.launch('start');
		// /healthz answers before the REST API is mounted; /rest/settings answers once n8n is ready. While its database
		// is still migrating n8n answers every path 200 "n8n is starting up. Please wait" as text/html: not ready.
		const ready = async () => {
			try {
				const answer = await fetch(`${this.baseUrl}/rest/settings`);
				return answer.ok && (answer.headers.get('content-type') ?? '').includes('application/json');
			} catch {
				return false; // not listening yet
			}
		};
		await this.waitUntil(child, ready, 'healthy', timeoutMs);
	}

	/** `n8n worker`: a queue-mode worker (needs EXECUTIONS_MODE=queue and the Redis/DB settings in env). */
	async startWorker(timeoutMs = 180_000): Promise<void> {
		const child = this.launch('worker');
		await this.waitUntil(
			child,
			async () => this.output.includes('n8n worker is now ready'),
			'a ready worker',
			timeoutMs,
		);
	}

	/** `n8n webhook`: a queue-mode webhook process (production webhooks only; needs EXECUTIONS_MODE=queue). */
	async startWebhook(timeoutMs = 180_000): Promise<void> {
		const child = this.launch('webhook');
		await this.waitUntil(
			child,
			async () => this.output.includes('Webhook listener waiting for requests.'),
			'a listening webhook process',
			timeoutMs,
		);
	}

	/** SIGKILL: a crash, nothing finished or saved on the way out. */
	async kill(): Promise<void> {
		const child = this.process;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGKILL');
		await exited;
	}

	async stop(): Promise<void> {
		const child = this.process;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
		await exited;
		clearTimeout(timer);
	}
}
