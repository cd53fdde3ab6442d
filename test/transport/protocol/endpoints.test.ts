import { readFileSync } from 'fs';
import { join } from 'path';

import { ENDPOINTS, PAGING_WIRE, vendorPageUrl, VENDOR_DOCS_BASE } from '../../../nodes/Tanma/transport/protocol/endpoints';

test('the catalogue is one line per endpoint, each with a path, a paging style and a status', () => {
	const source = readFileSync(join(__dirname, '../../../nodes/Tanma/transport/protocol/endpoints.ts'), 'utf8');
	for (const [name, endpoint] of Object.entries(ENDPOINTS)) {
		expect(source).toMatch(new RegExp(`^\\t${name}: \\{ path: '${endpoint.path.replace(/[/.]/g, '\\$&')}'.*\\},$`, 'm'));
		expect(endpoint.path).toMatch(/^\/[\w\-/]+$/);
		expect(endpoint.paging === 'none' || PAGING_WIRE[endpoint.paging] !== undefined).toBe(true);
	}
	expect(new Set(Object.values(ENDPOINTS).map((e) => e.path)).size).toBe(Object.keys(ENDPOINTS).length);
});

test('an endpoint from a vendor page names it; one known from client code has none', () => {
	for (const endpoint of Object.values(ENDPOINTS)) {
		if (endpoint.source === 'doc') expect(vendorPageUrl(endpoint)).toBe(`${VENDOR_DOCS_BASE}${endpoint.docPage}`);
		else expect(endpoint.docPage).toBeUndefined();
	}
});
