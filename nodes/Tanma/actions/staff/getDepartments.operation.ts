import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import type { TanmaBody } from '../../transport/protocol/json';
import { tanmaApiRequest } from '../../transport';
import { asItems } from '../lists';
import { locator } from '../locators';
import { setIfGiven } from '../../helpers/body';

const properties: INodeProperties[] = [
	...locator(
		'staff',
		{
			displayName: 'Staff WeCom ID',
			name: 'qwUserId',
			type: 'string',
			default: '',
			placeholder: 'zhangsan',
			description: 'WeCom user ID of the staff member. Give this or the Staff ID.',
		},
		'Staff Member',
	),
	{
		displayName: 'Staff ID',
		name: 'salesId',
		type: 'string',
		default: '',
		description: 'Tanma staff ID. Give this or the Staff WeCom ID.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['staff'], operation: ['getDepartments'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const qwUserId = input.id('qwUserId');
	const salesId = input.integerId('salesId');
	if (!qwUserId && salesId === undefined)
		input.refuse('qwUserId', `and "${input.labelOf('salesId')}" are both empty: give one of them`);
	const body: TanmaBody = {};
	setIfGiven(body, 'qwUserId', qwUserId);
	setIfGiven(body, 'salesId', salesId);
	return asItems(
		await tanmaApiRequest.call(this, ENDPOINTS.staffDepartments, body, { itemIndex: i }),
	);
}
