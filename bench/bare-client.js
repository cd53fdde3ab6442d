// The physical limit: a bare Node.js HTTP client (keep-alive agent, no framework) reading the same pages
// the node reads, signing each body the same way, keeping every customer in memory.
// Protocol: prints "ready", waits for a line on stdin, runs, prints one JSON line with its figures.
'use strict';
const crypto = require('crypto');
const http = require('http');
const readline = require('readline');

const [baseUrl, appId, appKey] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function post(path, body, headers) {
	return new Promise((resolve, reject) => {
		const req = http.request(`${baseUrl}${path}`, { method: 'POST', agent, headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

async function readAll() {
	const customers = [];
	let requests = 0;
	let pageNo = 1;
	let totalPage = 1;
	do {
		const body = JSON.stringify({ pageNo, pageSize: 100 });
		const timestamp = String(Date.now());
		const sign = crypto.createHash('sha256').update(appId + timestamp + body + appKey).digest('hex');
		const envelope = JSON.parse(await post('/api/v3/customer/search', body, { 'Content-Type': 'application/json', appId, timestamp, sign }));
		requests++;
		if (envelope.code !== 0) throw new Error(`Tanma error ${envelope.code}: ${envelope.message}`);
		totalPage = envelope.data.totalPage;
		for (const customer of envelope.data.data) customers.push(customer);
		pageNo++;
	} while (pageNo <= totalPage);
	return { customers, requests };
}

const lines = readline.createInterface({ input: process.stdin });
process.stdout.write('ready\n');
lines.on('line', async () => {
	const started = process.hrtime.bigint();
	const { customers, requests } = await readAll();
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	process.stdout.write(`${JSON.stringify({ items: customers.length, requests, ms })}\n`);
});
