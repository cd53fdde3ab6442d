import type { Sandbox, SandboxOptions } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';

/**
 * Fakes only Date (timers, sockets and microtasks stay real), so the sandbox and the code under test share
 * a clock that a test can move with jest.setSystemTime.
 */
export function useFakeDate(now: number): void {
	jest.useFakeTimers({
		doNotFake: [
			'setTimeout',
			'clearTimeout',
			'setInterval',
			'clearInterval',
			'setImmediate',
			'clearImmediate',
			'nextTick',
			'queueMicrotask',
			'hrtime',
			'performance',
		],
		now,
	});
}

/** Moves the faked clock by `ms`. */
export const advance = (ms: number) => jest.setSystemTime(Date.now() + ms);

/**
 * A sandbox for one test file on a faked Date starting at `start` (real timers restored after the file); with
 * `freshEachTest`, each test starts at `start` with the seed data and no faults.
 */
export function sandboxOnFakeDate(
	start: number,
	options: { freshEachTest?: boolean; sandbox?: SandboxOptions } = {},
) {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		useFakeDate(start);
		sandbox = await startSandbox(options.sandbox);
	});
	afterAll(async () => {
		await sandbox?.close();
		jest.useRealTimers();
	});
	if (options.freshEachTest) {
		beforeEach(() => {
			jest.setSystemTime(start);
			sandbox?.reset();
			sandbox?.clearFaults();
		});
	}
	return {
		get sandbox(): Sandbox {
			if (!sandbox) throw new Error('the sandbox starts in beforeAll');
			return sandbox;
		},
	};
}
