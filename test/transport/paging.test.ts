/** Paging (nodes/Tanma/transport/paging.ts): the styles' wire format from the catalogue, limits and loop guards. */
import type { IDataObject } from 'n8n-workflow';

import { ReadPacer } from '../../nodes/Tanma/transport/concurrency';
import {
	collectPages,
	effectivePageSize,
	lastPageNeeded,
	nextPageParams,
	pageItems,
	totalPages,
} from '../../nodes/Tanma/transport/paging';

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
		expect(nextPageParams('page', sent, { totalCount: 25, result: [] }, 10, none)).toEqual({
			pageNo: 3,
			pageSize: 10,
		});
		expect(
			nextPageParams('page', { pageNo: 3, pageSize: 10 }, { totalCount: 25 }, 5, none),
		).toBeUndefined();
		expect(
			nextPageParams('page', sent, { totalPage: 2, totalCount: 999 }, 10, none),
		).toBeUndefined();
	});

	test('search style stops at totalPage; without totals a short page is the last', () => {
		expect(
			nextPageParams('search', { pageNo: 1, pageSize: 100 }, { totalPage: 3 }, 100, none),
		).toEqual({ pageNo: 2, pageSize: 100 });
		expect(
			nextPageParams('search', { pageNo: 3, pageSize: 100 }, { totalPage: 3 }, 100, none),
		).toBeUndefined();
		expect(nextPageParams('search', { pageNo: 1, pageSize: 100 }, {}, 40, none)).toBeUndefined();
	});

	test('cursor style stops on empty, missing, same or already used cursors', () => {
		const sent = { cursor: 'c1', size: 50 };
		expect(nextPageParams('cursor', sent, { nextCursor: 'c2' }, 50, none)).toEqual({
			cursor: 'c2',
			size: 50,
		});
		expect(nextPageParams('cursor', sent, { nextCursor: '' }, 50, none)).toBeUndefined();
		expect(nextPageParams('cursor', sent, { nextCursor: null }, 50, none)).toBeUndefined();
		expect(nextPageParams('cursor', sent, { nextCursor: 'c1' }, 50, none)).toBeUndefined();
		expect(
			nextPageParams('cursor', sent, { nextCursor: 'c0' }, 50, new Set(['c0'])),
		).toBeUndefined();
	});

	test('an empty page always ends paging', () => {
		expect(
			nextPageParams('page', { pageNo: 1, pageSize: 10 }, { totalCount: 100 }, 0, none),
		).toBeUndefined();
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
		const items = await collectPages(fetch, {
			style: 'search',
			pageSize: 2,
			idOf: (i) => String(i.id),
		});
		expect(items.map((i) => i.id)).toEqual([1, 2, 3]);
	});
});

/**
 * A numbered list served by a fake fetch that answers after a delay chosen per page, so pages finish out of order;
 * it records which pages were asked for and how many were out at once.
 */
function numberedList(
	records: number,
	pageSize: number,
	options: { delayOf?: (pageNo: number) => number; totals?: 'page' | 'count' | 'none' } = {},
) {
	const asked: number[] = [];
	let inFlight = 0;
	let maxInFlight = 0;
	const fetch = async (sent: IDataObject) => {
		const pageNo = Number(sent.pageNo);
		const size = Number(sent.pageSize);
		asked.push(pageNo);
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		await new Promise((resolve) => setTimeout(resolve, options.delayOf?.(pageNo) ?? 1));
		inFlight--;
		const ids = Array.from(
			{ length: Math.max(0, Math.min(size, records - (pageNo - 1) * size)) },
			(_, i) => ({ id: (pageNo - 1) * size + i + 1 }),
		);
		const totals = options.totals ?? 'page';
		if (totals === 'none') return { data: ids };
		if (totals === 'count') return { totalCount: records, result: ids };
		return { totalPage: Math.ceil(records / size), data: ids };
	};
	return {
		fetch,
		asked,
		get maxInFlight() {
			return maxInFlight;
		},
	};
}

describe('paging several pages at once', () => {
	const ids = (items: IDataObject[]) => items.map((i) => Number(i.id));
	const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

	test('the totals tell how many pages there are, and how many the limit needs', () => {
		expect(totalPages('search', { totalPage: 7 }, 100)).toBe(7);
		expect(totalPages('page', { totalCount: 701 }, 100)).toBe(8);
		expect(totalPages('page', { totalPage: 3, totalCount: 999 }, 100)).toBe(3);
		expect(totalPages('search', {}, 100)).toBeUndefined();
		expect(totalPages('cursor', { totalPage: 3 }, 100)).toBeUndefined();
		expect(lastPageNeeded('search', { totalPage: 30 }, 1, 100, undefined, 100)).toBe(30);
		expect(lastPageNeeded('search', { totalPage: 30 }, 1, 100, 250, 100)).toBe(3);
		expect(lastPageNeeded('search', { totalPage: 2 }, 1, 100, 250, 100)).toBe(2);
		expect(lastPageNeeded('search', {}, 4, 100, undefined, 400)).toBe(5);
	});

	test('Return All: every page read, at most the bound at once, records in page order though pages finish out of order', async () => {
		// Later pages answer sooner: page 2 takes 12 ms, page 9 takes 5.
		const list = numberedList(1_000, 100, { delayOf: (pageNo) => 14 - pageNo });
		const items = await collectPages(list.fetch, {
			style: 'search',
			pacer: new ReadPacer(4),
			idOf: (i) => String(i.id),
		});
		expect(ids(items)).toEqual(oneTo(1_000));
		expect([...list.asked].sort((a, b) => a - b)).toEqual(oneTo(10));
		expect(list.maxInFlight).toBe(4);
	});

	test('Limit: no page past the ones the limit needs is asked for', async () => {
		const list = numberedList(10_000, 100);
		const items = await collectPages(list.fetch, {
			style: 'search',
			limit: 250,
			pacer: new ReadPacer(4),
		});
		expect(ids(items)).toEqual(oneTo(250));
		expect(list.asked.sort((a, b) => a - b)).toEqual([1, 2, 3]);
	});

	test('page style with only a total count pages in parallel too', async () => {
		const list = numberedList(950, 100, { totals: 'count' });
		const items = await collectPages(list.fetch, { style: 'page', pacer: new ReadPacer(3) });
		expect(ids(items)).toEqual(oneTo(950));
		expect(list.asked).toHaveLength(10);
		expect(list.maxInFlight).toBe(3);
	});

	test('without any total, pages are read one after another until a short page', async () => {
		const list = numberedList(450, 100, { totals: 'none' });
		const items = await collectPages(list.fetch, { style: 'search', pacer: new ReadPacer(4) });
		expect(ids(items)).toEqual(oneTo(450));
		expect(list.asked).toEqual([1, 2, 3, 4, 5]);
		expect(list.maxInFlight).toBe(1);
	});

	test('records repeated across pages are dropped, and the limit is still met from the pages after', async () => {
		const pages: Record<number, IDataObject[]> = {
			1: [{ id: 1 }, { id: 2 }],
			2: [{ id: 2 }, { id: 3 }],
			3: [{ id: 3 }, { id: 4 }],
			4: [{ id: 5 }, { id: 6 }],
			5: [{ id: 7 }, { id: 8 }],
		};
		const asked: number[] = [];
		const fetch = async (sent: IDataObject) => {
			asked.push(Number(sent.pageNo));
			return { totalPage: 5, data: pages[Number(sent.pageNo)] };
		};
		const items = await collectPages(fetch, {
			style: 'search',
			pageSize: 2,
			limit: 5,
			pacer: new ReadPacer(4),
			idOf: (i) => String(i.id),
		});
		expect(ids(items)).toEqual([1, 2, 3, 4, 5]);
		// The limit needs three pages; the repeats cost one more, and no further page is read.
		expect(asked.sort()).toEqual([1, 2, 3, 4]);
	});

	test('an empty page ends the list there: pages read ahead of it are dropped, as one-by-one paging would never have read them', async () => {
		const fetch = async (sent: IDataObject) => {
			const pageNo = Number(sent.pageNo);
			return { totalPage: 6, data: pageNo === 3 ? [] : [{ id: pageNo * 10 }] };
		};
		const items = await collectPages(fetch, {
			style: 'search',
			pageSize: 1,
			pacer: new ReadPacer(4),
		});
		expect(ids(items)).toEqual([10, 20]);
	});

	test('a page that fails fails the read, after the pages in flight have settled', async () => {
		let settledAfterFailure = 0;
		let failed = false;
		const fetch = async (sent: IDataObject) => {
			const pageNo = Number(sent.pageNo);
			if (pageNo === 3) {
				failed = true;
				throw new Error('page 3 failed');
			}
			await new Promise((resolve) => setTimeout(resolve, 5));
			if (failed) settledAfterFailure++;
			return { totalPage: 20, data: [{ id: pageNo }] };
		};
		await expect(
			collectPages(fetch, { style: 'search', pageSize: 1, pacer: new ReadPacer(4) }),
		).rejects.toThrow('page 3 failed');
		expect(settledAfterFailure).toBeGreaterThan(0); // the read waited for them rather than leaving them running
	});

	test('cursor style stays one page at a time whatever the bound', async () => {
		let inFlight = 0;
		let maxInFlight = 0;
		const fetch = async (sent: IDataObject) => {
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			await new Promise((resolve) => setTimeout(resolve, 2));
			inFlight--;
			const n = sent.cursor === undefined ? 0 : Number(sent.cursor);
			return { list: [{ id: n }], nextCursor: n < 5 ? String(n + 1) : '' };
		};
		const items = await collectPages(fetch, { style: 'cursor', pacer: new ReadPacer(4) });
		expect(ids(items)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(maxInFlight).toBe(1);
	});
});
