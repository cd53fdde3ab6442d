import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { leadFields } from '../fields';
import { asItems } from '../lists';
import { readSimplify, simplifyProperty } from '../simplify';

const properties: INodeProperties[] = [...leadFields(), simplifyProperty()];

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const simplify = readSimplify(input, 'lead');
	const customerId = input.integerId('customerId', { required: true });
	return simplify(
		asItems(
			await tanmaApiRequest.call(this, ENDPOINTS.leadDetail, { customerId }, { itemIndex: i }),
		),
	);
}
