/**
 * The push trigger reads its credential once a minute, not once a push (nodes/Tanma/trigger/push/credentials.ts):
 * the cache on its own with explicit clocks, and the node behind a real listener, where n8n's credential reads
 * are counted and the credential is changed as a user would change it.
 */
import {
	CredentialCache,
	ENTRIES_MAX,
	MAX_AGE_MS,
	REFRESH_GAP_MS,
} from '../../../nodes/Tanma/trigger/push/credentials';
import { deliverPush } from '../../../sandbox/push';
import { credentialsFor } from '../../../lab/core';
import { pushTriggersAgainstSandbox } from '../../support/push';

describe('CredentialCache', () => {
	const reader = (values: string[]) => {
		let reads = 0;
		return {
			read: async () => values[Math.min(reads++, values.length - 1)],
			get reads() {
				return reads;
			},
		};
	};

	test('reads once, answers from memory until MAX_AGE_MS has passed, then reads again', async () => {
		const cache = new CredentialCache<string>();
		const r = reader(['key-1', 'key-2']);
		expect(await cache.get('wf:node:cred', 1_000, r.read)).toEqual({
			value: 'key-1',
			cached: false,
		});
		expect(await cache.get('wf:node:cred', 1_000 + MAX_AGE_MS, r.read)).toEqual({
			value: 'key-1',
			cached: true,
		});
		expect(await cache.get('wf:node:cred', 1_001 + MAX_AGE_MS, r.read)).toEqual({
			value: 'key-2',
			cached: false,
		});
		expect(r.reads).toBe(2);
	});

	test('concurrent callers share one read', async () => {
		const cache = new CredentialCache<string>();
		const r = reader(['key-1']);
		const answers = await Promise.all(Array.from({ length: 20 }, () => cache.get('k', 5, r.read)));
		expect(r.reads).toBe(1);
		expect(new Set(answers.map((a) => a.value))).toEqual(new Set(['key-1']));
	});

	test('refresh reads at once, then not again until REFRESH_GAP_MS has passed', async () => {
		const cache = new CredentialCache<string>();
		const r = reader(['old', 'new', 'newer']);
		await cache.get('k', 10_000, r.read);
		expect(await cache.refresh('k', 10_000, r.read)).toBe('new');
		expect(await cache.refresh('k', 10_000 + REFRESH_GAP_MS - 1, r.read)).toBeUndefined();
		expect((await cache.get('k', 10_000 + REFRESH_GAP_MS - 1, r.read)).value).toBe('new');
		expect(await cache.refresh('k', 10_000 + REFRESH_GAP_MS, r.read)).toBe('newer');
		expect(r.reads).toBe(3);
	});

	test('a clock that went back counts as expired', async () => {
		const cache = new CredentialCache<string>();
		const r = reader(['a', 'b']);
		await cache.get('k', 50_000, r.read);
		expect(await cache.get('k', 40_000, r.read)).toEqual({ value: 'b', cached: false });
	});

	test('a failed read is not kept: the next call reads again', async () => {
		const cache = new CredentialCache<string>();
		let calls = 0;
		const read = async () => {
			if (calls++ === 0) throw new Error('database busy');
			return 'key';
		};
		await expect(cache.get('k', 1, read)).rejects.toThrow('database busy');
		expect(await cache.get('k', 2, read)).toEqual({ value: 'key', cached: false });
	});

	test(`holds at most ${ENTRIES_MAX} triggers, forgetting the oldest`, async () => {
		const cache = new CredentialCache<string>();
		for (let i = 0; i <= ENTRIES_MAX; i++) await cache.get(`wf${i}`, 1, async () => `key${i}`);
		expect(cache.size).toBe(ENTRIES_MAX);
		const r = reader(['again']);
		expect(await cache.get('wf0', 1, r.read)).toEqual({ value: 'again', cached: false });
		expect(await cache.get(`wf${ENTRIES_MAX}`, 1, r.read)).toEqual({
			value: `key${ENTRIES_MAX}`,
			cached: true,
		});
	});
});

describe('the push trigger and n8n credential reads', () => {
	const t = pushTriggersAgainstSandbox();
	const host = () => t.host();

	test('40 pushes, 20 at a time: the credential is read from n8n once', async () => {
		const h = await host();
		for (const batch of [0, 1]) {
			const deliveries = await Promise.all(
				Array.from({ length: 20 }, (_, i) =>
					t.sandbox.push(h.webhookUrl, {
						type: 'new_qw_customer',
						msgId: 6_100_000 + batch * 20 + i,
					}),
				),
			);
			expect(deliveries.every((d) => d.acknowledged)).toBe(true);
		}
		expect(h.executions).toHaveLength(40);
		expect(h.credentials.decryptions).toBe(1);
	});

	test('a changed App Key is used from the first push signed with it; the replaced key is then refused', async () => {
		const h = await host();
		expect(
			(await t.sandbox.push(h.webhookUrl, { type: 'tag_info', msgId: 6_200_001 })).acknowledged,
		).toBe(true);
		h.credentials.replace('tanmaApi', { ...credentialsFor(t.sandbox), appKey: 'rotated-app-key' });

		const signedWithNewKey = await deliverPush(
			h.webhookUrl,
			{ type: 'tag_info', msgId: 6_200_002 },
			{ appId: t.sandbox.appId, appKey: 'rotated-app-key' },
			Date.now(),
		);
		expect(signedWithNewKey.acknowledged).toBe(true);
		const signedWithOldKey = await t.sandbox.push(h.webhookUrl, {
			type: 'tag_info',
			msgId: 6_200_003,
		});
		expect({ status: signedWithOldKey.status, body: signedWithOldKey.body }).toEqual({
			status: 403,
			body: 'signature mismatch',
		});
		expect(h.executions.map((e) => e[0].msgId)).toEqual(['6200001', '6200002']);
		expect(h.credentials.decryptions).toBe(2);
	});

	test('a flood of forged pushes costs at most one credential read per second', async () => {
		const h = await host();
		const started = Date.now();
		const forged = await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				deliverPush(
					h.webhookUrl,
					{ type: 'tag_info', msgId: 6_300_000 + i },
					{ appId: t.sandbox.appId, appKey: 'guessed-key' },
					Date.now(),
				),
			),
		);
		expect(forged.every((d) => d.status === 403)).toBe(true);
		const seconds = Math.ceil((Date.now() - started) / 1000);
		expect(h.credentials.decryptions).toBeLessThanOrEqual(1 + seconds);
		expect(h.executions).toHaveLength(0);
	});
});
