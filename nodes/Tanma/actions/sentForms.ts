import type { EndpointName } from '../transport/protocol/endpoints';
import { ENDPOINTS } from '../transport/protocol/endpoints';

/**
 * What the node sends where Tanma's field table and its own example disagree, or only one of them names a field:
 * stated once, here. docs/table-vs-example.md shows this table (its rule, and a test that the page's table is
 * this one), Tenant Check lists each entry under its `check`, and test/actions/sentForms.test.ts runs the
 * operation of each entry and checks its request carries `wire` as stated.
 */
export interface SentForm {
	endpoint: EndpointName;
	/** The request field, as the table names it. */
	field: string;
	/** The fidelity audit item (A…, G…). */
	audit: string;
	/** The field table's form, and the example's ('—': it does not name the field). */
	table: string;
	example: string;
	/** What the node sends, in words. */
	sent: string;
	/** Which of the two the node follows, by the rule of docs/table-vs-example.md. */
	follows:
		| 'the example'
		| 'the table'
		| 'the example; the table where only it can'
		| 'the only vendor evidence';
	rule: string;
	/** Where the request is in the node's tests. */
	test: string;
	/** The Tenant Check item that reports it: a check that reads it on the tenant, or a not-checkable item. */
	check: string;
	/** Why no answer can tell (for a not-checkable item); undefined when `check` reads it. */
	notCheckable?: string;
	/** The request as the node sends it: the JSON type at this path of the body (dots; 0 for a list's first item). */
	wire: { path: string; type: 'number' | 'string' | 'object' | 'array' | 'absent' }[];
}

export const SENT_FORMS = [
	{
		endpoint: 'groupSendTask',
		field: 'users',
		audit: 'A6',
		table: 'array[string]',
		example: '`[463352988837952]` numbers',
		sent: 'numbers, exact past 2^53',
		follows: 'the example',
		rule: 'rule 1',
		test: 'test/actions/groupMessage.test.ts',
		check: 'groupMessage.sendShapes',
		notCheckable: 'creating a task is a write',
		wire: [{ path: 'users.0', type: 'number' }],
	},
	{
		endpoint: 'groupSendTask',
		field: 'sendType',
		audit: 'A6',
		table: 'integer',
		example: '`"1"`',
		sent: 'text (`"1"`)',
		follows: 'the example',
		rule: 'rule 1',
		test: 'test/actions/groupMessage.test.ts',
		check: 'groupMessage.sendShapes',
		notCheckable: 'creating a task is a write',
		wire: [{ path: 'sendType', type: 'string' }],
	},
	{
		endpoint: 'groupSendTask',
		field: 'sendInfo.sendData',
		audit: 'A6',
		table: 'array[object]',
		example: 'one object',
		sent: 'one object; a list when there are several items',
		follows: 'the example; the table where only it can',
		rule: 'rules 1, 3',
		test: 'test/actions/groupMessage.test.ts',
		check: 'groupMessage.sendShapes',
		notCheckable: 'creating a task is a write',
		wire: [{ path: 'sendInfo.sendData', type: 'object' }],
	},
	{
		endpoint: 'customerSearch',
		field: 'role',
		audit: 'A9',
		table: 'string',
		example: '`1`',
		sent: 'a number',
		follows: 'the example',
		rule: 'rule 1',
		test: 'test/actions/tenant.test.ts',
		check: 'search.roleOwner',
		wire: [{ path: 'role', type: 'number' }],
	},
	{
		endpoint: 'customerSearch',
		field: 'qwLastFollowTypes',
		audit: 'A3',
		table: '—',
		example: '`{start, end}`',
		sent: '`{start, end}` when Last Follow-Up is set; the trigger’s Recently Active watch',
		follows: 'the example',
		rule: 'rule 4; checked on every row and by the trigger',
		test: 'test/actions/customer.searchChecks.test.ts, test/TanmaTrigger.filterCheck.test.ts',
		check: 'search.qwLastFollowTypes',
		wire: [{ path: 'qwLastFollowTypes', type: 'object' }],
	},
	{
		endpoint: 'customerSearch',
		field: 'qwCustomerTime',
		audit: 'G1',
		table: '—',
		example: '`{start, end}`',
		sent: 'when Added in WeCom is set',
		follows: 'the example',
		rule: 'rule 4',
		test: 'test/actions/customer.searchChecks.test.ts',
		check: 'search.qwCustomerTime',
		notCheckable: 'search rows carry no time the customer was added in WeCom',
		wire: [{ path: 'qwCustomerTime', type: 'object' }],
	},
	{
		endpoint: 'customerSearch',
		field: 'creditCode',
		audit: 'G1',
		table: 'string',
		example: '—',
		sent: 'when Credit Code is set',
		follows: 'the table',
		rule: 'rule 4',
		test: 'test/actions/customer.searchChecks.test.ts',
		check: 'search.creditCode',
		notCheckable: 'search rows carry no credit code',
		wire: [{ path: 'creditCode', type: 'string' }],
	},
	{
		endpoint: 'highSeasContacts',
		field: '`userId`, `qwUserId`',
		audit: 'A7',
		table: '— (only `customerId`)',
		example: '`userId` number, `qwUserId` text',
		sent: 'when set, in the example’s key order',
		follows: 'the example',
		rule: 'rule 4',
		test: 'test/actions/customer.test.ts',
		check: 'customer.highSeasSalesperson',
		notCheckable: 'the contacts answer does not say whose contacts they are',
		wire: [
			{ path: 'userId', type: 'number' },
			{ path: 'qwUserId', type: 'string' },
		],
	},
	{
		endpoint: 'workOrderCreate',
		field: 'followUsers',
		audit: 'A8',
		table: 'object',
		example: 'array',
		sent: 'an array',
		follows: 'the example',
		rule: 'rule 1',
		test: 'test/actions/workOrder.test.ts',
		check: 'workOrder.followUsers',
		notCheckable: 'creating a work order is a write',
		wire: [{ path: 'followUsers', type: 'array' }],
	},
	{
		endpoint: 'workOrderCreate',
		field: 'moduleType',
		audit: 'G2',
		table: '—',
		example: '`1`',
		sent: 'a number, when Module Type is set',
		follows: 'the example',
		rule: 'rule 4',
		test: 'test/actions/workOrder.test.ts',
		check: 'workOrder.moduleType',
		notCheckable: 'creating a work order is a write',
		wire: [{ path: 'moduleType', type: 'number' }],
	},
	{
		endpoint: 'orderImport',
		field: 'goods',
		audit: 'A5',
		table: 'inside `order`',
		example: 'beside `order`',
		sent: 'beside `order`',
		follows: 'the example',
		rule: 'rule 1; the page example’s values entered as fields produce the page example’s request',
		test: 'test/actions/order.test.ts, test/e2e.test.ts',
		check: 'order.goodsPlacement',
		notCheckable: 'an import is a write (the order answer does not echo the goods)',
		wire: [
			{ path: 'goods', type: 'array' },
			{ path: 'order.goods', type: 'absent' },
		],
	},
	{
		endpoint: 'orderImport',
		field: '`qwUserId`, `payTime`',
		audit: '—',
		table: 'listed',
		example: 'absent',
		sent: 'when set',
		follows: 'the table',
		rule: 'rule 4',
		test: 'test/actions/badInput.test.ts (every field)',
		check: 'order.tableOnlyFields',
		notCheckable: 'an import is a write',
		wire: [
			{ path: 'order.qwUserId', type: 'string' },
			{ path: 'order.payTime', type: 'string' },
		],
	},
	{
		endpoint: 'opportunityUpdate',
		field: '`commodities[].id`, `banner`, `totalAmount`, `totalAmountFinal`',
		audit: 'G3',
		table: 'listed',
		example: '`[{...}]` (elided)',
		sent: 'when set',
		follows: 'the table',
		rule: 'rule 4',
		test: 'test/actions/opportunity.test.ts',
		check: 'opportunity.productFields',
		notCheckable: 'an update is a write',
		wire: [
			{ path: 'commodities.0.id', type: 'string' },
			{ path: 'commodities.0.banner', type: 'string' },
			{ path: 'commodities.0.totalAmount', type: 'number' },
			{ path: 'commodities.0.totalAmountFinal', type: 'number' },
		],
	},
	{
		endpoint: 'customerTransfer',
		field: 'handoverToUserid',
		audit: 'A1',
		table: 'string "目标销售" on the deprecated page only',
		example: '`"ZhuShanPeng"`, a WeCom user id',
		sent: 'a WeCom user id (dropdown of staff by WeCom id)',
		follows: 'the only vendor evidence',
		rule: 'rule 2 has nothing stronger',
		test: 'test/actions/customer.test.ts',
		check: 'customer.transferTarget',
		notCheckable: 'a transfer is a write',
		wire: [{ path: 'handoverToUserid', type: 'string' }],
	},
] as const satisfies readonly SentForm[];

/** The endpoint's path and the field: how a form is named in sentences. */
export function formName(form: Pick<SentForm, 'endpoint' | 'field'>): string {
	return `${ENDPOINTS[form.endpoint].path} · ${form.field.replace(/`/g, '')}`;
}

/** One form in a sentence: what is sent and why. */
export function formSentence(form: SentForm): string {
	const strip = (text: string) => text.replace(/`/g, '');
	return `${formName(form)}: ${strip(form.sent)} — following ${form.follows} (table: ${strip(form.table)}; example: ${strip(form.example)})`;
}
