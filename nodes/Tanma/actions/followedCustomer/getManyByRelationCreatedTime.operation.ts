import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionalText, tanmaDateTime, wholeNumber } from '../../helpers/validation';
import { ENDPOINTS } from '../../transport/endpoints';
import { deprecationNotice, readList, returnAllOrLimit } from '../common';
import { relationId, relationTypeProperty } from './shared';

const properties: INodeProperties[] = [
	...deprecationNotice(ENDPOINTS.relationsByCreateTime, 'Tanma has not named a successor.'),
	{
		displayName: 'Followed After',
		name: 'since',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Relations created at or after this time (China Standard Time)',
	},
	{
		displayName: 'Followed Before',
		name: 'before',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Relations created before this time (China Standard Time)',
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
				displayName: 'Staff WeCom ID',
				name: 'qwUserId',
				type: 'string',
				default: '',
				description: 'Only relations of this staff member (销售企微账号); all staff when empty',
			},
			relationTypeProperty(),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['followedCustomer'], operation: ['getManyByRelationCreatedTime'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const since = tanmaDateTime(this, this.getNodeParameter('since', i), 'Followed After', i);
	const before = tanmaDateTime(this, this.getNodeParameter('before', i), 'Followed Before', i);
	if (since >= before) {
		throw new NodeOperationError(this.getNode(), '"Followed After" must be earlier than "Followed Before"', { itemIndex: i });
	}
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const body: IDataObject = { since, before };
	const qwUserId = optionalText(filters.qwUserId);
	if (qwUserId) body.qwUserId = qwUserId;
	if (optionalText(filters.type)) body.type = wholeNumber(this, filters.type, 'Type', i);
	return await readList.call(this, i, ENDPOINTS.relationsByCreateTime, body, relationId);
}
