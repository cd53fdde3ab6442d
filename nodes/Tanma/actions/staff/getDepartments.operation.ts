import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { integerId, optionalText } from '../../helpers/validation';
import { ENDPOINTS } from '../../transport/endpoints';
import type { TanmaBody } from '../../transport/json';
import { tanmaApiRequest } from '../../transport';
import { asItems } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Staff WeCom ID',
		name: 'qwUserId',
		type: 'string',
		default: '',
		placeholder: 'zhangsan',
		description: 'WeCom user ID of the staff member (企微userId). Give this or the Staff ID.',
	},
	{
		displayName: 'Staff ID',
		name: 'salesId',
		type: 'string',
		default: '',
		description: 'Tanma staff ID (探马销售ID). Give this or the Staff WeCom ID.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['staff'], operation: ['getDepartments'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const qwUserId = optionalText(this.getNodeParameter('qwUserId', i, ''));
	const salesId = optionalText(this.getNodeParameter('salesId', i, ''));
	if (!qwUserId && !salesId) {
		throw new NodeOperationError(this.getNode(), 'Give "Staff WeCom ID" or "Staff ID"', { itemIndex: i });
	}
	const body: TanmaBody = {};
	if (qwUserId) body.qwUserId = qwUserId;
	if (salesId) body.salesId = integerId(this, salesId, 'Staff ID', i);
	return asItems(await tanmaApiRequest.call(this, ENDPOINTS.staffDepartments, body, { itemIndex: i }));
}
