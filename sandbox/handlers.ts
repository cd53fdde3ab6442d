import type { EndpointName, TanmaEndpoint } from '../nodes/Tanma/transport/endpoints';
import { ENDPOINTS, MAX_PAGE_SIZE, PAGING_WIRE } from '../nodes/Tanma/transport/endpoints';
import { formatTanmaTime, parseTanmaTime } from '../nodes/Tanma/transport/time';
import type { Customer, Staff, TenantData } from './data';

/** A Tanma business failure: HTTP 200 with a non-zero code. */
export class VendorFailure extends Error {
	constructor(
		readonly code: number,
		message: string,
	) {
		super(message);
	}
}

export type Body = Record<string, unknown>;

export interface HandlerContext {
	tenant: TenantData;
	now: () => number;
	/** Records created through write endpoints, by endpoint name, for tests to inspect. */
	created: Record<string, Body[]>;
	/** Set by the "duplicate" fault: the next paged answer starts this many records early. */
	takeOverlap: () => number;
}

type Handler = (body: Body, ctx: HandlerContext) => unknown;


/** Ids are decimal strings in the tenant; bigint makes the JSON writer emit them as bare integers. */
const id = (value: string): bigint => BigInt(value);
const time = (ms: number | null): string | null => (ms === null ? null : formatTanmaTime(ms));

function text(body: Body, field: string): string | undefined {
	const v = body[field];
	if (v === undefined || v === null || v === '') return undefined;
	return String(v);
}

function requireText(body: Body, field: string): string {
	const v = text(body, field);
	if (v === undefined) throw new VendorFailure(-1, `参数错误: ${field} 不能为空`);
	return v;
}

function timeBound(body: Body, field: string): number | undefined {
	const v = text(body, field);
	if (v === undefined) return undefined;
	const ms = parseTanmaTime(v);
	if (ms === undefined) throw new VendorFailure(-1, `参数错误: ${field} 时间格式应为 yyyy-MM-dd HH:mm:ss`);
	return ms;
}

function idList(value: unknown): string[] {
	return Array.isArray(value) ? value.map((v) => String(v)) : [];
}

function pageSize(raw: unknown, fallback: number): number {
	const n = Number(raw ?? fallback);
	if (!Number.isInteger(n) || n < 1) throw new VendorFailure(-1, '参数错误: 分页大小无效');
	return Math.min(n, MAX_PAGE_SIZE);
}

/** Cursor tokens are opaque to clients; here they encode the next offset. */
function encodeCursor(offset: number): string {
	return Buffer.from(`o:${offset}`).toString('base64');
}

function decodeCursor(cursor: unknown): number {
	if (cursor === undefined || cursor === null || cursor === '') return 0;
	const decoded = Buffer.from(String(cursor), 'base64').toString('utf8');
	const m = /^o:(\d+)$/.exec(decoded);
	if (!m) throw new VendorFailure(-1, '参数错误: cursor 无效');
	return Number(m[1]);
}

/**
 * One page of `rows`, in the wire format the catalogue gives the endpoint's paging style. `shape` turns a
 * stored row into its answer form; it runs on the page only, so large tenants (bench: 50,000 customers) stay fast.
 */
function page<T>(name: EndpointName, body: Body, rows: T[], ctx: HandlerContext, options: { shape?: (row: T) => unknown } = {}) {
	const endpoint: TanmaEndpoint = ENDPOINTS[name];
	if (endpoint.paging === 'none') throw new Error(`${name} does not page`);
	const wire = PAGING_WIRE[endpoint.paging];
	const shape = options.shape ?? ((row: T) => row as unknown);
	const overlap = ctx.takeOverlap();
	if (wire.kind === 'cursor') {
		const size = pageSize(body[wire.sizeField], 20);
		const offset = decodeCursor(body[wire.cursorField]);
		const start = Math.max(0, offset - overlap);
		const list = rows.slice(start, offset + size).map(shape);
		const end = offset + size;
		return { [wire.listField]: list, [wire.nextCursorField]: end < rows.length ? encodeCursor(end) : null };
	}
	const size = pageSize(body[wire.sizeField], 10);
	const pageNo = Math.max(1, Number(body[wire.pageField] ?? 1) || 1);
	const offset = (pageNo - 1) * size;
	const slice = rows.slice(Math.max(0, offset - overlap), offset + size).map(shape);
	const totalPage = Math.ceil(rows.length / size);
	if (!wire.totalCountField) return { [wire.totalPageField]: totalPage, [wire.listField]: slice };
	return {
		...(wire.echoesRequest ? { [wire.pageField]: pageNo, [wire.sizeField]: size } : {}),
		[wire.totalCountField]: rows.length,
		[wire.listField]: slice,
		...(endpoint.answersTotalPage ? { [wire.totalPageField]: totalPage } : {}),
	};
}

function staffBySalesId(tenant: TenantData, salesId: string): Staff | undefined {
	return tenant.staff.find((s) => s.salesId === salesId);
}

function departmentNames(tenant: TenantData, staff: Staff | undefined): string[] {
	return (staff?.departmentIds ?? []).map(
		(d) => tenant.departments.find((x) => x.departmentId === d)?.departmentName ?? '',
	);
}

function tagsOf(tenant: TenantData, tagIds: number[]) {
	return tenant.tagGroups
		.flatMap((g) => g.tags.map((t) => ({ ...t, groupName: g.name })))
		.filter((t) => tagIds.includes(t.id))
		.map((t) => ({ id: t.id, name: t.name, groupName: t.groupName }));
}

function searchRow(tenant: TenantData, c: Customer) {
	const owner = staffBySalesId(tenant, c.ownerSalesId);
	return {
		customerId: id(c.customerId),
		externalUserId: c.externalUserId,
		unionId: c.unionId,
		qwSalesId: c.ownerQwUserId,
		salesDeptNames: JSON.stringify(departmentNames(tenant, owner)),
		wechatNickname: c.wechatNickname,
		qwRemark: c.qwRemark,
		isFriend: 1,
		deleteStatus: 0,
		createTime: time(c.createTimeMs),
		mainFollows: [{ salesName: owner?.name ?? '', followDeptNames: departmentNames(tenant, owner) }],
		shareFollows: c.collaboratorSalesIds.map((s) => ({ salesName: staffBySalesId(tenant, s)?.name ?? '' })),
		tags: tagsOf(tenant, c.tagIds),
		qwLastFollowTime: time(c.lastFollowTimeMs),
		pointCredit: 0,
		pointScore: 0,
	};
}

function customerByExternalId(tenant: TenantData, externalUserId: string): Customer {
	const c = tenant.customers.find((x) => x.externalUserId === externalUserId);
	if (!c) throw new VendorFailure(-1, '客户不存在');
	return c;
}

function inWindow(ms: number, since?: number, before?: number): boolean {
	return (since === undefined || ms >= since) && (before === undefined || ms < before);
}

function recordCreated(ctx: HandlerContext, name: EndpointName, body: Body): number {
	const recordId = ctx.tenant.nextRecordId++;
	(ctx.created[name] ??= []).push({ ...body, id: recordId });
	return recordId;
}

export const HANDLERS: Record<EndpointName, Handler> = {
	customerSearch(body, ctx) {
		const { tenant } = ctx;
		const searchKey = text(body, 'searchKey');
		const salesIds = idList(body.salesIdList);
		const departmentIds = idList(body.departmentIdList).map(Number);
		const role = String(body.role ?? '1');
		const customerId = text(body, 'customerId');
		const created = (body.createTime ?? {}) as Body;
		const createdFrom = timeBound(created, 'start');
		const createdTo = timeBound(created, 'end');
		// Filter by last follow-up time: the field appears only in a vendor example [inferred]; the sandbox
		// honours it so the trigger's "recently active" scope can be exercised.
		const lastFollow = (body.qwLastFollowTypes ?? {}) as Body;
		const lastFollowFrom = timeBound(lastFollow, 'start');
		const lastFollowTo = timeBound(lastFollow, 'end');
		const conditions = (body.conditions ?? {}) as Body;
		const tagCondition = (Array.isArray(conditions.conditionItems) ? conditions.conditionItems : []).find(
			(c: Body) => c?.name === 'tagIds',
		) as Body | undefined;
		const wantedTags = tagCondition ? idList(tagCondition.values).map(Number) : [];

		const rows = tenant.customers.filter((c) => {
			if (customerId !== undefined && c.customerId !== customerId) return false;
			if (searchKey !== undefined && ![c.name, c.wechatNickname, c.qwRemark, ...c.mobiles].some((v) => v.includes(searchKey))) return false;
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
			if (wantedTags.length && !c.tagIds.some((t) => wantedTags.includes(t))) return false;
			if (lastFollowFrom !== undefined || lastFollowTo !== undefined) {
				if (c.lastFollowTimeMs === null) return false;
				if (lastFollowFrom !== undefined && c.lastFollowTimeMs < lastFollowFrom) return false;
				if (lastFollowTo !== undefined && c.lastFollowTimeMs > lastFollowTo) return false;
			}
			return true;
		});
		return page('customerSearch', body, rows, ctx, { shape: (c) => searchRow(tenant, c) });
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

	customersByCreateTime(body, ctx) {
		const since = timeBound(body, 'since');
		const before = timeBound(body, 'before');
		const rows = ctx.tenant.customers.filter((c) => inWindow(c.createTimeMs, since, before));
		// Each customer has exactly one detail row (its owner's view), so paging customers pages the rows.
		return page('customersByCreateTime', body, rows, ctx, { shape: (c) => (HANDLERS.customerDetails({ externalUserId: c.externalUserId }, ctx) as unknown[])[0] });
	},

	customerFields(_body, { tenant }) {
		return {
			fields: tenant.fields.map(({ alias: _alias, ...field }) => field),
		};
	},

	tagTree(_body, { tenant }) {
		return tenant.tagGroups;
	},

	customerFollowUps(body, { tenant }) {
		const externalUserId = requireText(body, 'externalUserId');
		customerByExternalId(tenant, externalUserId);
		return tenant.followUps
			.filter((f) => f.externalUserId === externalUserId)
			.map((f) => ({
				id: f.id,
				qwUserId: f.qwUserId,
				externalUserId: f.externalUserId,
				content: f.content,
				followType: f.followType,
				gmtCreateTime: formatTanmaTime(f.createTimeMs),
			}));
	},

	leadFollowUps(body, ctx) {
		const customerId = requireText(body, 'customerId');
		const lead = ctx.tenant.leads.find((l) => l.customerId === customerId);
		if (!lead) throw new VendorFailure(-1, '线索不存在');
		const type = text(body, 'type');
		const rows = lead.followUps
			.filter((f) => type === undefined || String(f.type) === type)
			.map((f) => ({ id: f.id, type: f.type, content: f.content, createTime: formatTanmaTime(f.createTimeMs), operator: f.operator }));
		return page('leadFollowUps', body, rows, ctx);
	},

	relationsByStaff(body, ctx) {
		const qwUserId = requireText(body, 'qwUserId');
		const rows = ctx.tenant.relations
			.filter((r) => r.qwUserId === qwUserId)
			.map((r) => ({ customerId: id(r.customerId), qwUserId: r.qwUserId, type: r.type, fields: r.fields }));
		return page('relationsByStaff', body, rows, ctx);
	},

	relationsByCreateTime(body, ctx) {
		const since = timeBound(body, 'since');
		const before = timeBound(body, 'before');
		const qwUserId = text(body, 'qwUserId');
		const rows = ctx.tenant.relations
			.filter((r) => inWindow(r.relationCreateTimeMs, since, before))
			.filter((r) => qwUserId === undefined || r.qwUserId === qwUserId)
			.sort((a, b) => a.relationCreateTimeMs - b.relationCreateTimeMs)
			.map((r) => ({ customerId: id(r.customerId), qwUserId: r.qwUserId, type: r.type, fields: r.fields }));
		return page('relationsByCreateTime', body, rows, ctx);
	},

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
			.filter((g) => (from === undefined || g.createTimeMs >= from) && (to === undefined || g.createTimeMs <= to))
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
		for (const field of ENDPOINTS.workOrderCreate.required ?? []) requireText(body, field);
		return recordCreated(ctx, 'workOrderCreate', { ...body, createTimeMs: ctx.now() });
	},

	workOrderDetail(body, ctx) {
		const detailId = Number(requireText(body, 'detailId'));
		const order = (ctx.created.workOrderCreate ?? []).find((o) => o.id === detailId);
		if (!order) throw new VendorFailure(-1, '工单不存在');
		const creator = order.userId !== undefined ? staffBySalesId(ctx.tenant, String(order.userId)) : undefined;
		const customer = ctx.tenant.customers.find((c) => c.customerId === String(order.customerId ?? ''));
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

	staffList(body, ctx) {
		const name = text(body, 'name');
		const deleted = text(body, 'deleted');
		const rows = ctx.tenant.staff
			.filter((s) => name === undefined || s.name.includes(name))
			.filter((s) => deleted === undefined || String(s.deleted) === deleted)
			// Only salesId is known from client code; name and qwUserId are inferred (the request filters by name).
			.map((s) => ({ salesId: id(s.salesId), qwUserId: s.qwUserId, name: s.name }));
		return page('staffList', body, rows, ctx);
	},

	staffDepartments(body, { tenant }) {
		const qwUserId = text(body, 'qwUserId');
		const salesId = text(body, 'salesId');
		if (qwUserId === undefined && salesId === undefined) throw new VendorFailure(-1, '参数错误: qwUserId 与 salesId 不能同时为空');
		const staff = tenant.staff.find((s) => s.qwUserId === qwUserId || s.salesId === salesId);
		if (!staff) throw new VendorFailure(-1, '员工不存在');
		return staff.departmentIds.map((departmentId) => ({
			departmentName: tenant.departments.find((d) => d.departmentId === departmentId)?.departmentName ?? '',
			departmentId,
		}));
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
		const phones = fields.filter((f) => f.alias === 'customer_ch_phone').flatMap((f) => idList(f.values));
		const taken = new Set(ctx.tenant.customers.flatMap((c) => c.mobiles));
		if (phones.some((p) => taken.has(p))) throw new VendorFailure(40417, '请求参数验证失败:电话号码重复');
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
		const to = requireText(body, 'handoverToUserid');
		const staff = ctx.tenant.staff.find((s) => s.salesId === to || s.qwUserId === to);
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

	pushRegister(body, ctx) {
		requireText(body, 'receiveAddress');
		recordCreated(ctx, 'pushRegister', body);
		return undefined;
	},
};

/** Path → endpoint name, from the shared catalogue. */
export const ROUTES: ReadonlyMap<string, EndpointName> = new Map(
	(Object.keys(ENDPOINTS) as EndpointName[]).map((name) => [ENDPOINTS[name].path, name]),
);
