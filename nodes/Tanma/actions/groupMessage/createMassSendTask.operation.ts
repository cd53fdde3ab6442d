import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { staffMultiSelect } from '../fields';
import { asItems } from '../lists';
import { buildContentItems, messageContentProperty } from '../messageContent';
import { repeatNotice } from '../notices';
import type { TanmaBody } from '../../transport/protocol/json';

const properties: INodeProperties[] = [
	...repeatNotice(ENDPOINTS.groupSendTask),
	{
		displayName:
			'Tanma publishes no endpoint to list mass-send tasks or read their results, so this node can create tasks but not check them.',
		name: 'massSendNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		description: 'Task name',
	},
	staffMultiSelect('users', 'Staff Names or IDs', 'Staff whose groups receive the message', true),
	{
		displayName: 'Send At',
		name: 'sendTime',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When to send (China Standard Time)',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'Text message. Give text, content items, or both.',
	},
	messageContentProperty({
		description: 'Attachments sent with the text: image or file, link, or library material',
	}),
	{
		displayName: 'Send Mode',
		name: 'sendType',
		type: 'number',
		default: 1,
		description:
			'Send mode code; 1 appears in the vendor example, the values are unpublished. Sent as text, as the example sends it.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['groupMessage'], operation: ['createMassSendTask'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const title = input.text('title', { required: true });
	const users = input.integerIdList('users', { required: true });
	const sendTime = input.tanmaTime('sendTime', { required: true });
	const text = input.text('text', { keepSpacing: true });
	const sendData = buildContentItems(input, { optional: true });
	if (!text && !sendData.length)
		input.refuse(
			'text',
			`and "${input.labelOf('messageContent')}" are both empty: give text, content items or both`,
		);
	const sendMode = input.wholeNumber('sendType', { fallback: 1 });
	const sendInfo: IDataObject = {};
	if (text) sendInfo.text = text;
	// The forms of Tanma's example (docs/table-vs-example.md): one content item as an object, staff ids as
	// numbers (exact past 2^53), the mode as text. Several items need the table's list, the only form that holds them.
	if (sendData.length) sendInfo.sendData = sendData.length === 1 ? sendData[0] : sendData;
	const body: TanmaBody = {
		title,
		users: users,
		sendType: String(sendMode),
		sendTime,
		sendInfo,
	};
	const data = await tanmaApiRequest.call(this, ENDPOINTS.groupSendTask, body, { itemIndex: i });
	return asItems(data);
}
