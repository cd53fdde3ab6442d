import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['getFields'] } },
	properties,
);

/** One item per customer field definition (列出客户数据字段列表). */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const data = (await tanmaApiRequest.call(
		this,
		ENDPOINTS.customerFields,
		{},
		{ itemIndex: i },
	)) as IDataObject;
	return Array.isArray(data?.fields) ? (data.fields as IDataObject[]) : [];
}
