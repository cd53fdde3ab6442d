import type { EndpointName } from '../transport/protocol/endpoints';
import { ENDPOINTS } from '../transport/protocol/endpoints';

/**
 * What the node sends where Tanma's field table and its own example disagree, or only one of them names a field:
 * stated once, here. Tenant Check lists each entry under its `check`; docs/table-vs-example.md shows the table, and
 * test/actions/sentForms.test.ts holds each entry's rule, test and request shape against the requests sent.
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
	/** The Tenant Check item that reports it: a check that reads it on the tenant, or a not-checkable item. */
	check: string;
	/** Why no answer can tell (for a not-checkable item); undefined when `check` reads it. */
	notCheckable?: string;
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
		check: 'groupMessage.sendShapes',
		notCheckable: 'creating a task is a write',
	},
	{
		endpoint: 'groupSendTask',
		field: 'sendType',
		audit: 'A6',
		table: 'integer',
		example: '`"1"`',
		sent: 'text (`"1"`)',
		follows: 'the example',
		check: 'groupMessage.sendShapes',
		notCheckable: 'creating a task is a write',
	},
	{
		endpoint: 'groupSendTask',
		field: 'sendInfo.sendData',
		audit: 'A6',
		table: 'array[object]',
		example: 'one object',
		sent: 'one object; a list when there are several items',
		follows: 'the example; the table where only it can',
		check: 'groupMessage.sendShapes',
		notCheckable: 'creating a task is a write',
	},
	{
		endpoint: 'customerSearch',
		field: 'role',
		audit: 'A9',
		table: 'string',
		example: '`1`',
		sent: 'a number',
		follows: 'the example',
		check: 'search.roleOwner',
	},
	{
		endpoint: 'customerSearch',
		field: 'qwLastFollowTypes',
		audit: 'A3',
		table: '—',
		example: '`{start, end}`',
		sent: '`{start, end}` when Last Follow-Up is set; the trigger’s Recently Active watch',
		follows: 'the example',
		check: 'search.qwLastFollowTypes',
	},
	{
		endpoint: 'customerSearch',
		field: 'qwCustomerTime',
		audit: 'G1',
		table: '—',
		example: '`{start, end}`',
		sent: 'when Added in WeCom is set',
		follows: 'the example',
		check: 'search.qwCustomerTime',
		notCheckable: 'search rows carry no time the customer was added in WeCom',
	},
	{
		endpoint: 'customerSearch',
		field: 'creditCode',
		audit: 'G1',
		table: 'string',
		example: '—',
		sent: 'when Credit Code is set',
		follows: 'the table',
		check: 'search.creditCode',
		notCheckable: 'search rows carry no credit code',
	},
	{
		endpoint: 'highSeasContacts',
		field: '`userId`, `qwUserId`',
		audit: 'A7',
		table: '— (only `customerId`)',
		example: '`userId` number, `qwUserId` text',
		sent: 'when set, in the example’s key order',
		follows: 'the example',
		check: 'customer.highSeasSalesperson',
		notCheckable: 'the contacts answer does not say whose contacts they are',
	},
	{
		endpoint: 'workOrderCreate',
		field: 'followUsers',
		audit: 'A8',
		table: 'object',
		example: 'array',
		sent: 'an array',
		follows: 'the example',
		check: 'workOrder.followUsers',
		notCheckable: 'creating a work order is a write',
	},
	{
		endpoint: 'workOrderCreate',
		field: 'moduleType',
		audit: 'G2',
		table: '—',
		example: '`1`',
		sent: 'a number, when Module Type is set',
		follows: 'the example',
		check: 'workOrder.moduleType',
		notCheckable: 'creating a work order is a write',
	},
	{
		endpoint: 'orderImport',
		field: 'goods',
		audit: 'A5',
		table: 'inside `order`',
		example: 'beside `order`',
		sent: 'beside `order`',
		follows: 'the example',
		check: 'order.goodsPlacement',
		notCheckable: 'an import is a write (the order answer does not echo the goods)',
	},
	{
		endpoint: 'orderImport',
		field: '`qwUserId`, `payTime`',
		audit: '—',
		table: 'listed',
		example: 'absent',
		sent: 'when set',
		follows: 'the table',
		check: 'order.tableOnlyFields',
		notCheckable: 'an import is a write',
	},
	{
		endpoint: 'opportunityUpdate',
		field: '`commodities[].id`, `banner`, `totalAmount`, `totalAmountFinal`',
		audit: 'G3',
		table: 'listed',
		example: '`[{...}]` (elided)',
		sent: 'when set',
		follows: 'the table',
		check: 'opportunity.productFields',
		notCheckable: 'an update is a write',
	},
	{
		endpoint: 'customerTransfer',
		field: 'handoverToUserid',
		audit: 'A1',
		table: 'string "目标销售" on the deprecated page only',
		example: '`"ZhuShanPeng"`, a WeCom user id',
		sent: 'a WeCom user id (dropdown of staff by WeCom id)',
		follows: 'the only vendor evidence',
		check: 'customer.transferTarget',
		notCheckable: 'a transfer is a write',
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
