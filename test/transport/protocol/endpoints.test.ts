import { readFileSync } from 'fs';
import { join } from 'path';

import {
	ENDPOINTS,
	PAGING_WIRE,
	vendorPageUrl,
	VENDOR_DOCS_BASE,
} from '../../../nodes/Tanma/transport/protocol/endpoints';

test('the catalogue is one line per endpoint, each with a path, a paging style and a status', () => {
	const source = readFileSync(
		join(__dirname, '../../../nodes/Tanma/transport/protocol/endpoints.ts'),
		'utf8',
	);
	for (const [name, endpoint] of Object.entries(ENDPOINTS)) {
		expect(source).toMatch(
			new RegExp(`^\\t${name}: \\{ path: '${endpoint.path.replace(/[/.]/g, '\\$&')}'.*\\},$`, 'm'),
		);
		expect(endpoint.path).toMatch(/^\/[\w\-/]+$/);
		expect(endpoint.paging === 'none' || PAGING_WIRE[endpoint.paging] !== undefined).toBe(true);
	}
	expect(new Set(Object.values(ENDPOINTS).map((e) => e.path)).size).toBe(
		Object.keys(ENDPOINTS).length,
	);
});

test('an endpoint from a vendor page names it; one known from client code has none', () => {
	for (const endpoint of Object.values(ENDPOINTS)) {
		if (endpoint.source === 'doc')
			expect(vendorPageUrl(endpoint)).toBe(`${VENDOR_DOCS_BASE}${endpoint.docPage}`);
		else expect(endpoint.docPage).toBeUndefined();
	}
});

/**
 * Every path against a list copied from the API reference (./vendorPaths.json: page id → path, and the paths known
 * from client code), not from the catalogue: a typo in a catalogue path would otherwise pass every test, the
 * sandbox serving the same table.
 */
test('every catalogue path is the path of its vendor page (or of client code) in the reference', () => {
	const reference = JSON.parse(readFileSync(join(__dirname, 'vendorPaths.json'), 'utf8')) as {
		pages: Record<string, string>;
		client: string[];
	};
	for (const [name, endpoint] of Object.entries(ENDPOINTS)) {
		const expected = endpoint.docPage
			? reference.pages[endpoint.docPage]
			: reference.client.find((p) => p === endpoint.path);
		expect({ name, path: endpoint.path }).toEqual({ name, path: expected });
	}
});
