import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { filtersCollection, readTimeWindow, timeWindowProperties } from '../fields';
import { readList, returnAllOrLimit } from '../lists';
import { locator } from '../locators';
import { deprecationNotice } from '../notices';
import { relationId, relationTypeProperty } from './shared';
import { setIfGiven } from '../../helpers/body';
import type { TanmaBody } from '../../transport/protocol/json';

const properties: INodeProperties[] = [
	...deprecationNotice(ENDPOINTS.relationsByCreateTime, 'Tanma has not named a successor.'),
	...timeWindowProperties('Followed After', 'Followed Before'),
	...returnAllOrLimit(ENDPOINTS.relationsByCreateTime),
	filtersCollection([
		...locator(
			'staff',
			{
				displayName: 'Staff WeCom ID',
				name: 'qwUserId',
				type: 'string',
				default: '',
				description: 'Only relations of this staff member; all staff when empty',
			},
			'Staff Member',
		),
		relationTypeProperty(),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['followedCustomer'], operation: ['getManyByRelationCreatedTime'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const { since, before } = readTimeWindow(input);
	const filters = input.collection('filters');
	const body: TanmaBody = { since, before };
	setIfGiven(body, 'qwUserId', filters.id('qwUserId'));
	const type = filters.optionalWholeNumber('type');
	setIfGiven(body, 'type', type);
	return await readList.call(this, i, ENDPOINTS.relationsByCreateTime, body, relationId);
}
