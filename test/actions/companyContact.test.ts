/** Company Contact operations (nodes/Tanma/actions/companyContact/). */
import { parseJsonLossless } from '../../nodes/Tanma/transport/protocol/json';
import { readVendorExample } from '../../sandbox/vendorExamples';
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const { run, json } = t;

test('Get Many: the company customer id goes out as a JSON integer, like the page example; its contacts come back', async () => {
	const vendor = parseJsonLossless(
		readVendorExample('requests/company-contacts.api-22366511.json'),
	) as Record<string, unknown>;
	const expected = t.sandbox.tenant.sales.companyContacts.filter((c) => c.companyCustomerId === 2);
	const result = await run({
		resource: 'companyContact',
		operation: 'getMany',
		companyCustomerId: '2',
		returnAll: true,
	});
	expect(Object.keys(t.sandbox.requests[0].json ?? {})).toEqual(Object.keys(vendor));
	expect(t.lastRaw()).toBe('{"companyCustomerId":2}');
	expect(json(result).map((c) => c.contactId)).toEqual(expected.map((c) => c.contactId));
});

test('Get Many: Limit cuts the whole answer', async () => {
	const result = await run({
		resource: 'companyContact',
		operation: 'getMany',
		companyCustomerId: '1',
		returnAll: false,
		limit: 1,
	});
	expect(json(result)).toHaveLength(1);
});
