import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { optionalFieldsCollection, staffMultiSelect, tagMultiSelect } from '../fields';
import { asItems } from '../lists';
import { messageContentProperty, sopSteps } from '../messageContent';
import { sopTitleProperty } from './shared';
import { setIfGiven } from '../../helpers/body';
import { repeatNotice } from '../notices';
import type { TanmaBody } from '../../transport/protocol/json';

/** Customer SOP `type` for the mass-send assistant, the only value Tanma has published. */
export const MASS_SEND_ASSISTANT_SOP = 4;

const properties: INodeProperties[] = [
	...repeatNotice(ENDPOINTS.customerSopSave),
	sopTitleProperty(),
	{
		displayName: 'SOP Kind',
		name: 'sopKind',
		type: 'options',
		options: [
			{
				name: 'Mass-Send Assistant',
				value: 'massSendAssistant',
				description: 'Mass-send assistant SOP (type 4)',
			},
			{
				name: 'Other (Enter Type Code)',
				value: 'other',
				description: 'For example the periodic reminder',
			},
		],
		default: 'massSendAssistant',
	},
	{
		displayName:
			'Tanma has published only the mass-send assistant’s type code (4). For a periodic reminder or another kind, enter the code from Tanma support; the other fields are sent the same way.',
		name: 'sopKindNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { sopKind: ['other'] } },
	},
	{
		displayName: 'Type Code',
		name: 'typeCode',
		type: 'number',
		default: 0,
		displayOptions: { show: { sopKind: ['other'] } },
		description: 'Customer SOP type code',
	},
	staffMultiSelect('salesIds', 'Staff Names or IDs', 'Staff who carry out the SOP', true),
	tagMultiSelect(
		'tagIds',
		'Customer Tag Names or IDs',
		'Only customers with these tags; all customers when empty',
	),
	{
		displayName: 'Send Times',
		name: 'sendTimes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Send Time',
		required: true,
		default: {},
		description: 'When the content is sent; each time gets the same message content',
		options: [
			{
				displayName: 'Send Time',
				name: 'time',
				values: [
					{
						displayName: 'Send At',
						name: 'sendDate',
						type: 'dateTime',
						default: '',
						description: 'Date and time (China Standard Time)',
					},
					{
						displayName: 'Send Type',
						name: 'sendType',
						type: 'number',
						default: 2,
						description:
							'Send type code; 2 appears in the vendor example, the values are unpublished',
					},
				],
			},
		],
	},
	messageContentProperty(),
	optionalFieldsCollection('Additional Fields', [
		{
			displayName: 'Customer Conditions (JSON)',
			name: 'customerConditions',
			type: 'json',
			default: '[]',
			// "&#105;d" shows as "id" in the editor: n8n's lint rewrites a plain "id" in a description to "ID", which
			// Tanma's key is not (test/translations/english.test.ts reads every JSON example's keys).
			description:
				'Match on customer field values, sent as is: [{"&#105;d": &lt;field ID&gt;, "name": ...}]. The full item schema is unpublished.',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sopTask'], operation: ['createCustomerSop'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const title = input.text('title', { required: true });
	const kind = input.choice<'massSendAssistant' | 'other'>('sopKind', 'massSendAssistant');
	const type =
		kind === 'other' ? input.wholeNumber('typeCode', { min: 1 }) : MASS_SEND_ASSISTANT_SOP;
	const salesIds = input.integerIdList('salesIds', { required: true });
	const tagIds = input.integerIdList('tagIds');
	const sopContents = sopSteps(input, 'sendTimes', 'time', (time) => ({
		sendType: time.wholeNumber('sendType', { fallback: 2 }),
		sendDate: time.tanmaTime('sendDate', { required: true }),
	}));
	const customerConditions = input.collection('additionalFields').jsonArray('customerConditions');

	const body: TanmaBody = { title, type, salesIds, sopContents };
	setIfGiven(body, 'tagIds', tagIds);
	setIfGiven(body, 'customerConditions', customerConditions);
	const data = await tanmaApiRequest.call(this, ENDPOINTS.customerSopSave, body, {
		itemIndex: i,
	});
	return asItems(data);
}
