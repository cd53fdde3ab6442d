/**
 * `npm run dev`: this package in a local n8n, rebuilt and reloaded on every change. The demo's n8n (pinned 2.x
 * on its Node 24 runtime, the sandbox, the "Tanma sandbox" credential, the example workflows, an owner) with the
 * package built by lab/dev-build.ts into its nodes folder and N8N_DEV_RELOAD=true: save a file under nodes/ or
 * credentials/ and tsc or gulp rewrites the package, n8n reloads it and serves the new descriptions and code.
 * Not `n8n-node dev` (docs/development.md says why). n8n data lives in .n8n-dev/ (git-ignored).
 */
import path from 'path';

import { startDevBuild } from '../lab/dev-build';
import type { Demo } from '../lab/demo-instance';
import { DEMO_LOGIN, startDemo } from '../lab/demo-instance';
import { REPO } from '../lab/n8n-instance';

export interface DevOptions {
	/** Where the package's sources are (default: this repository). */
	source?: string;
	userFolder?: string;
	n8nPort?: number;
	sandboxPort?: number;
	/** n8n's task runner for Code nodes (see N8nInstance.create): on for `npm run dev` and in its test. */
	codeNodes?: boolean;
	log?: (line: string) => void;
	onN8nOutput?: (chunk: string) => void;
}

export interface Dev extends Demo {
	build: Awaited<ReturnType<typeof startDevBuild>>;
}

export async function startDev(options: DevOptions = {}): Promise<Dev> {
	const log = options.log ?? (() => undefined);
	let build: Dev['build'] | undefined;
	const demo = await startDemo({
		userFolder: options.userFolder,
		n8nPort: options.n8nPort,
		sandboxPort: options.sandboxPort,
		// n8n reloads changed node packages only with this set and NODE_ENV unset or "development".
		env: { N8N_DEV_RELOAD: 'true' },
		codeNodes: options.codeNodes,
		log,
		onN8nOutput: options.onN8nOutput,
		install: async (n8n) => {
			log('building n8n-nodes-tanma into n8n (tsc --watch, gulp watch:assets)…');
			build = await startDevBuild(
				options.source ?? REPO,
				path.join(n8n.userFolder, '.n8n', 'nodes'),
				log,
			);
			return build.stop;
		},
	});
	return { ...demo, build: build! };
}

async function main() {
	const say = (line: string) => process.stdout.write(`${line}\n`);
	const started = Date.now();
	const dev = await startDev({
		userFolder: path.join(REPO, '.n8n-dev'),
		n8nPort: Number(process.env.N8N_PORT ?? 5678),
		sandboxPort: Number(process.env.SANDBOX_PORT ?? 4010),
		codeNodes: true,
		log: say,
		onN8nOutput: (chunk) => {
			for (const line of chunk.split('\n')) if (line.trim()) say(`[n8n] ${line}`);
		},
	});
	const shutdown = async () => {
		say('\nstopping n8n, the build and the sandbox…');
		await dev.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown());
	process.on('SIGTERM', () => void shutdown());
	say('');
	say(
		`n8n ${dev.n8n.rt.version} is up in ${Math.round((Date.now() - started) / 1000)} s with n8n-nodes-tanma from ${dev.build.folder}`,
	);
	say(
		`  editor:   http://localhost:${new URL(dev.n8n.baseUrl).port}/   login: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`,
	);
	say(`  sandbox:  ${dev.sandbox.baseUrl} (credential "Tanma sandbox" points here)`);
	say(
		'Edit nodes/ or credentials/: the package is rebuilt and n8n reloads it ("Hot reload triggered" below). Ctrl-C stops.',
	);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(`dev failed: ${String(error)}\n`);
		process.exit(1);
	});
}
