import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { readList, returnAllOrLimit } from '../lists';
import { locator } from '../locators';
import { deprecationNotice } from '../notices';
import { relationId, relationTypeProperty } from './shared';
import { setIfGiven } from '../../helpers/body';
import type { TanmaBody } from '../../transport/protocol/json';

const properties: INodeProperties[] = [
	...deprecationNotice(
		ENDPOINTS.relationsByStaff,
		'Get Many by Relation Created Time with a staff filter is the alternative.',
	),
	...locator(
		'staff',
		{
			displayName: 'Staff WeCom ID',
			name: 'qwUserId',
			type: 'string',
			required: true,
			default: '',
			description: 'WeCom user ID of the staff member',
		},
		'Staff Member',
	),
	...returnAllOrLimit(ENDPOINTS.relationsByStaff),
	relationTypeProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['followedCustomer'], operation: ['getManyByStaff'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const body: TanmaBody = { qwUserId: input.id('qwUserId', { required: true }) };
	const type = input.optionalWholeNumber('type');
	setIfGiven(body, 'type', type);
	return await readList.call(this, i, ENDPOINTS.relationsByStaff, body, relationId);
}
