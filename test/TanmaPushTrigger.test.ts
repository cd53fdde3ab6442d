/**
 * Tanma Push Trigger: the sandbox signs, encrypts and POSTs pushes the way Tanma documents; the node runs
 * in n8n-core's WebhookContext behind a real HTTP listener. The cipher is also checked against OpenSSL,
 * an implementation that is not ours.
 */
import { execFileSync } from 'child_process';
import { createCipheriv, createHash } from 'crypto';

import type { INodeParameters } from 'n8n-workflow';
import { webhookDescriptionIsNativelyResolvable } from 'n8n-workflow';

import { TanmaApi } from '../credentials/TanmaApi.credentials';
import { TanmaPushTrigger } from '../nodes/Tanma/TanmaPushTrigger.node';
import { ENDPOINTS } from '../nodes/Tanma/transport/protocol/endpoints';
import {
	decryptPush,
	parsePushMessage,
	pushCiphertext,
	pushSign,
} from '../nodes/Tanma/transport/protocol/pushCrypto';
import { PUSH_EVENTS } from '../nodes/Tanma/trigger/push/events';
import { credentialsFor } from '../lab/core';
import { pushTriggersAgainstSandbox } from './support/push';

const t = pushTriggersAgainstSandbox();
beforeEach(() => t.sandbox.reset());
const host = (parameters: INodeParameters = {}) => t.host({ parameters });

const customer = {
	externalUserId: 'wmPUSH0001',
	unionId: '',
	qwUserId: 'sales01',
	mobiles: ['13800000000'],
	wechatNickname: '小明 🐳',
	wechatAvatar: 'https://example.com/a.jpg',
};

describe('cipher and signature', () => {
	test('decryption matches OpenSSL aes-128-ctr with the documented key and IV derivation', () => {
		const appKey = 'k3y-for-openssl-check';
		const plaintext =
			'{"noise":-9223372036854775808,"msgId":42,"type":"new_qw_customer","content":{"n":"张三"}}';
		const hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 32);
		const body = execFileSync(
			'openssl',
			['enc', '-aes-128-ctr', '-K', hex(appKey), '-iv', hex('wwAbCdEf12345678'), '-base64', '-A'],
			{
				input: plaintext,
			},
		)
			.toString()
			.trim();
		expect(decryptPush(pushCiphertext(body)!, 'wwAbCdEf12345678', appKey)).toBe(plaintext);
		expect(parsePushMessage(plaintext)?.noise).toBe('-9223372036854775808');
	});

	test('decryption matches CTR mode built by hand from single AES block encryptions', () => {
		const appKey = 'another-key';
		const plaintext = Buffer.from(
			'{"noise":1,"msgId":2,"type":"tag_info","content":{"长":"' + 'x'.repeat(70) + '"}}',
			'utf8',
		);
		const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest().subarray(0, 16);
		const key = digest(appKey);
		const counter = Buffer.from(digest('wwCorp'));
		const out = Buffer.alloc(plaintext.length);
		for (let offset = 0; offset < plaintext.length; offset += 16) {
			const block = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false).update(counter);
			for (let i = 0; i < 16 && offset + i < plaintext.length; i++)
				out[offset + i] = plaintext[offset + i] ^ block[i];
			for (let i = 15; i >= 0; i--)
				if (++counter[i] !== 256) break;
				else counter[i] = 0; // 128-bit big-endian increment
		}
		expect(decryptPush(pushCiphertext(out.toString('base64'))!, 'wwCorp', appKey)).toBe(
			plaintext.toString('utf8'),
		);
	});

	test('the header sign is sha256(appId + version + timestamp + appKey), as sha256sum computes it', () => {
		const expected = execFileSync('sha256sum', { input: 'ww1_a' + '1' + '1732435200000' + 'key' })
			.toString()
			.split(' ')[0];
		expect(pushSign('ww1_a', '1', '1732435200000', 'key')).toBe(expected);
	});
});

describe('accepted messages', () => {
	test.each([...PUSH_EVENTS.map((t) => t.type)])(
		'%s: verified, decrypted, emitted once, acknowledged with the noise',
		async (type) => {
			const h = await host();
			const delivery = await t.sandbox.push(h.webhookUrl, {
				type,
				content: type === 'new_qw_customer' ? customer : { tagId: 7, 名称: '意向' },
			});
			expect(delivery).toMatchObject({ status: 200, acknowledged: true });
			expect(h.executions).toHaveLength(1);
			expect(h.executions[0]).toEqual([
				{
					type,
					msgId: delivery.msgId,
					content: type === 'new_qw_customer' ? customer : { tagId: 7, 名称: '意向' },
					receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
				},
			]);
		},
	);

	test('the noise is echoed exactly across the whole signed 64-bit range', async () => {
		const h = await host();
		const extremes = [-(2n ** 63n), 2n ** 63n - 1n, 0n, -1n, 2n ** 53n + 1n, -(2n ** 53n) - 1n];
		const deliveries = [];
		for (const noise of extremes)
			deliveries.push(await t.sandbox.push(h.webhookUrl, { type: 'tag_info', noise }));
		for (let n = 0; n < 200; n++)
			deliveries.push(await t.sandbox.push(h.webhookUrl, { type: 'tag_info' }));
		for (const d of deliveries) {
			expect(d.status).toBe(200);
			expect(d.body).toBe(d.noise);
		}
		expect(h.executions).toHaveLength(deliveries.length);
	});

	test('the JSON acknowledgement format carries the noise as a bare integer', async () => {
		const h = await host({ options: { ackFormat: 'json' } });
		const d = await t.sandbox.push(h.webhookUrl, { type: 'tag_info', noise: 2n ** 63n - 1n });
		expect(d.body).toBe('{"noise":9223372036854775807}');
		expect(d.acknowledged).toBe(true);
	});

	test('a redelivered msgId is acknowledged again but starts no second execution', async () => {
		const h = await host();
		const first = await t.sandbox.push(h.webhookUrl, {
			type: 'edit_qw_customer',
			msgId: 123456789012345678n,
		});
		const again = await t.sandbox.push(h.webhookUrl, {
			type: 'edit_qw_customer',
			msgId: 123456789012345678n,
		});
		expect([first.acknowledged, again.acknowledged]).toEqual([true, true]);
		expect(h.executions).toHaveLength(1);
		expect(h.executions[0][0].msgId).toBe('123456789012345678');
	});

	test('event filter: other types are acknowledged and dropped; register is emitted only when asked', async () => {
		const h = await host({ events: ['new_qw_customer'] });
		expect((await t.sandbox.push(h.webhookUrl, { type: 'tag_info' })).acknowledged).toBe(true);
		expect((await t.sandbox.push(h.webhookUrl, { type: 'register' })).acknowledged).toBe(true);
		expect(h.executions).toHaveLength(0);
		await t.sandbox.push(h.webhookUrl, { type: 'new_qw_customer', content: customer });
		expect(h.executions).toHaveLength(1);
		const withRegister = await host({ options: { emitRegister: true } });
		await t.sandbox.push(withRegister.webhookUrl, { type: 'register' });
		expect(withRegister.executions.map((e) => e[0].type)).toEqual(['register']);
	});
});

describe('rejected messages never start the workflow', () => {
	test.each([
		['a wrong sign', { tamper: { sign: 'a'.repeat(64) } }, 403, 'signature mismatch'],
		['a wrong appId', { tamper: { appId: 'wwOther_app' } }, 403, 'unknown appId'],
		[
			'a stale timestamp',
			{ tamper: { timestamp: String(Date.now() - 6 * 60 * 1000) } },
			403,
			'timestamp outside the replay window',
		],
		[
			'a future timestamp',
			{ tamper: { timestamp: String(Date.now() + 6 * 60 * 1000) } },
			403,
			'timestamp outside the replay window',
		],
		['a missing sign header', { tamper: { omitHeaders: ['sign'] } }, 400, 'missing header: sign'],
		[
			'a tampered ciphertext',
			{ tamper: { flipCiphertextByte: 0 } },
			400,
			'body is not a Tanma push message',
		],
		[
			'a non-Base64 body',
			{ tamper: { body: '这不是Base64!!' } },
			400,
			'body is not a Tanma push message',
		],
		['an empty body', { tamper: { body: '' } }, 400, 'body is not a Tanma push message'],
		[
			'valid Base64 that is not the envelope',
			{ tamper: { body: Buffer.from('hello').toString('base64') } },
			400,
			'body is not a Tanma push message',
		],
	])('%s', async (_label, spec, status, reason) => {
		const h = await host();
		const d = await t.sandbox.push(h.webhookUrl, {
			type: 'new_qw_customer',
			content: customer,
			...spec,
		});
		expect({ status: d.status, body: d.body }).toEqual({ status, body: reason });
		expect(d.acknowledged).toBe(false);
		expect(h.executions).toHaveLength(0);
		expect(d.body).not.toContain(t.sandbox.appKey);
	});

	test('a message signed with another App Key is refused', async () => {
		const h = await t.host({
			credentials: credentialsFor(t.sandbox, { appKey: 'a-different-key' }),
		});
		const d = await t.sandbox.push(h.webhookUrl, { type: 'tag_info' });
		expect(d.status).toBe(403);
		expect(h.executions).toHaveLength(0);
	});
});

describe('registration', () => {
	test('off by default: activation calls nothing', async () => {
		const h = await host();
		expect(await h.activate()).toEqual({ created: false });
		expect(t.sandbox.requests).toHaveLength(0);
	});

	test('on: push-register sends the production URL and the selected types; the register confirmation is acknowledged', async () => {
		const h = await host({ registerAddress: true, events: ['new_qw_customer', 'tag_info'] });
		expect(await h.activate()).toEqual({ created: true });
		const [registration] = t.sandbox.requestsTo(ENDPOINTS.pushRegister.path);
		expect(registration.json).toEqual({
			receiveAddress: h.webhookUrl,
			subscription: 'register,new_qw_customer,tag_info',
		});
		for (let wait = 0; wait < 50 && !t.sandbox.pushes.length; wait++)
			await new Promise((r) => setTimeout(r, 20));
		expect(t.sandbox.pushes).toEqual([
			expect.objectContaining({ type: 'register', url: h.webhookUrl, acknowledged: true }),
		]);
		expect(h.executions).toHaveLength(0);
	});
});

describe('the webhook phase needs no expression', () => {
	// n8n 2.40.7 with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true acquires an isolate only for an expression it has
	// to evaluate: a static description and static credential fields leave none (bench/results/push.md).
	test("the webhook description is static as n8n's own check reads it, and answers a started execution with the node's acknowledgement", () => {
		const [webhook] = new TanmaPushTrigger().description.webhooks!;
		expect(webhookDescriptionIsNativelyResolvable(webhook)).toBe(true);
		expect(
			Object.values(webhook).filter((v) => typeof v === 'string' && v.startsWith('=')),
		).toEqual([]);
		// Left out, n8n 2.40.7 answers a started execution with the text "firstEntryJson" instead of the noise.
		expect(webhook).toMatchObject({ responseMode: 'onReceived', responseData: '' });
	});

	test('the credential has no field whose default is an expression', () => {
		const fields = new TanmaApi().properties;
		expect(
			fields
				.filter((f) => typeof f.default === 'string' && f.default.startsWith('='))
				.map((f) => f.name),
		).toEqual([]);
	});
});
