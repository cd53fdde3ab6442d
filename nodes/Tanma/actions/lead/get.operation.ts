import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/endpoints';
import { tanmaApiRequest } from '../../transport';
import { leadIdProperty } from '../fields';
import { asItems } from '../lists';

const properties: INodeProperties[] = [
	leadIdProperty(),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const customerId = ParameterReader.forItem(this, i, description).integerId('customerId', { required: true });
	return asItems(await tanmaApiRequest.call(this, ENDPOINTS.leadDetail, { customerId }, { itemIndex: i }));
}
