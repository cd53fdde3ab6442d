/** Paging (nodes/Tanma/transport/paging.ts): the styles' wire format from the catalogue, limits and loop guards. */
import type { IDataObject } from 'n8n-workflow';

import { collectPages, effectivePageSize, nextPageParams, pageItems } from '../../nodes/Tanma/transport/paging';

describe('paging', () => {
	const none = new Set<string>();

	test('items are read from each style’s list field', () => {
		expect(pageItems('none', [{ a: 1 }])).toEqual([{ a: 1 }]);
		expect(pageItems('page', { result: [{ a: 1 }] })).toEqual([{ a: 1 }]);
		expect(pageItems('search', { data: [{ a: 1 }] })).toEqual([{ a: 1 }]);
		expect(pageItems('cursor', { list: [{ a: 1 }] })).toEqual([{ a: 1 }]);
		expect(pageItems('cursor', null)).toEqual([]);
	});

	test('page style follows totalCount, then totalPage', () => {
		const sent = { pageNo: 2, pageSize: 10 };
		expect(nextPageParams('page', sent, { totalCount: 25, result: [] }, 10, none)).toEqual({ pageNo: 3, pageSize: 10 });
		expect(nextPageParams('page', { pageNo: 3, pageSize: 10 }, { totalCount: 25 }, 5, none)).toBeUndefined();
		expect(nextPageParams('page', sent, { totalPage: 2, totalCount: 999 }, 10, none)).toBeUndefined();
	});

	test('search style stops at totalPage; without totals a short page is the last', () => {
		expect(nextPageParams('search', { pageNo: 1, pageSize: 100 }, { totalPage: 3 }, 100, none)).toEqual({ pageNo: 2, pageSize: 100 });
		expect(nextPageParams('search', { pageNo: 3, pageSize: 100 }, { totalPage: 3 }, 100, none)).toBeUndefined();
		expect(nextPageParams('search', { pageNo: 1, pageSize: 100 }, {}, 40, none)).toBeUndefined();
	});

	test('cursor style stops on empty, missing, same or already used cursors', () => {
		const sent = { cursor: 'c1', size: 50 };
		expect(nextPageParams('cursor', sent, { nextCursor: 'c2' }, 50, none)).toEqual({ cursor: 'c2', size: 50 });
		expect(nextPageParams('cursor', sent, { nextCursor: '' }, 50, none)).toBeUndefined();
		expect(nextPageParams('cursor', sent, { nextCursor: null }, 50, none)).toBeUndefined();
		expect(nextPageParams('cursor', sent, { nextCursor: 'c1' }, 50, none)).toBeUndefined();
		expect(nextPageParams('cursor', sent, { nextCursor: 'c0' }, 50, new Set(['c0']))).toBeUndefined();
	});

	test('an empty page always ends paging', () => {
		expect(nextPageParams('page', { pageNo: 1, pageSize: 10 }, { totalCount: 100 }, 0, none)).toBeUndefined();
		expect(nextPageParams('cursor', { size: 10 }, { nextCursor: 'x' }, 0, none)).toBeUndefined();
	});

	test('page size: 100 at most, never more than the limit', () => {
		expect(effectivePageSize(undefined)).toBe(100);
		expect(effectivePageSize(7)).toBe(7);
		expect(effectivePageSize(500)).toBe(100);
		expect(effectivePageSize(undefined, 1000)).toBe(100);
	});

	test('collectPages stops at the page cap even if the server never ends', async () => {
		let calls = 0;
		const endless = async () => {
			calls++;
			return { nextCursor: `c${calls}`, list: [{ id: calls }] };
		};
		const items = await collectPages(endless, { style: 'cursor', maxPages: 5 });
		expect(calls).toBe(5);
		expect(items).toHaveLength(5);
	});

	test('collectPages drops records repeated across pages when told their id', async () => {
		const pages: Record<string, unknown> = {
			'1': { totalPage: 2, data: [{ id: 1 }, { id: 2 }] },
			'2': { totalPage: 2, data: [{ id: 2 }, { id: 3 }] },
		};
		const fetch = async (p: IDataObject) => pages[String(p.pageNo)];
		const items = await collectPages(fetch, { style: 'search', pageSize: 2, idOf: (i) => String(i.id) });
		expect(items.map((i) => i.id)).toEqual([1, 2, 3]);
	});
});
