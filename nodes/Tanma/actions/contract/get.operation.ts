import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { asItems } from '../lists';
import { locator } from '../locators';
import { readSimplify, simplifyProperty } from '../simplify';

const properties: INodeProperties[] = [
	...locator(
		'contract',
		{
			displayName: 'Contract ID',
			name: 'contractId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'HT.431339837921536',
			description: 'Tanma contract ID, text starting with "HT."',
		},
		'Contract',
	),
	simplifyProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contract'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const simplify = readSimplify(input, 'contract');
	const contractId = input.id('contractId', { required: true });
	return simplify(
		asItems(
			await tanmaApiRequest.call(this, ENDPOINTS.contractDetail, { contractId }, { itemIndex: i }),
		),
	);
}
