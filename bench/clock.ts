/**
 * A movable clock for the trigger benchmark: replaces the global Date so that the sandbox, n8n-core and our
 * trigger, all in this process, see time jump forward (polls minutes apart without waiting). Timers stay real.
 */
const RealDate = Date;
let offsetMs = 0;

class ShiftedDate extends RealDate {
	constructor(...args: unknown[]) {
		if (args.length === 0) super(RealDate.now() + offsetMs);
		else super(...(args as [string]));
	}

	static now(): number {
		return RealDate.now() + offsetMs;
	}
}

export function installShiftedClock(): { advance: (ms: number) => void; restore: () => void } {
	globalThis.Date = ShiftedDate as DateConstructor;
	return {
		advance(ms: number) {
			offsetMs += ms;
		},
		restore() {
			globalThis.Date = RealDate;
			offsetMs = 0;
		},
	};
}
