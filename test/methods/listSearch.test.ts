/**
 * The *From List* sources of the resource locators (nodes/Tanma/methods/listSearch.ts), called through n8n-core's
 * LoadOptionsContext as the editor calls them, against the sandbox: what Tanma is asked (the search text where its
 * list takes one, one request per call), what the list shows, and paging through n8n's pagination token.
 */
import type { INodeParameters } from 'n8n-workflow';

import { credentialsFor, runListSearch } from '../../lab/core';
import { Tanma } from '../../nodes/Tanma/Tanma.node';
import { ENDPOINTS } from '../../nodes/Tanma/transport/protocol/endpoints';
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const search = (
	method: string,
	filter?: string,
	paginationToken?: string,
	parameters?: INodeParameters,
) =>
	runListSearch({
		nodeType: new Tanma(),
		method,
		credentials: credentialsFor(t.sandbox),
		filter,
		paginationToken,
		parameters,
	});
const sent = (path: string) => t.sandbox.requestsTo(path).map((r) => r.json);

describe('customers (Customer, by WeCom external user ID)', () => {
	test('typing part of a nickname asks Tanma’s search with that text; the list shows nickname, remark, owner and the ID', async () => {
		const customer = t.sandbox.tenant.customers.find((c) => c.wechatNickname.length >= 3)!;
		const part = customer.wechatNickname.slice(0, 2);
		const { results } = await search('searchCustomers', ` ${part} `);
		expect(sent(ENDPOINTS.customerSearch.path)).toEqual([
			{ searchKey: part, pageNo: 1, pageSize: 50 },
		]);
		const expected = t.sandbox.tenant.customers.filter((c) =>
			[c.name, c.wechatNickname, c.qwRemark, ...c.mobiles].some((v) => v.includes(part)),
		);
		expect(results.map((r) => r.value).sort()).toEqual(
			expected.map((c) => c.externalUserId).sort(),
		);
		const shown = results.find((r) => r.value === customer.externalUserId)!;
		const owner = t.sandbox.tenant.staff.find((s) => s.salesId === customer.ownerSalesId)!;
		expect(shown.name).toBe(
			[customer.wechatNickname, customer.qwRemark].filter(Boolean).join(' · '),
		);
		expect(shown.description).toBe(`owner ${owner.name} · ${customer.externalUserId}`);
	});

	test('a phone number finds its customer (Tanma’s search matches phones)', async () => {
		const customer = t.sandbox.tenant.customers.find((c) => c.mobiles.length)!;
		const { results } = await search('searchCustomers', customer.mobiles[0]);
		expect(results.map((r) => r.value)).toContain(customer.externalUserId);
	});

	test('no text: every customer, a page (50) per call; the token reads the next page until the last', async () => {
		const pages = [];
		let token: string | undefined;
		do {
			const page = await search('searchCustomers', '', token);
			pages.push(page.results.length);
			token = page.paginationToken;
		} while (token && pages.length < 20);
		const withWeComId = t.sandbox.tenant.customers.filter((c) => c.externalUserId).length;
		expect(pages.reduce((a, b) => a + b, 0)).toBe(withWeComId);
		expect(sent(ENDPOINTS.customerSearch.path).map((b) => b?.pageNo)).toEqual(
			pages.map((_, n) => n + 1),
		);
		expect(pages.length).toBe(Math.ceil(t.sandbox.tenant.customers.length / 50));
	});
});

describe('staff (Staff Member, by WeCom user ID)', () => {
	test('typing part of a name asks Tanma for active staff by that name; the value is the WeCom user ID', async () => {
		const member = t.sandbox.tenant.staff.find((s) => s.qwUserId && !s.deleted)!;
		const { results } = await search('searchStaff', member.name.slice(1));
		expect(sent(ENDPOINTS.staffList.path)).toEqual([
			{ deleted: 0, name: member.name.slice(1), pageNo: 1, pageSize: 50 },
		]);
		expect(results).toContainEqual({
			name: member.name,
			value: member.qwUserId,
			description: `${member.qwUserId} · staff ID ${member.salesId}`,
		});
		expect(results.every((r) => r.name.includes(member.name.slice(1)))).toBe(true);
	});
});

describe('group chats (Group Chat, by chat ID)', () => {
	test('typing part of a group name asks Tanma by keyword; pages follow the token', async () => {
		const { results, paginationToken } = await search('searchGroupChats', '服务群');
		expect(sent(ENDPOINTS.groupList.path)).toEqual([
			{ keyword: '服务群', pageNo: 1, pageSize: 50 },
		]);
		expect(results.length).toBe(Math.min(50, t.sandbox.tenant.groups.length));
		expect(results[0]).toMatchObject({
			value: expect.stringMatching(/^wr/),
			name: expect.stringContaining('服务群'),
		});
		expect(paginationToken).toBeUndefined(); // 35 groups: one page
		const one = t.sandbox.tenant.groups[7];
		expect((await search('searchGroupChats', one.chatName)).results.map((r) => r.value)).toEqual([
			one.chatId,
		]);
	});
});

describe('staff members (Owner in Create Group SOP, by Tanma staff ID)', () => {
	test('typing part of a name asks Tanma for active staff by that name; the value is the Tanma staff ID', async () => {
		const staff = t.sandbox.tenant.staff.find((s) => s.deleted === 0 && s.name.length >= 2)!;
		const { results } = await search('searchStaffMembers', staff.name.slice(0, 2));
		expect(sent(ENDPOINTS.staffList.path)).toEqual([
			{ deleted: 0, name: staff.name.slice(0, 2), pageNo: 1, pageSize: 50 },
		]);
		expect(results).toContainEqual({
			name: staff.name,
			value: staff.salesId,
			description: `${staff.qwUserId} · staff ID ${staff.salesId}`,
		});
	});
});

describe('leads (Lead, by Tanma ID): Tanma lists leads oldest first, with no search', () => {
	const MINUTE = 60_000;
	const DAY = 24 * 60 * MINUTE;
	const leadReads = () => t.sandbox.requestsTo(ENDPOINTS.leadsByCreateTime.path);
	/** Every page of the list, following n8n's pagination token; each call's requests counted. */
	async function everyPage(filter = '') {
		const values: string[] = [];
		const requestsPerCall: number[] = [];
		let token: string | undefined;
		do {
			const before = leadReads().length;
			const page = await search('searchLeads', filter, token);
			requestsPerCall.push(leadReads().length - before);
			values.push(...page.results.map((r) => String(r.value)));
			token = page.paginationToken;
		} while (token && requestsPerCall.length < 50);
		return { values, requestsPerCall };
	}

	test('the last 30 days newest first, in one call of five requests when they are quiet; kept when name or phone holds the text', async () => {
		const now = Date.now();
		const [monthAgo] = t.sandbox.addLeads(['二十天前'], now - 20 * DAY);
		const [daysAgo] = t.sandbox.addLeads(['三天前'], now - 3 * DAY);
		const [zhang] = t.sandbox.addLeads(['张三丰'], now - 2 * MINUTE);
		const [li] = t.sandbox.addLeads(['李四'], now - MINUTE);
		t.sandbox.addLeads(['四十天前'], now - 40 * DAY); // past the 30 days
		const all = await search('searchLeads', '');
		expect(all.results.map((r) => r.value)).toEqual(
			[li, zhang, daysAgo, monthAgo].map((l) => l.customerId),
		);
		expect(all.results[1]).toMatchObject({
			name: '张三丰',
			description: `lead · ${zhang.customerId}`,
		});
		expect(all.paginationToken).toBeUndefined();
		// Windows of creation time walked back from now, each [since, before) and one page of Tanma's at most.
		const windows = sent(ENDPOINTS.leadsByCreateTime.path);
		expect(windows).toHaveLength(5);
		expect(windows.every((w, n) => n === 0 || w?.before === windows[n - 1]?.since)).toBe(true);
		expect(windows[0]).toMatchObject({ size: 100 });
		expect((await search('searchLeads', '三丰')).results.map((r) => r.value)).toEqual([
			zhang.customerId,
		]);
	});

	test('a busy list: a page as soon as it is full, the next from where it stopped, every lead once and newest first', async () => {
		const now = Date.now();
		const older = t.sandbox.addLeads(
			Array.from({ length: 40 }, (_, n) => `昨天${n}`),
			now - DAY,
		);
		const recent = Array.from({ length: 130 }, (_, n) =>
			t.sandbox.addLeads([`线索${n}`], now - (130 - n) * 1000),
		).flat();
		const first = await search('searchLeads', '');
		// The newest ten minutes hold all 130 (two of Tanma's pages, by its cursor): one picker page.
		expect(first.results.map((r) => r.value)).toEqual(recent.map((l) => l.customerId).reverse());
		expect(sent(ENDPOINTS.leadsByCreateTime.path)[1]).toMatchObject({ cursor: expect.any(String) });
		const { values, requestsPerCall } = await everyPage();
		expect(values).toEqual([...older, ...recent].map((l) => l.customerId).reverse());
		expect(Math.max(...requestsPerCall)).toBeLessThanOrEqual(5);
	});

	test('a burst larger than one call can read: read again in shorter windows, never more than five requests a call, none lost or repeated', async () => {
		const now = Date.now();
		// 600 leads over the last five minutes, two a second.
		const burst = Array.from({ length: 600 }, (_, n) =>
			t.sandbox.addLeads([`爆发${n}`], now - 300_000 + n * 500),
		).flat();
		const { values, requestsPerCall } = await everyPage();
		expect(values).toEqual(burst.map((l) => l.customerId).reverse());
		expect(Math.max(...requestsPerCall)).toBeLessThanOrEqual(5);
	});
});

describe('orders (Order, by record ID)', () => {
	test('typing an order number asks Tanma by keyword, within the Platform ID already set; the value is the record ID', async () => {
		const order = t.sandbox.tenant.sales.orders[1];
		const { results } = await search('searchOrders', order.orderId, undefined, {
			resource: 'order',
			operation: 'get',
			channelId: order.channelId,
		});
		expect(sent(ENDPOINTS.orderList.path)).toEqual([
			{ keyWord: order.orderId, channelId: order.channelId, pageNo: 1, pageSize: 50 },
		]);
		expect(results.map((r) => r.value)).toEqual([order.id]);
		expect(results[0].name).toBe(`${order.orderId} · ${order.channelName}`);
	});

	test('a Platform ID given by expression is not sent to the list (it has no value in the editor)', async () => {
		await search('searchOrders', '', undefined, {
			resource: 'order',
			operation: 'get',
			channelId: '={{ $json.platform }}',
		});
		expect(sent(ENDPOINTS.orderList.path)).toEqual([{ pageNo: 1, pageSize: 50 }]);
	});
});
