import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { asItems } from '../lists';
import { messageContentProperty, sopSteps } from '../messageContent';
import { sopTitleProperty } from './shared';
import { FROM_VERSION_3, locator, VERSION_1, VERSION_2 } from '../locators';
import { repeatNotice } from '../notices';

const [chatIdV1, chatIdPicked] = locator(
	'groupChat',
	{
		displayName: 'Chat ID',
		name: 'chatId',
		type: 'string',
		default: '',
		description: 'Group chat ID, starting with "wr"',
	},
	'Group Chat',
);
const ownerStaffId: INodeProperties = {
	displayName: 'Owner Staff ID',
	name: 'chatOwner',
	type: 'string',
	default: '',
	description: 'Tanma staff ID of the group owner',
};
const [, ownerPicked] = locator('staffMember', ownerStaffId, 'Owner');

/**
 * The groups, each with its owner. The row's fields differ by version (version 1: both typed; version 2: the chat
 * picked; version 3: the owner picked too), so each version has its own Groups field and saved workflows keep theirs.
 */
function groupsProperty(
	chat: INodeProperties,
	owner: INodeProperties,
	displayOptions: INodeProperties['displayOptions'],
): INodeProperties {
	// Inside a row a field has no version of its own: the Groups field carries it.
	const inRow = (field: INodeProperties): INodeProperties => {
		const copy = { ...field };
		delete copy.displayOptions;
		return copy;
	};
	return {
		displayName: 'Groups',
		name: 'groups',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Group',
		required: true,
		default: {},
		description:
			'Group chats the SOP runs in, each with its owner; Group Chat → Get Many lists them with their owners',
		displayOptions,
		options: [{ displayName: 'Group', name: 'group', values: [inRow(chat), inRow(owner)] }],
	};
}

const properties: INodeProperties[] = [
	...repeatNotice(ENDPOINTS.groupSopManual),
	sopTitleProperty(),
	groupsProperty(chatIdV1, ownerStaffId, VERSION_1),
	groupsProperty(chatIdPicked, ownerStaffId, VERSION_2),
	groupsProperty(chatIdPicked, ownerPicked, FROM_VERSION_3),
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
