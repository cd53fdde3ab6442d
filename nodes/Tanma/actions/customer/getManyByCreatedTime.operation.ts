import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
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
	const input = ParameterReader.forItem(this, i);
	const since = input.tanmaTime('since', 'Created After', { required: true });
	const before = input.tanmaTime('before', 'Created Before', { required: true });
	if (since >= before) input.refuse('Created After', 'must be earlier than "Created Before"');
	return await readList.call(this, i, ENDPOINTS.customersByCreateTime, { since, before });
}
