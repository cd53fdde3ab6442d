import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { MAX_LIST_ENTRIES, clockTime, requiredText, wholeNumber } from '../../helpers/validation';
import { ENDPOINTS } from '../../transport/endpoints';
import { tanmaApiRequest } from '../../transport';
import { asItems } from '../common';
import { buildContentItems, messageContentProperty } from '../messageContent';
import { sopTitleProperty } from './shared';

const properties: INodeProperties[] = [
	sopTitleProperty(),
	{
		displayName: 'Groups',
		name: 'groups',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Group',
		required: true,
		default: {},
		description: 'Group chats the SOP runs in; Group Chat → Get Many lists them with their owners',
		options: [
			{
				displayName: 'Group',
				name: 'group',
				values: [
					{ displayName: 'Chat ID', name: 'chatId', type: 'string', default: '', description: 'Group chat ID (群ID), starting with "wr"' },
					{ displayName: 'Owner Staff ID', name: 'chatOwner', type: 'string', default: '', description: 'Tanma staff ID of the group owner (群主ID)' },
				],
			},
		],
	},
	{
		displayName: 'Schedule',
		name: 'schedule',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Send Time',
		required: true,
		default: {},
		description: 'When the owner is reminded to send, counted in days; each entry gets the same message content',
		options: [
			{
				displayName: 'Send Time',
				name: 'time',
				values: [
					{ displayName: 'Day', name: 'showDate', type: 'number', typeOptions: { minValue: 1 }, default: 1, description: 'The day on which to send (第几天发送)' },
					{ displayName: 'Time', name: 'showTime', type: 'string', default: '10:00', placeholder: '10:00', description: 'Time of day, 24-hour "HH:mm"' },
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
		description: 'SOP mode code (模式); 1 appears in the vendor example, the values are unpublished',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sopTask'], operation: ['createGroupSop'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const title = requiredText(this, 'title', 'Title', i);
	const groups = ((this.getNodeParameter('groups', i, {}) as IDataObject).group ?? []) as IDataObject[];
	if (!groups.length) throw new NodeOperationError(this.getNode(), '"Groups" needs at least one group', { itemIndex: i });
	if (groups.length > MAX_LIST_ENTRIES) {
		throw new NodeOperationError(this.getNode(), `"Groups" has ${groups.length} entries; at most ${MAX_LIST_ENTRIES} are sent in one request`, {
			itemIndex: i,
		});
	}
	const groupInfos = groups.map((g, n) => {
		const chatId = String(g.chatId ?? '').trim();
		const chatOwner = String(g.chatOwner ?? '').trim();
		if (!chatId) throw new NodeOperationError(this.getNode(), `Group ${n + 1}: "Chat ID" must not be empty`, { itemIndex: i });
		if (!/^\d+$/.test(chatOwner)) {
			throw new NodeOperationError(this.getNode(), `Group ${n + 1}: "Owner Staff ID" must be a numeric ID, got "${chatOwner}"`, { itemIndex: i });
		}
		return { chatId, chatOwner }; // the vendor example sends the owner id as a string
	});
	const times = ((this.getNodeParameter('schedule', i, {}) as IDataObject).time ?? []) as IDataObject[];
	if (!times.length) throw new NodeOperationError(this.getNode(), '"Schedule" needs at least one send time', { itemIndex: i });
	const sopDatas = buildContentItems(this, this.getNodeParameter('messageContent', i, {}) as IDataObject, i);
	const sopContents = times.map((t, n) => ({
		showDate: wholeNumber(this, t.showDate, `Send Time ${n + 1}: Day`, i, 1),
		showTime: clockTime(this, t.showTime, `Send Time ${n + 1}: Time`, i),
		sopDatas,
	}));
	const mode = wholeNumber(this, this.getNodeParameter('mode', i, 1), 'Mode', i);
	const data = await tanmaApiRequest.call(
		this,
		ENDPOINTS.groupSopManual,
		{ title, mode, groupInfos, sopContents },
		{ itemIndex: i },
	);
	return asItems(data);
}
