import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { asItems } from '../lists';
import { messageContentProperty, sopSteps } from '../messageContent';
import { sopTitleProperty } from './shared';
import { locator } from '../locators';
import { repeatNotice } from '../notices';

const properties: INodeProperties[] = [
	...repeatNotice(ENDPOINTS.groupSopManual),
	sopTitleProperty(),
	...locator(
		'groupChat',
		{
			displayName: 'Chat ID',
			name: 'chatId',
			type: 'string',
			default: '',
			description: 'Group chat ID, starting with "wr"',
		},
		'Group Chat',
	).map(
		({ displayOptions, ...chatId }): INodeProperties => ({
			displayName: 'Groups',
			name: 'groups',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Group',
			required: true,
			default: {},
			description:
				'Group chats the SOP runs in, each with its owner; Group Chat → Get Many lists them with their owners',
			// The row's chat field differs by version (text at version 1, picked from a list from version 2): one Groups field each.
			displayOptions,
			options: [
				{
					displayName: 'Group',
					name: 'group',
					values: [
						chatId,
						{
							displayName: 'Owner Staff ID',
							name: 'chatOwner',
							type: 'string',
							default: '',
							description: 'Tanma staff ID of the group owner',
						},
					],
				},
			],
		}),
	),
	{
		displayName: 'Schedule',
		name: 'schedule',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Send Time',
		required: true,
		default: {},
		description:
			'When the owner is reminded to send, counted in days; each entry gets the same message content',
		options: [
			{
				displayName: 'Send Time',
				name: 'time',
				values: [
					{
						displayName: 'Day',
						name: 'showDate',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 1,
						description: 'The day on which to send',
					},
					{
						displayName: 'Time',
						name: 'showTime',
						type: 'string',
						default: '10:00',
						placeholder: '10:00',
						description: 'Time of day, 24-hour "HH:mm"',
					},
				],
			},
		],
	},
	messageContentProperty(),
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'number',
		default: 1,
		description: 'SOP mode code; 1 appears in the vendor example, the values are unpublished',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sopTask'], operation: ['createGroupSop'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const title = input.text('title', { required: true });
	const groupInfos = input.rows('groups', 'group', { required: true }).map((group) => ({
		chatId: group.id('chatId', { required: true }),
		chatOwner: group.numericTextId('chatOwner', { required: true }), // a string in the vendor example
	}));
	const sopContents = sopSteps(input, 'schedule', 'time', (time) => ({
		showDate: time.wholeNumber('showDate', { min: 1 }),
		showTime: time.clockTime('showTime'),
	}));
	const mode = input.wholeNumber('mode', { fallback: 1 });
	const data = await tanmaApiRequest.call(
		this,
		ENDPOINTS.groupSopManual,
		{ title, mode, groupInfos, sopContents },
		{ itemIndex: i },
	);
	return asItems(data);
}
