import { Backoff, readInOrder, ReadPacer } from '../../nodes/Tanma/transport/concurrency';

/** A read that finishes when the test says so, and a log of what started and what was accepted. */
function harness(count: number, pacer: ReadPacer) {
	const started: number[] = [];
	const accepted: number[] = [];
	const finishers = new Map<number, { resolve: (v: number) => void; reject: (e: Error) => void }>();
	let inFlight = 0;
	let maxInFlight = 0;
	let next = 0;
	const run = (acceptUntil = Infinity) =>
		readInOrder<number>(pacer, {
			next: () => {
				if (next >= count) return undefined;
				const index = next++;
				return async () => {
					started.push(index);
					inFlight++;
					maxInFlight = Math.max(maxInFlight, inFlight);
					try {
						return await new Promise<number>((resolve, reject) =>
							finishers.set(index, { resolve, reject }),
						);
					} finally {
						inFlight--;
					}
				};
			},
			accept: (value) => {
				accepted.push(value);
				return accepted.length < acceptUntil;
			},
		});
	const tick = async () => {
		for (let i = 0; i < 5; i++) await Promise.resolve();
	};
	return {
		started,
		accepted,
		run,
		tick,
		get maxInFlight() {
			return maxInFlight;
		},
		get inFlight() {
			return inFlight;
		},
		finish: async (index: number) => {
			finishers.get(index)!.resolve(index);
			await tick();
		},
		fail: async (index: number, message = `read ${index} failed`) => {
			finishers.get(index)!.reject(new Error(message));
			await tick();
		},
	};
}

test('reads run up to the limit at once and are accepted in start order, whatever order they finish in', async () => {
	const h = harness(6, new ReadPacer(3));
	const done = h.run();
	await h.tick();
	expect(h.started).toEqual([0, 1, 2]);
	await h.finish(2);
	await h.finish(1);
	expect(h.accepted).toEqual([]); // 0 is still out: nothing may overtake it
	await h.finish(0);
	expect(h.accepted).toEqual([0, 1, 2]);
	expect(h.started).toEqual([0, 1, 2, 3, 4, 5]);
	for (const i of [5, 3, 4]) await h.finish(i);
	await done;
	expect(h.accepted).toEqual([0, 1, 2, 3, 4, 5]);
	expect(h.maxInFlight).toBe(3);
});

test('with a limit of 1 each read starts only after the one before was accepted', async () => {
	const h = harness(3, new ReadPacer(1));
	const done = h.run();
	await h.tick();
	expect(h.started).toEqual([0]);
	await h.finish(0);
	expect(h.started).toEqual([0, 1]);
	await h.finish(1);
	await h.finish(2);
	await done;
	expect(h.maxInFlight).toBe(1);
});

test('a failure stops new starts; the reads before it are accepted and its error comes once nothing is in flight', async () => {
	const h = harness(10, new ReadPacer(3));
	let settled: unknown = 'pending';
	const done = h.run().then(
		() => (settled = 'resolved'),
		(error: Error) => (settled = error.message),
	);
	await h.tick();
	await h.fail(1);
	expect(h.started).toEqual([0, 1, 2]); // nothing new starts after a failure
	await h.finish(0);
	expect(h.accepted).toEqual([0]);
	expect(settled).toBe('pending'); // read 2 is still in flight
	await h.finish(2);
	await done;
	expect(settled).toBe('read 1 failed');
	expect(h.accepted).toEqual([0]); // read 2 finished but comes after the failure: dropped
	expect(h.inFlight).toBe(0);
});

test('accept returning false stops the run after the reads in flight have settled', async () => {
	const h = harness(10, new ReadPacer(2));
	let resolved = false;
	const done = h.run(1).then(() => (resolved = true));
	await h.tick();
	await h.finish(0);
	expect(resolved).toBe(false);
	expect(h.started).toEqual([0, 1]);
	await h.finish(1);
	await done;
	expect(h.accepted).toEqual([0]);
	expect(h.started).toEqual([0, 1]);
});

test('after the pacer backs off, no read starts while another is in flight', async () => {
	const pacer = new ReadPacer(4);
	const h = harness(8, pacer);
	const done = h.run();
	await h.tick();
	expect(h.started).toEqual([0, 1, 2, 3]);
	pacer.noteOverload();
	expect(pacer.limit).toBe(1);
	expect(pacer.backoff.throttled).toBe(true);
	for (const i of [0, 1, 2]) await h.finish(i);
	expect(h.started).toEqual([0, 1, 2, 3]); // 3 is still in flight
	await h.finish(3);
	expect(h.started).toEqual([0, 1, 2, 3, 4]);
	for (const i of [4, 5, 6]) {
		expect(h.inFlight).toBe(1);
		await h.finish(i);
	}
	await h.finish(7);
	await done;
	expect(h.accepted).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
});

test('the pacer takes a whole number of at least 1', () => {
	expect(new ReadPacer(0).limit).toBe(1);
	expect(new ReadPacer(2.7).limit).toBe(2);
	expect(new ReadPacer().limit).toBe(4);
});

test('a Backoff pause is served once: every request waiting at the time shares it, later ones go at once', async () => {
	const backoff = new Backoff();
	const pacer = new ReadPacer(4, backoff);
	expect(pacer.limit).toBe(4);
	backoff.note(300);
	backoff.note(100); // a shorter one while the longer is due: the longer stays
	expect(pacer.limit).toBe(1);
	const started = Date.now();
	await Promise.all([backoff.turn(), backoff.turn(), backoff.turn()]);
	const waited = Date.now() - started;
	// Lower bound only (a busy machine may be late); three waiters, one pause, not three.
	expect(waited).toBeGreaterThanOrEqual(295);
	// Served: the next turn resolves within a few microtasks, without a timer.
	let through = false;
	void backoff.turn().then(() => (through = true));
	for (let n = 0; n < 5; n++) await Promise.resolve();
	expect(through).toBe(true);
});
