/** Sandbox handlers for SOP tasks, group chats, mass-sends and work orders. */
import { formatTanmaTime } from '../../nodes/Tanma/transport/protocol/time';
import type { EndpointName } from '../../nodes/Tanma/transport/protocol/endpoints';
import type { Handler } from './common';
import {
	VendorFailure,
	id,
	text,
	requireText,
	timeBound,
	idList,
	page,
	staffBySalesId,
	departmentNames,
	recordCreated,
} from './common';

export const tasksHandlers = {
	sopTaskCustomers(body, { tenant }) {
		const salesIds = idList(body.salesIds);
		if (!salesIds.length) throw new VendorFailure(-1, '参数错误: salesIds 不能为空');
		return tenant.customers
			.filter((c) => salesIds.includes(c.ownerSalesId))
			.map((c) => ({
				corpid: 'wwsandbox0000000000',
				salesId: id(c.ownerSalesId),
				customerId: id(c.customerId),
				isCustomer: 1,
				customerName: c.name,
				contactId: '',
			}));
	},

	customerSopSave(body, ctx) {
		requireText(body, 'title');
		recordCreated(ctx, 'customerSopSave', body);
		return null;
	},

	groupSopManual(body, ctx) {
		requireText(body, 'title');
		recordCreated(ctx, 'groupSopManual', body);
		return null;
	},

	groupSopAssistant(body, ctx) {
		requireText(body, 'title');
		recordCreated(ctx, 'groupSopAssistant', body);
		return {};
	},

	groupList(body, ctx) {
		const { tenant } = ctx;
		const userId = text(body, 'userId');
		const keyword = text(body, 'keyword');
		const from = timeBound(body, 'startCreateTime');
		const to = timeBound(body, 'endCreateTime');
		const rows = tenant.groups
			.filter((g) => userId === undefined || g.ownerSalesId === userId)
			.filter((g) => keyword === undefined || g.chatName.includes(keyword))
			.filter(
				(g) =>
					(from === undefined || g.createTimeMs >= from) &&
					(to === undefined || g.createTimeMs <= to),
			)
			.map((g) => {
				const owner = staffBySalesId(tenant, g.ownerSalesId);
				return {
					salesId: g.ownerSalesId,
					salesName: owner?.name ?? '',
					departmentName: departmentNames(tenant, owner)[0] ?? '',
					chatId: g.chatId,
					chatName: g.chatName,
					tasks: g.taskIds.map((t) => ({ id: t })),
				};
			});
		return page('groupList', body, rows, ctx);
	},

	groupSendTask(body, ctx) {
		requireText(body, 'title');
		recordCreated(ctx, 'groupSendTask', body);
		return null;
	},

	workOrderCreate(body, ctx) {
		// The fields the vendor's table marks as required (its page, api-37786327).
		for (const field of ['moduleId', 'title', 'content', 'priority', 'departmentId'])
			requireText(body, field);
		return recordCreated(ctx, 'workOrderCreate', { ...body, createTimeMs: ctx.now() });
	},

	workOrderDetail(body, ctx) {
		const detailId = Number(requireText(body, 'detailId'));
		const order = (ctx.created.workOrderCreate ?? []).find((o) => o.id === detailId);
		if (!order) throw new VendorFailure(-1, '工单不存在');
		const creator =
			order.userId !== undefined ? staffBySalesId(ctx.tenant, String(order.userId)) : undefined;
		const customer = ctx.tenant.customers.find(
			(c) => c.customerId === String(order.customerId ?? ''),
		);
		const at = formatTanmaTime(order.createTimeMs as number);
		return {
			id: order.id,
			title: order.title,
			createUserId: creator ? id(creator.salesId) : null,
			createUserName: creator?.name ?? 'API',
			createUserDeleted: false,
			createTime: at,
			lastUpdateTime: at,
			circulationType: 1,
			priority: order.priority,
			status: 1,
			content: order.content,
			appendix: JSON.stringify(order.appendix ?? []),
			fieldDefine: JSON.stringify(order.fieldDefine ?? []),
			relationCustomerId: customer ? id(customer.customerId) : null,
			relationSalesId: customer ? id(customer.ownerSalesId) : null,
			relationCustomerName: customer?.name ?? null,
			relationSalesName: null,
			currentHandleUser: [],
		};
	},
} satisfies Partial<Record<EndpointName, Handler>>;
