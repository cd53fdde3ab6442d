/** Max Requests per Second, per app and per process (nodes/Tanma/transport/rateLimit.ts). */
import { reserveStart } from '../../nodes/Tanma/transport/rateLimit';

test('requests to one app are spaced 1/rate apart in the order they asked; another app and no rate wait for nothing', () => {
	const now = 1_000_000;
	expect([0, 0, 0, 0].map(() => reserveStart('a', 4, now))).toEqual([0, 250, 500, 750]);
	expect(reserveStart('b', 4, now)).toBe(0);
	expect(reserveStart('c', 0, now)).toBe(0);
	expect(reserveStart('c', 0, now)).toBe(0);
	// Later, once the reserved starts have passed: at once again.
	expect(reserveStart('a', 4, now + 5_000)).toBe(0);
	expect(reserveStart('a', 4, now + 5_000)).toBe(250);
});
