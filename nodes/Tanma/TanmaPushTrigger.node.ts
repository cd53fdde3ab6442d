import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ParameterReader } from './helpers/parameters';
import { ENDPOINTS } from './transport/endpoints';
import { tanmaApiRequest } from './transport';
import { PUSH_TYPES, REGISTER_TYPE } from './transport/push';
import { CredentialCache } from './trigger/pushCredentials';
import { PushLedger } from './trigger/pushLedger';
import type { PushRequest } from './trigger/pushReceive';
import { receivePush } from './trigger/pushReceive';

/** Ten years: room to test with a vendor example from the past; accepted messages are remembered as long (trigger/pushLedger.ts). */
const MAX_REPLAY_WINDOW_SECONDS = 10 * 365 * 24 * 60 * 60;

/** The trigger's settings, checked: at activation (so a wrong value is refused there) and on every push. */
function pushSettings(ctx: IHookFunctions | IWebhookFunctions) {
	const input = ParameterReader.forNode(ctx);
	const events = input.idList('events', 'Events', { required: true });
	const options = input.collection('options', 'Options');
	return {
		events,
		ackFormat: options.choice('ackFormat', 'Acknowledgement Format', ['text', 'json'], 'text'),
		emitRegister: options.flag('emitRegister', 'Emit Register Message'),
		replayWindowMs: options.wholeNumber('replayWindowSeconds', 'Replay Window (Seconds)', { min: 1, max: MAX_REPLAY_WINDOW_SECONDS, fallback: 300 }) * 1000,
		registerAddress: input.flag('registerAddress', 'Register Address on Activation'),
	};
}

/** One in-memory record per n8n instance of the messages each push trigger accepted (see trigger/pushLedger.ts). */
const ledger = new PushLedger();
/** Each push trigger's credential, read once a minute instead of once a push (see trigger/pushCredentials.ts). */
const credentialCache = new CredentialCache<{ appId: string; appKey: string; corpId: string }>();

export class TanmaPushTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tanma Push Trigger',
		name: 'tanmaPushTrigger',
		icon: { light: 'file:tanma.svg', dark: 'file:tanma.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Tanma pushes an event (verified and decrypted)',
		defaults: { name: 'Tanma Push Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tanmaApi', required: true }],
		// Static, so n8n needs no expression to answer; responseData '' makes n8n answer a started execution with
		// the node's acknowledgement (left out, n8n 2.40.7 answers the text "firstEntryJson").
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Give Tanma this node’s Production URL as the push address (Message Push → Push Address in the Tanma admin panel), or turn on "Register Address on Activation". Every message is checked (appId, signature, time) and decrypted with the credential’s App Key before the workflow starts.',
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
					{
						name: 'All Events',
						value: '*',
						description:
							'Every message type that reaches this address. Register Address on Activation subscribes the types listed here only (Tanma publishes no wildcard); a type Tanma adds later arrives if it is subscribed in the Tanma admin panel.',
					},
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
						typeOptions: { minValue: 1, maxValue: MAX_REPLAY_WINDOW_SECONDS },
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
				return !pushSettings(this).registerAddress;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const { events } = pushSettings(this);
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
		const req = this.getRequestObject() as unknown as PushRequest;
		const res = this.getResponseObject();
		const settings = pushSettings(this);
		// A refusal acknowledges nothing: the node answers it itself.
		const refuse = (status: number, reason: string): IWebhookResponseData => {
			res.statusCode = status;
			res.setHeader('Content-Type', 'text/plain; charset=utf-8');
			res.end(reason);
			return { noWebhookResponse: true };
		};

		const node = this.getNode();
		const scope = `${this.getWorkflow().id ?? ''}:${node.id}`;
		const credentialKey = `${scope}:${node.credentials?.tanmaApi?.id ?? ''}`;
		const readCredentials = async () => {
			const c = await this.getCredentials<{ appId: string; appKey: string; corpId?: string }>('tanmaApi');
			return { appId: String(c.appId ?? '').trim(), appKey: String(c.appKey ?? '').trim(), corpId: String(c.corpId ?? '') };
		};
		const store = this.getWorkflowStaticData('node');
		const receive = (credentials: { appId: string; appKey: string; corpId: string }) =>
			receivePush(req, { ...credentials, replayWindowMs: settings.replayWindowMs }, ledger, { id: scope, store }, Date.now());
		// receive() does not await between its first check and the ledger's decision, so concurrent copies of
		// a message are decided one after the other (trigger/pushLedger.ts).
		const credentials = await credentialCache.get(credentialKey, Date.now(), readCredentials);
		let current = credentials.value;
		let outcome = receive(current);
		if (outcome.kind === 'rejected' && outcome.credentialMismatch && credentials.cached) {
			// The credential may have been changed since it was read.
			const fresh = await credentialCache.refresh(credentialKey, Date.now(), readCredentials);
			if (fresh) outcome = receive((current = fresh));
		}
		// A copy of a message whose first delivery n8n has not taken yet waits for it: acknowledged if n8n
		// took the first, decided anew (and so started itself) if it did not.
		while (outcome.kind === 'accepted' && outcome.admission.kind === 'pending') {
			await outcome.admission.settled;
			outcome = receive(current);
		}
		if (outcome.kind === 'rejected') return refuse(outcome.status, outcome.reason);

		const { message, key } = outcome;
		// n8n sends this answer itself ("onReceived"), and only after it has registered the execution and saved
		// the static data: an acknowledged message is one n8n holds (README "Tanma Push Trigger").
		res.setHeader('Content-Type', settings.ackFormat === 'json' ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8');
		const acknowledgement: IWebhookResponseData = { webhookResponse: settings.ackFormat === 'json' ? `{"noise":${message.noise}}` : message.noise };
		if (outcome.admission.kind !== 'new') return acknowledgement;

		const { events } = settings;
		const wanted = message.type === REGISTER_TYPE ? settings.emitRegister : events.includes('*') || events.includes(message.type);
		if (!wanted) {
			ledger.confirm(scope, key); // nothing for n8n to take
			return acknowledgement;
		}
		// n8n answers 200 with the acknowledgement once the execution is registered, and an error if it could
		// not start one: only the first counts as taken. Decided when n8n ends the answer, not when the sender
		// hangs up: n8n goes on (and may take the message) after a sender gave up waiting.
		let settled = false;
		const settle = () => {
			if (settled) return;
			settled = true;
			if (res.statusCode === 200) ledger.confirm(scope, key);
			else ledger.release(scope, key);
		};
		const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
		res.end = ((...args: unknown[]) => {
			settle();
			return end(...args);
		}) as typeof res.end;
		const item: IDataObject = { type: message.type, msgId: message.msgId };
		if (message.eventId !== undefined) item.eventId = message.eventId;
		item.content = message.content as IDataObject;
		item.receivedAt = new Date().toISOString();
		const started: IWebhookResponseData = { workflowData: [this.helpers.returnJsonArray([item])] };
		// n8n 2.40.7 registers the execution before it saves the static data, and registering builds a Workflow
		// over the same static-data object, which clears its changed mark: the record just written would not be
		// saved. n8n reads the answer after registering and before saving, so reading it marks the record again.
		const { webhookResponse } = acknowledgement;
		Object.defineProperty(started, 'webhookResponse', {
			enumerable: true,
			get: () => {
				store.pushLedger = store.pushLedger;
				return webhookResponse;
			},
		});
		return started;
	}
}
