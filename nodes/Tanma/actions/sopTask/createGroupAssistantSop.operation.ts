import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { boundedTextList, numericTextIdList, requiredText, tanmaDateTime } from '../../helpers/validation';
import { ENDPOINTS } from '../../transport/endpoints';
import { tanmaApiRequest } from '../../transport';
import { asItems, staffMultiSelect } from '../common';
import { buildContentItems, messageContentProperty } from '../messageContent';
import { sopTitleProperty } from './shared';

const properties: INodeProperties[] = [
	sopTitleProperty(),
	{
		displayName: 'Chat IDs',
		name: 'chatIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'wrXXXXXXXX, wrYYYYYYYY',
		description: 'Comma-separated group chat IDs (群ID)',
	},
	staffMultiSelect('owners', 'Group Owner Names or IDs', 'Staff who own the groups (群主)', true),
	{
		displayName: 'Instruction',
		name: 'instruction',
		type: 'string',
		default: '',
		description: 'Note shown to the staff who send (说明)',
	},
	{
		displayName: 'Send Times',
		name: 'sendTimes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Send Time',
		required: true,
		default: {},
		description: 'When the content is sent (to the minute); each time gets the same message content',
		options: [
			{
				displayName: 'Send Time',
				name: 'time',
				values: [
					{ displayName: 'Send At', name: 'sendTime', type: 'dateTime', default: '', description: 'Date and time (China Standard Time)' },
				],
			},
		],
	},
	messageContentProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sopTask'], operation: ['createGroupAssistantSop'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const title = requiredText(this, 'title', 'Title', i);
	const chatIds = boundedTextList(this, this.getNodeParameter('chatIds', i, ''), 'Chat IDs', i, { required: true });
	const owners = numericTextIdList(this, this.getNodeParameter('owners', i, []), 'Group Owner Names or IDs', i, { required: true });
	const times = ((this.getNodeParameter('sendTimes', i, {}) as IDataObject).time ?? []) as IDataObject[];
	if (!times.length) throw new NodeOperationError(this.getNode(), '"Send Times" needs at least one time', { itemIndex: i });
	const sopDatas = buildContentItems(this, this.getNodeParameter('messageContent', i, {}) as IDataObject, i);
	// This endpoint takes minutes only: "yyyy-MM-dd HH:mm".
	const sopContents = times.map((t, n) => ({
		sendTime: tanmaDateTime(this, t.sendTime, `Send Time ${n + 1}: Send At`, i).slice(0, 16),
		sopDatas,
	}));
	const body: IDataObject = { title, chatIds, owners, sopContents };
	const instruction = String(this.getNodeParameter('instruction', i, '') ?? '').trim();
	if (instruction) body.instruction = instruction;
	const data = await tanmaApiRequest.call(this, ENDPOINTS.groupSopAssistant, body, { itemIndex: i });
	return asItems(data);
}
