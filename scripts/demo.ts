/**
 * `npm run demo`: a real n8n with this package installed from its tarball, the Tanma sandbox, a demo
 * credential and the example workflows. Prints the editor URL and login; Ctrl-C stops everything.
 * The n8n install and the demo's user folder (.n8n-demo/) are reused by later runs.
 * TANMA_DEMO_LOCALE=zh-CN starts n8n with N8N_DEFAULT_LOCALE=zh-CN (our nodes ship a Chinese translation).
 */
import path from 'path';

import { DEMO_LOGIN, startDemo } from '../lab/demo-instance';
import { REPO } from '../lab/n8n-instance';

const say = (m: string) => process.stdout.write(`${m}\n`);

async function main() {
	const started = Date.now();
	const locale = process.env.TANMA_DEMO_LOCALE;
	const { n8n, sandbox, examples, stop } = await startDemo({
		userFolder: path.join(REPO, '.n8n-demo'),
		n8nPort: Number(process.env.N8N_PORT ?? 5678),
		sandboxPort: Number(process.env.SANDBOX_PORT ?? 4010),
		env: locale ? { N8N_DEFAULT_LOCALE: locale } : {},
		codeNodes: true,
		log: say,
	});
	const shutdown = async () => {
		say('\nstopping n8n and the sandbox…');
		await stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown());
	process.on('SIGTERM', () => void shutdown());

	const port = new URL(n8n.baseUrl).port;
	say('');
	say(
		`n8n ${n8n.rt.version} is up in ${Math.round((Date.now() - started) / 1000)} s${locale ? ` (locale ${locale})` : ''}`,
	);
	say(`  editor:   http://localhost:${port}/`);
	say(`  login:    ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`);
	say(`  sandbox:  ${sandbox.baseUrl} (credential "Tanma sandbox" points here)`);
	say(`  examples: ${examples.map((e) => e.file).join(', ')}`);
	say(
		`  try:      curl -X POST ${sandbox.baseUrl}/__sandbox/follow-ups -d '{"externalUserId":"${sandbox.tenant.customers[0].externalUserId}","content":"需要报价"}'`,
	);
	say('Ctrl-C stops n8n and the sandbox.');
}

main().catch((error: unknown) => {
	process.stderr.write(`demo failed: ${String(error)}\n`);
	process.exit(1);
});
