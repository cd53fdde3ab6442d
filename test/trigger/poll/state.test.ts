/** One poll's steps over the trigger's state (nodes/Tanma/trigger/poll/state.ts), in the order scan.ts takes them. */
import type { TriggerState } from '../../../nodes/Tanma/trigger/poll/cursor';
import { freshState } from '../../../nodes/Tanma/trigger/poll/cursor';
import type { TriggerUnit } from '../../../nodes/Tanma/trigger/poll/sources';
import {
	closeScan,
	openScan,
	readsToMake,
	settleFailure,
	settleRead,
	takeListing,
} from '../../../nodes/Tanma/trigger/poll/state';
import { parseTanmaTime } from '../../../nodes/Tanma/transport/protocol/time';

const at = (tanmaTime: string) => parseTanmaTime(tanmaTime)!;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const schedule = { intervalMs: HOUR };
const unit = (time: string, id: string, leftOutByFilter = false): TriggerUnit => ({
	key: [time, id],
	context: { externalUserId: id },
	...(leftOutByFilter ? { leftOutByFilter } : {}),
});
const poll = (nowMs: number) => ({ kind: 'records' as const, nowMs, lateArrivalMs: 10 * MINUTE });

test('the first scan of a filtered source is a check; a filter that left a customer out is distrusted once, and every later scan lists without it', () => {
	const state = freshState('followUp:recent', at('2026-12-01 08:00:00'));
	const started = at('2026-12-01 09:00:00');
	expect(openScan(state, started, schedule)).toEqual({
		floor: '2026-12-01 08:00:00',
		listing: 'check',
	});
	const listed = [unit('2026-12-01 08:30:00', 'wm-a'), unit('2026-12-01 08:40:00', 'wm-b', true)];
	expect(takeListing(state, listed, {}, started)).toEqual({
		leftOut: { count: 1, example: 'wm-b (last follow-up 2026-12-01 08:40:00)' },
	});
	// Said once: the same finding again is no news.
	expect(takeListing(state, listed, {}, started)).toEqual({});
	closeScan(state, {
		nowMs: started,
		sent: 2,
		checkRequests: 1,
		everyReadRan: true,
		lateArrivalMs: 10 * MINUTE,
	});
	expect(openScan(state, started + MINUTE, schedule).listing).toBe('unfiltered');
});

test('a source without a filter to check opens a scan with no listing choice, and a tenant on one page is listed whole', () => {
	const state = freshState('customer', at('2026-12-01 08:00:00'));
	expect(openScan(state, at('2026-12-01 09:00:00'), undefined)).toEqual({
		floor: '2026-12-01 08:00:00',
	});
	const checked = freshState('followUp:recent', at('2026-12-01 08:00:00'));
	openScan(checked, at('2026-12-01 09:00:00'), schedule);
	takeListing(checked, [], { everyone: 40 }, at('2026-12-01 09:00:00'));
	expect(checked.filterCheck?.onePage).toBe(true);
});

test('a read settles its new records once; a failed read is owed; the scan completes only when every planned read ran', () => {
	const state: TriggerState = freshState('followUp:recent', at('2026-12-01 08:00:00'));
	const started = at('2026-12-01 09:00:00');
	openScan(state, started, undefined);
	const listed = [unit('2026-12-01 08:30:00', 'wm-a'), unit('2026-12-01 08:40:00', 'wm-b')];
	const { planned, boundary } = readsToMake(state, listed, poll(started), (id) => ({ id }));
	expect(planned.map((r) => r.unit.key[1])).toEqual(['wm-a', 'wm-b']);
	const record = { id: '1', time: '2026-12-01 08:30:00', json: { id: 1 } };
	const context = { ...poll(started), boundary };
	expect(settleRead(state, planned[0], [record], context)).toEqual([record]);
	expect(settleRead(state, planned[0], [record], context)).toEqual([]);
	const failure = { nowMs: started, counts: true, failure: undefined, said: 'boom' };
	expect(settleFailure(state, planned[1], failure)).toEqual({
		verdict: 'retry',
		failingSince: Math.floor(started / 1000),
	});
	expect(state.units?.['wm-b']?.owed?.from).toBe('2026-12-01 08:00:00');
	closeScan(state, {
		nowMs: started,
		sent: 3,
		checkRequests: 0,
		everyReadRan: false,
		lateArrivalMs: 10 * MINUTE,
	});
	expect(state.scan?.after).toEqual(['2026-12-01 08:40:00', 'wm-b']);
	closeScan(state, {
		nowMs: started,
		sent: 0,
		checkRequests: 0,
		everyReadRan: true,
		lateArrivalMs: 10 * MINUTE,
	});
	expect(state.scan).toBeUndefined();
	expect(state.since).toBe('2026-12-01 08:50:00');
});

test('closing a scan gives up on a listed unit parked for a day and returns it for the log; a fixed list keeps it', () => {
	const parkedSince = (state: TriggerState) => {
		const started = at('2026-12-01 09:00:00');
		openScan(state, started, undefined);
		const { planned } = readsToMake(
			state,
			[unit('2026-12-01 08:58:00', 'gone')],
			poll(started),
			(id) => ({ id }),
		);
		const failure = { kind: 'vendor' as const, code: '-1', message: '客户不存在' };
		settleFailure(state, planned[0], {
			nowMs: started,
			counts: true,
			failure,
			said: 'Tanma error -1: 客户不存在',
		});
		return state;
	};
	const close = (state: TriggerState, listedIds?: Set<string>) =>
		closeScan(state, {
			nowMs: at('2026-12-02 09:00:00'),
			sent: 1,
			checkRequests: 0,
			everyReadRan: true,
			lateArrivalMs: 10 * MINUTE,
			listedIds,
		});
	const listed = parkedSince(freshState('followUp:recent', at('2026-12-01 08:00:00')));
	expect(close(listed)).toEqual([
		{ id: 'gone', from: '2026-12-01 08:00:00', said: 'Tanma error -1: 客户不存在' },
	]);
	expect(listed.units).toBeUndefined();
	const fixed = parkedSince(freshState('followUp:specific', at('2026-12-01 08:00:00')));
	expect(close(fixed, new Set(['gone']))).toEqual([]);
	expect(fixed.units?.gone?.fail?.parked).toBe(true);
});
