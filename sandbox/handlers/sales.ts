/** Sandbox handlers for leads, opportunities, contracts, company-customer contacts and orders (Tanma's pages as the endpoint catalogue names them). */
import { formatTanmaTime } from '../../nodes/Tanma/transport/protocol/time';
import type { EndpointName } from '../../nodes/Tanma/transport/protocol/endpoints';
import type { Order } from '../salesData';
import type { Body, Handler } from './common';
import {
	VendorFailure,
	id,
	text,
	requireText,
	timeBound,
	page,
	inWindowOldestFirst,
	recordCreated,
} from './common';

/** A number field of a request body, or undefined; anything else is the vendor's parameter error. */
function numberField(body: Body, field: string): number | undefined {
	const value = body[field];
	if (value === undefined || value === null || value === '') return undefined;
	const n = Number(value);
	if (!Number.isFinite(n)) throw new VendorFailure(-1, `参数错误: ${field} 应为数字`);
	return n;
}

function orderAnswer(o: Order) {
	return { ...o, salesId: id(o.salesId), customerId: id(o.customerId) };
}

export const salesHandlers = {
	leadsByCreateTime(body, ctx) {
		const since = timeBound(body, 'since');
		const before = timeBound(body, 'before');
		const type = text(body, 'type');
		const rows = inWindowOldestFirst(ctx.tenant.leads, (l) => l.createTimeMs, since, before)
			.filter((l) => type === undefined || String(l.type) === type)
			.map((l) => ({
				customerId: id(l.customerId),
				isClue: l.isClue,
				type: l.type,
				fields: l.fields,
			}));
		return page('leadsByCreateTime', body, rows, ctx);
	},

	leadDetail(body, { tenant }) {
		const customerId = requireText(body, 'customerId');
		const lead = tenant.leads.find((l) => l.customerId === customerId);
		if (!lead) throw new VendorFailure(-1, '线索不存在');
		return {
			customerId: id(lead.customerId),
			isClue: lead.isClue,
			type: lead.type,
			convertCustomerTime: null,
			fields: lead.fields,
			tagIds: [],
			createTime: formatTanmaTime(lead.createTimeMs),
			lastUpdateTime: formatTanmaTime(lead.createTimeMs),
			companyInfo: null,
		};
	},

	opportunityConfig(_body, { tenant }) {
		return tenant.sales.opportunityTypes;
	},

	opportunityUpdate(body, ctx) {
		const opportunityId = requireText(body, 'customerOpportunityId');
		const opportunity = ctx.tenant.sales.customerOpportunities.find(
			(o) => o.customerOpportunityId === opportunityId,
		);
		if (!opportunity) throw new VendorFailure(-1, '商机不存在');
		const stage = text(body, 'stage');
		if (stage !== undefined) {
			const known = ctx.tenant.sales.opportunityTypes.some((t) =>
				t.stages.some((s) => s.stageId === stage),
			);
			if (!known) throw new VendorFailure(-1, '销售阶段不存在');
			opportunity.stage = stage;
		}
		const name = text(body, 'name');
		if (name !== undefined) opportunity.name = name;
		recordCreated(ctx, 'opportunityUpdate', body);
		return undefined;
	},

	contractDetail(body, { tenant }) {
		const contractId = requireText(body, 'contractId');
		const contract = tenant.sales.contracts.find((c) => c.id === contractId);
		if (!contract) throw new VendorFailure(-1, '合同不存在');
		return { ...contract, customerId: id(contract.customerId), salesId: id(contract.salesId) };
	},

	contractFields(body) {
		// The answer is the vendor's example, sent unchanged (server.ts); this checks the request.
		if (numberField(body, 'type') === undefined)
			throw new VendorFailure(-1, '参数错误: type 不能为空');
		return undefined;
	},

	companyContacts(body, { tenant }) {
		const companyCustomerId = numberField(body, 'companyCustomerId');
		if (companyCustomerId === undefined)
			throw new VendorFailure(-1, '参数错误: companyCustomerId 不能为空');
		return tenant.sales.companyContacts
			.filter((c) => c.companyCustomerId === companyCustomerId)
			.map(({ companyCustomerId: _key, ...contact }) => contact);
	},

	orderImport(body, ctx) {
		const order = (body.order ?? {}) as Body;
		const orderId = requireText(order, 'orderId');
		const channelId = requireText(order, 'channelId');
		// The page's table puts goods inside order, its example beside it: both are accepted.
		const goods = (Array.isArray(order.goods) ? order.goods : body.goods) as Body[] | undefined;
		const existing = ctx.tenant.sales.orders.find(
			(o) => o.orderId === orderId && o.channelId === channelId,
		);
		const status = numberField(order, 'orderStatus');
		if (existing) {
			// "Updates change only the status (never backwards), the amount and the custom fields."
			if (status !== undefined && status < existing.orderStatus)
				throw new VendorFailure(-1, '订单状态不能回退');
			if (status !== undefined) existing.orderStatus = status;
			const price = numberField(order, 'orderPrice');
			if (price !== undefined) existing.orderPrice = price;
			if (Array.isArray(order.customDefine))
				existing.customDefine = order.customDefine as Order['customDefine'];
		} else {
			const owner = ctx.tenant.customers[0];
			ctx.tenant.sales.orders.push({
				id: (BigInt(ctx.tenant.nextRecordId) * 7919n).toString(16).padStart(32, '0'),
				corpid: 'ww9c5530210a0d5116',
				salesId: owner.ownerSalesId,
				customerId: owner.customerId,
				channelId,
				channelName: text(order, 'channelName') ?? '',
				shopId: text(order, 'shopId') ?? '',
				shopName: text(order, 'shopName') ?? '',
				unionId: text(order, 'unionId') ?? '',
				mobile: text(order, 'mobile') ?? '',
				orderId,
				orderPrice: numberField(order, 'orderPrice') ?? 0,
				orderStatus: status ?? 2,
				orderTime: text(order, 'orderTime') ?? formatTanmaTime(ctx.now()),
				customDefine: (order.customDefine ?? []) as Order['customDefine'],
				goodsList: (goods ?? []) as unknown as Order['goodsList'],
			});
		}
		recordCreated(ctx, 'orderImport', body);
		return undefined;
	},

	orderDetail(body, { tenant }) {
		const orderKey = requireText(body, 'id');
		const channelId = text(body, 'channelId');
		const order = tenant.sales.orders.find(
			(o) => o.id === orderKey && (channelId === undefined || o.channelId === channelId),
		);
		if (!order) throw new VendorFailure(-1, '订单不存在');
		return orderAnswer(order);
	},

	orderList(body, ctx) {
		const channelId = text(body, 'channelId');
		const start = timeBound(body, 'startDate');
		const end = timeBound(body, 'endDate');
		const keyWord = text(body, 'keyWord');
		const status = numberField(body, 'status');
		const rows = ctx.tenant.sales.orders.filter((o) => {
			const at = timeBound({ t: o.orderTime }, 't') as number;
			if (channelId !== undefined && o.channelId !== channelId) return false;
			if (start !== undefined && at < start) return false;
			if (end !== undefined && at > end) return false;
			if (keyWord !== undefined && !o.orderId.includes(keyWord)) return false;
			return status === undefined || o.orderStatus === status;
		});
		// The list's rows are the page example's 14 keys: `status` where the detail says `orderStatus`, no unionId or mobile.
		return page('orderList', body, rows, ctx, {
			shape: (o) => ({
				id: o.id,
				corpid: o.corpid,
				salesId: id(o.salesId),
				customerId: id(o.customerId),
				channelId: o.channelId,
				channelName: o.channelName,
				shopId: o.shopId,
				shopName: o.shopName,
				orderId: o.orderId,
				orderPrice: o.orderPrice,
				status: o.orderStatus,
				orderTime: o.orderTime,
				customDefine: o.customDefine,
				goodsList: o.goodsList,
			}),
		});
	},
} satisfies Partial<Record<EndpointName, Handler>>;
