/**
 * The statement of what the node sends where Tanma's table and example disagree (nodes/Tanma/actions/sentForms.ts)
 * held against the three places that must agree with it: the requests the operations send (each entry's operation run
 * against the sandbox with the field set, its `wire` found in the body as stated), Tenant Check's items, and the table
 * on docs/table-vs-example.md.
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
	expect(
		form.wire.map((w) => ({ path: w.path, type: jsonType(at(request?.json, w.path)) })),
	).toEqual(form.wire.map((w) => ({ path: w.path, type: w.type })));
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
		`| \`${ENDPOINTS[form.endpoint].path.replace(/^\/(api\/v[23]\/)?/, '')}\` · ${form.field.includes('`') ? form.field : `\`${form.field}\``} (${form.audit}) | ${form.table} | ${form.example} | ${form.sent} | ${form.rule}${form.notCheckable ? '' : `; Tenant Check \`${form.check}\``} | ${form.test} |`;
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
