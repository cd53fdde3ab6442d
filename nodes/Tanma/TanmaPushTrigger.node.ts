import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ENDPOINTS } from './transport/endpoints';
import { tanmaApiRequest } from './transport';
import type { PushMessage } from './transport/push';
import { PUSH_TYPES, REGISTER_TYPE, decryptPush, parsePushMessage, pushSign, pushSignMatches } from './transport/push';

/** Redelivered messages are recognised for this long, and at most this many ids are kept. */
const DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;
const DEDUPE_MAX_IDS = 500;

type Rejection = { status: number; reason: string };

interface RequestLike {
	headers: Record<string, string | string[] | undefined>;
	rawBody?: Buffer;
	body?: unknown;
}

function header(req: RequestLike, name: string): string {
	const value = req.headers[name.toLowerCase()];
	return (Array.isArray(value) ? value[0] : value ?? '').trim();
}

/** The body exactly as received: n8n keeps the raw bytes; a plain-text body may also arrive parsed. */
function rawBodyOf(req: RequestLike): string {
	if (req.rawBody && req.rawBody.length) return req.rawBody.toString('utf8');
	if (typeof req.body === 'string') return req.body;
	return '';
}

export class TanmaPushTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tanma Push Trigger',
		name: 'tanmaPushTrigger',
		icon: { light: 'file:tanma.svg', dark: 'file:tanma.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Tanma (探马) pushes an event (verified and decrypted)',
		defaults: { name: 'Tanma Push Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tanmaApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Give Tanma this node’s Production URL as the push address (消息推送 → 推送地址), or turn on "Register Address on Activation". Every message is checked (appId, signature, time) and decrypted with the credential’s App Key before the workflow starts.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['*'],
				options: [
					{ name: 'All Events', value: '*', description: 'Every message type, including ones Tanma adds later' },
					...PUSH_TYPES.map((t) => ({ name: t.name, value: t.type })),
				],
				description: 'Message types that start the workflow; others are acknowledged and dropped',
			},
			{
				displayName: 'Register Address on Activation',
				name: 'registerAddress',
				type: 'boolean',
				default: false,
				description:
					'Whether to send this node’s production URL to Tanma (push-register) when the workflow is activated, subscribing to the selected events',
			},
			{
				displayName:
					'Registering replaces the push address of this Tanma app: any other system receiving its pushes stops receiving them.',
				name: 'registerNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registerAddress: [true] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Acknowledgement Format',
						name: 'ackFormat',
						type: 'options',
						options: [
							{ name: 'Noise Only (Plain Text)', value: 'text' },
							{ name: 'JSON Object With Noise', value: 'json', description: 'For example {"noise": 123}' },
						],
						default: 'text',
						description:
							'How the noise value is echoed back. Tanma says the answer must carry the noise; its exact format is unpublished.',
					},
					{
						displayName: 'Emit Register Message',
						name: 'emitRegister',
						type: 'boolean',
						default: false,
						description: 'Whether the "register" confirmation starts the workflow (it is always acknowledged)',
					},
					{
						displayName: 'Replay Window (Seconds)',
						name: 'replayWindowSeconds',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 300,
						description: 'Messages whose timestamp header is further than this from now are rejected',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Nothing to set up unless we register; Tanma has no endpoint to read the current address.
				return !(this.getNodeParameter('registerAddress', false) as boolean);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const events = this.getNodeParameter('events', []) as string[];
				const types = events.includes('*') ? PUSH_TYPES.map((t) => t.type) : events;
				const subscription = [REGISTER_TYPE, ...types.filter((t) => t !== REGISTER_TYPE)].join(',');
				await tanmaApiRequest.call(this, ENDPOINTS.pushRegister, {
					receiveAddress: this.getNodeWebhookUrl('default'),
					subscription,
				});
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// Tanma publishes no way to unregister; the address stays until replaced.
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject() as unknown as RequestLike;
		const res = this.getResponseObject();
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const reply = (status: number, body: string, type = 'text/plain; charset=utf-8'): IWebhookResponseData => {
			res.statusCode = status;
			res.setHeader('Content-Type', type);
			res.end(body);
			return { noWebhookResponse: true };
		};

		const credentials = await this.getCredentials<{ appId: string; appKey: string }>('tanmaApi');
		const appId = String(credentials.appId ?? '').trim();
		const appKey = String(credentials.appKey ?? '').trim();

		const outcome = verify(req, appId, appKey, Number(options.replayWindowSeconds ?? 300) * 1000, Date.now());
		if ('status' in outcome) return reply(outcome.status, outcome.reason);
		const message = outcome;

		const ack =
			options.ackFormat === 'json'
				? () => reply(200, `{"noise":${message.noise}}`, 'application/json; charset=utf-8')
				: () => reply(200, message.noise);

		if (isRedelivery(this.getWorkflowStaticData('node'), message, Date.now())) return ack();
		const events = this.getNodeParameter('events', ['*']) as string[];
		const wanted =
			message.type === REGISTER_TYPE
				? options.emitRegister === true
				: events.includes('*') || events.includes(message.type);
		const response = ack();
		if (!wanted) return response;
		return {
			...response,
			workflowData: [
				this.helpers.returnJsonArray([
					{ type: message.type, msgId: message.msgId, content: message.content as IDataObject, receivedAt: new Date().toISOString() },
				]),
			],
		};
	}
}

/** Header checks, then decryption and the envelope; a rejection names what failed (never the key). */
function verify(req: RequestLike, appId: string, appKey: string, windowMs: number, now: number): PushMessage | Rejection {
	const got = { appId: header(req, 'appId'), version: header(req, 'version'), timestamp: header(req, 'timestamp'), sign: header(req, 'sign') };
	const missing = Object.entries(got).filter(([, v]) => !v).map(([k]) => k);
	if (missing.length) return { status: 400, reason: `missing header: ${missing.join(', ')}` };
	if (got.appId !== appId) return { status: 403, reason: 'unknown appId' };
	if (!/^\d{13}$/.test(got.timestamp) || Math.abs(now - Number(got.timestamp)) > windowMs) {
		return { status: 403, reason: 'timestamp outside the replay window' };
	}
	if (!pushSignMatches(got.sign, pushSign(got.appId, got.version, got.timestamp, appKey))) {
		return { status: 403, reason: 'signature mismatch' };
	}
	const plaintext = decryptPush(rawBodyOf(req), appId, appKey);
	const message = plaintext === undefined ? undefined : parsePushMessage(plaintext);
	if (!message) return { status: 400, reason: 'body is not a Tanma push message' };
	return message;
}

/** Remembers msgIds (with their type) for a bounded time and count; true if this one was seen. */
function isRedelivery(store: IDataObject, message: PushMessage, now: number): boolean {
	const recent = ((store.recentMessages as Array<[string, number]> | undefined) ?? []).filter(
		([, at]) => now - at < DEDUPE_WINDOW_MS,
	);
	const key = `${message.type}:${message.msgId}`;
	const seen = recent.some(([id]) => id === key);
	if (!seen) recent.push([key, now]);
	store.recentMessages = recent.slice(-DEDUPE_MAX_IDS) as unknown as IDataObject[];
	return seen;
}
