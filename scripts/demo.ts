/**
 * `npm run demo`: a real n8n with this package installed from its tarball, the Tanma sandbox, a demo
 * credential and the example workflows. Prints the editor URL and login; Ctrl-C stops everything.
 * The n8n install and the demo's user folder (.n8n-demo/) are reused by later runs.
 */
import fs from 'fs';
import path from 'path';

import { startSandbox } from '../sandbox/server';
import { N8nInstance, REPO, packPackage, runtime } from '../lab/n8n-instance';
import { sandboxCredential } from '../lab/workflows';

const LOGIN = { email: 'demo@example.com', password: 'Tanma-demo-2026', firstName: 'Tanma', lastName: 'Demo' };
const say = (m: string) => process.stdout.write(`${m}\n`);

async function main() {
	const started = Date.now();
	const rt = runtime('2.x', say);
	const sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 4010) });
	const userFolder = path.join(REPO, '.n8n-demo');
	fs.mkdirSync(userFolder, { recursive: true });
	const n8n = await N8nInstance.create(rt, {
		userFolder,
		port: Number(process.env.N8N_PORT ?? 5678),
	});
	const stop = async () => {
		say('\nstopping n8n and the sandbox…');
		await n8n.stop();
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());

	say('packing and installing n8n-nodes-tanma into the demo n8n, importing the credential and examples…');
	const tarball = await packPackage(fs.mkdtempSync(path.join(userFolder, 'pack-')));
	await n8n.installPackage(tarball);
	await n8n.importJson('credentials', sandboxCredential(sandbox));
	const examples = fs.readdirSync(path.join(REPO, 'examples')).filter((f) => f.endsWith('.json'));
	await n8n.importJson('workflow', examples.map((f) => JSON.parse(fs.readFileSync(path.join(REPO, 'examples', f), 'utf8')) as unknown));
	await n8n.start();
	// First run: create the owner (later runs: it exists, and this answers 400).
	await fetch(`${n8n.baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(LOGIN),
	});
	const port = new URL(n8n.baseUrl).port;
	say('');
	say(`n8n ${rt.version} is up in ${Math.round((Date.now() - started) / 1000)} s`);
	say(`  editor:   http://localhost:${port}/`);
	say(`  login:    ${LOGIN.email} / ${LOGIN.password}`);
	say(`  sandbox:  ${sandbox.baseUrl} (credential "Tanma sandbox" points here)`);
	say(`  examples: ${examples.join(', ')}`);
	say(`  try:      curl -X POST ${sandbox.baseUrl}/__sandbox/follow-ups -d '{"externalUserId":"${sandbox.tenant.customers[0].externalUserId}","content":"需要报价"}'`);
	say('Ctrl-C stops n8n and the sandbox.');
}

main().catch((error: unknown) => {
	process.stderr.write(`demo failed: ${String(error)}\n`);
	process.exit(1);
});
