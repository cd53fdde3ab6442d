/**
 * A real n8n as a user would have it: this package installed from its tarball, the Tanma sandbox, a credential
 * pointing at it, every example workflow imported and an owner account. `npm run demo` and the editor checks
 * (test/e2e/editor.ts) start it the same way.
 */
import fs from 'fs';
import path from 'path';

import type { Sandbox } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';
import { N8nInstance, REPO, packPackage, runtime, waitFor } from './n8n-instance';
import { sandboxCredential } from './workflows';

export const DEMO_LOGIN = {
	email: 'demo@example.com',
	password: 'Tanma-demo-2026',
	firstName: 'Tanma',
	lastName: 'Demo',
};

export interface DemoExample {
	file: string;
	workflow: {
		id: string;
		name: string;
		nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
	};
}

export interface Demo {
	n8n: N8nInstance;
	sandbox: Sandbox;
	examples: DemoExample[];
	stop(): Promise<void>;
}

export function readExamples(): DemoExample[] {
	const folder = path.join(REPO, 'examples');
	return fs
		.readdirSync(folder)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			workflow: JSON.parse(
				fs.readFileSync(path.join(folder, file), 'utf8'),
			) as DemoExample['workflow'],
		}));
}

/** Puts the package into n8n before it starts; what it returns is called when the demo stops. */
export type InstallPackage = (n8n: N8nInstance) => Promise<(() => Promise<void>) | void>;

/** The user's way (and the demo's default): the packed tarball, installed as a community package. */
export const installPackedPackage: InstallPackage = async (n8n) => {
	await n8n.installPackage(await packPackage(fs.mkdtempSync(path.join(n8n.userFolder, 'pack-'))));
};

export async function startDemo(
	options: {
		userFolder?: string;
		n8nPort?: number;
		sandboxPort?: number;
		env?: NodeJS.ProcessEnv;
		/** n8n's task runner for Code nodes (see N8nInstance.create); off in the tests except test/e2e-dev.test.ts. */
		codeNodes?: boolean;
		log?: (m: string) => void;
		install?: InstallPackage;
		onN8nOutput?: (chunk: string) => void;
	} = {},
): Promise<Demo> {
	const log = options.log ?? (() => undefined);
	const rt = runtime('2.x', log);
	const sandbox = await startSandbox({ port: options.sandboxPort ?? 0 });
	const n8n = await N8nInstance.create(rt, {
		userFolder: options.userFolder,
		port: options.n8nPort,
		env: options.env,
		codeNodes: options.codeNodes,
		onOutput: options.onN8nOutput,
	});
	let uninstall: (() => Promise<void>) | void = undefined;
	const stop = async () => {
		await n8n.stop();
		await uninstall?.();
		await sandbox.close();
	};
	try {
		log('putting n8n-nodes-tanma into n8n, importing the credential and examples…');
		fs.mkdirSync(n8n.userFolder, { recursive: true });
		uninstall = await (options.install ?? installPackedPackage)(n8n);
		await n8n.importJson('credentials', sandboxCredential(sandbox));
		const examples = readExamples();
		await n8n.importJson(
			'workflow',
			examples.map((e) => e.workflow),
		);
		await n8n.start();
		// A new user folder needs its owner; on a reused one the owner exists and this answers 400. Under load n8n
		// can answer /rest/settings before its auth routes are up (seen: 404), so retry until the login works.
		await waitFor(
			async () => {
				await fetch(`${n8n.baseUrl}/rest/owner/setup`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify(DEMO_LOGIN),
				});
				const login = await fetch(`${n8n.baseUrl}/rest/login`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({
						emailOrLdapLoginId: DEMO_LOGIN.email,
						password: DEMO_LOGIN.password,
					}),
				});
				return login.ok;
			},
			60_000,
			() => `the demo owner could not log in; n8n log: ${n8n.log.slice(-2000)}`,
		);
		return { n8n, sandbox, examples, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
