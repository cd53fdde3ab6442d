/** Contract operations (nodes/Tanma/actions/contract/), against the vendor's own examples (vendor-examples/). */
import { parseJsonLossless } from '../../nodes/Tanma/transport/protocol/json';
import { readVendorExample } from '../../sandbox/vendorExamples';
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const { run, json, lastBody } = t;

test('Get: the contract id is sent as the text it is (HT. prefix), in the page example’s shape', async () => {
	const contract = t.sandbox.tenant.sales.contracts[0];
	const vendor = parseJsonLossless(
		readVendorExample('requests/contract-detail.api-65058512.json'),
	) as Record<string, unknown>;
	const result = await run({ resource: 'contract', operation: 'get', contractId: contract.id });
	expect(Object.keys(lastBody() ?? {})).toEqual(Object.keys(vendor));
	expect(t.lastRaw()).toBe(`{"contractId":"${contract.id}"}`);
	expect(json(result)).toEqual([
		expect.objectContaining({ id: contract.id, title: contract.title, amount: contract.amount }),
	]);
});

test('Get: an unknown contract is the vendor error', async () => {
	expect(
		(await run({ resource: 'contract', operation: 'get', contractId: 'HT.1' })).error?.message,
	).toBe('Tanma error -1: 合同不存在');
});

test('Get Fields: the page example’s request, and its answer (served unchanged) as one item per field, fixed fields first', async () => {
	const vendorRequest = parseJsonLossless(
		readVendorExample('requests/contract-field.api-57518920.json'),
	);
	const vendorAnswer = parseJsonLossless(
		readVendorExample('responses/contract-field.api-57518920.json'),
	) as { data: Record<string, unknown[]> };
	const result = await run({ resource: 'contract', operation: 'getFields', type: 1 });
	expect(lastBody()).toEqual(vendorRequest);
	expect(json(result)).toEqual([
		...vendorAnswer.data.essentialInfoParams.map((f) => ({ ...(f as object), group: 'essential' })),
		...vendorAnswer.data.expandInfoParams.map((f) => ({ ...(f as object), group: 'extended' })),
	]);
});
