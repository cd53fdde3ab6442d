import type {
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { tanmaApiRequest } from '../../transport';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import type { PushMessage } from '../../transport/protocol/pushCrypto';
import { CredentialCache } from './credentials';
import { MAX_REPLAY_WINDOW_SECONDS, pushTriggerProperties } from './description';
import { startsWorkflow, subscriptionFor } from './events';
import { PushLedger } from './ledger';
import type { PushRequest } from './receive';
import { receivePush } from './receive';

/**
 * What the Tanma Push Trigger does inside n8n: register its address, and answer each push (verify, decide
 * once, hand the message to n8n, acknowledge after n8n holds it). The checks themselves are in ./receive.ts.
 */

/** The trigger's options, checked: at activation (so a wrong value is refused there) and on every push. */
export function readPushTriggerOptions(ctx: IHookFunctions | IWebhookFunctions) {
	const input = ParameterReader.forNode(ctx, pushTriggerProperties);
	const events = input.idList('events', { required: true });
	const options = input.collection('options');
	return {
		events,
		ackFormat: options.choice<'text' | 'json'>('ackFormat', 'text'),
		emitRegister: options.flag('emitRegister'),
		replayWindowMs:
			options.wholeNumber('replayWindowSeconds', {
				min: 1,
				max: MAX_REPLAY_WINDOW_SECONDS,
				fallback: 300,
			}) * 1000,
		registerAddress: input.flag('registerAddress'),
	};
}

/** One in-memory record per n8n instance of the messages each push trigger accepted (see ./ledger.ts). */
const ledger = new PushLedger();
/** Each push trigger's credential, read once a minute instead of once a push (see ./credentials.ts). */
const credentialCache = new CredentialCache<{ appId: string; appKey: string; corpId: string }>();

/** Nothing to set up unless the trigger registers; Tanma has no endpoint to read the current address. */
export function pushAddressExists(this: IHookFunctions): boolean {
	return !readPushTriggerOptions(this).registerAddress;
}

/** Sends this trigger's production URL to Tanma, subscribing the chosen events. */
export async function registerPushAddress(this: IHookFunctions): Promise<boolean> {
	const { events } = readPushTriggerOptions(this);
	await tanmaApiRequest.call(this, ENDPOINTS.pushRegister, {
		receiveAddress: this.getNodeWebhookUrl('default'),
		subscription: subscriptionFor(events),
	});
	return true;
}

/** The item a verified message becomes. */
export function pushItem(message: PushMessage, receivedAt: Date): IDataObject {
	const item: IDataObject = { type: message.type, msgId: message.msgId };
	if (message.eventId !== undefined) item.eventId = message.eventId;
	item.content = message.content as IDataObject;
	item.receivedAt = receivedAt.toISOString();
	return item;
}

export async function answerPush(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject() as unknown as PushRequest;
	const res = this.getResponseObject();
	const options = readPushTriggerOptions(this);
	// A refusal acknowledges nothing: the node answers it itself.
	const refuse = (status: number, reason: string): IWebhookResponseData => {
		res.statusCode = status;
		res.setHeader('Content-Type', 'text/plain; charset=utf-8');
		res.end(reason);
		return { noWebhookResponse: true };
	};

	const node = this.getNode();
	// This trigger in this workflow: the ledger and the credential cache keep one entry per receiver.
	const receiverId = `${this.getWorkflow().id ?? ''}:${node.id}`;
	const credentialKey = `${receiverId}:${node.credentials?.tanmaApi?.id ?? ''}`;
	const readCredentials = async () => {
		const c = await this.getCredentials<{ appId: string; appKey: string; corpId?: string }>(
			'tanmaApi',
		);
		return {
			appId: String(c.appId ?? '').trim(),
			appKey: String(c.appKey ?? '').trim(),
			corpId: String(c.corpId ?? ''),
		};
	};
	const store = this.getWorkflowStaticData('node');
	const receive = (credentials: { appId: string; appKey: string; corpId: string }) =>
		receivePush(
			req,
			{ ...credentials, replayWindowMs: options.replayWindowMs },
			ledger,
			{ id: receiverId, store },
			Date.now(),
		);
	// receive() does not await between its first check and the ledger's decision, so concurrent copies of
	// a message are decided one after the other (trigger/push/ledger.ts).
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
	res.setHeader(
		'Content-Type',
		options.ackFormat === 'json' ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
	);
	const acknowledgement: IWebhookResponseData = {
		webhookResponse: options.ackFormat === 'json' ? `{"noise":${message.noise}}` : message.noise,
	};
	if (outcome.admission.kind !== 'new') return acknowledgement;

	if (!startsWorkflow(message.type, options.events, options.emitRegister)) {
		ledger.confirm(receiverId, key); // nothing for n8n to take
		return acknowledgement;
	}
	// n8n answers 200 with the acknowledgement once the execution is registered, and an error if it could
	// not start one: only the first counts as taken. Decided when n8n ends the answer, not when the sender
	// hangs up: n8n goes on (and may take the message) after a sender gave up waiting.
	let settled = false;
	const settle = () => {
		if (settled) return;
		settled = true;
		if (res.statusCode === 200) ledger.confirm(receiverId, key);
		else ledger.release(receiverId, key);
	};
	const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
	res.end = ((...args: unknown[]) => {
		settle();
		return end(...args);
	}) as typeof res.end;
	const started: IWebhookResponseData = {
		workflowData: [this.helpers.returnJsonArray([pushItem(message, new Date())])],
	};
	// n8n 2.40.7 registers the execution before it saves the static data, and registering builds a Workflow
	// over the same static-data object, which clears its changed mark: the record just written would not be
	// saved. n8n reads the answer after registering and before saving, so writing the record then marks it again;
	// it is written as this process knows it at that moment (n8n saves static data whole, last writer wins).
	const { webhookResponse } = acknowledgement;
	Object.defineProperty(started, 'webhookResponse', {
		enumerable: true,
		get: () => {
			ledger.snapshot(receiverId, store, key, Date.now(), options.replayWindowMs);
			return webhookResponse;
		},
	});
	return started;
}
