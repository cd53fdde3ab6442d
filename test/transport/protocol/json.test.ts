/** Lossless JSON (nodes/Tanma/transport/protocol/json.ts): ids beyond 2^53 stay exact both ways. */
import type { IDataObject } from 'n8n-workflow';

import {
	hasUnsafeInteger,
	parseIntegerId,
	parseJsonLossless,
	stringifyJson,
} from '../../../nodes/Tanma/transport/protocol/json';

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
		const parsed = parseJsonLossless(
			'{"a":"x\\"12345678901234567890\\"","b":12345678901234567890}',
		) as IDataObject;
		expect(parsed).toEqual({ a: 'x"12345678901234567890"', b: '12345678901234567890' });
	});

	test('an unsafe integer deep inside arrays and objects is still caught (and only then is the text re-read)', () => {
		const deep =
			'{"data":{"data":[{"tags":[{"id":1}]},{"tags":[{"id":1},{"owner":{"salesId":123456789012345678}}]}]}}';
		expect(hasUnsafeInteger(JSON.parse(deep))).toBe(true);
		expect((parseJsonLossless(deep) as any).data.data[1].tags[1].owner.salesId).toBe(
			'123456789012345678',
		);
		expect(
			hasUnsafeInteger(JSON.parse('{"a":[1,2.5,-9007199254740991,"12345678901234567890"]}')),
		).toBe(false);
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
