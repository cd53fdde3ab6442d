import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pushTriggerProperties } from './trigger/push/description';
import { answerPush, pushAddressExists, registerPushAddress } from './trigger/push/webhook';

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
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: 'webhook',
			},
		],
		properties: pushTriggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return pushAddressExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await registerPushAddress.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// Tanma publishes no way to unregister; the address stays until replaced.
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await answerPush.call(this);
	}
}
