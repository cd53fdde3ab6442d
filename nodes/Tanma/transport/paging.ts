import type { IDataObject } from 'n8n-workflow';

import type { PagingStyle } from './endpoints';
import { MAX_PAGE_SIZE, PAGING_WIRE } from './endpoints';
import { isPlainObject } from './json';

/** The list inside one page's `data`, under the name the paging style gives it. */
export function pageItems(style: PagingStyle, data: unknown): IDataObject[] {
	let list: unknown;
	if (style === 'none') list = data;
	else if (isPlainObject(data)) list = data[PAGING_WIRE[style].listField];
	return Array.isArray(list) ? (list.filter(isPlainObject) as IDataObject[]) : [];
}

/** Paging fields of the first request. */
export function firstPageParams(style: PagingStyle, pageSize: number): IDataObject {
	if (style === 'none') return {};
	const wire = PAGING_WIRE[style];
	if (wire.kind === 'cursor') return { [wire.sizeField]: pageSize };
	return { [wire.pageField]: 1, [wire.sizeField]: pageSize };
}

function asPositiveNumber(value: unknown): number | undefined {
	const n = typeof value === 'string' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** The cursor a request sent, if any (it may not be reused: a server that repeats one would loop forever). */
export function sentCursor(style: PagingStyle, sent: IDataObject): string | undefined {
	if (style === 'none') return undefined;
	const wire = PAGING_WIRE[style];
	const cursor = wire.kind === 'cursor' ? sent[wire.cursorField] : undefined;
	return typeof cursor === 'string' ? cursor : undefined;
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
	const wire = PAGING_WIRE[style];

	if (wire.kind === 'cursor') {
		const next = data[wire.nextCursorField];
		if (next === undefined || next === null || next === '') return undefined;
		const cursor = String(next);
		if (cursor === sent[wire.cursorField] || usedCursors.has(cursor)) return undefined;
		return { [wire.cursorField]: cursor, [wire.sizeField]: sent[wire.sizeField] };
	}

	const pageNo = Number(sent[wire.pageField]);
	const pageSize = Number(sent[wire.sizeField]);
	const totalPage = asPositiveNumber(data[wire.totalPageField]);
	const totalCount = wire.totalCountField === undefined ? undefined : asPositiveNumber(data[wire.totalCountField]);
	if (totalPage !== undefined && pageNo >= totalPage) return undefined;
	if (totalPage === undefined && totalCount !== undefined && pageNo * pageSize >= totalCount) {
		return undefined;
	}
	// Without any total, a short page is the last one.
	if (totalPage === undefined && totalCount === undefined && itemsOnPage < pageSize) return undefined;
	return { [wire.pageField]: pageNo + 1, [wire.sizeField]: pageSize };
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
		const cursor = sentCursor(style, params);
		if (cursor !== undefined) usedCursors.add(cursor);
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
