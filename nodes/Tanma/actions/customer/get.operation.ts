import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { customerFields } from '../fields';
import { asItems } from '../lists';
import { locator } from '../locators';
import { setIfGiven } from '../../helpers/body';
import { readSimplify, simplifyProperty } from '../simplify';
import type { TanmaBody } from '../../transport/protocol/json';

const properties: INodeProperties[] = [
	...customerFields(),
	...locator(
		'staff',
		{
			displayName: 'Staff WeCom ID',
			name: 'qwUserId',
			type: 'string',
			default: '',
			placeholder: 'zhangsan',
			description:
				'Only the relation with this staff member. Leave empty for all staff who added the customer.',
		},
		'Staff Member',
	),
	simplifyProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const simplify = readSimplify(input, 'customer');
	const body: TanmaBody = { externalUserId: input.id('externalUserId', { required: true }) };
	setIfGiven(body, 'qwUserId', input.id('qwUserId'));
	return simplify(
		asItems(await tanmaApiRequest.call(this, ENDPOINTS.customerDetails, body, { itemIndex: i })),
	);
}
