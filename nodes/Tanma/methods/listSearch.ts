import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { ownerName } from '../helpers/customerSearch';
import { tanmaApiRequest } from '../transport';
import type { TanmaEndpoint } from '../transport/protocol/endpoints';
import { ENDPOINTS, MAX_PAGE_SIZE } from '../transport/protocol/endpoints';
import { firstPageParams, nextPageParams, pageItems } from '../transport/paging';
import { formatTanmaTime } from '../transport/protocol/time';
import type { TanmaBody } from '../transport/protocol/json';

/**
 * The *From List* sources of the resource locators (actions/locators.ts). Each call reads one page of a Tanma list
 * (one request per keystroke; the lead list, read newest first, up to LEAD_REQUESTS_PER_CALL), searched by Tanma
 * where its list takes a search text; where the next page starts travels back and forth as n8n's pagination token.
 */

const PAGE_SIZE = 50;

/** One page of `endpoint` with `body`, from the page `token` names (or the first); the rows and the next token. */
async function onePage(
	this: ILoadOptionsFunctions,
	endpoint: TanmaEndpoint,
	body: TanmaBody,
	token: string | undefined,
): Promise<{ rows: IDataObject[]; next?: string }> {
	let paging = firstPageParams(endpoint.paging, PAGE_SIZE);
	if (token) {
		try {
			const parsed = JSON.parse(token) as unknown;
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
				paging = parsed as IDataObject;
		} catch {
			// Not a token of ours: start at the first page.
		}
	}
	const sent = { ...body, ...paging };
	const data = await tanmaApiRequest.call(this, endpoint, sent);
	const rows = pageItems(endpoint.paging, data);
	const next = nextPageParams(endpoint.paging, sent, data, rows.length, new Set());
	return { rows, ...(next ? { next: JSON.stringify(next) } : {}) };
}

const text = (value: unknown) =>
	typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
const joined = (...parts: unknown[]) => parts.map(text).filter(Boolean).join(' · ');
const searched = (filter: string | undefined) => (filter ?? '').trim();

/** Customers with a WeCom external user ID, searched by Tanma (name, remark, phone number); the value is that ID. */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const searchKey = searched(filter);
	const { rows, next } = await onePage.call(
		this,
		ENDPOINTS.customerSearch,
		searchKey ? { searchKey } : {},
		paginationToken,
	);
	const results: INodeListSearchItems[] = rows
		.filter((row) => text(row.externalUserId))
		.map((row) => {
			const owner = ownerName(row);
			const mobiles = Array.isArray(row.mobiles)
				? (row.mobiles as unknown[]).join(', ')
				: row.mobile;
			return {
				name: joined(row.wechatNickname, row.qwRemark) || text(row.externalUserId),
				value: text(row.externalUserId),
				description: joined(mobiles, owner ? `owner ${owner}` : '', text(row.externalUserId)),
			};
		});
	return { results, paginationToken: next };
}

/** Active staff with a WeCom user ID, searched by Tanma by name; `valueOf` picks the value a row gives. */
async function staffPage(
	this: ILoadOptionsFunctions,
	valueOf: (row: IDataObject) => string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const name = searched(filter);
	const { rows, next } = await onePage.call(
		this,
		ENDPOINTS.staffList,
		{ deleted: 0, ...(name ? { name } : {}) },
		paginationToken,
	);
	const results = rows
		.filter((row) => text(row.qwUserId) && valueOf(row))
		.map((row) => ({
			name: text(row.name) || text(row.qwUserId),
			value: valueOf(row),
			description: joined(text(row.qwUserId), `staff ID ${text(row.salesId)}`),
		}));
	return { results, paginationToken: next };
}

/** Staff by name; the value is the WeCom user ID. */
export async function searchStaff(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await staffPage.call(this, (row) => text(row.qwUserId), filter, paginationToken);
}

/** Staff by name; the value is the Tanma staff ID. */
export async function searchStaffMembers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await staffPage.call(this, (row) => text(row.salesId), filter, paginationToken);
}

/** Group chats, searched by Tanma by name; the value is the chat ID. */
export async function searchGroupChats(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const keyword = searched(filter);
	const { rows, next } = await onePage.call(
		this,
		ENDPOINTS.groupList,
		keyword ? { keyword } : {},
		paginationToken,
	);
	const results = rows
		.filter((row) => text(row.chatId))
		.map((row) => ({
			name: text(row.chatName) || text(row.chatId),
			value: text(row.chatId),
			description: joined(row.salesName ? `owner ${text(row.salesName)}` : '', row.chatId),
		}));
	return { results, paginationToken: next };
}

/** How far back the lead list reaches: Tanma lists leads only by creation time, oldest first, with no search. */
const LEAD_LIST_DAYS = 30;
/** What one call (a keystroke, a page of the list) may spend on Tanma's lead list. */
const LEAD_REQUESTS_PER_CALL = 5;
const MINUTE_MS = 60 * 1000;
/**
 * The newest window of creation time is this long, and each one back this many times longer than the one before:
 * 10 min, 80 min, 10.7 h, 3.6 days, 28 days (the 30 days in 5 windows, one request each when they are quiet).
 */
const FIRST_WINDOW_MS = 10 * MINUTE_MS;
const WINDOW_GROWTH = 8;
/** The shortest window a burst of leads is read in. */
const MIN_WINDOW_MS = MINUTE_MS;

/** Where the next page of the lead list starts: leads created before `before`, read in windows from `span` long. */
interface LeadPage {
	before: number;
	span: number;
}

/** One window of creation time, [since, before), read page by page oldest first, within `requests`. */
async function leadWindow(
	this: ILoadOptionsFunctions,
	since: number,
	before: number,
	requests: number,
): Promise<{ rows: IDataObject[]; requests: number; complete: boolean }> {
	const rows: IDataObject[] = [];
	const used = new Set<string>();
	let paging = firstPageParams('cursor', MAX_PAGE_SIZE);
	for (let sent = 1; sent <= requests; sent++) {
		const body = { since: formatTanmaTime(since), before: formatTanmaTime(before), ...paging };
		const data = await tanmaApiRequest.call(this, ENDPOINTS.leadsByCreateTime, body);
		const page = pageItems('cursor', data);
		rows.push(...page);
		const next = nextPageParams('cursor', body, data, page.length, used);
		if (!next) return { rows, requests: sent, complete: true };
		used.add(String(next.cursor));
		paging = next;
	}
	return { rows, requests, complete: false };
}

/**
 * Leads newest first, though Tanma lists them oldest first: windows of creation time walked back from `from.before`,
 * each read to its end and reversed, until a page is full, the 30 days are covered or the call's requests are spent.
 * A window holding more leads than the requests left can read is read again shorter, from its newest end; a minute
 * holding more than one call can read is shown as far as it was read.
 */
async function newestLeads(
	this: ILoadOptionsFunctions,
	from: LeadPage,
	floor: number,
): Promise<{ rows: IDataObject[]; next?: LeadPage }> {
	const rows: IDataObject[] = [];
	let { before, span } = from;
	let requests = 0;
	while (before > floor && rows.length < PAGE_SIZE && requests < LEAD_REQUESTS_PER_CALL) {
		const since = Math.max(floor, before - span);
		const window = await leadWindow.call(this, since, before, LEAD_REQUESTS_PER_CALL - requests);
		requests += window.requests;
		if (!window.complete && span > MIN_WINDOW_MS) {
			span = Math.max(MIN_WINDOW_MS, Math.floor(span / WINDOW_GROWTH));
			if (rows.length) break; // the next page reads this window again, shorter
			continue;
		}
		rows.push(...window.rows.reverse());
		before = since;
		span *= WINDOW_GROWTH;
	}
	return { rows, next: before > floor ? { before, span } : undefined };
}

/** A lead field's text by its alias (`fields: [{field, valueAsText}]`). */
const leadField = (lead: IDataObject, alias: string) =>
	text(
		(Array.isArray(lead.fields) ? (lead.fields as IDataObject[]) : []).find(
			(f) => f && f.field === alias,
		)?.valueAsText,
	);

/** Where a page of the lead list starts: the token n8n hands back, or now. */
function leadPageFrom(token: string | undefined, now: number): LeadPage {
	try {
		const { before, span } = (token ? JSON.parse(token) : {}) as Partial<LeadPage>;
		if (
			typeof before === 'number' &&
			Number.isFinite(before) &&
			typeof span === 'number' &&
			span > 0
		)
			return { before, span };
	} catch {
		// Not a token of ours: start at the newest.
	}
	return { before: now + MINUTE_MS, span: FIRST_WINDOW_MS };
}

/** Leads created in the last LEAD_LIST_DAYS days, newest first, kept when their name or phone holds the filter. */
export async function searchLeads(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const now = Date.now();
	const { rows, next } = await newestLeads.call(
		this,
		leadPageFrom(paginationToken, now),
		now - LEAD_LIST_DAYS * 24 * 60 * MINUTE_MS,
	);
	const wanted = searched(filter);
	const results = rows
		.filter((row) => text(row.customerId))
		.map((row) => ({
			row,
			name: leadField(row, 'name'),
			mobile: leadField(row, 'customer_ch_phone'),
		}))
		.filter(({ name, mobile }) => !wanted || name.includes(wanted) || mobile.includes(wanted))
		.map(({ row, name, mobile }) => ({
			name: name || text(row.customerId),
			value: text(row.customerId),
			description: joined(
				mobile,
				row.isClue === false ? 'unassigned customer' : 'lead',
				row.customerId,
			),
		}));
	return { results, paginationToken: next && JSON.stringify(next) };
}

/** Orders, searched by Tanma by order number or customer name (and the Platform ID when set); the value is the record ID. */
export async function searchOrders(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const keyWord = searched(filter);
	const channelId = text(this.getCurrentNodeParameter('channelId'));
	const body: TanmaBody = {
		...(keyWord ? { keyWord } : {}),
		...(channelId && !channelId.startsWith('=') ? { channelId } : {}),
	};
	const { rows, next } = await onePage.call(this, ENDPOINTS.orderList, body, paginationToken);
	const results = rows
		.filter((row) => text(row.id))
		.map((row) => ({
			name: joined(row.orderId, row.channelName) || text(row.id),
			value: text(row.id),
			description: joined(
				row.orderTime,
				row.orderPrice !== undefined ? `amount ${text(row.orderPrice)}` : '',
				`platform ${text(row.channelId)}`,
			),
		}));
	return { results, paginationToken: next };
}
