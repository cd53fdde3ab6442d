import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import type { TanmaBody } from '../../transport/protocol/json';
import { filtersCollection, readTimeWindow, timeWindowProperties } from '../fields';
import { readList, returnAllOrLimit } from '../lists';
import { setIfGiven } from '../../helpers/body';
import { readSimplify, simplifyProperty } from '../simplify';

const properties: INodeProperties[] = [
	...timeWindowProperties('Created After', 'Created Before'),
	...returnAllOrLimit(ENDPOINTS.leadsByCreateTime),
	filtersCollection([
		{
			displayName: 'Type',
			name: 'type',
			type: 'string',
			default: '',
			description: 'Type code sent to Tanma; its values are unpublished. Leave empty for all.',
		},
	]),
	simplifyProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['getManyByCreatedTime'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const simplify = readSimplify(input, 'lead');
	const body: TanmaBody = { ...readTimeWindow(input) };
	const type = input.collection('filters').optionalWholeNumber('type');
	setIfGiven(body, 'type', type);
	return simplify(
		await readList.call(this, i, ENDPOINTS.leadsByCreateTime, body, (lead) =>
			String(lead.customerId),
		),
	);
}
