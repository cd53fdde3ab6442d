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

describe('leads (Lead, by Tanma ID): Tanma’s lead list has no search', () => {
	test('leads created in the last 30 days, oldest first, kept when their name holds the text', async () => {
		const [zhang, li] = t.sandbox.addLeads(['张三丰', '李四']);
		const all = await search('searchLeads', '');
		const [window] = sent(ENDPOINTS.leadsByCreateTime.path);
		expect(window).toMatchObject({
			since: expect.any(String),
			before: expect.any(String),
			size: 50,
		});
		expect(all.results.map((r) => r.value)).toEqual([zhang.customerId, li.customerId]);
		expect(all.results[0]).toMatchObject({
			name: '张三丰',
			description: `lead · ${zhang.customerId}`,
		});
		expect((await search('searchLeads', '三丰')).results.map((r) => r.value)).toEqual([
			zhang.customerId,
		]);
		expect(t.sandbox.requestsTo(ENDPOINTS.leadsByCreateTime.path)).toHaveLength(2); // one request per call
	});

	test('more leads than a page: the cursor Tanma answers travels as the token, every lead once', async () => {
		const added = t.sandbox.addLeads(Array.from({ length: 70 }, (_, n) => `线索${n}`));
		const first = await search('searchLeads', '');
		expect(first.results).toHaveLength(50);
		const second = await search('searchLeads', '', first.paginationToken);
		expect(second.paginationToken).toBeUndefined();
		expect([...first.results, ...second.results].map((r) => r.value)).toEqual(
			added.map((l) => l.customerId),
		);
		const [, next] = sent(ENDPOINTS.leadsByCreateTime.path);
		expect(next).toMatchObject({ cursor: expect.any(String), size: 50 });
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
