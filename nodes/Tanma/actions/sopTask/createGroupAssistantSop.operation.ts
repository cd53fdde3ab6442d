import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { staffMultiSelect } from '../fields';
import { asItems } from '../lists';
import { messageContentProperty, sopSteps } from '../messageContent';
import { sopTitleProperty } from './shared';
import { setIfGiven } from '../../helpers/body';
import { repeatNotice } from '../notices';
import type { TanmaBody } from '../../transport/protocol/json';

const properties: INodeProperties[] = [
	...repeatNotice(ENDPOINTS.groupSopAssistant),
	sopTitleProperty(),
	{
		displayName: 'Chat IDs',
		name: 'chatIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'wrXXXXXXXX, wrYYYYYYYY',
		description: 'Comma-separated group chat IDs',
	},
	staffMultiSelect('owners', 'Group Owner Names or IDs', 'Staff who own the groups', true),
	{
		displayName: 'Instruction',
		name: 'instruction',
		type: 'string',
		default: '',
		description: 'Note shown to the staff who send',
	},
	{
		displayName: 'Send Times',
		name: 'sendTimes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Send Time',
		required: true,
		default: {},
		description:
			'When the content is sent (to the minute); each time gets the same message content',
		options: [
			{
				displayName: 'Send Time',
				name: 'time',
				values: [
					{
						displayName: 'Send At',
						name: 'sendTime',
						type: 'dateTime',
						default: '',
						description: 'Date and time (China Standard Time)',
					},
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
	const input = ParameterReader.forItem(this, i, description);
	const title = input.text('title', { required: true });
	const chatIds = input.idList('chatIds', { required: true });
	const owners = input.numericTextIdList('owners', { required: true });
	// This endpoint takes minutes only: "yyyy-MM-dd HH:mm".
	const sopContents = sopSteps(input, 'sendTimes', 'time', (time) => ({
		sendTime: time.tanmaTime('sendTime', { required: true }).slice(0, 16),
	}));
	const body: TanmaBody = { title, chatIds, owners, sopContents };
	setIfGiven(body, 'instruction', input.text('instruction'));
	const data = await tanmaApiRequest.call(this, ENDPOINTS.groupSopAssistant, body, {
		itemIndex: i,
	});
	return asItems(data);
}
