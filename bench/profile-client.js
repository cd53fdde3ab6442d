// Records a CPU profile of a running Node.js process through its inspector (run with Node 24: global WebSocket).
// Usage: node profile-client.js <inspector http base> <output file>; starts profiling, prints "started",
// stops and writes the .cpuprofile when a line arrives on stdin, then prints "written".
'use strict';
const fs = require('fs');
const readline = require('readline');

const [base, output] = process.argv.slice(2);

(async () => {
	const targets = await (await fetch(`${base}/json/list`)).json();
	const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
	await new Promise((resolve, reject) => {
		socket.onopen = resolve;
		socket.onerror = reject;
	});
	let nextId = 1;
	const pending = new Map();
	socket.onmessage = (event) => {
		const message = JSON.parse(String(event.data));
		if (message.id && pending.has(message.id)) {
			pending.get(message.id)(message.result);
			pending.delete(message.id);
		}
	};
	const send = (method, params = {}) =>
		new Promise((resolve) => {
			const id = nextId++;
			pending.set(id, resolve);
			socket.send(JSON.stringify({ id, method, params }));
		});
	await send('Profiler.enable');
	await send('Profiler.setSamplingInterval', { interval: 200 });
	await send('Profiler.start');
	process.stdout.write('started\n');
	readline.createInterface({ input: process.stdin }).once('line', async () => {
		const { profile } = await send('Profiler.stop');
		fs.writeFileSync(output, JSON.stringify(profile));
		process.stdout.write('written\n');
		socket.close();
		process.exit(0);
	});
})().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
