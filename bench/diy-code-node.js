// The do-it-yourself alternative to the Tanma node, as a skilled n8n user writes it in a Code node
// ("Run Once for All Items"): sign each body with SHA-256, page through Customer Search with
// this.helpers.httpRequest, stop at totalPage, fail on a vendor error. Needs NODE_FUNCTION_ALLOW_BUILTIN=crypto.
// The three constants below are filled in by the benchmark (a user would paste them).
const crypto = require('crypto');
const baseUrl = '__BASE_URL__';
const appId = '__APP_ID__';
const appKey = '__APP_KEY__';

const items = [];
let pageNo = 1;
let totalPage = 1;
do {
	const body = JSON.stringify({ pageNo, pageSize: 100 });
	const timestamp = String(Date.now());
	const sign = crypto
		.createHash('sha256')
		.update(appId + timestamp + body + appKey)
		.digest('hex');
	const text = await this.helpers.httpRequest({
		method: 'POST',
		url: `${baseUrl}/api/v3/customer/search`,
		headers: { 'Content-Type': 'application/json', appId, timestamp, sign },
		body,
		json: false,
	});
	const envelope = typeof text === 'string' ? JSON.parse(text) : text;
	if (envelope.code !== 0) throw new Error(`Tanma error ${envelope.code}: ${envelope.message}`);
	totalPage = envelope.data.totalPage;
	for (const customer of envelope.data.data) items.push({ json: customer });
	pageNo++;
} while (pageNo <= totalPage);
return items;
