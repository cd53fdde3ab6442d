import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import type { TanmaBody } from '../../transport/protocol/json';
import { leadFields } from '../fields';
import { readList, returnAllOrLimit } from '../lists';

const properties: INodeProperties[] = [
	...leadFields(),
	...returnAllOrLimit(ENDPOINTS.leadFollowUps),
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'All', value: '' },
			{ name: 'Written Follow-Up (1)', value: '1' },
			{ name: 'System Change Log (2)', value: '2' },
		],
		default: '',
		description:
			'Record type filter sent to Tanma. The meanings of 1 and 2 are inferred from examples.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['followUp'], operation: ['getManyForLead'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const body: TanmaBody = { customerId: input.integerId('customerId', { required: true }) };
	const type = input.choice<'' | '1' | '2'>('type', '');
	if (type) body.type = Number(type);
	return await readList.call(this, i, ENDPOINTS.leadFollowUps, body, (r) => String(r.id));
}
