import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { tanmaDateTime } from '../../helpers/validation';
import { ENDPOINTS } from '../../transport/endpoints';
import { deprecationNotice, readList, returnAllOrLimit } from '../common';

const properties: INodeProperties[] = [
	...deprecationNotice(ENDPOINTS.customersByCreateTime, 'prefer Customer → Search with "Created After/Before".'),
	{
		displayName: 'Created After',
		name: 'since',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Start of the window, inclusive (China Standard Time)',
	},
	{
		displayName: 'Created Before',
		name: 'before',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'End of the window, exclusive (China Standard Time)',
	},
	...returnAllOrLimit(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['getManyByCreatedTime'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const since = tanmaDateTime(this, this.getNodeParameter('since', i), 'Created After', i);
	const before = tanmaDateTime(this, this.getNodeParameter('before', i), 'Created Before', i);
	if (since >= before) {
		throw new NodeOperationError(this.getNode(), '"Created After" must be earlier than "Created Before"', {
			itemIndex: i,
		});
	}
	return await readList.call(this, i, ENDPOINTS.customersByCreateTime, { since, before });
}
