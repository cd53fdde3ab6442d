import type { IDataObject } from 'n8n-workflow';

import { hasUnsafeInteger, parseIntegerId, parseJsonLossless, stringifyJson } from '../nodes/Tanma/transport/json';
import { collectPages, effectivePageSize, nextPageParams, pageItems } from '../nodes/Tanma/transport/paging';
import { DEFAULT_RETRY_POLICY, isTransientFailure, retryDelayMs } from '../nodes/Tanma/transport/retry';
import { formatTanmaTime, parseTanmaTime } from '../nodes/Tanma/transport/time';

describe('lossless JSON', () => {
	test('integers beyond 2^53 come back as exact strings; safe numbers stay numbers', () => {
		const parsed = parseJsonLossless(
			'{"big":9007199254740993,"neg":-12345678901234567890,"safe":463352988837952,"dec":1.5,"exp":1e21,"s":"9007199254740993 in text","arr":[12345678901234567]}',
		) as IDataObject;
		expect(parsed.big).toBe('9007199254740993');
		expect(parsed.neg).toBe('-12345678901234567890');
		expect(parsed.safe).toBe(463352988837952);
		expect(parsed.dec).toBe(1.5);
		expect(parsed.exp).toBe(1e21);
		expect(parsed.s).toBe('9007199254740993 in text');
		expect(parsed.arr).toEqual(['12345678901234567']);
	});

	test('strings with escaped quotes and digits do not confuse the scanner', () => {
		const parsed = parseJsonLossless('{"a":"x\\"12345678901234567890\\"","b":12345678901234567890}') as IDataObject;
		expect(parsed).toEqual({ a: 'x"12345678901234567890"', b: '12345678901234567890' });
	});

	test('an unsafe integer deep inside arrays and objects is still caught (and only then is the text re-read)', () => {
		const deep = '{"data":{"data":[{"tags":[{"id":1}]},{"tags":[{"id":1},{"owner":{"salesId":123456789012345678}}]}]}}';
		expect(hasUnsafeInteger(JSON.parse(deep))).toBe(true);
		expect(((parseJsonLossless(deep) as any).data.data[1].tags[1].owner.salesId)).toBe('123456789012345678');
		expect(hasUnsafeInteger(JSON.parse('{"a":[1,2.5,-9007199254740991,"12345678901234567890"]}'))).toBe(false);
		expect(hasUnsafeInteger(JSON.parse('[9007199254740992]'))).toBe(true); // 2^53 itself may be a rounded neighbour
	});

	test('not JSON gives undefined', () => {
		expect(parseJsonLossless('{"code":0,"data":{')).toBeUndefined();
		expect(parseJsonLossless('<html>')).toBeUndefined();
	});

	test('bigint values are written as bare integer literals', () => {
		expect(stringifyJson({ id: 9007199254740993n, ids: [1n, 2], name: '张三' })).toBe(
			'{"id":9007199254740993,"ids":[1,2],"name":"张三"}',
		);
		expect(stringifyJson({ a: 1 })).toBe('{"a":1}');
	});

	test('parseIntegerId keeps precision and rejects non-integers', () => {
		expect(parseIntegerId('463352988837952')).toBe(463352988837952);
		expect(parseIntegerId(' 9007199254740993 ')).toBe(9007199254740993n);
		expect(parseIntegerId(12)).toBe(12);
		expect(parseIntegerId('12a')).toBeUndefined();
		expect(parseIntegerId(1.5)).toBeUndefined();
		expect(parseIntegerId('')).toBeUndefined();
	});
});

describe('Tanma time (China Standard Time)', () => {
	test('formats and parses round trip in UTC+8', () => {
		const ms = Date.UTC(2020, 10, 8, 8, 38, 7);
		expect(formatTanmaTime(ms)).toBe('2020-11-08 16:38:07');
		expect(parseTanmaTime('2020-11-08 16:38:07')).toBe(ms);
		expect(parseTanmaTime('2020-11-08 16:38')).toBe(ms - 7000);
	});

	test('rejects impossible dates and other formats', () => {
		expect(parseTanmaTime('2024-02-31 10:00:00')).toBeUndefined();
		expect(parseTanmaTime('yesterday')).toBeUndefined();
		expect(parseTanmaTime('2024-13-01 10:00:00')).toBeUndefined();
	});
});

describe('retry policy', () => {
	test('transient: 429, 5xx and connection failures; not 4xx or vendor codes', () => {
		expect(isTransientFailure({ status: 429 })).toBe(true);
		expect(isTransientFailure({ status: 503 })).toBe(true);
		expect(isTransientFailure({ status: 404 })).toBe(false);
		expect(isTransientFailure({ status: 200 })).toBe(false);
		expect(isTransientFailure({ networkCode: 'ECONNRESET' })).toBe(true);
		expect(isTransientFailure({ networkCode: 'ECONNABORTED' })).toBe(true);
		expect(isTransientFailure({ networkCode: 'ENOTFOUND' })).toBe(false);
		expect(isTransientFailure({})).toBe(false);
	});

	test('exponential backoff, capped, and Retry-After honoured when longer', () => {
		const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
		expect([0, 1, 2, 3, 4].map((a) => retryDelayMs(a, policy))).toEqual([100, 200, 400, 800, 1000]);
		expect(retryDelayMs(0, policy, '0.5')).toBe(500);
		expect(retryDelayMs(0, policy, '30')).toBe(1000);
		expect(retryDelayMs(2, policy, 'soon')).toBe(400);
		expect(DEFAULT_RETRY_POLICY.retries).toBeGreaterThan(0);
	});
});

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

test('stringifyJson writes bare integers even where BigInt.prototype.toJSON is defined', () => {
	const proto = BigInt.prototype as unknown as { toJSON?: () => string };
	const had = Object.prototype.hasOwnProperty.call(proto, 'toJSON');
	const previous = proto.toJSON;
	proto.toJSON = function (this: bigint) {
		return this.toString();
	};
	try {
		expect(stringifyJson({ id: 9007199254740993n })).toBe('{"id":9007199254740993}');
	} finally {
		if (had) proto.toJSON = previous;
		else delete proto.toJSON;
	}
});
