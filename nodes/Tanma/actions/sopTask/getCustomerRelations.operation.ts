import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { staffMultiSelect } from '../fields';
import { limitOf, returnAllOrLimit } from '../lists';

const properties: INodeProperties[] = [
	staffMultiSelect('salesIds', 'Staff Names or IDs', 'Staff who execute the task', true),
	{
		displayName: 'Task Code',
		name: 'taskCode',
		type: 'number',
		default: 2,
		description: 'Task type code. Tanma has not published the values; 2 appears in its example.',
	},
	...returnAllOrLimit(ENDPOINTS.sopTaskCustomers),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sopTask'], operation: ['getCustomerRelations'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const body = {
		taskCode: input.wholeNumber('taskCode'),
		salesIds: input.integerIdList('salesIds', { required: true }),
	};
	const limit = limitOf(this, i);
	const rows =
		((await tanmaApiRequest.call(this, ENDPOINTS.sopTaskCustomers, body, { itemIndex: i })) as
			| IDataObject[]
			| null) ?? [];
	// Tanma answers with every relation at once; Limit applies here.
	return limit === undefined ? rows : rows.slice(0, limit);
}
