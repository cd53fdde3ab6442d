import { createHash } from 'crypto';

import { signTanmaRequest, TanmaApi } from '../../../credentials/TanmaApi.credentials';
import {
	bodyToSignedString,
	computeRequestSign,
	tanmaTimestamp,
} from '../../../nodes/Tanma/transport/protocol/signature';

const APP_ID = 'wwa1b2c3d4e5f6a7b8_TestApp';
const APP_KEY = 'k3y-s3cr3t';
const FROZEN_MS = 1_700_000_000_000;
const credentials = {
	appId: APP_ID,
	appKey: APP_KEY,
	baseUrl: 'https://tanma.example/apiServer/',
	sendAppKeyHeader: false,
};

const independentSign = (ts: string, body: string) =>
	createHash('sha256').update(`${APP_ID}${ts}${body}${APP_KEY}`, 'utf8').digest('hex');

describe('request signature', () => {
	beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(FROZEN_MS));
	afterEach(() => jest.restoreAllMocks());

	test('matches vectors computed outside this code (sha256sum)', () => {
		const body = '{"externalUserId":"wm测试","note":"跟进 👍"}';
		expect(computeRequestSign(APP_ID, '1700000000000', body, APP_KEY)).toBe(
			'293acd6f9be84bee95571a87b828eb4ce98c16cc25752750d1d3b8834dc51af7',
		);
		expect(computeRequestSign(APP_ID, '1700000000000', '', APP_KEY)).toBe(
			'a3b79a4d3ba603c0b5b7d31279b8a33716e36b4502f729518b94f359da07c933',
		);
	});

	test('timestamp is the 13-digit millisecond clock', () => {
		expect(tanmaTimestamp()).toBe('1700000000000');
		expect(tanmaTimestamp(FROZEN_MS + 0.9)).toMatch(/^\d{13}$/);
	});

	test('signs the body once and sends exactly the string it signed', async () => {
		const payload = { searchKey: '王', salesIdList: ['463352988837952'], note: 'emoji 🚀' };
		const signed = await signTanmaRequest(credentials, {
			url: '/api/v3/customer/search',
			method: 'POST',
			body: payload,
		});
		expect(signed.body).toBe(JSON.stringify(payload));
		const headers = signed.headers as Record<string, string>;
		expect(headers.timestamp).toBe('1700000000000');
		expect(headers.appId).toBe(APP_ID);
		expect(headers.sign).toBe(independentSign('1700000000000', signed.body as string));
		expect(headers['Content-Type']).toBe('application/json');
		expect(signed.json).toBe(false);
		expect(headers.appKey).toBeUndefined();
	});

	test.each([
		['no body', undefined],
		['null', null],
		['empty string', ''],
		['empty object', {}],
	])('%s is signed and sent as ""', async (_label, body) => {
		const signed = await signTanmaRequest(credentials, {
			url: '/api/v3/tags/list-tree',
			method: 'POST',
			body: body as never,
		});
		expect(signed.body).toBe('');
		expect((signed.headers as Record<string, string>).sign).toBe(
			independentSign('1700000000000', ''),
		);
	});

	test('an already serialized string is signed as is, byte for byte', async () => {
		const raw = '{ "spaced" : "keeps its spacing", "n": 9007199254740993 }';
		const signed = await signTanmaRequest(credentials, { url: '/x', method: 'POST', body: raw });
		expect(signed.body).toBe(raw);
		expect((signed.headers as Record<string, string>).sign).toBe(
			independentSign('1700000000000', raw),
		);
	});

	test('applying it twice gives a valid request with one set of signing headers', async () => {
		const first = await signTanmaRequest(credentials, {
			url: '/api/v3/customer/search',
			method: 'POST',
			body: { searchKey: '李' },
			headers: { 'X-Trace': 'abc', appid: 'stale', SIGN: 'stale' },
		});
		(Date.now as jest.Mock).mockReturnValue(FROZEN_MS + 1234);
		const second = await signTanmaRequest(credentials, first);
		const headers = second.headers as Record<string, string>;
		expect(second.body).toBe(first.body);
		expect(headers.timestamp).toBe(String(FROZEN_MS + 1234));
		expect(headers.sign).toBe(independentSign(headers.timestamp, second.body as string));
		const names = Object.keys(headers)
			.map((h) => h.toLowerCase())
			.sort();
		expect(names).toEqual(['appid', 'content-type', 'sign', 'timestamp', 'x-trace']);
	});

	test('sends the App Key header only when asked to', async () => {
		const signed = await signTanmaRequest(
			{ ...credentials, sendAppKeyHeader: true },
			{ url: '/x', method: 'POST' },
		);
		expect((signed.headers as Record<string, string>).appKey).toBe(APP_KEY);
	});

	test('trims pasted whitespace from App ID and App Key', async () => {
		const signed = await signTanmaRequest(
			{ ...credentials, appId: ` ${APP_ID}\n`, appKey: `${APP_KEY} ` },
			{ url: '/x', method: 'POST' },
		);
		const headers = signed.headers as Record<string, string>;
		expect(headers.appId).toBe(APP_ID);
		expect(headers.sign).toBe(independentSign('1700000000000', ''));
	});

	test('relative paths get the credential Base URL; absolute URLs are left alone', async () => {
		const relative = await signTanmaRequest(credentials, {
			url: '/api/v3/tags/list-tree',
			method: 'POST',
		});
		expect(relative.baseURL).toBe('https://tanma.example/apiServer');
		const absolute = await signTanmaRequest(credentials, {
			url: 'https://other.example/api',
			method: 'POST',
		});
		expect(absolute.baseURL).toBeUndefined();
	});

	test('the credential type exposes the signer as its authenticate function', () => {
		const type = new TanmaApi();
		expect(type.authenticate).toBe(signTanmaRequest);
		expect(type.properties.find((p) => p.name === 'appKey')?.typeOptions?.password).toBe(true);
		expect(type.properties.find((p) => p.name === 'baseUrl')?.default).toBe(
			'https://account.tanmarket.cn/apiServer',
		);
	});
});

describe('bodyToSignedString', () => {
	test('serializes objects and arrays with JSON.stringify, keeps non-ASCII unescaped', () => {
		expect(bodyToSignedString({ a: '中文', b: [1, 2] })).toBe('{"a":"中文","b":[1,2]}');
		expect(bodyToSignedString([])).toBe('[]');
		expect(bodyToSignedString(Buffer.from('{"x":1}'))).toBe('{"x":1}');
	});
});
