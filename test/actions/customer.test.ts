/** Customer operations (nodes/Tanma/actions/customer/): request sent, items out, validation, vendor errors. */
import { ENDPOINTS } from '../../nodes/Tanma/transport/protocol/endpoints';
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const { run, json, lastBody, lastRaw } = t;

test('Get sends the WeCom ids and outputs the detail rows', async () => {
	const c = t.sandbox.tenant.customers[2];
	const result = await run({
		resource: 'customer',
		operation: 'get',
		externalUserId: c.externalUserId,
		qwUserId: c.ownerQwUserId,
	});
	expect(result.error).toBeUndefined();
	expect(t.sandbox.requests[0].json).toEqual({
		externalUserId: c.externalUserId,
		qwUserId: c.ownerQwUserId,
	});
	expect(json(result)).toEqual([
		expect.objectContaining({
			externalUserId: c.externalUserId,
			mobiles: c.mobiles,
			qwUserId: c.ownerQwUserId,
		}),
	]);
	expect(result.items[0].pairedItem).toEqual({ item: 0 });
});

test('Search with Return All reads every page; filters go into the signed body', async () => {
	const owner = t.sandbox.tenant.staff[0];
	const result = await run({
		resource: 'customer',
		operation: 'search',
		returnAll: true,
		searchKey: '',
		filters: {
			salesIds: owner.salesId,
			role: '1',
			createdAfter: '2026-08-01T00:00:00+08:00',
			createdBefore: '2026-10-01 10:00:00',
		},
	});
	expect(result.error).toBeUndefined();
	const expected = t.sandbox.tenant.customers.filter(
		(c) =>
			c.ownerSalesId === owner.salesId && c.createTimeMs >= Date.parse('2026-08-01T00:00:00+08:00'),
	);
	expect(
		json(result)
			.map((c) => String(c.customerId))
			.sort(),
	).toEqual(expected.map((c) => c.customerId).sort());
	expect(t.sandbox.requests[0].json).toMatchObject({
		salesIdList: [owner.salesId],
		role: 1,
		createTime: { start: '2026-08-01 00:00:00', end: '2026-10-01 10:00:00' },
		pageNo: 1,
		pageSize: 100,
	});
});

test('Return All decrypts the credential once and signs every page with it', async () => {
	const result = await run({ resource: 'customer', operation: 'search', returnAll: true });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(t.sandbox.tenant.customers.length);
	const pages = Math.ceil(t.sandbox.tenant.customers.length / 100);
	expect(t.sandbox.requests).toHaveLength(pages);
	expect(t.sandbox.requests.every((r) => r.outcome === '0')).toBe(true); // each signature checked by the t.sandbox
	expect(result.helper.authenticated).toHaveLength(pages);
	expect(result.helper.decryptions).toBe(1);
});

test('Search with a Limit stops after the limit', async () => {
	const result = await run({
		resource: 'customer',
		operation: 'search',
		returnAll: false,
		limit: 120,
	});
	expect(result.items).toHaveLength(120);
	expect(t.sandbox.requests).toHaveLength(2);
});

test('Search keeps a customer id beyond 2^53 exact in the output', async () => {
	const result = await run({
		resource: 'customer',
		operation: 'search',
		returnAll: false,
		limit: 5,
		filters: { customerId: '9007199254740993' },
	});
	expect(t.sandbox.requests[0].rawBody).toContain('"customerId":9007199254740993');
	expect(json(result).map((c) => c.customerId)).toEqual(['9007199254740993']);
});

test('Search rejects bad JSON conditions before sending anything', async () => {
	const result = await run({
		resource: 'customer',
		operation: 'search',
		filters: { conditions: '{"conditionItems": [' },
	});
	expect(result.error?.message).toBe('"Conditions (JSON)" is not valid JSON');
	expect(t.sandbox.requests).toHaveLength(0);
});

describe('Search → Tags: the tag condition written for the user', () => {
	const tagged = (wanted: number[], every: boolean) =>
		t.sandbox.tenant.customers
			.filter((c) =>
				every
					? wanted.every((w) => c.tagIds.includes(w))
					: wanted.some((w) => c.tagIds.includes(w)),
			)
			.map((c) => c.customerId)
			.sort();
	const twoTags = () => {
		const counts = new Map<number, number>();
		for (const c of t.sandbox.tenant.customers)
			for (const tag of c.tagIds) counts.set(tag, (counts.get(tag) ?? 0) + 1);
		return [...counts.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, 2)
			.map(([tag]) => tag);
	};

	test("any of the tags: one condition as Tanma's example writes it ({name: tagIds, op: 6, values})", async () => {
		const tags = twoTags();
		const result = await run({
			resource: 'customer',
			operation: 'search',
			returnAll: true,
			filters: { tagIds: tags.map(String) },
		});
		expect(result.error).toBeUndefined();
		expect(t.sandbox.requests[0].json?.conditions).toEqual({
			conditionOp: 1,
			conditionItems: [{ name: 'tagIds', op: 6, values: tags }],
		});
		expect(
			json(result)
				.map((c) => String(c.customerId))
				.sort(),
		).toEqual(tagged(tags, false));
	});

	test('all of the tags: one condition per tag, after the conditions typed as JSON', async () => {
		const tags = twoTags();
		const typed = { name: 'point_credit', op: 7, values: ['11'] };
		const result = await run({
			resource: 'customer',
			operation: 'search',
			returnAll: true,
			filters: {
				tagIds: tags.map(String),
				tagMatch: 'all',
				conditions: JSON.stringify({ conditionItems: [typed] }),
			},
		});
		expect(result.error).toBeUndefined();
		expect(t.sandbox.requests[0].json?.conditions).toEqual({
			conditionOp: 1,
			conditionItems: [typed, ...tags.map((tag) => ({ name: 'tagIds', op: 6, values: [tag] }))],
		});
		const both = tagged(tags, true);
		expect(both.length).toBeLessThan(tagged(tags, false).length);
		expect(
			json(result)
				.map((c) => String(c.customerId))
				.sort(),
		).toEqual(both);
	});

	test('tags beside typed conditions combined another way are refused before anything is sent', async () => {
		const result = await run({
			resource: 'customer',
			operation: 'search',
			filters: {
				tagIds: ['1'],
				conditions:
					'{"conditionOp": 0, "conditionItems": [{"name": "sales_stage", "op": 2, "values": ["1"]}]}',
			},
		});
		expect(result.error?.message).toBe(
			'"Conditions (JSON)" has conditionOp 0, but the tag filter adds conditions that must all hold',
		);
		expect(t.sandbox.requests).toHaveLength(0);
	});

	test('last follow-up window goes out as qwLastFollowTypes, the field of Tanma’s example', async () => {
		const result = await run({
			resource: 'customer',
			operation: 'search',
			returnAll: true,
			filters: {
				lastFollowUpAfter: '2026-09-01 00:00:00',
				lastFollowUpBefore: '2026-09-30T23:59:59+08:00',
			},
		});
		expect(result.error).toBeUndefined();
		expect(t.sandbox.requests[0].json?.qwLastFollowTypes).toEqual({
			start: '2026-09-01 00:00:00',
			end: '2026-09-30 23:59:59',
		});
		const from = Date.parse('2026-09-01T00:00:00+08:00');
		const to = Date.parse('2026-09-30T23:59:59+08:00');
		const expected = t.sandbox.tenant.customers.filter(
			(c) => c.lastFollowTimeMs !== null && c.lastFollowTimeMs >= from && c.lastFollowTimeMs <= to,
		);
		expect(
			json(result)
				.map((c) => String(c.customerId))
				.sort(),
		).toEqual(expected.map((c) => c.customerId).sort());
	});
});

test('Get Many by Created Time pages through the window (page style)', async () => {
	const result = await run({
		resource: 'customer',
		operation: 'getManyByCreatedTime',
		since: '2026-09-01 00:00:00',
		before: '2026-10-01 00:00:00',
		returnAll: true,
	});
	const since = Date.parse('2026-09-01T00:00:00+08:00');
	const before = Date.parse('2026-10-01T00:00:00+08:00');
	const expected = t.sandbox.tenant.customers.filter(
		(c) => c.createTimeMs >= since && c.createTimeMs < before,
	);
	expect(result.items).toHaveLength(expected.length);
	expect(t.sandbox.requests[0].json).toMatchObject({
		since: '2026-09-01 00:00:00',
		before: '2026-10-01 00:00:00',
	});
});

test('Get Many by Created Time rejects an invalid date and a reversed window', async () => {
	const bad = await run({
		resource: 'customer',
		operation: 'getManyByCreatedTime',
		since: 'not a date',
		before: '2026-10-01 00:00:00',
	});
	expect(bad.error?.message).toBe('"Created After" is not a valid date-time: "not a date"');
	const reversed = await run({
		resource: 'customer',
		operation: 'getManyByCreatedTime',
		since: '2026-10-02 00:00:00',
		before: '2026-10-01 00:00:00',
	});
	expect(reversed.error?.message).toMatch(/earlier than/);
	expect(t.sandbox.requests).toHaveLength(0);
});

test('Get Fields outputs one item per field', async () => {
	const result = await run({ resource: 'customer', operation: 'getFields' });
	expect(json(result).map((f) => f.name)).toEqual(t.sandbox.tenant.fields.map((f) => f.name));
});

test('Get Profile Fields sends no body at all (signed over "") and outputs one item per field', async () => {
	const result = await run({ resource: 'customer', operation: 'getProfileFields' });
	expect(result.error).toBeUndefined();
	expect(t.sandbox.requests.map((r) => [r.path, r.rawBody, r.outcome])).toEqual([
		[ENDPOINTS.profileFields.path, '', '0'],
	]);
	expect(json(result)).toEqual(t.sandbox.tenant.fields.map((f) => ({ id: f.id })));
});

test('Get High-Seas Contacts sends the id as a number and outputs the contacts', async () => {
	const c = t.sandbox.tenant.highSeasContacts[0];
	const result = await run({
		resource: 'customer',
		operation: 'getHighSeasContacts',
		customerId: c.customerId,
	});
	expect(t.sandbox.requests[0].rawBody).toBe(`{"customerId":${c.customerId}}`);
	expect(json(result).length).toBe(
		t.sandbox.tenant.highSeasContacts.filter((x) => x.customerId === c.customerId).length,
	);
});

test('Get High-Seas Contacts can send the salesperson as Tanma’s example does: {userId, customerId, qwUserId}', async () => {
	const c = t.sandbox.tenant.highSeasContacts[0];
	const staff = t.sandbox.tenant.staff[0];
	await run({
		resource: 'customer',
		operation: 'getHighSeasContacts',
		customerId: c.customerId,
		additionalFields: { salespersonId: staff.salesId, salespersonQwUserId: staff.qwUserId },
	});
	expect(t.sandbox.requests[0].rawBody).toBe(
		`{"userId":${staff.salesId},"customerId":${c.customerId},"qwUserId":"${staff.qwUserId}"}`,
	);
});

test('Import groups repeated fields into one alias with several values and creates the customer', async () => {
	const owner = t.sandbox.tenant.staff[0];
	const result = await run({
		resource: 'customer',
		operation: 'import',
		qwUserId: owner.salesId,
		fields: {
			field: [
				{ alias: 'name', value: '王小明' },
				{ alias: 'customer_ch_phone', value: '13900000001' },
				{ alias: 'products', value: '1' },
				{ alias: 'products', value: '3' },
			],
		},
	});
	expect(result.error).toBeUndefined();
	expect(t.sandbox.requests[0].path).toBe(ENDPOINTS.customerImport.path);
	expect(lastBody()).toEqual({
		qwUserId: owner.salesId,
		fields: [
			{ alias: 'name', values: ['王小明'] },
			{ alias: 'customer_ch_phone', values: ['13900000001'] },
			{ alias: 'products', values: ['1', '3'] },
		],
	});
	expect(json(result)).toEqual([{ success: true }]);
	const added = t.sandbox.tenant.customers.find((c) => c.mobiles.includes('13900000001'));
	expect(added).toMatchObject({ name: '王小明', ownerSalesId: owner.salesId });
});

test('Import of a taken phone number surfaces 40417 with its hint', async () => {
	const taken = t.sandbox.tenant.customers[0].mobiles[0];
	const result = await run({
		resource: 'customer',
		operation: 'import',
		qwUserId: t.sandbox.tenant.staff[0].salesId,
		fields: { field: [{ alias: 'customer_ch_phone', value: taken }] },
	});
	expect(result.error?.message).toMatch(/^Tanma error 40417: /);
	expect((result.error as { description?: string }).description).toMatch(
		/phone number already exists/,
	);
});

test('Import names a field without a value and sends nothing', async () => {
	const result = await run({
		resource: 'customer',
		operation: 'import',
		qwUserId: t.sandbox.tenant.staff[0].salesId,
		fields: {
			field: [
				{ alias: 'name', value: '张三' },
				{ alias: 'customer_ch_phone', value: '  ' },
			],
		},
	});
	expect(result.error?.message).toBe('"Fields" has field "customer_ch_phone" without a value');
	expect(t.sandbox.requests).toHaveLength(0);
});

test('Transfer moves each customer, sending ids as exact integers (even beyond 2^53)', async () => {
	const big = t.sandbox.tenant.customers.find((c) => c.customerId === '9007199254740993')!;
	const other = t.sandbox.tenant.customers[1];
	const to = t.sandbox.tenant.staff.find(
		(s) => s.deleted === 0 && s.salesId !== big.ownerSalesId && s.salesId !== other.ownerSalesId,
	)!;
	const [bigOwner, otherOwner] = [big.ownerQwUserId, other.ownerQwUserId];
	const result = await run({
		resource: 'customer',
		operation: 'transfer',
		handoverToUserid: to.qwUserId,
		customers: {
			customer: [
				{ customerId: big.customerId, qwUserId: big.ownerQwUserId },
				{ customerId: other.customerId, qwUserId: other.ownerQwUserId },
			],
		},
	});
	expect(result.error).toBeUndefined();
	expect(lastRaw()).toBe(
		`{"handoverToUserid":"${to.qwUserId}","customers":[{"qwUserId":"${bigOwner}","customerId":9007199254740993},` +
			`{"qwUserId":"${otherOwner}","customerId":${other.customerId}}]}`,
	);
	expect(big.ownerSalesId).toBe(to.salesId);
	expect(other.ownerSalesId).toBe(to.salesId);
});

test('Transfer rejects a customer id that is not a number', async () => {
	const result = await run({
		resource: 'customer',
		operation: 'transfer',
		handoverToUserid: t.sandbox.tenant.staff[0].qwUserId,
		customers: { customer: [{ customerId: 'abc', qwUserId: 'sales01' }] },
	});
	expect(result.error?.message).toBe('"Customer 1: Customer ID" must be a numeric ID, got "abc"');
	expect(t.sandbox.requests).toHaveLength(0);
});
