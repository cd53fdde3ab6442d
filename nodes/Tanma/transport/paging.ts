import type { IDataObject } from 'n8n-workflow';

import type { PagingStyle } from './protocol/endpoints';
import { MAX_PAGE_SIZE, PAGING_WIRE } from './protocol/endpoints';
import { readInOrder, ReadPacer } from './concurrency';
import type { TanmaBody } from './protocol/json';
import { isPlainObject } from './protocol/json';

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
export function sentCursor(style: PagingStyle, sent: TanmaBody): string | undefined {
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
	sent: TanmaBody,
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
		return { [wire.cursorField]: cursor, [wire.sizeField]: Number(sent[wire.sizeField]) };
	}

	const pageNo = Number(sent[wire.pageField]);
	const pageSize = Number(sent[wire.sizeField]);
	const totalPage = asPositiveNumber(data[wire.totalPageField]);
	const totalCount =
		wire.totalCountField === undefined ? undefined : asPositiveNumber(data[wire.totalCountField]);
	if (totalPage !== undefined && pageNo >= totalPage) return undefined;
	if (totalPage === undefined && totalCount !== undefined && pageNo * pageSize >= totalCount) {
		return undefined;
	}
	// Without any total, a short page is the last one.
	if (totalPage === undefined && totalCount === undefined && itemsOnPage < pageSize)
		return undefined;
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
	/** How many pages may be read at once (numbered styles, once a page has told the total); default 1. */
	pacer?: ReadPacer;
}

export const DEFAULT_MAX_PAGES = 10_000;

export function effectivePageSize(limit: number | undefined, pageSize = MAX_PAGE_SIZE): number {
	const size = Math.max(1, Math.min(pageSize, MAX_PAGE_SIZE));
	return limit !== undefined && limit > 0 ? Math.min(size, limit) : size;
}

/** How many pages the list has, by the totals a numbered page gives (undefined when it gives none). */
export function totalPages(
	style: PagingStyle,
	data: unknown,
	pageSize: number,
): number | undefined {
	if (style === 'none' || !isPlainObject(data)) return undefined;
	const wire = PAGING_WIRE[style];
	if (wire.kind !== 'numbered') return undefined;
	const totalPage = asPositiveNumber(data[wire.totalPageField]);
	if (totalPage !== undefined) return Math.floor(totalPage);
	const totalCount =
		wire.totalCountField === undefined ? undefined : asPositiveNumber(data[wire.totalCountField]);
	return totalCount === undefined ? undefined : Math.ceil(totalCount / pageSize);
}

/**
 * The last page worth starting after page `pageNo` was read and `collected` records are in hand: the list's last
 * page for Return All, or just enough pages for the rest of the Limit (fewer when the list ends first).
 * Without totals only the next page is known to exist.
 */
export function lastPageNeeded(
	style: PagingStyle,
	data: unknown,
	pageNo: number,
	pageSize: number,
	limit: number | undefined,
	collected: number,
): number {
	const total = totalPages(style, data, pageSize);
	if (total === undefined) return pageNo + 1;
	if (limit === undefined) return total;
	return Math.min(total, pageNo + Math.ceil(Math.max(0, limit - collected) / pageSize));
}

interface FetchedPage {
	sent: TanmaBody;
	data: unknown;
}

/**
 * Reads pages through `fetchPage` until the records run out, the limit is met or a guard trips.
 * Numbered styles read ahead in parallel (up to the pacer's limit) once a page has told the total, never past
 * the pages the limit needs; records come out in page order either way. Cursor pages go one after another,
 * as each needs the cursor of the one before.
 */
export async function collectPages(
	fetchPage: (pagingFields: IDataObject) => Promise<unknown>,
	options: CollectOptions,
): Promise<IDataObject[]> {
	const { style, limit, idOf } = options;
	const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
	const pacer = options.pacer ?? new ReadPacer(1);
	const pageSize = effectivePageSize(limit, options.pageSize);
	const wire = style === 'none' ? undefined : PAGING_WIRE[style];
	const results: IDataObject[] = [];
	const seenIds = new Set<string>();
	const usedCursors = new Set<string>();
	let started = 0;
	// Numbered styles: the next page to start and the last one worth starting (known after the first page).
	let nextPageNo = 1;
	let lastPageNo = 1;
	// Every style but numbered: the paging fields of the one request that may start next.
	let waiting: IDataObject | undefined =
		wire?.kind === 'numbered' ? undefined : firstPageParams(style, pageSize);

	const fetch = (sent: IDataObject) => async (): Promise<FetchedPage> => ({
		sent,
		data: await fetchPage(sent),
	});

	await readInOrder<FetchedPage>(pacer, {
		next() {
			if (started >= maxPages) return undefined;
			if (wire?.kind === 'numbered') {
				if (nextPageNo > lastPageNo) return undefined;
				started++;
				return fetch({ [wire.pageField]: nextPageNo++, [wire.sizeField]: pageSize });
			}
			const sent = waiting;
			if (sent === undefined) return undefined;
			waiting = undefined;
			const cursor = sentCursor(style, sent);
			if (cursor !== undefined) usedCursors.add(cursor);
			started++;
			return fetch(sent);
		},
		accept({ sent, data }) {
			const items = pageItems(style, data);
			for (const item of items) {
				const id = idOf?.(item);
				if (id !== undefined) {
					if (seenIds.has(id)) continue;
					seenIds.add(id);
				}
				results.push(item);
				if (limit !== undefined && results.length >= limit) return false;
			}
			const next = nextPageParams(style, sent, data, items.length, usedCursors);
			if (next === undefined) return false;
			if (wire?.kind === 'numbered') {
				const pageNo = Number(sent[wire.pageField]);
				lastPageNo = Math.max(
					lastPageNo,
					lastPageNeeded(style, data, pageNo, pageSize, limit, results.length),
				);
			} else {
				waiting = next;
			}
			return true;
		},
	});
	return results;
}
