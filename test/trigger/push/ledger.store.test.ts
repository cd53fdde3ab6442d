/**
 * What the push ledger (nodes/Tanma/trigger/push/ledger.ts) keeps, as a unit: its bounds in memory and in static
 * data, how long a redelivery is recognised, and several n8n processes over one static-data row saved whole by the
 * last writer. The delivery scenarios through n8n-core's WebhookContext are in ./ledger.test.ts.
 */
import {
	KEEP_MS,
	MEMORY_MAX,
	PERSIST_MAX,
	PushLedger,
} from '../../../nodes/Tanma/trigger/push/ledger';

describe('the ledger stays bounded', () => {
	const push = (i: number, at: number) => ({
		key: `t:${i}`,
		at,
		headers: `1:${at}`,
		body: `b${i}`,
		noise: String(i),
	});
	/** Admits and, when new, confirms at once (n8n took it): the kind of the admission. */
	const admit = (
		ledger: PushLedger,
		scope: string,
		store: Record<string, unknown>,
		p: ReturnType<typeof push>,
		windowMs: number,
	) => {
		const { kind } = ledger.admit(scope, store, p, windowMs);
		if (kind === 'new') ledger.confirm(scope, p.key);
		return kind;
	};

	test(`in process at most ${MEMORY_MAX} per trigger, in static data at most ${PERSIST_MAX}, header records only inside the window`, () => {
		const ledger = new PushLedger();
		let store: Record<string, unknown> = {};
		const t0 = 1_700_000_000_000;
		for (let i = 0; i < MEMORY_MAX + 2_000; i++) {
			// Like n8n: each request sees the static data the previous one saved.
			store = JSON.parse(JSON.stringify(store)) as Record<string, unknown>;
			expect(admit(ledger, 'wf:node', store, push(i, t0 + i * 10), 300_000)).toBe('new');
		}
		const internals = (
			ledger as unknown as {
				receivers: Map<string, { byKey: Map<string, unknown>; byHeaders: Map<string, unknown> }>;
			}
		).receivers.get('wf:node')!;
		expect(internals.byKey.size).toBe(MEMORY_MAX);
		expect(internals.byHeaders.size).toBeLessThanOrEqual(300_000 / 10 + 1);
		const persisted = (store.pushLedger as { accepted: unknown[][] }).accepted;
		expect(persisted).toHaveLength(PERSIST_MAX);
		expect(JSON.stringify(store).length).toBeLessThan(64 * 1024);
		// The newest is remembered; the oldest (evicted in process, gone from static data) is not.
		expect(admit(ledger, 'wf:node', store, push(MEMORY_MAX + 1_999, t0 + 1e9), 300_000)).toBe(
			'redelivery',
		);
		expect(admit(ledger, 'wf:node', store, push(0, t0 + 1e9), 300_000)).toBe('new');
	});

	test(`a redelivery is recognised for ${KEEP_MS / 3_600_000} hours from static data alone, not after`, () => {
		const store: Record<string, unknown> = {};
		admit(new PushLedger(), 's', store, push(1, 0), 300_000);
		expect(
			admit(
				new PushLedger(),
				's',
				JSON.parse(JSON.stringify(store)) as Record<string, unknown>,
				push(1, KEEP_MS - 1),
				300_000,
			),
		).toBe('redelivery');
		expect(
			admit(
				new PushLedger(),
				's',
				JSON.parse(JSON.stringify(store)) as Record<string, unknown>,
				push(1, KEEP_MS),
				300_000,
			),
		).toBe('new');
	});

	test('with a replay window longer than a day, a redelivery is recognised for the whole window (in memory and from static data)', () => {
		const windowMs = 3 * KEEP_MS;
		const store: Record<string, unknown> = {};
		const ledger = new PushLedger();
		admit(ledger, 's', store, push(1, 0), windowMs);
		expect(admit(ledger, 's', store, push(1, 2 * KEEP_MS), windowMs)).toBe('redelivery');
		const copy = () => JSON.parse(JSON.stringify(store)) as Record<string, unknown>;
		expect(admit(new PushLedger(), 's', copy(), push(1, windowMs - 1), windowMs)).toBe(
			'redelivery',
		);
		expect(admit(new PushLedger(), 's', copy(), push(1, windowMs), windowMs)).toBe('new');
	});
});

describe('several n8n processes over one static-data row, saved whole by the last writer (queue mode with webhook processes)', () => {
	const push = (i: number, at: number) => ({
		key: `t:${i}`,
		at,
		headers: `1:${at}`,
		body: `b${i}`,
		noise: String(i),
	});
	const admitted = (
		ledger: PushLedger,
		store: Record<string, unknown>,
		p: ReturnType<typeof push>,
	) => {
		const { kind } = ledger.admit('wf:node', store, p, 300_000);
		if (kind === 'new') ledger.confirm('wf:node', p.key);
		return kind;
	};
	const load = (row: Record<string, unknown>) =>
		JSON.parse(JSON.stringify(row)) as Record<string, unknown>;
	const keys = (row: Record<string, unknown>) =>
		((row.pushLedger as { accepted: Array<[string]> } | undefined)?.accepted ?? []).map(
			(e) => e[0],
		);

	test('an entry another process saved, once seen, is kept by this one though a stale save drops it from the row, and is written back', () => {
		const [a, b] = [new PushLedger(), new PushLedger()];
		let row: Record<string, unknown> = {};
		const t0 = 1_700_000_000_000;
		// A request of B decides on the row as it is, before A's message 1 is saved; it saves later.
		const staleB = load(row);
		expect(admitted(b, staleB, push(3, t0))).toBe('new');
		const firstA = load(row);
		expect(admitted(a, firstA, push(1, t0 + 1))).toBe('new');
		row = firstA; // A saves: message 1 is in the row
		const seenByB = load(row);
		expect(admitted(b, seenByB, push(2, t0 + 2))).toBe('new'); // another request of B loads it
		row = seenByB;
		row = staleB; // the stale request of B saves last: message 1 is gone from the row
		expect(keys(row)).not.toContain('t:1');
		// A copy of message 1 at B: B remembers it from the load that saw it.
		const copyAtB = load(row);
		expect(admitted(b, copyAtB, push(1, t0 + 3))).toBe('redelivery');
		// B's next save puts it back.
		expect(admitted(b, copyAtB, push(4, t0 + 4))).toBe('new');
		expect(keys(copyAtB)).toEqual(['t:3', 't:1', 't:2', 't:4']);
	});

	test('a save written as the process knows it at save time (snapshot) keeps what it learned after its own decision', () => {
		const [a, b] = [new PushLedger(), new PushLedger()];
		let row: Record<string, unknown> = {};
		const t0 = 1_700_000_000_000;
		const staleB = load(row);
		expect(admitted(b, staleB, push(3, t0))).toBe('new');
		const firstA = load(row);
		expect(admitted(a, firstA, push(1, t0 + 1))).toBe('new');
		row = firstA;
		expect(admitted(b, load(row), push(2, t0 + 2))).toBe('new'); // B learns message 1
		b.snapshot('wf:node', staleB, 't:3', t0 + 3, 300_000); // what n8n saves for the stale request, written at save time
		row = staleB;
		expect(keys(row)).toEqual(['t:3', 't:1', 't:2']);
	});

	test('a save never writes another request’s message n8n has not registered: killed before it took that one, its redelivery is new', () => {
		const ledger = new PushLedger();
		const t0 = 1_700_000_000_000;
		const row: Record<string, unknown> = {};
		const first = load(row);
		expect(ledger.admit('wf:node', first, push(1, t0), 300_000).kind).toBe('new'); // n8n is still registering it
		const second = load(row);
		expect(ledger.admit('wf:node', second, push(2, t0 + 1), 300_000).kind).toBe('new');
		ledger.snapshot('wf:node', second, 't:2', t0 + 2, 300_000); // n8n registered message 2 and saves
		expect(keys(second)).toEqual(['t:2']);
		// The process dies before n8n took message 1; after the restart its redelivery starts the workflow.
		expect(new PushLedger().admit('wf:node', load(second), push(1, t0 + 3), 300_000).kind).toBe(
			'new',
		);
		expect(new PushLedger().admit('wf:node', load(second), push(2, t0 + 3), 300_000).kind).toBe(
			'redelivery',
		);
	});

	test('once n8n has registered a message, the other requests’ saves write it too', () => {
		const ledger = new PushLedger();
		const t0 = 1_700_000_000_000;
		const [first, second] = [{}, {}] as Array<Record<string, unknown>>;
		ledger.admit('wf:node', first, push(1, t0), 300_000);
		ledger.admit('wf:node', second, push(2, t0 + 1), 300_000);
		ledger.snapshot('wf:node', first, 't:1', t0 + 2, 300_000); // message 1 registered
		ledger.snapshot('wf:node', second, 't:2', t0 + 3, 300_000);
		expect(keys(second)).toEqual(['t:1', 't:2']);
	});

	test('what no process could see is not known: a copy at B before B ever loaded a row with the message is new (route one app to one process)', () => {
		const [a, b] = [new PushLedger(), new PushLedger()];
		const row: Record<string, unknown> = {};
		const t0 = 1_700_000_000_000;
		expect(admitted(a, load(row), push(1, t0))).toBe('new'); // A's request has not saved yet
		expect(admitted(b, load(row), push(1, t0 + 1))).toBe('new');
	});
});
