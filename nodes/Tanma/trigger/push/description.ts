import type { INodeProperties } from 'n8n-workflow';

import { ALL_EVENTS, PUSH_EVENTS } from './events';

/** Ten years: room to test with a vendor example from the past; accepted messages are remembered as long (./ledger.ts). */
export const MAX_REPLAY_WINDOW_SECONDS = 10 * 365 * 24 * 60 * 60;

/** The Tanma Push Trigger's fields. */
export const pushTriggerProperties: INodeProperties[] = [
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
		default: [ALL_EVENTS],
		options: [
			{
				name: 'All Events',
				value: ALL_EVENTS,
				description:
					'Every message type that reaches this address. Register Address on Activation subscribes the types listed here only (Tanma publishes no wildcard); a type Tanma adds later arrives if it is subscribed in the Tanma admin panel.',
			},
			...PUSH_EVENTS.map((e) => ({ name: e.name, value: e.type })),
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
					{
						name: 'JSON Object With Noise',
						value: 'json',
						description: 'For example {"noise": 123}',
					},
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
				description:
					'Whether the "register" confirmation starts the workflow (it is always acknowledged)',
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
];
