/** What every sandbox handler shares: the vendor failure, the request context, field readers, paging. */
import type { EndpointName, TanmaEndpoint } from '../../nodes/Tanma/transport/protocol/endpoints';
import {
	ENDPOINTS,
	MAX_PAGE_SIZE,
	PAGING_WIRE,
} from '../../nodes/Tanma/transport/protocol/endpoints';
import { formatTanmaTime, parseTanmaTime } from '../../nodes/Tanma/transport/protocol/time';
import type { Customer, Staff, TenantData } from '../data';

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

import type { TenantReadings } from '../readings';

export interface HandlerContext {
	tenant: TenantData;
	now: () => number;
	/** Records created through write endpoints, by endpoint name, for tests to inspect. */
	created: Record<string, Body[]>;
	/** Set by the "duplicate" fault: the next paged answer starts this many records early. */
	takeOverlap: () => number;
	/** How this tenant reads what Tanma never published (../readings.ts). */
	readings: TenantReadings;
}

export type Handler = (body: Body, ctx: HandlerContext) => unknown;

/** Ids are decimal strings in the tenant; bigint makes the JSON writer emit them as bare integers. */
export const id = (value: string): bigint => BigInt(value);
export const time = (ms: number | null): string | null =>
	ms === null ? null : formatTanmaTime(ms);

export function text(body: Body, field: string): string | undefined {
	const v = body[field];
	if (v === undefined || v === null || v === '') return undefined;
	return String(v);
}

export function requireText(body: Body, field: string): string {
	const v = text(body, field);
	if (v === undefined) throw new VendorFailure(-1, `参数错误: ${field} 不能为空`);
	return v;
}

export function timeBound(body: Body, field: string): number | undefined {
	const v = text(body, field);
	if (v === undefined) return undefined;
	const ms = parseTanmaTime(v);
	if (ms === undefined)
		throw new VendorFailure(-1, `参数错误: ${field} 时间格式应为 yyyy-MM-dd HH:mm:ss`);
	return ms;
}

export function idList(value: unknown): string[] {
	return Array.isArray(value) ? value.map((v) => String(v)) : [];
}

export function pageSize(raw: unknown, fallback: number): number {
	const n = Number(raw ?? fallback);
	if (!Number.isInteger(n) || n < 1) throw new VendorFailure(-1, '参数错误: 分页大小无效');
	return Math.min(n, MAX_PAGE_SIZE);
}

/** Cursor tokens are opaque to clients; here they encode the next offset. */
export function encodeCursor(offset: number): string {
	return Buffer.from(`o:${offset}`).toString('base64');
}

export function decodeCursor(cursor: unknown): number {
	if (cursor === undefined || cursor === null || cursor === '') return 0;
	const decoded = Buffer.from(String(cursor), 'base64').toString('utf8');
	const m = /^o:(\d+)$/.exec(decoded);
	if (!m) throw new VendorFailure(-1, '参数错误: cursor 无效');
	return Number(m[1]);
}

/**
 * The `page` and `list` endpoints whose answer also gives `totalPage` beside `totalCount` (their vendor pages
 * show it); the others answer without it, so the node's fallback to totalCount is what those tests run.
 */
const ANSWERS_TOTAL_PAGE: ReadonlySet<EndpointName> = new Set<EndpointName>([
	'groupList',
	'orderList',
]);

/**
 * One page of `rows`, in the wire format the catalogue gives the endpoint's paging style. `shape` turns a
 * stored row into its answer form; it runs on the page only, so large tenants (bench: 50,000 customers) stay fast.
 */
export function page<T>(
	name: EndpointName,
	body: Body,
	rows: T[],
	ctx: HandlerContext,
	options: { shape?: (row: T) => unknown } = {},
) {
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
		return {
			[wire.listField]: list,
			[wire.nextCursorField]: end < rows.length ? encodeCursor(end) : null,
		};
	}
	const size = pageSize(body[wire.sizeField], 10);
	const pageNo = Math.max(1, Number(body[wire.pageField] ?? 1) || 1);
	const offset = (pageNo - 1) * size;
	const slice = rows.slice(Math.max(0, offset - overlap), offset + size).map(shape);
	const totalPage = Math.ceil(rows.length / size);
	if (!wire.totalCountField) return { [wire.totalPageField]: totalPage, [wire.listField]: slice };
	return {
		...(wire.echo ? { [wire.echo.page]: pageNo, [wire.echo.size]: size } : {}),
		[wire.totalCountField]: rows.length,
		[wire.listField]: slice,
		...(ANSWERS_TOTAL_PAGE.has(name) ? { [wire.totalPageField]: totalPage } : {}),
	};
}

export function staffBySalesId(tenant: TenantData, salesId: string): Staff | undefined {
	return tenant.staff.find((s) => s.salesId === salesId);
}

export function departmentNames(tenant: TenantData, staff: Staff | undefined): string[] {
	return (staff?.departmentIds ?? []).map(
		(d) => tenant.departments.find((x) => x.departmentId === d)?.departmentName ?? '',
	);
}

export function tagsOf(tenant: TenantData, tagIds: number[]) {
	return tenant.tagGroups
		.flatMap((g) => g.tags.map((t) => ({ ...t, groupName: g.name })))
		.filter((t) => tagIds.includes(t.id))
		.map((t) => ({ id: t.id, name: t.name, groupName: t.groupName }));
}

/** A search row's `tags` in the shape this tenant writes them (../readings.ts `rowTags`); none for `absent`. */
function rowTags(
	tenant: TenantData,
	tagIds: number[],
	shape: TenantReadings['rowTags'],
): { tags?: unknown } {
	const tags = tagsOf(tenant, tagIds);
	if (shape === 'absent') return {};
	if (shape === 'ids') return { tags: tags.map((t) => t.id) };
	if (shape === 'tagIdObjects')
		return { tags: tags.map((t) => ({ tagId: String(t.id), tagName: t.name })) };
	return { tags };
}

export function searchRow(
	tenant: TenantData,
	c: Customer,
	tagShape: TenantReadings['rowTags'] = 'objects',
) {
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
		mainFollows: [
			{ salesName: owner?.name ?? '', followDeptNames: departmentNames(tenant, owner) },
		],
		shareFollows: c.collaboratorSalesIds.map((s) => ({
			salesName: staffBySalesId(tenant, s)?.name ?? '',
		})),
		...rowTags(tenant, c.tagIds, tagShape),
		qwLastFollowTime: time(c.lastFollowTimeMs),
		pointCredit: 0,
		pointScore: 0,
	};
}

export function customerByExternalId(tenant: TenantData, externalUserId: string): Customer {
	const c = tenant.customers.find((x) => x.externalUserId === externalUserId);
	if (!c) throw new VendorFailure(-1, '客户不存在');
	return c;
}

export function inWindow(ms: number, since?: number, before?: number): boolean {
	return (since === undefined || ms >= since) && (before === undefined || ms < before);
}

/** The rows whose time is in [since, before), oldest first: the by-creation-time list endpoints. */
export function inWindowOldestFirst<T>(
	rows: T[],
	timeOf: (row: T) => number,
	since?: number,
	before?: number,
): T[] {
	return rows
		.filter((row) => inWindow(timeOf(row), since, before))
		.sort((a, b) => timeOf(a) - timeOf(b));
}

export function recordCreated(ctx: HandlerContext, name: EndpointName, body: Body): number {
	const recordId = ctx.tenant.nextRecordId++;
	(ctx.created[name] ??= []).push({ ...body, id: recordId });
	return recordId;
}
