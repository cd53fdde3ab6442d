import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/endpoints';
import type { TanmaBody } from '../../transport/json';
import { readList, returnAllOrLimit } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Created After',
		name: 'since',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Start of the window, included (China Standard Time)',
	},
	{
		displayName: 'Created Before',
		name: 'before',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'End of the window, excluded (China Standard Time)',
	},
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Type',
				name: 'type',
				type: 'string',
				default: '',
				description: 'Type code sent to Tanma; its values are unpublished. Leave empty for all.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['getManyByCreatedTime'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i);
	const since = input.tanmaTime('since', 'Created After', { required: true });
	const before = input.tanmaTime('before', 'Created Before', { required: true });
	if (since >= before) input.refuse('Created After', 'must be earlier than "Created Before"');
	const body: TanmaBody = { since, before };
	const type = input.collection('filters', 'Filters').optionalWholeNumber('type', 'Type');
	if (type !== undefined) body.type = type;
	return await readList.call(this, i, ENDPOINTS.leadsByCreateTime, body, (lead) => String(lead.customerId));
}
