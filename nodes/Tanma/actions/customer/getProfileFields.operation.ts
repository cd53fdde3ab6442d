import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { asItems } from '../lists';
import { clientKnownNotice } from '../notices';

const properties: INodeProperties[] = [
	...clientKnownNotice(
		ENDPOINTS.profileFields,
		'Each field’s ID can be used as the name of a Customer → Search condition.',
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['getProfileFields'] } },
	properties,
);

/** One item per profile field. The request has no body at all: it is signed over "" (transport/protocol/signature.ts). */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const data = await tanmaApiRequest.call(this, ENDPOINTS.profileFields, undefined, {
		itemIndex: i,
	});
	return Array.isArray(data) ? asItems(data) : [];
}
