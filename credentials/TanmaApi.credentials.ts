import type {
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { ENDPOINTS } from '../nodes/Tanma/transport/protocol/endpoints';
import {
	bodyToSignedString,
	computeRequestSign,
	tanmaTimestamp,
} from '../nodes/Tanma/transport/protocol/signature';

export const DEFAULT_TANMA_BASE_URL = 'https://account.tanmarket.cn/apiServer';

/** Header names the signer owns; earlier values are replaced so signing twice stays valid. */
const SIGNING_HEADERS = new Set(['appid', 'timestamp', 'sign', 'appkey', 'content-type']);

function isAbsoluteUrl(url: string): boolean {
	return /^[a-z][a-z0-9+.-]*:\/\//i.test(url);
}

function failWhenCodeIs(value: unknown, message: string): IAuthenticateRuleResponseSuccessBody {
	return { type: 'responseSuccessBody', properties: { key: 'code', value, message } };
}

/** Signs a request the way Tanma expects. Exported for the tests and the sandbox client. */
export async function signTanmaRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const appId = String(credentials.appId ?? '').trim();
	const appKey = String(credentials.appKey ?? '').trim();
	const body = bodyToSignedString(requestOptions.body);
	const timestamp = tanmaTimestamp();

	const headers: IDataObject = {};
	for (const [name, value] of Object.entries(requestOptions.headers ?? {})) {
		if (!SIGNING_HEADERS.has(name.toLowerCase())) headers[name] = value;
	}
	headers['Content-Type'] = 'application/json';
	headers.appId = appId;
	headers.timestamp = timestamp;
	headers.sign = computeRequestSign(appId, timestamp, body, appKey);
	if (credentials.sendAppKeyHeader === true) headers.appKey = appKey;

	const signed: IHttpRequestOptions = { ...requestOptions, headers, body, json: false };
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	if (!signed.baseURL && !isAbsoluteUrl(signed.url) && baseUrl) signed.baseURL = baseUrl;
	return signed;
}

export class TanmaApi implements ICredentialType {
	name = 'tanmaApi';

	displayName = 'Tanma API';

	icon = {
		light: 'file:../nodes/Tanma/tanma.svg',
		dark: 'file:../nodes/Tanma/tanma.dark.svg',
	} as const;

	documentationUrl = 'https://github.com/n8n-nodes-tanma/n8n-nodes-tanma#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'wwXXXXXXXXXXXXXXXX_AbCdEf',
			description:
				'The application ID from the Tanma admin panel (Open Platform → Applications). It starts with your WeCom corp ID.',
		},
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- the App Key is the signing secret
		{
			displayName: 'App Key',
			name: 'appKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The secret key of the same application. It signs every request and is never sent.',
		},
		{
			displayName: 'Corp ID',
			name: 'corpId',
			type: 'string',
			default: '',
			placeholder: 'wwXXXXXXXXXXXXXXXX',
			description:
				'Only for the Tanma Push Trigger: the corp ID Tanma encrypts push messages with. Leave empty to try the App ID before "_" and then the whole App ID.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_TANMA_BASE_URL,
			required: true,
			description:
				'Where the Tanma OpenAPI is served. Change it only for a private deployment or a test server.',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 1 },
			default: 0,
			description:
				'At most this many requests a second to Tanma from every Tanma node and trigger of this n8n with a credential for this app (same App ID and Base URL), together. 0: no limit. In queue mode each worker counts on its own.',
		},
		{
			displayName: 'Send App Key Header',
			name: 'sendAppKeyHeader',
			type: 'boolean',
			default: false,
			description:
				'Whether to also send the App Key as an "appKey" header. The vendor pages list this header, but working clients omit it; leave it off unless your tenant requires it.',
		},
	];

	authenticate = signTanmaRequest;

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: ENDPOINTS.tagTree.path,
			method: 'POST',
		},
		rules: [
			failWhenCodeIs(
				1002,
				'Tanma rejected the signature (code 1002): the App ID and App Key do not match. Copy both again from the Tanma admin panel and retry.',
			),
			failWhenCodeIs(
				1003,
				"Tanma rejected the timestamp (code 1003): this machine's clock differs too much from Tanma's. Sync the clock (NTP).",
			),
			failWhenCodeIs(
				-1,
				'Tanma reported a failure (code -1). Check the App ID and try again later.',
			),
			failWhenCodeIs(
				undefined,
				'The Base URL did not answer like the Tanma OpenAPI (no "code" in the response). Check the Base URL.',
			),
			// Any other non-zero code: a Tanma failure carries no "data".
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'data',
					value: undefined,
					message:
						'Tanma refused the request (non-zero code). Check the App ID, App Key and Base URL.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'data',
					value: null,
					message:
						'Tanma refused the request (non-zero code). Check the App ID, App Key and Base URL.',
				},
			},
		],
	};
}
