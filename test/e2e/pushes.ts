/**
 * The credential and the Push Trigger in the shared real n8n (./shared.ts), through n8n's production webhook URL:
 * n8n's own credential test, pushes once each, Tanma's worked example posted unchanged, and delivery as Tanma does
 * it and an attacker would: distinct messages signed with one timestamp (a sender with several threads) delivered
 * twice at once and redelivered after the acknowledgement, and the altered replays of a captured push. The same
 * scenarios at the unit level are in test/trigger/push/ledger.test.ts; a crash and a restart in test/e2e-push.test.ts.
 */
import { postRaw } from '../../sandbox/push';
import type { RawPush } from '../../sandbox/push';
import { pushWorkedExample } from '../../sandbox/vendorExamples';
import { waitFor } from '../../lab/n8n-instance';
import {
	pushWorkflow,
	sandboxCredential,
	VENDOR_PUSH_WEBHOOK_ID,
	PUSH_WEBHOOK_ID,
} from '../../lab/workflows';
import { acknowledged, range, signedPushes } from '../support/e2e';
import type { Shared } from './shared';
import { publish, settle, sinkUrl } from './shared';

const PUSH_ID = 'tanmaE2ePush0001';
const VENDOR_ID = 'tanmaE2ePushVnd1';

export function describePushes(shared: Shared): void {
	const sandbox = () => shared().demo.sandbox;
	const url = (webhookId = PUSH_WEBHOOK_ID) =>
		`${shared().demo.n8n.baseUrl}/webhook/${webhookId}/webhook`;
	// Tanma's worked example is from 2020: its workflow's replay window reaches back that far (plus a day).
	const example = pushWorkedExample();

	beforeAll(async () => {
		const s = shared();
		const vendorCredential = await s.demo.n8n.createCredential(s.cookie, {
			name: 'Tanma push worked example',
			type: 'tanmaApi',
			data: {
				appId: example.inputs.appId,
				appKey: example.inputs.appKey,
				baseUrl: sandbox().baseUrl,
				sendAppKeyHeader: false,
			},
		});
		const replayWindowSeconds =
			Math.ceil((Date.now() - Number(example.request.headers.timestamp)) / 1000) + 86_400;
		await publish(s, pushWorkflow(sinkUrl(s), { id: PUSH_ID }));
		await publish(
			s,
			pushWorkflow(sinkUrl(s), {
				id: VENDOR_ID,
				webhookId: VENDOR_PUSH_WEBHOOK_ID,
				credential: { id: vendorCredential, name: 'Tanma push worked example' },
				options: { emitRegister: true, replayWindowSeconds },
			}),
		);
		// Published just now: wait until both addresses are routed to our node (400 for a request without Tanma's headers).
		await waitFor(
			async () =>
				(
					await Promise.all(
						[PUSH_WEBHOOK_ID, VENDOR_PUSH_WEBHOOK_ID].map((id) =>
							fetch(url(id), { method: 'POST' }),
						),
					)
				).every((a) => a.status === 400),
			60_000,
			() => `the push webhooks to be routed; n8n log:\n${s.demo.n8n.log.slice(-2000)}`,
		);
	});

	afterAll(async () => {
		const s = shared();
		for (const id of [PUSH_ID, VENDOR_ID]) await s.demo.n8n.deactivateWorkflow(s.cookie, id);
	});

	test("n8n's credential test: OK with the right key, the App ID/App Key hint with a wrong one", async () => {
		const s = shared();
		const [credential] = sandboxCredential(sandbox());
		const withKey = (appKey: string) =>
			s.demo.n8n.testCredential(s.cookie, { ...credential, data: { ...credential.data, appKey } });
		expect(await withKey(sandbox().appKey)).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const wrong = await withKey('not-the-key');
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/App ID and App Key/);
	});

	test('the push trigger receives sandbox pushes through the production webhook URL, once each', async () => {
		const first = await sandbox().push(url(), {
			type: 'new_qw_customer',
			msgId: 8_000_001,
			content: { externalUserId: 'wmE2E01' },
		});
		const again = await sandbox().push(url(), {
			type: 'new_qw_customer',
			msgId: 8_000_001,
			content: { externalUserId: 'wmE2E01' },
		});
		const other = await sandbox().push(url(), {
			type: 'tag_info',
			msgId: 8_000_002,
			content: { tagId: 1 },
		});
		expect([first, again, other].map((d) => d.acknowledged)).toEqual([true, true, true]);
		expect(await settle(shared(), PUSH_ID, 8_000_000, 8_000_010, 2)).toEqual([
			8_000_001, 8_000_002,
		]);
	});

	test("Tanma's worked example, posted unchanged: its noise echoed, one item (register, 999, hello); one changed sign character: 403", async () => {
		const expected = { type: 'register', msgId: '999', noise: '4970601478527096155' };
		const sign = example.request.headers.sign;
		const altered = {
			...example.request,
			headers: { ...example.request.headers, sign: (sign[0] === '3' ? '4' : '3') + sign.slice(1) },
		};
		const refused = await sandbox().pushRaw(url(VENDOR_PUSH_WEBHOOK_ID), altered, expected);
		expect({ status: refused.status, body: refused.body }).toEqual({
			status: 403,
			body: 'signature mismatch',
		});
		const d = await sandbox().pushRaw(url(VENDOR_PUSH_WEBHOOK_ID), example.request, expected);
		expect({ status: d.status, body: d.body }).toEqual({
			status: 200,
			body: '4970601478527096155',
		});
		await settle(shared(), VENDOR_ID, 999, 1000, 1);
		const items = sandbox().sink.filter(
			(s) => (s as { event?: string }).event === 'register',
		) as Array<{ json: object }>;
		expect(items.map((i) => i.json)).toEqual([
			{ type: 'register', msgId: '999', content: 'hello', receivedAt: expect.any(String) },
		]);
	});

	describe('distinct messages signed with one timestamp, as a sender with several threads sends them', () => {
		test('50 under one timestamp, each delivered twice at the same moment: 50 executions, every copy acknowledged', async () => {
			const ids = range(8_300_000, 50);
			const pushes = signedPushes(sandbox(), ids, ids.length);
			expect(new Set(pushes.map((p) => p.headers.timestamp)).size).toBe(1);
			const answers = await Promise.all(
				pushes.flatMap((p) => [postRaw(url(), p), postRaw(url(), p)]),
			);
			const refused = answers.filter((a, i) => !acknowledged(a, pushes[Math.floor(i / 2)].noise));
			expect(refused.map((a) => `${a.status} ${a.body}`)).toEqual([]);
			expect(await settle(shared(), PUSH_ID, 8_300_000, 8_300_050, 50)).toEqual(ids);
		});

		test('20 under one timestamp, each redelivered right after its acknowledgement: 20 executions', async () => {
			const ids = range(8_400_000, 20);
			for (const p of signedPushes(sandbox(), ids, ids.length, 'tag_info')) {
				expect(acknowledged(await postRaw(url(), p), p.noise)).toBe(true);
				expect(acknowledged(await postRaw(url(), p), p.noise)).toBe(true);
			}
			expect(await settle(shared(), PUSH_ID, 8_400_000, 8_400_020, 20)).toEqual(ids);
		});

		test('the altered replays of a captured push under those headers: msgId digit flipped → 403, content flipped under the same msgId → 403, neither emitted', async () => {
			const [other, original] = signedPushes(sandbox(), [8_500_002, 8_500_001], 2);
			for (const p of [other, original])
				expect(acknowledged(await postRaw(url(), p), p.noise)).toBe(true);
			const flip = (needle: string, at: number, to: string): RawPush => {
				const bytes = Buffer.from(original.body, 'base64');
				const offset = original.plaintext.indexOf(needle) + at;
				bytes[offset] ^= original.plaintext.charCodeAt(offset) ^ to.charCodeAt(0);
				return { headers: original.headers, body: bytes.toString('base64') };
			};
			const msgIdFlipped = await postRaw(url(), flip('8500001', 6, '7'));
			const contentFlipped = await postRaw(url(), flip('wm8500001', 2, '9'));
			expect([msgIdFlipped.status, contentFlipped.status]).toEqual([403, 403]);
			expect(await settle(shared(), PUSH_ID, 8_500_000, 8_500_010, 2)).toEqual([
				8_500_001, 8_500_002,
			]);
		});
	});
}
