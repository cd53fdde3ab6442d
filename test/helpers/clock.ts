import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';

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

/** A sandbox for one test file on a faked Date starting at `start` (real timers restored after the file). */
export function sandboxOnFakeDate(start: number) {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		useFakeDate(start);
		sandbox = await startSandbox();
	});
	afterAll(async () => {
		await sandbox?.close();
		jest.useRealTimers();
	});
	return {
		get sandbox(): Sandbox {
			if (!sandbox) throw new Error('the sandbox starts in beforeAll');
			return sandbox;
		},
	};
}
