/** Tanma time (nodes/Tanma/transport/protocol/time.ts), read and written as China Standard Time. */
import { formatTanmaTime, parseTanmaTime } from '../../../nodes/Tanma/transport/protocol/time';

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
