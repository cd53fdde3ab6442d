import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/endpoints';
import { tanmaApiRequest } from '../../transport';
import { asItems } from '../lists';

const properties: INodeProperties[] = [
	{
		displayName: 'Contract ID',
		name: 'contractId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'HT.431339837921536',
		description: 'Tanma contract ID, text starting with "HT."',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['contract'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const contractId = ParameterReader.forItem(this, i, description).id('contractId', { required: true });
	return asItems(await tanmaApiRequest.call(this, ENDPOINTS.contractDetail, { contractId }, { itemIndex: i }));
}
