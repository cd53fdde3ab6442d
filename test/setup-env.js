// n8n-core reads instance settings from N8N_USER_FOLDER; keep test runs out of ~/.n8n.
const fs = require('fs');
const os = require('os');
const path = require('path');

if (!process.env.N8N_USER_FOLDER) {
	const dir = path.join(os.tmpdir(), `n8n-nodes-tanma-jest-${process.pid}`);
	fs.mkdirSync(dir, { recursive: true });
	process.env.N8N_USER_FOLDER = dir;
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
