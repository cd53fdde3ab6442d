import type { IDataObject } from 'n8n-workflow';

import type { PagingStyle } from './endpoints';
import { MAX_PAGE_SIZE } from './endpoints';
import { isPlainObject } from './json';

/** The list inside one page's `data`, whatever the paging style calls it. */
export function pageItems(style: PagingStyle, data: unknown): IDataObject[] {
	let list: unknown;
	if (style === 'none') list = data;
	else if (!isPlainObject(data)) list = undefined;
	else if (style === 'page') list = data.result;
	else if (style === 'search') list = data.data;
	else list = data.list;
	return Array.isArray(list) ? (list.filter(isPlainObject) as IDataObject[]) : [];
}

/** Paging fields of the first request. */
export function firstPageParams(style: PagingStyle, pageSize: number): IDataObject {
	if (style === 'page' || style === 'search') return { pageNo: 1, pageSize };
	if (style === 'cursor') return { size: pageSize };
	return {};
}

function asPositiveNumber(value: unknown): number | undefined {
	const n = typeof value === 'string' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * Paging fields of the next request, or undefined when this page was the last.
 * Guards against endless loops: an empty page ends paging, and so does a cursor already used.
 */
export function nextPageParams(
	style: PagingStyle,
	sent: IDataObject,
	data: unknown,
	itemsOnPage: number,
	usedCursors: ReadonlySet<string>,
): IDataObject | undefined {
	if (style === 'none' || itemsOnPage === 0 || !isPlainObject(data)) return undefined;

	if (style === 'cursor') {
		const next = data.nextCursor;
		if (next === undefined || next === null || next === '') return undefined;
		const cursor = String(next);
		if (cursor === sent.cursor || usedCursors.has(cursor)) return undefined;
		return { cursor, size: sent.size };
	}

	const pageNo = Number(sent.pageNo);
	const pageSize = Number(sent.pageSize);
	const totalPage = asPositiveNumber(data.totalPage);
	const totalCount = asPositiveNumber(data.totalCount);
	if (totalPage !== undefined && pageNo >= totalPage) return undefined;
	if (totalPage === undefined && totalCount !== undefined && pageNo * pageSize >= totalCount) {
		return undefined;
	}
	// Without any total, a short page is the last one.
	if (totalPage === undefined && totalCount === undefined && itemsOnPage < pageSize) return undefined;
	return { pageNo: pageNo + 1, pageSize };
}

export interface CollectOptions {
	style: PagingStyle;
	/** undefined = every record (Return All). */
	limit?: number;
	pageSize?: number;
	/** Hard stop, whatever the server says. */
	maxPages?: number;
	/** Drops a record whose id was already collected (pages that shift while being read). */
	idOf?: (item: IDataObject) => string | undefined;
}

export const DEFAULT_MAX_PAGES = 10_000;

export function effectivePageSize(limit: number | undefined, pageSize = MAX_PAGE_SIZE): number {
	const size = Math.max(1, Math.min(pageSize, MAX_PAGE_SIZE));
	return limit !== undefined && limit > 0 ? Math.min(size, limit) : size;
}

/** Reads pages through `fetchPage` until the records run out, the limit is met or a guard trips. */
export async function collectPages(
	fetchPage: (pagingFields: IDataObject) => Promise<unknown>,
	options: CollectOptions,
): Promise<IDataObject[]> {
	const { style, limit, idOf } = options;
	const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
	const results: IDataObject[] = [];
	const seenIds = new Set<string>();
	const usedCursors = new Set<string>();
	let params: IDataObject | undefined = firstPageParams(
		style,
		effectivePageSize(limit, options.pageSize),
	);

	for (let page = 0; params !== undefined && page < maxPages; page++) {
		if (typeof params.cursor === 'string') usedCursors.add(params.cursor);
		const data = await fetchPage(params);
		const items = pageItems(style, data);
		for (const item of items) {
			const id = idOf?.(item);
			if (id !== undefined) {
				if (seenIds.has(id)) continue;
				seenIds.add(id);
			}
			results.push(item);
			if (limit !== undefined && results.length >= limit) return results;
		}
		params = nextPageParams(style, params, data, items.length, usedCursors);
	}
	return results;
}
