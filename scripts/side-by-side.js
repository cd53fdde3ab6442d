#!/usr/bin/env node
// Runs npm scripts side by side: `node scripts/side-by-side.js build typecheck lint`. `npm test` uses it for the
// checks before jest, which read the sources only and are single-threaded each, so on two cores they take about
// half the time one after the other would. Each script's output is printed whole when it ends (no interleaving);
// the exit code is 1 when any failed, and the failed ones are named last.
const { spawn } = require('child_process');

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
	process.stderr.write('usage: node scripts/side-by-side.js <npm script> [<npm script> ...]\n');
	process.exit(2);
}

/** Runs one npm script; resolves to its exit code, its output printed as one block. */
function run(script) {
	return new Promise((resolve) => {
		const started = Date.now();
		const child = spawn('npm', ['run', '--silent', script], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const output = [];
		child.stdout.on('data', (chunk) => output.push(chunk));
		child.stderr.on('data', (chunk) => output.push(chunk));
		child.on('error', (error) => output.push(Buffer.from(`${String(error)}\n`)));
		child.on('close', (code, signal) => {
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			const status = code === 0 ? 'passed' : `failed (${signal ?? `exit ${code}`})`;
			process.stdout.write(`> npm run ${script}: ${status} in ${seconds} s\n`);
			process.stdout.write(Buffer.concat(output));
			resolve(code === 0 ? 0 : 1);
		});
	});
}

Promise.all(scripts.map(run)).then((codes) => {
	const failed = scripts.filter((_, i) => codes[i] !== 0);
	if (failed.length > 0) {
		process.stderr.write(`failed: ${failed.map((s) => `npm run ${s}`).join(', ')}\n`);
		process.exit(1);
	}
});
