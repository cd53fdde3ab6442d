/** Order operations (nodes/Tanma/actions/order/), against the vendor's own request examples (vendor-examples/requests). */
import type { INodeParameters } from 'n8n-workflow';

import { parseJsonLossless } from '../../nodes/Tanma/transport/protocol/json';
import { readVendorExample } from '../../sandbox/vendorExamples';
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const { run, json, lastBody } = t;
const example = (file: string) =>
	parseJsonLossless(readVendorExample(`requests/${file}`)) as Record<string, unknown>;

test('Create or Update: the page example’s values, entered as fields, produce the page example’s request (goods beside the order), signed and accepted', async () => {
	const vendor = example('order-import.api-11379708.json') as {
		order: Record<string, unknown>;
		goods: Array<Record<string, unknown>>;
	};
	const o = vendor.order;
	const result = await run({
		resource: 'order',
		operation: 'createOrUpdate',
		channelId: o.channelId as string,
		orderId: o.orderId as string,
		orderPrice: o.orderPrice as number,
		orderStatus: o.orderStatus as number,
		orderTime: o.orderTime as string,
		additionalFields: {
			channelName: o.channelName,
			shopId: o.shopId,
			shopName: o.shopName,
			unionId: o.unionId,
			mobile: o.mobile,
		} as INodeParameters,
		customDefine: { field: o.customDefine as INodeParameters[] },
		goods: { item: vendor.goods as INodeParameters[] },
	});
	expect(result.error).toBeUndefined();
	expect(t.sandbox.requests[0].outcome).toBe('0');
	expect(lastBody()).toEqual(vendor);
	expect(json(result)).toEqual([{ success: true }]);
	expect(
		t.sandbox.tenant.sales.orders.find(
			(x) => x.orderId === o.orderId && x.channelId === o.channelId,
		),
	).toMatchObject({ orderPrice: 0.01, orderStatus: 2, goodsList: vendor.goods });
});

test('Create or Update: an update may not move the status back; the vendor error says so', async () => {
	const existing = t.sandbox.tenant.sales.orders.find((o) => o.orderStatus === 4)!;
	const result = await run({
		resource: 'order',
		operation: 'createOrUpdate',
		channelId: existing.channelId,
		orderId: existing.orderId,
		orderPrice: existing.orderPrice,
		orderStatus: 2,
		orderTime: existing.orderTime,
	});
	expect(result.error?.message).toBe('Tanma error -1: 订单状态不能回退');
});

test('Create or Update: an amount with three decimals and an unknown status are refused before sending', async () => {
	const base = {
		resource: 'order',
		operation: 'createOrUpdate',
		channelId: '12306',
		orderId: 'X',
		orderTime: '2026-11-30 10:00:00',
	};
	expect((await run({ ...base, orderPrice: 0.015, orderStatus: 2 })).error?.message).toBe(
		'"Order Amount" has more than two decimals: "0.015"',
	);
	expect((await run({ ...base, orderPrice: 1, orderStatus: '={{ 1 }}' })).error?.message).toBe(
		'"Order Status" must be one of 2, 3, 4, 5, 7, got "1"',
	);
	expect(t.sandbox.requests).toHaveLength(0);
});

test('Get: the page example’s request shape; the answer is the order with its goods', async () => {
	const order = t.sandbox.tenant.sales.orders[3];
	const vendor = example('order-detail.api-11379710.json');
	const result = await run({
		resource: 'order',
		operation: 'get',
		channelId: order.channelId,
		id: order.id,
	});
	expect(Object.keys(lastBody() ?? {}).sort()).toEqual(Object.keys(vendor).sort());
	expect(lastBody()).toEqual({ channelId: order.channelId, id: order.id });
	expect(json(result)).toEqual([
		expect.objectContaining({
			id: order.id,
			orderId: order.orderId,
			orderStatus: order.orderStatus,
			goodsList: order.goodsList,
		}),
	]);
	expect(String(json(result)[0].customerId)).toBe(order.customerId);
});

test('Get Many: the page example’s filters, sent as the example sends them; Return All reads every page of the list shape', async () => {
	const vendor = example('order-list.api-11379709.json');
	const filtered = await run({
		resource: 'order',
		operation: 'getMany',
		returnAll: false,
		limit: vendor.pageSize as number,
		filters: {
			channelId: vendor.channelId as string,
			startDate: vendor.startDate as string,
			endDate: vendor.endDate as string,
		},
	});
	expect(filtered.error).toBeUndefined();
	expect(t.sandbox.requests[0].json).toEqual(vendor);
	const all = await run({ resource: 'order', operation: 'getMany', returnAll: true });
	const ids = json(all).map((o) => o.id);
	expect(ids).toHaveLength(t.sandbox.tenant.sales.orders.length);
	expect(new Set(ids).size).toBe(ids.length);
	expect(json(all)[0]).toMatchObject({
		status: expect.any(Number),
		orderId: expect.stringMatching(/^TEST_/),
	});
});

test('Get Many: Limit stops paging once enough orders are read', async () => {
	t.sandbox.requests.length = 0;
	const result = await run({
		resource: 'order',
		operation: 'getMany',
		returnAll: false,
		limit: 3,
		filters: { status: 2 },
	});
	expect(json(result)).toHaveLength(3);
	expect(json(result).every((o) => o.status === 2)).toBe(true);
	expect(t.sandbox.requests).toHaveLength(1);
	expect(t.sandbox.requests[0].json).toMatchObject({ status: 2, pageNo: 1, pageSize: 3 });
});
