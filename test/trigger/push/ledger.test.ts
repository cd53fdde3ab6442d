/**
 * Exactly once under real delivery conditions, through n8n-core's WebhookContext behind a real listener that
 * loads the workflow's static data for each request and saves it after (as n8n does): copies at the same
 * moment, copies right after the acknowledgement, copies after a restart, and altered replays.
 */
import { request } from 'http';

import { TanmaPushTrigger } from '../../../nodes/Tanma/TanmaPushTrigger.node';
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
		const module = require('../../../nodes/Tanma/TanmaPushTrigger.node') as {
			TanmaPushTrigger: new () => TanmaPushTrigger;
		};
		fresh = new module.TanmaPushTrigger();
	});
	return fresh!;
}

const msgIds = (h: WebhookHost) => h.executions.map((e) => e[0].msgId).sort();

test('50 messages each delivered twice at the same moment: 50 executions, every copy acknowledged', async () => {
	const h = await host();
	const pairs = Array.from({ length: 50 }, (_, i) => ({
		type: 'new_qw_customer',
		msgId: 7_100_000 + i,
		content: { n: i },
	}));
	const deliveries = await Promise.all(
		pairs.flatMap((spec) => [
			t.sandbox.push(h.webhookUrl, spec),
			t.sandbox.push(h.webhookUrl, spec),
		]),
	);
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
		Array.from({ length: 30 }, (_, i) =>
			t.sandbox.push(before.webhookUrl, { type: 'change_order', msgId: 7_300_000 + i }),
		),
	);
	expect(before.executions).toHaveLength(30);
	await before.close();

	const after = await host({
		nodeType: restartedNodeType(),
		workflowId: before.workflowId,
		staticData: before.staticData(),
	});
	const redelivered = await Promise.all(
		accepted.map((d) => t.sandbox.push(after.webhookUrl, { type: 'change_order', msgId: d.msgId })),
	);
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
	const original = await t.sandbox.push(h.webhookUrl, {
		type: 'new_qw_customer',
		msgId: 9000001,
		content: { externalUserId: 'wmReplay' },
	});
	const plaintext = `{"noise":${original.noise},"msgId":9000001,"type":"new_qw_customer","content":{"externalUserId":"wmReplay"}}`;
	const altered = alteredMsgId(original.raw, plaintext);

	const replay = await t.sandbox.pushRaw(h.webhookUrl, altered, {
		type: 'new_qw_customer',
		msgId: '9000007',
		noise: original.noise,
	});
	expect({ status: replay.status, body: replay.body }).toEqual({
		status: 403,
		body: 'replayed headers with a different body (same noise)',
	});
	const same = await t.sandbox.pushRaw(h.webhookUrl, original.raw, {
		type: 'new_qw_customer',
		msgId: '9000001',
		noise: original.noise,
	});
	expect(same.acknowledged).toBe(true);
	expect(msgIds(h)).toEqual(['9000001']);

	// What the record prevents: a receiver that never saw the original takes the altered body as message 9000007.
	const unaware = await host();
	await t.sandbox.pushRaw(unaware.webhookUrl, altered, {
		type: 'new_qw_customer',
		msgId: '9000007',
		noise: original.noise,
	});
	expect(msgIds(unaware)).toEqual(['9000007']);
});

test('an altered replay is refused after a restart too (the record is in static data)', async () => {
	const before = await host();
	const original = await t.sandbox.push(before.webhookUrl, {
		type: 'new_qw_customer',
		msgId: 9000001,
		content: {},
	});
	const plaintext = `{"noise":${original.noise},"msgId":9000001,"type":"new_qw_customer","content":{}}`;
	await before.close();
	const after = await host({
		nodeType: restartedNodeType(),
		workflowId: before.workflowId,
		staticData: before.staticData(),
	});
	const replay = await t.sandbox.pushRaw(after.webhookUrl, alteredMsgId(original.raw, plaintext), {
		type: 'new_qw_customer',
		msgId: '9000007',
		noise: original.noise,
	});
	expect(replay.status).toBe(403);
	expect(after.executions).toHaveLength(0);
});

test('a Corp ID other than the App ID prefix: refused without it in the credential, accepted with it', async () => {
	const corpSandbox = await startSandbox({ corpId: 'wwTheRealCorp0001' });
	try {
		const make = (corpId: string) =>
			t.host({ credentials: credentialsFor(corpSandbox, { corpId }) });
		const without = await make('');
		expect((await corpSandbox.push(without.webhookUrl, { type: 'tag_info' })).status).toBe(400);
		const withCorp = await make('wwTheRealCorp0001');
		expect((await corpSandbox.push(withCorp.webhookUrl, { type: 'tag_info' })).acknowledged).toBe(
			true,
		);
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
		const specs = Array.from({ length: 50 }, (_, i) => ({
			type: 'new_qw_customer',
			msgId: 7_400_000 + i,
			noise: 1_000 + i,
			content: { n: i },
			tamper,
		}));
		const deliveries = await Promise.all(
			specs.flatMap((spec) => [
				t.sandbox.push(h.webhookUrl, spec),
				t.sandbox.push(h.webhookUrl, spec),
			]),
		);
		expect(deliveries.filter((d) => !d.acknowledged).map((d) => `${d.status} ${d.body}`)).toEqual(
			[],
		);
		expect(msgIds(h)).toEqual(specs.map((p) => String(p.msgId)).sort());
	});

	test('20 distinct messages under one timestamp, each redelivered right after its acknowledgement: 20 executions', async () => {
		const h = await host();
		const tamper = oneTimestamp();
		for (let i = 0; i < 20; i++) {
			const spec = { type: 'tag_info', msgId: 7_500_000 + i, noise: 2_000 + i, tamper };
			expect([
				(await t.sandbox.push(h.webhookUrl, spec)).acknowledged,
				(await t.sandbox.push(h.webhookUrl, spec)).acknowledged,
			]).toEqual([true, true]);
		}
		expect(h.executions).toHaveLength(20);
	});

	test('inside a burst, the two altered replays of a captured push are still refused: msgId digit flipped, content flipped under the same msgId', async () => {
		const h = await host();
		const tamper = oneTimestamp();
		await t.sandbox.push(h.webhookUrl, {
			type: 'new_qw_customer',
			msgId: 9000002,
			noise: 11,
			content: {},
			tamper,
		});
		const original = await t.sandbox.push(h.webhookUrl, {
			type: 'new_qw_customer',
			msgId: 9000001,
			noise: 12,
			content: { externalUserId: 'wmA' },
			tamper,
		});
		const plaintext = `{"noise":12,"msgId":9000001,"type":"new_qw_customer","content":{"externalUserId":"wmA"}}`;
		const flipped = (at: number, from: string, to: string) => {
			const bytes = Buffer.from(original.raw.body, 'base64');
			bytes[at] ^= from.charCodeAt(0) ^ to.charCodeAt(0);
			return { headers: original.raw.headers, body: bytes.toString('base64') };
		};
		const otherMsgId = await t.sandbox.pushRaw(
			h.webhookUrl,
			flipped(plaintext.indexOf('9000001') + 6, '1', '7'),
			{ type: 'new_qw_customer', msgId: '9000007', noise: '12' },
		);
		const otherContent = await t.sandbox.pushRaw(
			h.webhookUrl,
			flipped(plaintext.indexOf('wmA') + 2, 'A', 'B'),
			{ type: 'new_qw_customer', msgId: '9000001', noise: '12' },
		);
		expect([otherMsgId, otherContent].map((d) => d.status)).toEqual([403, 403]);
		expect(msgIds(h)).toEqual(['9000001', '9000002']);
	});

	test('the same msgId with other content and another noise under accepted headers is refused too; the same bytes again are a redelivery', async () => {
		const h = await host();
		const tamper = oneTimestamp();
		const first = await t.sandbox.push(h.webhookUrl, {
			type: 'tag_info',
			msgId: 7_600_001,
			noise: 21,
			content: { tagId: 1 },
			tamper,
		});
		const forged = await t.sandbox.push(h.webhookUrl, {
			type: 'tag_info',
			msgId: 7_600_001,
			noise: 22,
			content: { tagId: 2 },
			tamper,
		});
		const again = await t.sandbox.pushRaw(h.webhookUrl, first.raw, {
			type: 'tag_info',
			msgId: first.msgId,
			noise: first.noise,
		});
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
		expect(deliveries).toEqual(
			Array.from({ length: 10 }, () => ({ acknowledged: true, registered: true })),
		);
	});

	test('a message n8n could not start is not acknowledged, and its redelivery is new: executed once', async () => {
		let failures = 1;
		const h = await host({ failToStart: () => failures-- > 0 });
		const first = await t.sandbox.push(h.webhookUrl, { type: 'change_order', msgId: 7_800_001 });
		expect([first.status, first.acknowledged]).toEqual([500, false]);
		expect(h.staticData()).not.toContain('7800001');
		const again = await t.sandbox.pushRaw(h.webhookUrl, first.raw, {
			type: 'change_order',
			msgId: first.msgId,
			noise: first.noise,
		});
		expect(again.acknowledged).toBe(true);
		expect(msgIds(h)).toEqual(['7800001']);
	});

	test('a sender that hangs up before the answer: n8n still takes the message, so the redelivery is acknowledged and not run again', async () => {
		const h = await host({ registerDelayMs: 300 });
		const first = await t.sandbox.push(h.webhookUrl, { type: 'change_order', msgId: 7_800_004 });
		const push = buildPush(
			{ type: 'change_order', msgId: 7_800_005 },
			t.sandbox.appId,
			t.sandbox.appKey,
			Date.now(),
		);
		await new Promise<void>((resolve) => {
			const target = new URL(h.webhookUrl);
			const req = request({
				hostname: target.hostname,
				port: target.port,
				path: target.pathname,
				method: 'POST',
				headers: push.headers,
			});
			req.on('error', () => resolve());
			req.end(push.body);
			setTimeout(() => {
				req.destroy();
				resolve();
			}, 50);
		});
		await new Promise((r) => setTimeout(r, 500)); // n8n registers it meanwhile
		const again = await t.sandbox.pushRaw(h.webhookUrl, push, {
			type: 'change_order',
			msgId: push.msgId,
			noise: push.noise,
		});
		expect([first.acknowledged, again.acknowledged]).toEqual([true, true]);
		expect(msgIds(h)).toEqual(['7800004', '7800005']);
	});

	test('a copy arriving while n8n is still taking the first waits for it: acknowledged if n8n took it, started itself if n8n did not', async () => {
		let failures = 1;
		const h = await host({ registerDelayMs: 200, failToStart: () => failures-- > 0 });
		const spec = { type: 'change_order', msgId: 7_800_002 };
		const failedFirst = await Promise.all([
			t.sandbox.push(h.webhookUrl, spec),
			t.sandbox.push(h.webhookUrl, spec),
		]);
		expect(failedFirst.map((d) => d.status).sort()).toEqual([200, 500]);
		expect(msgIds(h)).toEqual(['7800002']);

		const taken = await Promise.all(
			[0, 1, 2].map(() => t.sandbox.push(h.webhookUrl, { type: 'change_order', msgId: 7_800_003 })),
		);
		expect(taken.every((d) => d.acknowledged)).toBe(true);
		expect(msgIds(h)).toEqual(['7800002', '7800003']);
	});
});
