import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { filtersCollection, staffSelect } from '../fields';
import { readList, returnAllOrLimit } from '../lists';
import { setIfGiven } from '../../helpers/body';
import type { TanmaBody } from '../../transport/protocol/json';

const properties: INodeProperties[] = [
	...returnAllOrLimit(ENDPOINTS.groupList),
	filtersCollection([
		{
			displayName: 'Created After',
			name: 'startCreateTime',
			type: 'dateTime',
			default: '',
			description: 'Groups created at or after this time (China Standard Time)',
		},
		{
			displayName: 'Created Before',
			name: 'endCreateTime',
			type: 'dateTime',
			default: '',
			description: 'Groups created at or before this time (China Standard Time)',
		},
		{
			displayName: 'Group Name',
			name: 'keyword',
			type: 'string',
			default: '',
			description: 'Text in the group name',
		},
		{
			displayName: 'Group Tag IDs',
			name: 'tagGroupIds',
			type: 'string',
			default: '',
			description:
				'Comma-separated group tag IDs. Tanma publishes no group-tag list, so copy them from the Tanma admin site.',
		},
		staffSelect('userId', 'Owner Name or ID', 'Only groups owned by this staff member'),
		{
			displayName: 'Tag Match Mode',
			name: 'conditionOp',
			type: 'number',
			default: 0,
			description:
				'Tag match mode code; the values are unpublished (0 and 1 are seen, probably AND and OR)',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['groupChat'], operation: ['getMany'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const filters = ParameterReader.forItem(this, i, description).collection('filters');
	const body: TanmaBody = {};
	setIfGiven(body, 'userId', filters.integerId('userId'));
	setIfGiven(body, 'keyword', filters.text('keyword'));
	const tags = filters.integerIdList('tagGroupIds');
	const conditionOp = filters.optionalWholeNumber('conditionOp');
	if (tags.length) {
		body.tagGroupIds = tags;
		setIfGiven(body, 'conditionOp', conditionOp);
	}
	setIfGiven(body, 'startCreateTime', filters.tanmaTime('startCreateTime'));
	setIfGiven(body, 'endCreateTime', filters.tanmaTime('endCreateTime'));
	return await readList.call(this, i, ENDPOINTS.groupList, body, (g) => String(g.chatId));
}
