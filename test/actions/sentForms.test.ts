/**
 * The statement of what the node sends where Tanma's table and example disagree (nodes/Tanma/actions/sentForms.ts)
 * held against the three places that must agree with it: the requests the operations send (each entry's operation run
 * against the sandbox with the field set, its proof's `wire` found in the body as stated), Tenant Check's items, and
 * the table on docs/table-vs-example.md.
 */
import fs from 'fs';
import path from 'path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { SentForm } from '../../nodes/Tanma/actions/sentForms';
import { SENT_FORMS } from '../../nodes/Tanma/actions/sentForms';
import { ENDPOINTS } from '../../nodes/Tanma/transport/protocol/endpoints';
import type { Sandbox } from '../../sandbox/server';
import { actionsAgainstSandbox, minimalParameters, textContent } from '../support/actions';

const t = actionsAgainstSandbox();
const REPO = path.resolve(__dirname, '../..');

/** Each entry's proof: the rule it follows (docs/table-vs-example.md), its tests, and where its request shows it. */
interface Proof {
	rule: string;
	test: string;
	/** The JSON type at this path of the request body (dots; 0 for a list's first item). */
	wire: { path: string; type: 'number' | 'string' | 'object' | 'array' | 'absent' }[];
}

const PROOFS: Array<[SentForm['endpoint'], string, Proof]> = [
	[
		'groupSendTask',
		'users',
		{
			rule: 'rule 1',
			test: 'test/actions/groupMessage.test.ts',
			wire: [{ path: 'users.0', type: 'number' }],
		},
	],
	[
		'groupSendTask',
		'sendType',
		{
			rule: 'rule 1',
			test: 'test/actions/groupMessage.test.ts',
			wire: [{ path: 'sendType', type: 'string' }],
		},
	],
	[
		'groupSendTask',
		'sendInfo.sendData',
		{
			rule: 'rules 1, 3',
			test: 'test/actions/groupMessage.test.ts',
			wire: [{ path: 'sendInfo.sendData', type: 'object' }],
		},
	],
	[
		'customerSearch',
		'role',
		{
			rule: 'rule 1',
			test: 'test/actions/tenant.test.ts',
			wire: [{ path: 'role', type: 'number' }],
		},
	],
	[
		'customerSearch',
		'qwLastFollowTypes',
		{
			rule: 'rule 4; checked on every row and by the trigger',
			test: 'test/actions/customer.searchChecks.test.ts, test/TanmaTrigger.filterCheck.test.ts',
			wire: [{ path: 'qwLastFollowTypes', type: 'object' }],
		},
	],
	[
		'customerSearch',
		'qwCustomerTime',
		{
			rule: 'rule 4',
			test: 'test/actions/customer.searchChecks.test.ts',
			wire: [{ path: 'qwCustomerTime', type: 'object' }],
		},
	],
	[
		'customerSearch',
		'creditCode',
		{
			rule: 'rule 4',
			test: 'test/actions/customer.searchChecks.test.ts',
			wire: [{ path: 'creditCode', type: 'string' }],
		},
	],
	[
		'highSeasContacts',
		'`userId`, `qwUserId`',
		{
			rule: 'rule 4',
			test: 'test/actions/customer.test.ts',
			wire: [
				{ path: 'userId', type: 'number' },
				{ path: 'qwUserId', type: 'string' },
			],
		},
	],
	[
		'workOrderCreate',
		'followUsers',
		{
			rule: 'rule 1',
			test: 'test/actions/workOrder.test.ts',
			wire: [{ path: 'followUsers', type: 'array' }],
		},
	],
	[
		'workOrderCreate',
		'moduleType',
		{
			rule: 'rule 4',
			test: 'test/actions/workOrder.test.ts',
			wire: [{ path: 'moduleType', type: 'number' }],
		},
	],
	[
		'orderImport',
		'goods',
		{
			rule: 'rule 1; the page example’s values entered as fields produce the page example’s request',
			test: 'test/actions/order.test.ts, test/e2e.test.ts',
			wire: [
				{ path: 'goods', type: 'array' },
				{ path: 'order.goods', type: 'absent' },
			],
		},
	],
	[
		'orderImport',
		'`qwUserId`, `payTime`',
		{
			rule: 'rule 4',
			test: 'test/actions/badInput.test.ts (every field)',
			wire: [
				{ path: 'order.qwUserId', type: 'string' },
				{ path: 'order.payTime', type: 'string' },
			],
		},
	],
	[
		'opportunityUpdate',
		'`commodities[].id`, `banner`, `totalAmount`, `totalAmountFinal`',
		{
			rule: 'rule 4',
			test: 'test/actions/opportunity.test.ts',
			wire: [
				{ path: 'commodities.0.id', type: 'string' },
				{ path: 'commodities.0.banner', type: 'string' },
				{ path: 'commodities.0.totalAmount', type: 'number' },
				{ path: 'commodities.0.totalAmountFinal', type: 'number' },
			],
		},
	],
	[
		'customerTransfer',
		'handoverToUserid',
		{
			rule: 'rule 2 has nothing stronger',
			test: 'test/actions/customer.test.ts',
			wire: [{ path: 'handoverToUserid', type: 'string' }],
		},
	],
];

function proofOf(form: SentForm): Proof {
	const found = PROOFS.find(
		([endpoint, field]) => endpoint === form.endpoint && field === form.field,
	);
	if (!found) throw new Error(`no proof for ${form.endpoint} · ${form.field}: add one to PROOFS`);
	return found[2];
}

test('every stated form has one proof here, and every proof a stated form', () => {
	const named = (endpoint: string, field: string) => `${endpoint} · ${field}`;
	expect(PROOFS.map(([endpoint, field]) => named(endpoint, field))).toEqual(
		(SENT_FORMS as readonly SentForm[]).map((form) => named(form.endpoint, form.field)),
	);
});

/** The operation of each entry, with parameters that set every field it names. */
function runFor(form: SentForm, s: Sandbox): INodeParameters {
	const staff = s.tenant.staff[0];
	const minimal = (op: string) => minimalParameters(s)[op].parameters;
	switch (form.endpoint) {
		case 'groupSendTask':
			return {
				resource: 'groupMessage',
				operation: 'createMassSendTask',
				...minimal('groupMessage.createMassSendTask'),
				messageContent: { item: [textContent('one item')] },
			};
		case 'customerSearch':
			return {
				resource: 'customer',
				operation: 'search',
				filters: {
					salesIds: [staff.salesId],
					role: '1',
					lastFollowUpAfter: '2026-09-01 00:00:00',
					lastFollowUpBefore: '2026-12-01 00:00:00',
					addedAfter: '2026-01-01 00:00:00',
					addedBefore: '2026-12-01 00:00:00',
					creditCode: '91310000MA1FL0000X',
					keepReturnedRows: true,
				},
			};
		case 'highSeasContacts':
			return {
				resource: 'customer',
				operation: 'getHighSeasContacts',
				...minimal('customer.getHighSeasContacts'),
				additionalFields: { salespersonId: staff.salesId, salespersonQwUserId: staff.qwUserId },
			};
		case 'workOrderCreate':
			return {
				resource: 'workOrder',
				operation: 'create',
				...minimal('workOrder.create'),
				additionalFields: { moduleType: 1 },
				followUsers: { watcher: [{ unitId: staff.salesId, name: 'w', type: 2 }] },
			};
		case 'orderImport':
			return {
				resource: 'order',
				operation: 'createOrUpdate',
				...minimal('order.createOrUpdate'),
				additionalFields: { qwUserId: staff.qwUserId, payTime: '2026-11-30 10:05:00' },
				goods: { item: [{ goodName: 'g', goodPrice: 1, num: 1 }] },
			};
		case 'opportunityUpdate':
			return {
				resource: 'opportunity',
				operation: 'update',
				...minimal('opportunity.update'),
				commodities: {
					product: [
						{
							spuId: '5',
							skuId: '6',
							unitPriceSale: 10,
							count: 3,
							id: '77',
							banner: 'https://example.com/p.png',
							totalAmount: 30,
							totalAmountFinal: 28,
						},
					],
				},
			};
		case 'customerTransfer':
			return { resource: 'customer', operation: 'transfer', ...minimal('customer.transfer') };
		default:
			throw new Error(`no run for ${form.endpoint}: add one here`);
	}
}

function at(body: unknown, dotted: string): unknown {
	return dotted
		.split('.')
		.reduce<unknown>(
			(value, key) =>
				value && typeof value === 'object' ? (value as IDataObject)[key] : undefined,
			body,
		);
}
const jsonType = (value: unknown) =>
	value === undefined
		? 'absent'
		: Array.isArray(value)
			? 'array'
			: value === null
				? 'null'
				: typeof value === 'bigint'
					? 'number'
					: typeof value;

test.each(
	(SENT_FORMS as readonly SentForm[]).map(
		(form) => [`${ENDPOINTS[form.endpoint].path} · ${form.field}`, form] as const,
	),
)('%s: the request the node sends carries the stated form', async (_name, form) => {
	const result = await t.run(runFor(form, t.sandbox));
	expect(result.error).toBeUndefined();
	const request = t.sandbox.requestsTo(ENDPOINTS[form.endpoint].path).pop();
	expect(request?.outcome).toBe('0');
	const { wire } = proofOf(form);
	expect(wire.map((w) => ({ path: w.path, type: jsonType(at(request?.json, w.path)) }))).toEqual(
		wire.map((w) => ({ path: w.path, type: w.type })),
	);
});

test('sendInfo.sendData: one item as an object, as stated; several as a list, the other half of the statement', async () => {
	const form = (SENT_FORMS as readonly SentForm[]).find((f) => f.field === 'sendInfo.sendData')!;
	expect(form.sent).toBe('one object; a list when there are several items');
	const parameters = {
		...runFor(form, t.sandbox),
		messageContent: { item: [textContent('a'), textContent('b')] },
	};
	expect((await t.run(parameters)).error).toBeUndefined();
	expect(jsonType(at(t.lastBody(), 'sendInfo.sendData'))).toBe('array');
});

test('Tenant Check lists every entry under its check, in the words of the statement', async () => {
	const items = Object.fromEntries(
		(t.json(await t.run({ resource: 'tenant', operation: 'check' })) as IDataObject[]).map(
			(item) => [String(item.check), item],
		),
	);
	for (const form of SENT_FORMS as readonly SentForm[]) {
		const item = items[form.check];
		expect(item).toBeDefined();
		expect(item.inference).toContain(
			`${ENDPOINTS[form.endpoint].path} · ${form.field.replace(/`/g, '')}: ${form.sent.replace(/`/g, '')} — following ${form.follows}`,
		);
		expect(String(item.audit)).toContain(form.audit);
		if (form.notCheckable)
			expect(item).toMatchObject({ status: 'not checkable', evidence: form.notCheckable });
	}
	// The mass-send entry that once stated the table's forms while the node sent the example's.
	expect(items['groupMessage.sendShapes'].inference).toMatch(
		/users: numbers, exact past 2\^53 — following the example/,
	);
	expect(items['groupMessage.sendShapes'].inference).not.toMatch(/users as text ids/);
});

test('docs/table-vs-example.md shows exactly this table', () => {
	const row = (form: SentForm) =>
		`| \`${ENDPOINTS[form.endpoint].path.replace(/^\/(api\/v[23]\/)?/, '')}\` · ${form.field.includes('`') ? form.field : `\`${form.field}\``} (${form.audit}) | ${form.table} | ${form.example} | ${form.sent} | ${proofOf(form).rule}${form.notCheckable ? '' : `; Tenant Check \`${form.check}\``} | ${proofOf(form).test} |`;
	const expected = [
		'| endpoint · field | table | example | sent | why | test |',
		'|---|---|---|---|---|---|',
		...(SENT_FORMS as readonly SentForm[]).map(row),
	];
	const page = fs.readFileSync(path.join(REPO, 'docs', 'table-vs-example.md'), 'utf8').split('\n');
	const start = page.indexOf(expected[0]);
	expect(start).toBeGreaterThan(-1);
	expect(page.slice(start, start + expected.length)).toEqual(expected);
	expect(page[start + expected.length].startsWith('|')).toBe(false);
});
