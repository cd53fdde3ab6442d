import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { readList, returnAllOrLimit } from '../lists';
import { clientKnownNotice } from '../notices';
import { setIfGiven } from '../../helpers/body';
import type { TanmaBody } from '../../transport/protocol/json';

const properties: INodeProperties[] = [
	...clientKnownNotice(ENDPOINTS.staffList),
	...returnAllOrLimit(ENDPOINTS.staffList),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Only staff whose name contains this text',
	},
	{
		displayName: 'Include Deleted Staff',
		name: 'includeDeleted',
		type: 'boolean',
		default: false,
		description: 'Whether to include staff accounts that were deleted',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['staff'], operation: ['getMany'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const body: TanmaBody = {};
	const input = ParameterReader.forItem(this, i, description);
	const name = input.text('name');
	setIfGiven(body, 'name', name);
	if (!input.flag('includeDeleted')) body.deleted = 0;
	return await readList.call(this, i, ENDPOINTS.staffList, body, (s) => String(s.salesId));
}
