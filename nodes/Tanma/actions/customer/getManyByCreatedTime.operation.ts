import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { readTimeWindow, timeWindowProperties } from '../fields';
import { readList, returnAllOrLimit } from '../lists';
import { deprecationNotice } from '../notices';

const properties: INodeProperties[] = [
	...deprecationNotice(
		ENDPOINTS.customersByCreateTime,
		'prefer Customer → Search with "Created After/Before".',
	),
	...timeWindowProperties('Created After', 'Created Before'),
	...returnAllOrLimit(ENDPOINTS.customersByCreateTime),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['getManyByCreatedTime'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const { since, before } = readTimeWindow(ParameterReader.forItem(this, i, description));
	return await readList.call(this, i, ENDPOINTS.customersByCreateTime, { since, before });
}
