/* Starts the Tanma sandbox in the foreground: `npm run sandbox [-- --port 4010 --customers 250]`. */
import { startSandbox } from './server';

function flag(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
	const port = Number(flag('port') ?? process.env.TANMA_SANDBOX_PORT ?? 4010);
	const customers = flag('customers');
	const sandbox = await startSandbox({
		port,
		seed: customers ? { customers: Number(customers) } : undefined,
	});
	const lines = [
		'Tanma sandbox is running.',
		`  Base URL : ${sandbox.baseUrl}`,
		`  App ID   : ${sandbox.appId}`,
		`  App Key  : ${sandbox.appKey}`,
		`  Tenant   : ${sandbox.tenant.customers.length} customers, ${sandbox.tenant.staff.length} staff, ${sandbox.tenant.followUps.length} follow-ups`,
		`  Control  : ${sandbox.baseUrl}/__sandbox/info (requests, faults, follow-ups, sink)`,
		'Press Ctrl-C to stop.',
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	const stop = () => {
		void sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`${String(error)}\n`);
	process.exit(1);
});
