import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { filtersCollection } from '../fields';
import { readList, returnAllOrLimit } from '../lists';
import { ORDER_STATUSES, ORDER_STATUS_CODES, platformIdProperty } from './shared';
import { setIfGiven } from '../../helpers/body';
import { readSimplify, simplifyProperty } from '../simplify';
import type { TanmaBody } from '../../transport/protocol/json';

const properties: INodeProperties[] = [
	...returnAllOrLimit(ENDPOINTS.orderList),
	filtersCollection([
		{
			displayName: 'Ordered After',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			description: 'Orders placed at or after this time (China Standard Time)',
		},
		{
			displayName: 'Ordered Before',
			name: 'endDate',
			type: 'dateTime',
			default: '',
			description: 'Orders placed at or before this time (China Standard Time)',
		},
		platformIdProperty(false),
		{
			displayName: 'Search Text',
			name: 'keyWord',
			type: 'string',
			default: '',
			description: 'Order number or customer name',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [...ORDER_STATUSES],
			default: 2,
		},
	]),
	simplifyProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getMany'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const simplify = readSimplify(input, 'order');
	const filters = input.collection('filters');
	const body: TanmaBody = {};
	setIfGiven(body, 'channelId', filters.id('channelId'));
	setIfGiven(body, 'startDate', filters.tanmaTime('startDate'));
	setIfGiven(body, 'endDate', filters.tanmaTime('endDate'));
	setIfGiven(body, 'keyWord', filters.text('keyWord'));
	if (filters.has('status'))
		body.status = filters.choice<(typeof ORDER_STATUS_CODES)[number]>('status', 2);
	return simplify(
		await readList.call(this, i, ENDPOINTS.orderList, body, (order) => String(order.id)),
	);
}
