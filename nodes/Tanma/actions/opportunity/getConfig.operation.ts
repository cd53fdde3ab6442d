import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { asItems } from '../lists';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['opportunity'], operation: ['getConfig'] } },
	properties,
);

/** One item per opportunity type, with its stages, fields and rules. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	// The page's request has no body: none is sent (and "" signed).
	return asItems(
		await tanmaApiRequest.call(this, ENDPOINTS.opportunityConfig, undefined, { itemIndex: i }),
	);
}
