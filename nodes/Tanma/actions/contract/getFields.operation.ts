import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { isPlainObject } from '../../transport/protocol/json';

const properties: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'type',
		type: 'number',
		required: true,
		default: 1,
		description:
			'Type code Tanma expects; 1 appears in its example, and the page does not say which code is contracts and which payment receipts',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contract'], operation: ['getFields'] } },
	properties,
);

/** One item per field: the fixed fields first, then the extended ones, each tagged with its group. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const type = ParameterReader.forItem(this, i, description).wholeNumber('type');
	const data = await tanmaApiRequest.call(
		this,
		ENDPOINTS.contractFields,
		{ type },
		{ itemIndex: i },
	);
	const groups = isPlainObject(data) ? data : {};
	const fields = (group: string, key: string) =>
		(Array.isArray(groups[key]) ? (groups[key] as unknown[]) : [])
			.filter(isPlainObject)
			.map((field) => ({ ...field, group }));
	return [...fields('essential', 'essentialInfoParams'), ...fields('extended', 'expandInfoParams')];
}
