/**
 * The build `npm run dev` keeps running: `tsc --watch` on tsconfig.build.json and `gulp watch:assets`, both
 * writing straight into <n8n user folder>/.n8n/nodes/node_modules/<package> — where a community-package install
 * puts it, so n8n loads it under its published node types and resolves n8n-workflow to n8n's own copy, as for a
 * user. n8n started with N8N_DEV_RELOAD=true watches that folder and reloads the package when a file changes.
 * The repository's dist/ is not touched (the release rehearsal checks it is a clean build).
 */
import type { ChildProcess } from 'child_process';
import { spawn } from 'child_process';
import fs from 'fs';
import path from 'path';

import { REPO } from './n8n-instance';

export interface DevBuild {
	/** The package folder n8n loads. */
	folder: string;
	/** TypeScript builds finished so far (the first one included), and the errors of the last one. */
	readonly builds: number;
	readonly errors: string[];
	/** Resolves once more than `count` builds have finished. */
	waitForBuild(count: number, timeoutMs?: number): Promise<void>;
	stop(): Promise<void>;
}

/** Builds the package whose sources are in `source` into `nodesFolder`/node_modules, and keeps rebuilding it. */
export async function startDevBuild(
	source: string,
	nodesFolder: string,
	log: (line: string) => void = () => undefined,
): Promise<DevBuild> {
	const manifest = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')) as {
		name: string;
	};
	const folder = path.join(nodesFolder, 'node_modules', manifest.name);
	// A previous install (npm's, or a symlink) or an older dev build: start from an empty folder.
	fs.rmSync(folder, { recursive: true, force: true });
	fs.mkdirSync(folder, { recursive: true });
	fs.copyFileSync(path.join(source, 'package.json'), path.join(folder, 'package.json'));
	const out = path.join(folder, 'dist');

	let builds = 0;
	let errors: string[] = [];
	let pending: string[] = [];
	let assetsCopied = false;
	const children: ChildProcess[] = [];
	const lines = (child: ChildProcess, onLine: (line: string) => void) => {
		let rest = '';
		const take = (chunk: Buffer) => {
			const text = rest + chunk.toString();
			const parts = text.split('\n');
			rest = parts.pop() ?? '';
			for (const line of parts) if (line.trim()) onLine(line.replace(/\r$/, ''));
		};
		child.stdout?.on('data', take);
		child.stderr?.on('data', take);
	};

	const tsc = spawn(
		process.execPath,
		[
			path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'),
			'-p',
			path.join(source, 'tsconfig.build.json'),
			'--watch',
			'--preserveWatchOutput',
			'--pretty',
			'false',
			'--outDir',
			out,
		],
		{ cwd: source, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	children.push(tsc);
	lines(tsc, (line) => {
		log(`[tsc] ${line}`);
		if (/error TS\d+/.test(line)) pending.push(line);
		// "Found 0 errors. Watching for file changes." ends every build, the first and each rebuild.
		if (/Found \d+ errors?\. Watching for file changes/.test(line)) {
			errors = pending;
			pending = [];
			builds += 1;
		}
	});

	const gulp = spawn(
		process.execPath,
		[
			path.join(REPO, 'node_modules', 'gulp', 'bin', 'gulp.js'),
			'watch:assets',
			'--cwd',
			source,
			'--gulpfile',
			path.join(source, 'gulpfile.js'),
		],
		{
			cwd: source,
			env: { ...process.env, TANMA_BUILD_OUT: out },
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	children.push(gulp);
	lines(gulp, (line) => {
		if (/Finished 'copyAssets'/.test(line)) assetsCopied = true;
		if (/Finished|Error|error/.test(line)) log(`[assets] ${line.replace(/^\[[\d:]+\] /, '')}`);
	});

	const stop = async () => {
		await Promise.all(
			children.map(async (child) => {
				if (child.exitCode !== null || child.signalCode !== null) return;
				const exited = new Promise((resolve) => child.once('exit', resolve));
				child.kill('SIGTERM');
				await exited;
			}),
		);
	};
	const waitUntil = async (ready: () => boolean, what: string, timeoutMs: number) => {
		const deadline = Date.now() + timeoutMs;
		while (!ready()) {
			const ended = children.find((c) => c.exitCode !== null);
			if (ended)
				throw new Error(
					`the dev build's ${ended === tsc ? 'tsc' : 'gulp'} exited (${ended.exitCode}) before ${what}`,
				);
			if (Date.now() > deadline)
				throw new Error(`the dev build did not finish ${what} in ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	};
	try {
		await waitUntil(() => builds > 0 && assetsCopied, 'its first build', 180_000);
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		folder,
		get builds() {
			return builds;
		},
		get errors() {
			return errors;
		},
		waitForBuild: async (count, timeoutMs = 120_000) =>
			await waitUntil(() => builds > count, `build ${count + 1}`, timeoutMs),
		stop,
	};
}
