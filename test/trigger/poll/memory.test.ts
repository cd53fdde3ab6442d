/** What a process remembers of a trigger's state (nodes/Tanma/trigger/poll/memory.ts), and when it may use it. */
import type { TriggerState } from '../../../nodes/Tanma/trigger/poll/cursor';
import { NO_STATE, PollMemory } from '../../../nodes/Tanma/trigger/poll/memory';

const state = (rev: string, since = '2026-12-04 10:00:00'): TriggerState => ({
	v: 1,
	config: 'c',
	since,
	seen: {},
	rev,
});

test('a state grown from the loaded one, by one poll or several, is recalled; a copy each time', () => {
	const memory = new PollMemory();
	memory.remember('wf:n', 'r0', state('r1'));
	memory.remember('wf:n', 'r1', state('r2', '2026-12-04 10:05:00'));
	for (const loaded of ['r0', 'r1', 'r2'])
		expect(memory.recall('wf:n', loaded)).toEqual(state('r2', '2026-12-04 10:05:00'));
	const copy = memory.recall('wf:n', 'r0')!;
	copy.seen.x = 1;
	expect(memory.recall('wf:n', 'r0')!.seen).toEqual({});
});

test('a loaded state this process did not grow from wins: written by another main, or before a restart', () => {
	const memory = new PollMemory();
	memory.remember('wf:n', 'r0', state('r1'));
	expect(memory.recall('wf:n', 'other')).toBeUndefined();
	// The poll then starts from the loaded state: a new lineage, the old one forgotten.
	memory.remember('wf:n', 'other', state('r5'));
	expect(memory.recall('wf:n', 'r1')).toBeUndefined();
	expect(memory.recall('wf:n', 'other')).toEqual(state('r5'));
});

test('no saved state recalls nothing, even after a poll that started from none', () => {
	const memory = new PollMemory();
	memory.remember('wf:n', NO_STATE, state('r1'));
	expect(memory.recall('wf:n', NO_STATE)).toBeUndefined();
	expect(memory.recall('wf:n', 'r1')).toEqual(state('r1'));
});

test('triggers are kept apart; a long lineage keeps the revision it met n8n at and the newest ones', () => {
	const memory = new PollMemory();
	memory.remember('wf:a', 'a0', state('a1'));
	memory.remember('wf:b', 'b0', state('b1'));
	expect(memory.recall('wf:a', 'b0')).toBeUndefined();
	let previous = 'a1';
	for (let k = 2; k < 200; k++) {
		memory.remember('wf:a', previous, state(`a${k}`));
		previous = `a${k}`;
	}
	expect(memory.recall('wf:a', 'a0')?.rev).toBe('a199');
	expect(memory.recall('wf:a', 'a198')?.rev).toBe('a199');
	expect(memory.recall('wf:a', 'a5')).toBeUndefined();
});
