import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { asItems } from '../lists';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['tag'], operation: ['getTree'] } },
	properties,
);

/** One item per tag group, with its child tags in `tags`. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	return asItems(await tanmaApiRequest.call(this, ENDPOINTS.tagTree, undefined, { itemIndex: i }));
}
