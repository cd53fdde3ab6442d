/** Which units a poll reads, and what it remembers of them (nodes/Tanma/trigger/poll/units.ts). */
import type { TriggerState, TriggerRecord } from '../../../nodes/Tanma/trigger/poll/cursor';
import { freshState } from '../../../nodes/Tanma/trigger/poll/cursor';
import type { TriggerUnit } from '../../../nodes/Tanma/trigger/poll/sources';
import type { PlanContext } from '../../../nodes/Tanma/trigger/poll/units';
import {
	FAILING_BOUND_MS,
	forgetSettledUnits,
	GIVE_UP_MS,
	giveUpOnParked,
	newRecordsOf,
	PARKED_RETRY_MS,
	planReads,
	rememberFailure,
	rememberRead,
} from '../../../nodes/Tanma/trigger/poll/units';
import { parseTanmaTime } from '../../../nodes/Tanma/transport/protocol/time';

const at = (tanmaTime: string) => parseTanmaTime(tanmaTime)!;
const MINUTE = 60_000;
const LATE = 10 * MINUTE;
const unit = (key: string, id: string): TriggerUnit => ({ key: [key, id], context: { id } });
const record = (id: string, time: string): TriggerRecord => ({ id, time, json: {} });
const contextOf = (id: string) => ({ externalUserId: id });

function planAt(
	state: TriggerState,
	now: string,
	listed: TriggerUnit[],
	extra: Partial<PlanContext> = {},
) {
	return planReads(
		listed,
		state,
		{
			kind: 'records',
			nowMs: at(now),
			since: state.since,
			boundary: '2026-12-01 08:50:00',
			...extra,
		},
		contextOf,
	).map((r) => `${r.unit.key[1]}@${r.from}`);
}

function readAt(state: TriggerState, now: string, listed: TriggerUnit, records: TriggerRecord[]) {
	rememberRead(state, { unit: listed, from: state.since }, records, {
		kind: 'records',
		nowMs: at(now),
		lateArrivalMs: LATE,
		since: state.since,
		boundary: '2026-12-01 08:50:00',
	});
}

describe('a customer is read when there can be something new for it', () => {
	test('new: read from since; read at its key: not again until the key moves or its window closes', () => {
		const state = freshState('f', at('2026-12-01 08:50:00'));
		const c = unit('2026-12-01 09:00:10', 'c');
		expect(planAt(state, '2026-12-01 09:01:00', [c])).toEqual(['c@2026-12-01 08:50:00']);
		readAt(state, '2026-12-01 09:01:00', c, [record('1', '2026-12-01 09:00:10')]);
		expect(state.units?.c).toEqual({
			k: '2026-12-01 09:00:10',
			ids: ['1'],
			owed: { from: '2026-12-01 08:51:00', due: at('2026-12-01 09:10:10') / 1000 },
		});
		expect(planAt(state, '2026-12-01 09:05:00', [c])).toEqual([]);
		// The key moved: read now.
		expect(planAt(state, '2026-12-01 09:05:00', [unit('2026-12-01 09:04:00', 'c')])).toEqual([
			'c@2026-12-01 08:50:00',
		]);
		// The window closed: read once more, from where the first read's window began.
		expect(planAt(state, '2026-12-01 09:10:10', [c])).toEqual(['c@2026-12-01 08:50:00']);
		readAt(state, '2026-12-01 09:11:00', c, [record('1', '2026-12-01 09:00:10')]);
		expect(state.units?.c.owed).toBeUndefined();
		expect(planAt(state, '2026-12-01 09:12:00', [c])).toEqual([]);
	});

	test('a read whose poll came after its window closed owes no second read', () => {
		const state = freshState('f', at('2026-12-01 08:50:00'));
		const c = unit('2026-12-01 08:55:00', 'c');
		readAt(state, '2026-12-01 09:06:00', c, []);
		expect(state.units?.c).toEqual({ k: '2026-12-01 08:55:00' });
	});

	test('a unit owed a read that the listing no longer shows is read from what was remembered', () => {
		const state = freshState('f', at('2026-12-01 08:50:00'));
		readAt(state, '2026-12-01 09:01:00', unit('2026-12-01 09:00:10', 'c'), []);
		expect(planAt(state, '2026-12-01 09:11:00', [])).toEqual(['c@2026-12-01 08:51:00']);
	});

	test('in an unfinished scan, old units up to `after` were read; a source that cannot tell what moved is read every time', () => {
		const state = freshState('f', at('2026-12-01 08:00:00'));
		const after: [string, string] = ['2026-12-01 08:20:00', 'b'];
		const listed = [unit('2026-12-01 08:10:00', 'a'), unit('2026-12-01 08:30:00', 'c')];
		expect(planAt(state, '2026-12-01 09:00:00', listed, { after })).toEqual([
			'c@2026-12-01 08:00:00',
		]);
		expect(planAt(state, '2026-12-01 09:00:00', [unit('', 'x'), unit('', 'y')])).toEqual([
			'x@2026-12-01 08:00:00',
			'y@2026-12-01 08:00:00',
		]);
	});

	test('a lead is read until it has been emitted', () => {
		const state = freshState('f', at('2026-12-01 08:50:00'));
		state.seen['l1'] = at('2026-12-01 08:55:00') / 1000;
		expect(
			planAt(state, '2026-12-01 09:00:00', [unit('', 'l1'), unit('', 'l2')], { kind: 'record' }),
		).toEqual(['l2@2026-12-01 08:50:00']);
	});

	test('records already emitted, or returned by the last read before a failure, are not emitted again', () => {
		const state = freshState('f', at('2026-12-01 08:50:00'));
		state.seen['1'] = at('2026-12-01 08:55:00') / 1000;
		state.units = { c: { k: 'x', ids: ['2'] } };
		const read = { unit: unit('2026-12-01 09:00:00', 'c'), from: '2026-12-01 08:50:00' };
		const fresh = newRecordsOf(state, read, [
			record('0', '2026-12-01 08:49:59'),
			record('1', '2026-12-01 08:55:00'),
			record('2', '2026-12-01 08:56:00'),
			record('3', '2026-12-01 08:57:00'),
			record('3', '2026-12-01 08:57:00'),
		]);
		expect(fresh.map((r) => r.id)).toEqual(['3']);
	});
});

describe('a customer whose reads fail', () => {
	const failing = (state: TriggerState, now: string, message = '操作失败', counts = true) =>
		rememberFailure(
			state,
			{ unit: unit('2026-12-01 09:00:00', 'c'), from: '2026-12-01 08:50:00' },
			{
				nowMs: at(now),
				counts,
				failure: { kind: 'vendor', code: '-1', message },
				said: `Tanma error -1: ${message}`,
			},
		);

	test('is tried on every poll until it has failed three times over an hour, then once an hour', () => {
		const state = freshState('f', at('2026-12-01 08:50:00'));
		expect(failing(state, '2026-12-01 09:00:00')).toBe('retry');
		expect(failing(state, '2026-12-01 09:30:00')).toBe('retry');
		expect(FAILING_BOUND_MS).toBe(60 * MINUTE);
		expect(failing(state, '2026-12-01 09:59:00')).toBe('retry');
		expect(failing(state, '2026-12-01 10:00:00')).toBe('parked');
		expect(state.units?.c.owed).toEqual({
			from: '2026-12-01 08:50:00',
			due: (at('2026-12-01 10:00:00') + PARKED_RETRY_MS) / 1000,
			context: { id: 'c' },
		});
		expect(planAt(state, '2026-12-01 10:30:00', [unit('2026-12-01 09:00:00', 'c')])).toEqual([]);
		expect(planAt(state, '2026-12-01 11:00:00', [])).toEqual(['c@2026-12-01 08:50:00']);
		expect(failing(state, '2026-12-01 11:00:00')).toBe('stillParked');
	});

	test('failures that do not count (others could not be read either) never park it', () => {
		const state = freshState('f', at('2026-12-01 08:50:00'));
		for (const now of ['09:00:00', '09:30:00', '10:00:00', '10:30:00'])
			expect(failing(state, `2026-12-01 ${now}`, '操作失败', false)).toBe('retry');
	});

	test('one Tanma says does not exist is parked at once', () => {
		const state = freshState('f', at('2026-12-01 08:50:00'));
		expect(failing(state, '2026-12-01 09:00:00', '客户不存在')).toBe('parked');
	});

	test('a parked one is given up a day after its first failure, with where its unemitted records start; one still tried on every poll is not', () => {
		const state = freshState('f', at('2026-12-01 08:50:00'));
		expect(failing(state, '2026-12-01 09:00:00', '客户不存在')).toBe('parked');
		state.units!.flaky = {
			k: '',
			fail: { count: 2, first: at('2026-11-30 09:00:00') / 1000, said: 'x' },
		};
		expect(GIVE_UP_MS).toBe(24 * 60 * MINUTE);
		expect(giveUpOnParked(state, at('2026-12-02 08:59:59'))).toEqual([]);
		expect(giveUpOnParked(state, at('2026-12-02 09:00:00'))).toEqual([
			{ id: 'c', from: '2026-12-01 08:50:00', said: 'Tanma error -1: 客户不存在' },
		]);
		expect(Object.keys(state.units ?? {})).toEqual(['flaky']);
	});

	test('keeps its ids while it fails; a healthy unit forgets ids and itself once they fall behind since', () => {
		const state = freshState('f', at('2026-12-01 09:00:00'));
		state.seen = { '1': at('2026-12-01 08:55:00') / 1000, '2': at('2026-12-01 09:05:00') / 1000 };
		state.units = {
			old: { k: '2026-12-01 08:55:00', ids: ['1'] },
			recent: { k: '2026-12-01 09:05:00', ids: ['1', '2'] },
			failing: { k: '', ids: ['1'], fail: { count: 1, first: 0, said: 'x' } },
		};
		forgetSettledUnits(state);
		expect(state.units).toEqual({
			recent: { k: '2026-12-01 09:05:00', ids: ['2'] },
			failing: { k: '', ids: ['1'], fail: { count: 1, first: 0, said: 'x' } },
		});
		forgetSettledUnits(state, new Set(['recent']));
		expect(Object.keys(state.units ?? {})).toEqual(['recent']);
	});
});
