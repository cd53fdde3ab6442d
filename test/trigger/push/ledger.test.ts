/**
 * Exactly once under real delivery conditions, through n8n-core's WebhookContext behind a real listener that
 * loads the workflow's static data for each request and saves it after (as n8n does): copies at the same
 * moment, copies right after the acknowledgement, copies after a restart, and altered replays.
 */
import { request } from 'http';

import { TanmaPushTrigger } from '../../../nodes/Tanma/TanmaPushTrigger.node';
import { KEEP_MS, MEMORY_MAX, PERSIST_MAX, PushLedger } from '../../../nodes/Tanma/trigger/push/ledger';
import { startSandbox } from '../../../sandbox/server';
import { buildPush } from '../../../sandbox/push';
import { credentialsFor } from '../../../lab/core';
import type { WebhookHost } from '../../../lab/core';
import { pushTriggersAgainstSandbox } from '../../support/push';

const t = pushTriggersAgainstSandbox();
const host = t.host;

/** The node loaded afresh, with nothing in process: what n8n has after a restart. */
function restartedNodeType(): TanmaPushTrigger {
	let fresh: TanmaPushTrigger | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const module = require('../../../nodes/Tanma/TanmaPushTrigger.node') as { TanmaPushTrigger: new () => TanmaPushTrigger };
		fresh = new module.TanmaPushTrigger();
	});
	return fresh!;
}

const msgIds = (h: WebhookHost) => h.executions.map((e) => e[0].msgId).sort();

test('50 messages each delivered twice at the same moment: 50 executions, every copy acknowledged', async () => {
	const h = await host();
	const pairs = Array.from({ length: 50 }, (_, i) => ({ type: 'new_qw_customer', msgId: 7_100_000 + i, content: { n: i } }));
	const deliveries = await Promise.all(pairs.flatMap((spec) => [t.sandbox.push(h.webhookUrl, spec), t.sandbox.push(h.webhookUrl, spec)]));
	expect(deliveries.every((d) => d.acknowledged)).toBe(true);
	expect(msgIds(h)).toEqual(pairs.map((p) => String(p.msgId)).sort());
});

test('20 messages each redelivered right after the acknowledgement: 20 executions', async () => {
	const h = await host();
	for (let i = 0; i < 20; i++) {
		const first = await t.sandbox.push(h.webhookUrl, { type: 'tag_info', msgId: 7_200_000 + i });
		const again = await t.sandbox.push(h.webhookUrl, { type: 'tag_info', msgId: 7_200_000 + i });
		expect([first.acknowledged, again.acknowledged]).toEqual([true, true]);
	}
	expect(h.executions).toHaveLength(20);
});

test('after a restart, a redelivery of an accepted message is acknowledged and not emitted; a new one is', async () => {
	const before = await host();
	const accepted = await Promise.all(
		Array.from({ length: 30 }, (_, i) => t.sandbox.push(before.webhookUrl, { type: 'change_order', msgId: 7_300_000 + i })),
	);
	expect(before.executions).toHaveLength(30);
	await before.close();

	const after = await host({ nodeType: restartedNodeType(), workflowId: before.workflowId, staticData: before.staticData() });
	const redelivered = await Promise.all(accepted.map((d) => t.sandbox.push(after.webhookUrl, { type: 'change_order', msgId: d.msgId })));
	expect(redelivered.every((d) => d.acknowledged)).toBe(true);
	await t.sandbox.push(after.webhookUrl, { type: 'change_order', msgId: 7_300_999 });
	expect(msgIds(after)).toEqual(['7300999']);
});

/** A captured push with one ciphertext byte changed so that msgId 9000001 reads 9000007 (CTR is malleable). */
function alteredMsgId(raw: { headers: Record<string, string>; body: string }, plaintext: string) {
	const offset = plaintext.indexOf('9000001') + 6;
	const bytes = Buffer.from(raw.body, 'base64');
	bytes[offset] ^= '1'.charCodeAt(0) ^ '7'.charCodeAt(0);
	return { headers: raw.headers, body: bytes.toString('base64') };
}

test('an altered replay with the captured headers is refused (403) and not emitted; the same bytes again are a redelivery', async () => {
	const h = await host();
	const original = await t.sandbox.push(h.webhookUrl, { type: 'new_qw_customer', msgId: 9000001, content: { externalUserId: 'wmReplay' } });
	const plaintext = `{"noise":${original.noise},"msgId":9000001,"type":"new_qw_customer","content":{"externalUserId":"wmReplay"}}`;
	const altered = alteredMsgId(original.raw, plaintext);

	const replay = await t.sandbox.pushRaw(h.webhookUrl, altered, { type: 'new_qw_customer', msgId: '9000007', noise: original.noise });
	expect({ status: replay.status, body: replay.body }).toEqual({ status: 403, body: 'replayed headers with a different body (same noise)' });
	const same = await t.sandbox.pushRaw(h.webhookUrl, original.raw, { type: 'new_qw_customer', msgId: '9000001', noise: original.noise });
	expect(same.acknowledged).toBe(true);
	expect(msgIds(h)).toEqual(['9000001']);

	// What the record prevents: a receiver that never saw the original takes the altered body as message 9000007.
	const unaware = await host();
	await t.sandbox.pushRaw(unaware.webhookUrl, altered, { type: 'new_qw_customer', msgId: '9000007', noise: original.noise });
	expect(msgIds(unaware)).toEqual(['9000007']);
});

test('an altered replay is refused after a restart too (the record is in static data)', async () => {
	const before = await host();
	const original = await t.sandbox.push(before.webhookUrl, { type: 'new_qw_customer', msgId: 9000001, content: {} });
	const plaintext = `{"noise":${original.noise},"msgId":9000001,"type":"new_qw_customer","content":{}}`;
	await before.close();
	const after = await host({ nodeType: restartedNodeType(), workflowId: before.workflowId, staticData: before.staticData() });
	const replay = await t.sandbox.pushRaw(after.webhookUrl, alteredMsgId(original.raw, plaintext), { type: 'new_qw_customer', msgId: '9000007', noise: original.noise });
	expect(replay.status).toBe(403);
	expect(after.executions).toHaveLength(0);
});

test('a Corp ID other than the App ID prefix: refused without it in the credential, accepted with it', async () => {
	const corpSandbox = await startSandbox({ corpId: 'wwTheRealCorp0001' });
	try {
		const make = (corpId: string) => t.host({ credentials: credentialsFor(corpSandbox, { corpId }) });
		const without = await make('');
		expect((await corpSandbox.push(without.webhookUrl, { type: 'tag_info' })).status).toBe(400);
		const withCorp = await make('wwTheRealCorp0001');
		expect((await corpSandbox.push(withCorp.webhookUrl, { type: 'tag_info' })).acknowledged).toBe(true);
		expect([without.executions.length, withCorp.executions.length]).toEqual([0, 1]);
	} finally {
		await corpSandbox.close();
	}
});

describe('a sender that signs several messages with one timestamp (a burst)', () => {
	/** One timestamp header for a whole burst, as a sender with several threads or one clock read per batch writes it. */
	const oneTimestamp = () => ({ timestamp: String(Date.now()) });

	test('50 distinct messages under one timestamp, each delivered twice at once: 50 executions, every copy acknowledged', async () => {
		const h = await host();
		const tamper = oneTimestamp();
		const specs = Array.from({ length: 50 }, (_, i) => ({ type: 'new_qw_customer', msgId: 7_400_000 + i, noise: 1_000 + i, content: { n: i }, tamper }));
		const deliveries = await Promise.all(specs.flatMap((spec) => [t.sandbox.push(h.webhookUrl, spec), t.sandbox.push(h.webhookUrl, spec)]));
		expect(deliveries.filter((d) => !d.acknowledged).map((d) => `${d.status} ${d.body}`)).toEqual([]);
		expect(msgIds(h)).toEqual(specs.map((p) => String(p.msgId)).sort());
	});

	test('20 distinct messages under one timestamp, each redelivered right after its acknowledgement: 20 executions', async () => {
		const h = await host();
		const tamper = oneTimestamp();
		for (let i = 0; i < 20; i++) {
			const spec = { type: 'tag_info', msgId: 7_500_000 + i, noise: 2_000 + i, tamper };
			expect([(await t.sandbox.push(h.webhookUrl, spec)).acknowledged, (await t.sandbox.push(h.webhookUrl, spec)).acknowledged]).toEqual([true, true]);
		}
		expect(h.executions).toHaveLength(20);
	});

	test('inside a burst, the two altered replays of a captured push are still refused: msgId digit flipped, content flipped under the same msgId', async () => {
		const h = await host();
		const tamper = oneTimestamp();
		await t.sandbox.push(h.webhookUrl, { type: 'new_qw_customer', msgId: 9000002, noise: 11, content: {}, tamper });
		const original = await t.sandbox.push(h.webhookUrl, { type: 'new_qw_customer', msgId: 9000001, noise: 12, content: { externalUserId: 'wmA' }, tamper });
		const plaintext = `{"noise":12,"msgId":9000001,"type":"new_qw_customer","content":{"externalUserId":"wmA"}}`;
		const flipped = (at: number, from: string, to: string) => {
			const bytes = Buffer.from(original.raw.body, 'base64');
			bytes[at] ^= from.charCodeAt(0) ^ to.charCodeAt(0);
			return { headers: original.raw.headers, body: bytes.toString('base64') };
		};
		const otherMsgId = await t.sandbox.pushRaw(h.webhookUrl, flipped(plaintext.indexOf('9000001') + 6, '1', '7'), { type: 'new_qw_customer', msgId: '9000007', noise: '12' });
		const otherContent = await t.sandbox.pushRaw(h.webhookUrl, flipped(plaintext.indexOf('wmA') + 2, 'A', 'B'), { type: 'new_qw_customer', msgId: '9000001', noise: '12' });
		expect([otherMsgId, otherContent].map((d) => d.status)).toEqual([403, 403]);
		expect(msgIds(h)).toEqual(['9000001', '9000002']);
	});

	test('the same msgId with other content and another noise under accepted headers is refused too; the same bytes again are a redelivery', async () => {
		const h = await host();
		const tamper = oneTimestamp();
		const first = await t.sandbox.push(h.webhookUrl, { type: 'tag_info', msgId: 7_600_001, noise: 21, content: { tagId: 1 }, tamper });
		const forged = await t.sandbox.push(h.webhookUrl, { type: 'tag_info', msgId: 7_600_001, noise: 22, content: { tagId: 2 }, tamper });
		const again = await t.sandbox.pushRaw(h.webhookUrl, first.raw, { type: 'tag_info', msgId: first.msgId, noise: first.noise });
		expect([first.acknowledged, forged.status, again.acknowledged]).toEqual([true, 403, true]);
		expect(h.executions).toHaveLength(1);
	});
});

describe('acknowledged only once n8n holds the execution', () => {
	test('the acknowledgement arrives after the execution is registered, never before', async () => {
		const h = await host({ registerDelayMs: 150 });
		const deliveries = await Promise.all(
			Array.from({ length: 10 }, async (_, i) => {
				const d = await t.sandbox.push(h.webhookUrl, { type: 'tag_info', msgId: 7_700_000 + i });
				return { acknowledged: d.acknowledged, registered: msgIds(h).includes(d.msgId) };
			}),
		);
		expect(deliveries).toEqual(Array.from({ length: 10 }, () => ({ acknowledged: true, registered: true })));
	});

	test('a message n8n could not start is not acknowledged, and its redelivery is new: executed once', async () => {
		let failures = 1;
		const h = await host({ failToStart: () => failures-- > 0 });
		const first = await t.sandbox.push(h.webhookUrl, { type: 'change_order', msgId: 7_800_001 });
		expect([first.status, first.acknowledged]).toEqual([500, false]);
		expect(h.staticData()).not.toContain('7800001');
		const again = await t.sandbox.pushRaw(h.webhookUrl, first.raw, { type: 'change_order', msgId: first.msgId, noise: first.noise });
		expect(again.acknowledged).toBe(true);
		expect(msgIds(h)).toEqual(['7800001']);
	});

	test('a sender that hangs up before the answer: n8n still takes the message, so the redelivery is acknowledged and not run again', async () => {
		const h = await host({ registerDelayMs: 300 });
		const first = await t.sandbox.push(h.webhookUrl, { type: 'change_order', msgId: 7_800_004 });
		const push = buildPush({ type: 'change_order', msgId: 7_800_005 }, t.sandbox.appId, t.sandbox.appKey, Date.now());
		await new Promise<void>((resolve) => {
			const target = new URL(h.webhookUrl);
			const req = request({ hostname: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: push.headers });
			req.on('error', () => resolve());
			req.end(push.body);
			setTimeout(() => {
				req.destroy();
				resolve();
			}, 50);
		});
		await new Promise((r) => setTimeout(r, 500)); // n8n registers it meanwhile
		const again = await t.sandbox.pushRaw(h.webhookUrl, push, { type: 'change_order', msgId: push.msgId, noise: push.noise });
		expect([first.acknowledged, again.acknowledged]).toEqual([true, true]);
		expect(msgIds(h)).toEqual(['7800004', '7800005']);
	});

	test('a copy arriving while n8n is still taking the first waits for it: acknowledged if n8n took it, started itself if n8n did not', async () => {
		let failures = 1;
		const h = await host({ registerDelayMs: 200, failToStart: () => failures-- > 0 });
		const spec = { type: 'change_order', msgId: 7_800_002 };
		const failedFirst = await Promise.all([t.sandbox.push(h.webhookUrl, spec), t.sandbox.push(h.webhookUrl, spec)]);
		expect(failedFirst.map((d) => d.status).sort()).toEqual([200, 500]);
		expect(msgIds(h)).toEqual(['7800002']);

		const taken = await Promise.all([0, 1, 2].map(() => t.sandbox.push(h.webhookUrl, { type: 'change_order', msgId: 7_800_003 })));
		expect(taken.every((d) => d.acknowledged)).toBe(true);
		expect(msgIds(h)).toEqual(['7800002', '7800003']);
	});
});

describe('the ledger stays bounded', () => {
	const push = (i: number, at: number) => ({ key: `t:${i}`, at, headers: `1:${at}`, body: `b${i}`, noise: String(i) });
	/** Admits and, when new, confirms at once (n8n took it): the kind of the admission. */
	const admit = (ledger: PushLedger, scope: string, store: Record<string, unknown>, p: ReturnType<typeof push>, windowMs: number) => {
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
		const internals = (ledger as unknown as { receivers: Map<string, { byKey: Map<string, unknown>; byHeaders: Map<string, unknown> }> }).receivers.get('wf:node')!;
		expect(internals.byKey.size).toBe(MEMORY_MAX);
		expect(internals.byHeaders.size).toBeLessThanOrEqual(300_000 / 10 + 1);
		const persisted = (store.pushLedger as { accepted: unknown[][] }).accepted;
		expect(persisted).toHaveLength(PERSIST_MAX);
		expect(JSON.stringify(store).length).toBeLessThan(64 * 1024);
		// The newest is remembered; the oldest (evicted in process, gone from static data) is not.
		expect(admit(ledger, 'wf:node', store, push(MEMORY_MAX + 1_999, t0 + 1e9), 300_000)).toBe('redelivery');
		expect(admit(ledger, 'wf:node', store, push(0, t0 + 1e9), 300_000)).toBe('new');
	});

	test(`a redelivery is recognised for ${KEEP_MS / 3_600_000} hours from static data alone, not after`, () => {
		const store: Record<string, unknown> = {};
		admit(new PushLedger(), 's', store, push(1, 0), 300_000);
		expect(admit(new PushLedger(), 's', JSON.parse(JSON.stringify(store)) as Record<string, unknown>, push(1, KEEP_MS - 1), 300_000)).toBe('redelivery');
		expect(admit(new PushLedger(), 's', JSON.parse(JSON.stringify(store)) as Record<string, unknown>, push(1, KEEP_MS), 300_000)).toBe('new');
	});

	test('with a replay window longer than a day, a redelivery is recognised for the whole window (in memory and from static data)', () => {
		const windowMs = 3 * KEEP_MS;
		const store: Record<string, unknown> = {};
		const ledger = new PushLedger();
		admit(ledger, 's', store, push(1, 0), windowMs);
		expect(admit(ledger, 's', store, push(1, 2 * KEEP_MS), windowMs)).toBe('redelivery');
		const copy = () => JSON.parse(JSON.stringify(store)) as Record<string, unknown>;
		expect(admit(new PushLedger(), 's', copy(), push(1, windowMs - 1), windowMs)).toBe('redelivery');
		expect(admit(new PushLedger(), 's', copy(), push(1, windowMs), windowMs)).toBe('new');
	});
});

describe('several n8n processes over one static-data row, saved whole by the last writer (queue mode with webhook processes)', () => {
	const push = (i: number, at: number) => ({ key: `t:${i}`, at, headers: `1:${at}`, body: `b${i}`, noise: String(i) });
	const admitted = (ledger: PushLedger, store: Record<string, unknown>, p: ReturnType<typeof push>) => {
		const { kind } = ledger.admit('wf:node', store, p, 300_000);
		if (kind === 'new') ledger.confirm('wf:node', p.key);
		return kind;
	};
	const load = (row: Record<string, unknown>) => JSON.parse(JSON.stringify(row)) as Record<string, unknown>;
	const keys = (row: Record<string, unknown>) => ((row.pushLedger as { accepted: Array<[string]> } | undefined)?.accepted ?? []).map((e) => e[0]);

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
		expect(new PushLedger().admit('wf:node', load(second), push(1, t0 + 3), 300_000).kind).toBe('new');
		expect(new PushLedger().admit('wf:node', load(second), push(2, t0 + 3), 300_000).kind).toBe('redelivery');
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
