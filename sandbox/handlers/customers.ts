/** Sandbox handlers for customers: search, details, fields, high-seas contacts, import and transfer. */
import type { EndpointName } from '../../nodes/Tanma/transport/protocol/endpoints';
import { droppedByTenant, everyConditionHolds, matchesTagOp6 } from '../readings';
import type { Body, Handler } from './common';
import {
	VendorFailure,
	id,
	time,
	text,
	requireText,
	timeBound,
	idList,
	page,
	staffBySalesId,
	searchRow,
	customerByExternalId,
	inWindow,
	recordCreated,
} from './common';

export const customersHandlers = {
	customerSearch(body, ctx) {
		const { tenant, readings } = ctx;
		const searchKey = text(body, 'searchKey');
		const salesIds = idList(body.salesIdList);
		const departmentIds = idList(body.departmentIdList).map(Number);
		const role = String(body.role ?? '1');
		const customerId = text(body, 'customerId');
		const created = (body.createTime ?? {}) as Body;
		const halfOpen = (created.start === undefined) !== (created.end === undefined);
		const createdRange = halfOpen && readings.halfOpenRange === 'ignored' ? {} : created;
		const createdFrom = timeBound(createdRange, 'start');
		const createdTo = timeBound(createdRange, 'end');
		// The field appears only in a vendor example [inferred]; how it is read is the tenant's (../readings.ts).
		const lastFollowSent =
			body.qwLastFollowTypes !== undefined && readings.lastFollowTypes !== 'ignored';
		if (lastFollowSent && readings.lastFollowTypes === 'typeFilter')
			return page('customerSearch', body, [], ctx);
		const lastFollow = (lastFollowSent ? body.qwLastFollowTypes : {}) as Body;
		const lastFollowFrom = timeBound(lastFollow, 'start');
		const lastFollowTo = timeBound(lastFollow, 'end');
		const conditions = (body.conditions ?? {}) as Body;
		// Tag conditions: op 6 and conditionOp 1 mean what this tenant reads them as (../readings.ts) [inferred].
		const tagConditions = (
			Array.isArray(conditions.conditionItems) ? (conditions.conditionItems as Body[]) : []
		)
			.filter((c) => c?.name === 'tagIds')
			.map((c) => ({ values: idList(c.values).map(Number), op6: Number(c.op) === 6 }));
		const everyTagCondition = everyConditionHolds(conditions.conditionOp, readings.conditionOp1);

		const rows = tenant.customers.filter((c) => {
			if (customerId !== undefined && c.customerId !== customerId) return false;
			if (
				searchKey !== undefined &&
				![c.name, c.wechatNickname, c.qwRemark, ...c.mobiles].some((v) => v.includes(searchKey))
			)
				return false;
			if (salesIds.length) {
				const pool = role === '2' ? c.collaboratorSalesIds : [c.ownerSalesId];
				if (!pool.some((s) => salesIds.includes(s))) return false;
			}
			if (departmentIds.length) {
				const owner = staffBySalesId(tenant, c.ownerSalesId);
				if (!owner?.departmentIds.some((d) => departmentIds.includes(d))) return false;
			}
			if (createdFrom !== undefined && c.createTimeMs < createdFrom) return false;
			if (createdTo !== undefined && c.createTimeMs > createdTo) return false;
			if (tagConditions.length) {
				const held = tagConditions.map((w) =>
					matchesTagOp6(c.tagIds, w.values, w.op6 ? readings.tagOp6 : 'anyOf'),
				);
				if (everyTagCondition ? !held.every(Boolean) : !held.some(Boolean)) return false;
			}
			if (lastFollowFrom !== undefined || lastFollowTo !== undefined) {
				if (c.lastFollowTimeMs === null) return false;
				if (lastFollowFrom !== undefined && c.lastFollowTimeMs < lastFollowFrom) return false;
				if (lastFollowTo !== undefined && c.lastFollowTimeMs > lastFollowTo) return false;
				if (readings.lastFollowTypes === 'dropsRows' && droppedByTenant(c.customerId)) return false;
			}
			return true;
		});
		return page('customerSearch', body, rows, ctx, {
			shape: (c) => searchRow(tenant, c, readings.rowTags),
		});
	},

	customerDetails(body, { tenant }) {
		const c = customerByExternalId(tenant, requireText(body, 'externalUserId'));
		const qwUserId = text(body, 'qwUserId');
		if (qwUserId !== undefined && qwUserId !== c.ownerQwUserId) return [];
		return [
			{
				qwUserId: c.ownerQwUserId,
				externalUserId: c.externalUserId,
				unionId: c.unionId,
				qwCustomerTime: time(c.createTimeMs),
				mobiles: c.mobiles,
				wechatNickname: c.wechatNickname,
				wechatAvatar: c.wechatAvatar,
			},
		];
	},

	customersByCreateTime(body, ctx): unknown {
		const since = timeBound(body, 'since');
		const before = timeBound(body, 'before');
		const rows = ctx.tenant.customers.filter((c) => inWindow(c.createTimeMs, since, before));
		// Each customer has exactly one detail row (its owner's view), so paging customers pages the rows.
		return page('customersByCreateTime', body, rows, ctx, {
			shape: (c) =>
				(
					customersHandlers.customerDetails({ externalUserId: c.externalUserId }, ctx) as unknown[]
				)[0],
		});
	},

	customerFields(_body, { tenant }) {
		return {
			fields: tenant.fields.map(({ alias: _alias, ...field }) => field),
		};
	},

	profileFields(_body, { tenant }) {
		// Only `id` is known from client code; the sandbox answers nothing it cannot vouch for.
		return tenant.fields.map((f) => ({ id: f.id }));
	},

	highSeasContacts(body, { tenant }) {
		const customerId = requireText(body, 'customerId');
		return tenant.highSeasContacts
			.filter((c) => c.customerId === customerId)
			.map((c) => ({ ...c, customerId: id(c.customerId) }));
	},

	customerImport(body, ctx) {
		const owner = requireText(body, 'qwUserId');
		const staff = ctx.tenant.staff.find((s) => s.qwUserId === owner || s.salesId === owner);
		if (!staff) throw new VendorFailure(-1, '员工不存在');
		const fields = Array.isArray(body.fields) ? (body.fields as Body[]) : [];
		const unknown = fields.find((f) => !ctx.tenant.fields.some((x) => x.alias === f.alias));
		if (unknown) throw new VendorFailure(-1, `参数错误: 字段别名不存在 ${String(unknown.alias)}`);
		const phones = fields
			.filter((f) => f.alias === 'customer_ch_phone')
			.flatMap((f) => idList(f.values));
		const taken = new Set(ctx.tenant.customers.flatMap((c) => c.mobiles));
		if (phones.some((p) => taken.has(p)))
			throw new VendorFailure(40417, '请求参数验证失败:电话号码重复');
		const name = fields.find((f) => f.alias === 'name');
		const customerId = String(513799527504064n + BigInt(ctx.tenant.nextRecordId));
		ctx.tenant.customers.push({
			customerId,
			externalUserId: `wmimport${ctx.tenant.nextRecordId}`,
			unionId: null,
			ownerQwUserId: staff.qwUserId,
			ownerSalesId: staff.salesId,
			name: idList(name?.values)[0] ?? '',
			wechatNickname: '',
			wechatAvatar: '',
			mobiles: phones,
			qwRemark: '',
			createTimeMs: ctx.now(),
			tagIds: [],
			lastFollowTimeMs: null,
			collaboratorSalesIds: [],
		});
		recordCreated(ctx, 'customerImport', body);
		return null;
	},

	customerTransfer(body, ctx) {
		// A WeCom user id, as Tanma's only page on the field shows (api-11379684's example "ZhuShanPeng").
		const to = requireText(body, 'handoverToUserid');
		const staff = ctx.tenant.staff.find((s) => s.qwUserId === to);
		if (!staff) throw new VendorFailure(-1, '接收员工不存在');
		const moves = Array.isArray(body.customers) ? (body.customers as Body[]) : [];
		if (!moves.length) throw new VendorFailure(-1, '参数错误: customers 不能为空');
		for (const move of moves) {
			const c = ctx.tenant.customers.find((x) => x.customerId === String(move.customerId));
			if (!c) throw new VendorFailure(-1, `客户不存在: ${String(move.customerId)}`);
			c.ownerQwUserId = staff.qwUserId;
			c.ownerSalesId = staff.salesId;
		}
		recordCreated(ctx, 'customerTransfer', body);
		return null;
	},
} satisfies Partial<Record<EndpointName, Handler>>;
