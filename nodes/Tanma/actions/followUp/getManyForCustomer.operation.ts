import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { customerFields } from '../fields';
import { limitOf, returnAllOrLimit } from '../lists';
import { deprecationNotice } from '../notices';

const properties: INodeProperties[] = [
	...deprecationNotice(
		ENDPOINTS.customerFollowUps,
		'Creating, deleting and searching follow-ups are in Tanma’s navigation but unpublished: use Custom API Call with the path from Tanma support.',
	),
	...customerFields(),
	...returnAllOrLimit(ENDPOINTS.customerFollowUps),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Applied in n8n after the records are read; the endpoint itself has no filters',
		options: [
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only records created after this time (China Standard Time)',
			},
			{
				displayName: 'Follow-Up Types',
				name: 'followTypes',
				type: 'string',
				default: '',
				placeholder: '1,2',
				description:
					'Comma-separated follow-up type codes; the vendor has not published their meaning',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['followUp'], operation: ['getManyForCustomer'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const externalUserId = input.id('externalUserId', { required: true });
	const filters = input.collection('filters');
	const after = filters.tanmaTime('createdAfter');
	const types = filters.idList('followTypes');
	const limit = limitOf(this, i);
	const records = (await tanmaApiRequest.call(
		this,
		ENDPOINTS.customerFollowUps,
		{ externalUserId },
		{ itemIndex: i },
	)) as IDataObject[] | null;
	const matching = (records ?? [])
		.filter((r) => after === undefined || String(r.gmtCreateTime ?? '') > after)
		.filter((r) => !types.length || types.includes(String(r.followType)));
	// Tanma answers with every record at once; Limit applies here.
	return limit === undefined ? matching : matching.slice(0, limit);
}
