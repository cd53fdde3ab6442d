/**
 * Fakes only Date (timers, sockets and microtasks stay real), so the sandbox and the code under test share
 * a clock that a test can move with jest.setSystemTime.
 */
export function useFakeDate(now: number): void {
	jest.useFakeTimers({
		doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'hrtime', 'performance'],
		now,
	});
}
