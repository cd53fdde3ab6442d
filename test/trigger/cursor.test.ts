/** The trigger's cursor state changes only through these functions (nodes/Tanma/trigger/cursor.ts). */
import { beginScan, completeScan, freshState, markUnitRead, unitsToRead } from '../../nodes/Tanma/trigger/cursor';
import { parseTanmaTime } from '../../nodes/Tanma/transport/time';

const at = (tanmaTime: string) => parseTanmaTime(tanmaTime)!;

test('a scan starts at the poll time; an unfinished one keeps its start and the last unit it read', () => {
	const state = freshState('followUp:recent', at('2026-12-01 08:00:00'));
	beginScan(state, at('2026-12-01 09:00:00'));
	expect(state.scan).toEqual({ start: '2026-12-01 09:00:00' });
	markUnitRead(state, ['2026-12-01 08:30:00', 'cust-2']);
	beginScan(state, at('2026-12-01 09:05:00'));
	expect(state.scan).toEqual({ start: '2026-12-01 09:00:00', after: ['2026-12-01 08:30:00', 'cust-2'] });
	const units = [
		{ key: ['2026-12-01 08:40:00', 'cust-3'] as [string, string] },
		{ key: ['2026-12-01 08:30:00', 'cust-2'] as [string, string] },
		{ key: ['2026-12-01 08:10:00', 'cust-1'] as [string, string] },
	];
	expect(unitsToRead(units, state).map((u) => u.key[1])).toEqual(['cust-3']);
});

test('markUnitRead outside a scan changes nothing', () => {
	const state = freshState('followUp:recent', at('2026-12-01 08:00:00'));
	markUnitRead(state, ['2026-12-01 08:30:00', 'cust-2']);
	expect(state.scan).toBeUndefined();
});

test('a completed scan moves since to its start minus the late-arrival window (never back) and forgets older ids', () => {
	const state = freshState('followUp:recent', at('2026-12-01 08:00:00'));
	state.seen = { old: at('2026-12-01 08:00:00') / 1000, kept: at('2026-12-01 08:55:00') / 1000 };
	beginScan(state, at('2026-12-01 09:00:00'));
	completeScan(state, 10 * 60_000);
	expect(state).toMatchObject({ since: '2026-12-01 08:50:00', seen: { kept: at('2026-12-01 08:55:00') / 1000 } });
	expect(state.scan).toBeUndefined();
	expect('old' in state.seen).toBe(false);

	beginScan(state, at('2026-12-01 08:30:00')); // a clock that went back
	completeScan(state, 10 * 60_000);
	expect(state.since).toBe('2026-12-01 08:50:00');
});
