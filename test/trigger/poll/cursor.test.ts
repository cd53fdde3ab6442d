/** The trigger's cursor state changes only through these functions (nodes/Tanma/trigger/poll/cursor.ts). */
import {
	beginFilterCheck,
	beginScan,
	completeScan,
	freshState,
	markEmitted,
	markHandledUpTo,
	noteScanRequests,
	pruneSeen,
	scanFloor,
} from '../../../nodes/Tanma/trigger/poll/cursor';
import type { TriggerState } from '../../../nodes/Tanma/trigger/poll/cursor';
import { parseTanmaTime } from '../../../nodes/Tanma/transport/protocol/time';

const at = (tanmaTime: string) => parseTanmaTime(tanmaTime)!;
/** The scan as the functions left it (read through a call, so TypeScript does not narrow it away). */
const scanOf = (state: TriggerState) => state.scan;

test('a scan starts at the poll time; an unfinished one keeps its start and the last unit it handled, never moving back', () => {
	const state = freshState('followUp:recent', at('2026-12-01 08:00:00'));
	beginScan(state, at('2026-12-01 09:00:00'));
	expect(state.scan).toEqual({ start: '2026-12-01 09:00:00' });
	markHandledUpTo(state, ['2026-12-01 08:30:00', 'cust-2']);
	markHandledUpTo(state, ['2026-12-01 08:10:00', 'cust-1']);
	beginScan(state, at('2026-12-01 09:05:00'));
	expect(state.scan).toEqual({
		start: '2026-12-01 09:00:00',
		after: ['2026-12-01 08:30:00', 'cust-2'],
	});
});

test('markHandledUpTo outside a scan changes nothing', () => {
	const state = freshState('followUp:recent', at('2026-12-01 08:00:00'));
	markHandledUpTo(state, ['2026-12-01 08:30:00', 'cust-2']);
	expect(state.scan).toBeUndefined();
});

test('a completed scan moves since to its start minus the late-arrival window (never back) and forgets older ids', () => {
	const state = freshState('followUp:recent', at('2026-12-01 08:00:00'));
	state.seen = { old: at('2026-12-01 08:00:00') / 1000, kept: at('2026-12-01 08:55:00') / 1000 };
	beginScan(state, at('2026-12-01 09:00:00'));
	completeScan(state, 10 * 60_000);
	pruneSeen(state);
	expect(state).toMatchObject({
		since: '2026-12-01 08:50:00',
		seen: { kept: at('2026-12-01 08:55:00') / 1000 },
	});
	expect(state.scan).toBeUndefined();
	expect('old' in state.seen).toBe(false);

	beginScan(state, at('2026-12-01 08:30:00')); // a clock that went back
	completeScan(state, 10 * 60_000);
	expect(state.since).toBe('2026-12-01 08:50:00');
});

describe('the check of a source filter', () => {
	const HOUR = 3_600_000;
	const record = (id: string, time: string) => ({ id, time, json: {} });

	test('the first scan checks, reading from `since`; a carried-on scan never becomes a check', () => {
		const state = freshState('f', at('2026-12-01 08:00:00'));
		beginScan(state, at('2026-12-01 08:01:00'));
		markHandledUpTo(state, ['2026-12-01 08:00:30', 'c1']);
		beginFilterCheck(state, at('2026-12-01 08:01:00'), { intervalMs: HOUR });
		expect(state.scan?.check).toBeUndefined();
		delete state.scan;
		beginScan(state, at('2026-12-01 08:02:00'));
		beginFilterCheck(state, at('2026-12-01 08:02:00'), { intervalMs: HOUR });
		expect(scanOf(state)?.check).toEqual({ from: '2026-12-01 08:00:00' });
		expect(scanFloor(state)).toBe('2026-12-01 08:00:00');
	});

	test('while trusted, ids are kept back to the last check, so the next check repeats nothing; once distrusted, back to `since`', () => {
		const state = freshState('f', at('2026-12-01 08:00:00'));
		beginScan(state, at('2026-12-01 08:10:00'));
		beginFilterCheck(state, at('2026-12-01 08:10:00'), { intervalMs: HOUR });
		completeScan(state, 60_000); // the check: since and check.from → 08:09
		markEmitted(state, [record('a', '2026-12-01 08:20:00')]);
		beginScan(state, at('2026-12-01 08:40:00'));
		beginFilterCheck(state, at('2026-12-01 08:40:00'), { intervalMs: HOUR });
		expect(state.scan?.check).toBeUndefined(); // not due yet
		completeScan(state, 60_000); // since → 08:39, past record a
		pruneSeen(state);
		expect(state.since).toBe('2026-12-01 08:39:00');
		expect(state.seen).toHaveProperty('a'); // kept: the next check reads from 08:09
		beginScan(state, at('2026-12-01 09:15:00'));
		beginFilterCheck(state, at('2026-12-01 09:15:00'), { intervalMs: HOUR });
		expect(scanFloor(state)).toBe('2026-12-01 08:09:00');
		state.filterCheck!.distrusted = { at: '2026-12-01 09:15:00', leftOut: 1, example: 'c9' };
		completeScan(state, 60_000);
		pruneSeen(state);
		expect(state.seen).toEqual({});
	});

	test('the default schedule checks only while all checks stay within the share of the other requests', () => {
		const state = freshState('f', at('2026-12-01 08:00:00'));
		const schedule = { intervalMs: HOUR, maxShare: 0.05 };
		beginScan(state, at('2026-12-01 08:00:00'));
		beginFilterCheck(state, at('2026-12-01 08:00:00'), schedule);
		noteScanRequests(state, 11, 10); // a check of 10 pages and one filtered search
		completeScan(state, 0);
		const checkAfter = (otherRequests: number) => {
			const copy = structuredClone(state);
			noteScanRequests(copy, otherRequests, 0);
			beginScan(copy, at('2026-12-01 10:00:00'));
			beginFilterCheck(copy, at('2026-12-01 10:00:00'), schedule);
			return copy.scan?.check !== undefined;
		};
		expect(checkAfter(398)).toBe(false); // (1 + 398) × 5 % < 10 spent + 10 next
		expect(checkAfter(399)).toBe(true);
	});
});
