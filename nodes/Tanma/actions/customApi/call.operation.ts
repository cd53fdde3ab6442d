import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { jsonObject, requiredText } from '../../helpers/validation';
import { tanmaApiRequest } from '../../transport';
import { asItems } from '../common';

const properties: INodeProperties[] = [
	{
		displayName:
			'Calls any Tanma OpenAPI path with this credential’s signature, e.g. endpoints that Tanma lists but has not published (create or delete follow-ups). Get the path and fields from Tanma support.',
		name: 'customCallNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		required: true,
		default: '',
		placeholder: '/api/v3/tags/list-tree',
		description: 'Path after the Base URL, starting with "/"',
	},
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		default: '{}',
		description: 'JSON object sent as the request body; {} sends an empty body',
	},
	{
		displayName: 'Read-Only',
		name: 'readOnly',
		type: 'boolean',
		default: false,
		description: 'Whether the call only reads data. Read-only calls are retried after temporary failures; others never are, so nothing is created twice.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customApi'], operation: ['call'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const path = requiredText(this, 'path', 'Path', i);
	if (!/^\/[\w\-./]*$/.test(path)) {
		throw new NodeOperationError(this.getNode(), '"Path" must start with "/" and contain only a URL path', { itemIndex: i });
	}
	const body = jsonObject(this, this.getNodeParameter('body', i, '{}'), 'Body (JSON)', i);
	const read = this.getNodeParameter('readOnly', i, false) as boolean;
	return asItems(await tanmaApiRequest.call(this, { path, read }, body, { itemIndex: i }));
}
