// The physical limit: a bare Node.js HTTP(S) client (keep-alive agent, no framework) reading the same pages
// the node reads, signing each body the same way, keeping every customer in memory, in page order.
// Protocol: prints "ready", then for each line "go <concurrency>" on stdin reads every page (page 1 first, then
// the rest with <concurrency> requests in flight over kept-alive connections) and prints one JSON line with its
// figures. Arguments: base URL, App ID, App Key, and for HTTPS the file of the certificate to trust.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const https = require('https');
const readline = require('readline');

const [baseUrl, appId, appKey, caFile] = process.argv.slice(2);
const secure = baseUrl.startsWith('https:');
const ca = caFile ? fs.readFileSync(caFile, 'utf8') : undefined;
const agents = new Map();
const agentFor = (concurrency) => {
	if (!agents.has(concurrency)) {
		const options = { keepAlive: true, maxSockets: concurrency };
		agents.set(concurrency, secure ? new https.Agent({ ...options, ca }) : new http.Agent(options));
	}
	return agents.get(concurrency);
};

function post(path, body, headers, agent) {
	return new Promise((resolve, reject) => {
		const req = (secure ? https : http).request(
			`${baseUrl}${path}`,
			{ method: 'POST', agent, headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } },
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

async function readPage(pageNo, agent) {
	const body = JSON.stringify({ pageNo, pageSize: 100 });
	const timestamp = String(Date.now());
	const sign = crypto
		.createHash('sha256')
		.update(appId + timestamp + body + appKey)
		.digest('hex');
	const envelope = JSON.parse(
		await post(
			'/api/v3/customer/search',
			body,
			{ 'Content-Type': 'application/json', appId, timestamp, sign },
			agent,
		),
	);
	if (envelope.code !== 0) throw new Error(`Tanma error ${envelope.code}: ${envelope.message}`);
	return envelope.data;
}

async function readAll(concurrency) {
	const agent = agentFor(concurrency);
	const first = await readPage(1, agent);
	const pages = [first.data];
	let next = 2;
	const worker = async () => {
		while (next <= first.totalPage) {
			const pageNo = next++;
			pages[pageNo - 1] = (await readPage(pageNo, agent)).data;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const customers = [];
	for (const page of pages) for (const customer of page) customers.push(customer);
	return { customers, requests: pages.length };
}

const lines = readline.createInterface({ input: process.stdin });
process.stdout.write('ready\n');
lines.on('line', async (line) => {
	const concurrency = Math.max(1, Number(line.split(' ')[1] ?? 1) || 1);
	const started = process.hrtime.bigint();
	const { customers, requests } = await readAll(concurrency);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	process.stdout.write(`${JSON.stringify({ items: customers.length, requests, ms })}\n`);
});
