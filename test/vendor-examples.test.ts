/**
 * Tanma's own examples (vendor-examples/) against our code, unchanged: the push worked example is posted
 * byte for byte to the push trigger; every decrypted push example is encrypted by the sandbox as written
 * and pushed; the sandbox answers push-register with the vendor's response text.
 */
import fs from 'fs';
import path from 'path';

import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { pushSign } from '../nodes/Tanma/transport/protocol/pushCrypto';
import { PUSH_EVENTS } from '../nodes/Tanma/trigger/push/events';
import { computeRequestSign } from '../nodes/Tanma/transport/protocol/signature';
import {
	VENDOR_EXAMPLES_DIR,
	pushMessageExamples,
	pushWorkedExample,
	readVendorExample,
	vendorExampleIndex,
} from '../sandbox/vendorExamples';
import { credentialsFor, runNodeInWorkflow } from '../lab/core';
import { Tanma } from '../nodes/Tanma/Tanma.node';
import { pushTriggersAgainstSandbox } from './support/push';
import { triggerUnderTest } from './support/trigger';

const t = pushTriggersAgainstSandbox();
const host = (parameters: INodeParameters, credentials?: ICredentialDataDecryptedObject) =>
	t.host({ parameters, credentials });
const runNode = (parameters: INodeParameters) =>
	runNodeInWorkflow({ nodeType: new Tanma(), parameters, credentials: credentialsFor(t.sandbox) });

const isJson = (text: string) => {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
};
/** A field's literal as written in the example text (so 64-bit values are compared exactly). */
const literal = (text: string, name: string) =>
	new RegExp(`"${name}"\\s*:\\s*(-?\\d+)`).exec(text)?.[1];

test('the index lists every file in vendor-examples/ with its page id, and nothing else', () => {
	const onDisk = (dir: string): string[] =>
		fs
			.readdirSync(path.join(VENDOR_EXAMPLES_DIR, dir), { withFileTypes: true })
			.flatMap((e) =>
				e.isDirectory() ? onDisk(path.join(dir, e.name)) : [path.join(dir, e.name)],
			);
	const listed = vendorExampleIndex();
	expect(listed.map((e) => e.file).sort()).toEqual(
		onDisk('')
			.filter((f) => f !== 'index.json')
			.sort(),
	);
	for (const entry of listed) expect(entry.file).toContain(entry.page);
});

describe('the push worked example of doc-501862', () => {
	const example = pushWorkedExample();
	// Its timestamp is from 2020: the replay window must reach back that far (plus a day).
	const replayWindowSeconds =
		Math.ceil((Date.now() - Number(example.request.headers.timestamp)) / 1000) + 86_400;
	const credentials = (corpId = '') => ({
		...credentialsFor(t.sandbox),
		appId: example.inputs.appId,
		appKey: example.inputs.appKey,
		corpId,
	});

	test('its sign is sha256(appId + version + timestamp + appKey)', () => {
		const h = example.request.headers;
		expect(pushSign(h.appId, h.version, h.timestamp, example.inputs.appKey)).toBe(h.sign);
	});

	test('posted unchanged: acknowledged with its noise, emitted once (register, 999, hello); a redelivery is not emitted', async () => {
		const h = await host({ options: { emitRegister: true, replayWindowSeconds } }, credentials());
		const expected = { type: 'register', msgId: '999', noise: '4970601478527096155' };
		const first = await t.sandbox.pushRaw(h.webhookUrl, example.request, expected);
		expect({ status: first.status, body: first.body }).toEqual({
			status: 200,
			body: '4970601478527096155',
		});
		const again = await t.sandbox.pushRaw(h.webhookUrl, example.request, expected);
		expect(again.acknowledged).toBe(true);
		expect(h.executions).toEqual([
			[{ type: 'register', msgId: '999', content: 'hello', receivedAt: expect.any(String) }],
		]);
	});

	test('with the Corp ID given: zc_test decrypts it, a wrong Corp ID (zc) does not', async () => {
		const expected = { type: 'register', msgId: '999', noise: '4970601478527096155' };
		const right = await host(
			{ options: { emitRegister: true, replayWindowSeconds } },
			credentials('zc_test'),
		);
		expect((await t.sandbox.pushRaw(right.webhookUrl, example.request, expected)).status).toBe(200);
		const wrong = await host(
			{ options: { emitRegister: true, replayWindowSeconds } },
			credentials('zc'),
		);
		const refused = await t.sandbox.pushRaw(wrong.webhookUrl, example.request, expected);
		expect({ status: refused.status, body: refused.body }).toEqual({
			status: 400,
			body: 'body is not a Tanma push message',
		});
		expect([right.executions.length, wrong.executions.length]).toEqual([1, 0]);
	});

	test('one changed sign character: 403 and nothing emitted', async () => {
		const h = await host({ options: { emitRegister: true, replayWindowSeconds } }, credentials());
		const sign = example.request.headers.sign;
		const altered = {
			...example.request,
			headers: { ...example.request.headers, sign: (sign[0] === '3' ? '4' : '3') + sign.slice(1) },
		};
		const d = await t.sandbox.pushRaw(h.webhookUrl, altered, {
			type: 'register',
			msgId: '999',
			noise: '4970601478527096155',
		});
		expect({ status: d.status, body: d.body }).toEqual({ status: 403, body: 'signature mismatch' });
		expect(h.executions).toHaveLength(0);
	});

	test('its generic envelope example (type "verify") is accepted under All Events and filtered otherwise', async () => {
		const all = await host({});
		const d = await t.sandbox.push(all.webhookUrl, {
			type: 'verify',
			plaintext: example.envelopeExample,
		});
		expect({ status: d.status, body: d.body }).toEqual({ status: 200, body: '123' });
		expect(all.executions).toEqual([
			[{ type: 'verify', msgId: '999', content: {}, receivedAt: expect.any(String) }],
		]);
		const filtered = await host({ events: ['new_qw_customer'] });
		expect(
			(
				await t.sandbox.push(filtered.webhookUrl, {
					type: 'verify',
					plaintext: example.envelopeExample,
				})
			).acknowledged,
		).toBe(true);
		expect(filtered.executions).toHaveLength(0);
	});
});

describe.each(pushMessageExamples().map((e) => [e.file, e] as const))(
	'push example %s, encrypted and pushed as written',
	(_file, example) => {
		const type = /"type"\s*:\s*"([a-z_]+)"/.exec(example.text)![1];

		if (!isJson(example.text)) {
			test('not JSON on the vendor page, so not a message Tanma can send: refused (400), nothing emitted', async () => {
				const h = await host({});
				const d = await t.sandbox.push(h.webhookUrl, { type, plaintext: example.text });
				expect({ status: d.status, body: d.body }).toEqual({
					status: 400,
					body: 'body is not a Tanma push message',
				});
				expect(h.executions).toHaveLength(0);
			});
			return;
		}

		const parsed = JSON.parse(example.text) as {
			msgId: number;
			eventId?: string;
			content: unknown;
		};
		test('acknowledged with its noise exactly; the item carries type, msgId, eventId and content unchanged', async () => {
			const h = await host({});
			const d = await t.sandbox.push(h.webhookUrl, { type, plaintext: example.text });
			expect({ status: d.status, body: d.body }).toEqual({
				status: 200,
				body: literal(example.text, 'noise'),
			});
			const item = {
				type,
				msgId: literal(example.text, 'msgId'),
				...(parsed.eventId ? { eventId: parsed.eventId } : {}),
				content: parsed.content,
			};
			expect(h.executions).toEqual([[{ ...item, receivedAt: expect.any(String) }]]);
		});

		test('its type is one of the selectable events and selecting only it starts the workflow', async () => {
			expect(PUSH_EVENTS.map((t) => t.type)).toContain(type);
			const h = await host({ events: [type] });
			await t.sandbox.push(h.webhookUrl, { type, plaintext: example.text });
			expect(h.executions).toHaveLength(1);
		});
	},
);

test("new_qw_customer: the page's content example, in an envelope, comes out unchanged", async () => {
	const content = JSON.parse(
		readVendorExample('push/new_qw_customer.doc-561331.content.json'),
	) as object;
	const h = await host({ events: ['new_qw_customer'] });
	const d = await t.sandbox.push(h.webhookUrl, { type: 'new_qw_customer', content });
	expect(h.executions).toEqual([
		[{ type: 'new_qw_customer', msgId: d.msgId, content, receivedAt: expect.any(String) }],
	]);
});

test("the t.sandbox answers push-register with the vendor's response text unchanged", async () => {
	const body =
		'{"receiveAddress":"https://example.com/tanma-hook","subscription":"register,new_qw_customer"}';
	const timestamp = String(Date.now());
	const res = await fetch(`${t.sandbox.baseUrl}/api/v2/push-register`, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			appId: t.sandbox.appId,
			timestamp,
			sign: computeRequestSign(t.sandbox.appId, timestamp, body, t.sandbox.appKey),
		},
		body,
	});
	expect(await res.text()).toBe(
		readVendorExample('responses/push-register.api-11496874.json').trim(),
	);
});

describe('the seed page (api-11507029): its follow-up answer, served unchanged for its own request', () => {
	const request = JSON.parse(
		readVendorExample('requests/customer-follow-ups.api-11507029.json'),
	) as { externalUserId: string };
	const answerText = readVendorExample('responses/customer-follow-ups.api-11507029.json');
	const records = (JSON.parse(answerText) as { data: Array<Record<string, unknown>> }).data;

	test('the request and answer fixtures are the page’s own examples, as written (the page is kept whole beside them)', () => {
		expect(records).toHaveLength(22);
		const page = readVendorExample('pages/customer-follow-ups.api-11507029.page.txt');
		expect(page).toContain('/api/v2/customer/follow/qw-list-by-customer');
		expect(page).toContain(
			readVendorExample('requests/customer-follow-ups.api-11507029.json').trim(),
		);
		expect(page).toContain(answerText.trim());
	});

	test('Follow-Up → Get Many for Customer outputs the 22 records exactly as the page shows them', async () => {
		const run = await runNode({
			resource: 'followUp',
			operation: 'getManyForCustomer',
			externalUserId: request.externalUserId,
		});
		expect(run.error).toBeUndefined();
		expect(t.sandbox.requests.at(-1)?.rawBody).toBe(JSON.stringify(request));
		expect(run.items.map((i) => i.json)).toEqual(records);
	});

	test('the Tanma Trigger (Specific Customers, Start From before them) emits each of the 22 once, oldest first, then nothing', async () => {
		const trigger = triggerUnderTest(() => t.sandbox, {
			event: 'newFollowUp',
			scope: 'specificCustomers',
			externalUserIds: request.externalUserId,
			options: { startFrom: '2020-11-01 00:00:00' },
		});
		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		const byTime = [...records].sort(
			(a, b) =>
				String(a.gmtCreateTime).localeCompare(String(b.gmtCreateTime)) ||
				Number(a.id) - Number(b.id),
		);
		expect(first.items.map((i) => i.id)).toEqual(byTime.map((r) => r.id));
		expect(first.items[0]).toMatchObject({
			...byTime[0],
			customer: { externalUserId: byTime[0].externalUserId },
		});
		expect((await trigger.poll()).items).toEqual([]);
	});
});
