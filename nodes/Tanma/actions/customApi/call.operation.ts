import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { tanmaApiRequest } from '../../transport';
import { asItems } from '../lists';

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
		description:
			'JSON object sent as the request body, signed as sent. Leave empty to send no body at all (signed over an empty string), as endpoints that declare no body expect.',
	},
	{
		displayName: 'Read-Only',
		name: 'readOnly',
		type: 'boolean',
		default: false,
		description:
			'Whether the call only reads data. Read-only calls are retried after temporary failures; others never are, so nothing is created twice: if the answer to one is lost, check in Tanma before running it again, and leave Retry On Fail off.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customApi'], operation: ['call'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const path = input.id('path', { required: true });
	if (!/^\/[\w\-./]*$/.test(path))
		input.refuse('path', 'must start with "/" and contain only a URL path');
	// Blank means no body: the request carries nothing and is signed over "" (transport/index.ts).
	const raw = this.getNodeParameter('body', i, '');
	const body = typeof raw === 'string' && raw.trim() === '' ? undefined : input.jsonObject('body');
	const read = input.flag('readOnly');
	return asItems(await tanmaApiRequest.call(this, { path, read }, body, { itemIndex: i }));
}
