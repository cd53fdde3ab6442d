import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { optionalFieldsCollection } from '../fields';
import { asItems } from '../lists';
import { ORDER_STATUSES, ORDER_STATUS_CODES, platformIdProperty } from './shared';
import { setIfGiven } from '../../helpers/body';
import { repeatNotice } from '../notices';
import type { TanmaBody } from '../../transport/protocol/json';

const properties: INodeProperties[] = [
	...repeatNotice(ENDPOINTS.orderImport),
	{
		displayName:
			'An order with the same platform and order number is updated; an update changes only the status (never backwards, for example not from paid back to unpaid), the amount and the custom fields',
		name: 'orderUpdateNotice',
		type: 'notice',
		default: '',
	},
	platformIdProperty(true),
	{
		displayName: 'Order Number',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'TEST_12345678',
		description: 'The shop’s order number',
	},
	{
		displayName: 'Order Amount',
		name: 'orderPrice',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		required: true,
		default: 0,
		description: 'Total amount of the order, up to two decimal places',
	},
	{
		displayName: 'Order Status',
		name: 'orderStatus',
		type: 'options',
		options: [...ORDER_STATUSES],
		required: true,
		default: 2,
	},
	{
		displayName: 'Order Time',
		name: 'orderTime',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the order was placed (China Standard Time)',
	},
	optionalFieldsCollection('Additional Fields', [
		{
			displayName: 'Customer Mobile',
			name: 'mobile',
			type: 'string',
			default: '',
			description: 'Links the order to a customer when no union ID is given',
		},
		{
			displayName: 'Customer Union ID',
			name: 'unionId',
			type: 'string',
			default: '',
			description: 'WeChat union ID of the customer; links the order to the customer',
		},
		{
			displayName: 'Owner WeCom ID',
			name: 'qwUserId',
			type: 'string',
			default: '',
			description: 'WeCom user ID of the staff member in charge',
		},
		{
			displayName: 'Paid At',
			name: 'payTime',
			type: 'dateTime',
			default: '',
			description: 'Payment time (China Standard Time)',
		},
		{ displayName: 'Platform Name', name: 'channelName', type: 'string', default: '' },
		{ displayName: 'Shop ID', name: 'shopId', type: 'string', default: '' },
		{ displayName: 'Shop Name', name: 'shopName', type: 'string', default: '' },
	]),
	{
		displayName: 'Custom Fields',
		name: 'customDefine',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Custom Field',
		default: {},
		description: 'Order custom fields by field ID',
		options: [
			{
				displayName: 'Custom Field',
				name: 'field',
				values: [
					{
						displayName: 'Field ID',
						name: 'key',
						type: 'string',
						default: '',
						placeholder: '1191',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Goods',
		name: 'goods',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Goods',
		default: {},
		options: [
			{
				displayName: 'Goods',
				name: 'item',
				values: [
					{ displayName: 'Name', name: 'goodName', type: 'string', default: '' },
					{ displayName: 'Image URL', name: 'imageUrl', type: 'string', default: '' },
					{
						displayName: 'Unit Price',
						name: 'goodPrice',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 2 },
						default: 0,
					},
					{
						displayName: 'Quantity',
						name: 'num',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 1,
					},
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['createOrUpdate'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const order: IDataObject = {
		channelId: input.id('channelId', { required: true }),
		orderId: input.id('orderId', { required: true }),
		orderPrice: input.decimal('orderPrice', { min: 0 }),
		orderStatus: input.choice<(typeof ORDER_STATUS_CODES)[number]>('orderStatus', 2),
		orderTime: input.tanmaTime('orderTime', { required: true }),
	};
	const extra = input.collection('additionalFields');
	for (const name of ['channelName', 'shopName'] as const) {
		const value = extra.text(name);
		if (value !== undefined) order[name] = value;
	}
	for (const name of ['shopId', 'unionId', 'mobile', 'qwUserId'] as const) {
		const value = extra.id(name);
		if (value !== undefined) order[name] = value;
	}
	setIfGiven(order, 'payTime', extra.tanmaTime('payTime'));
	const customDefine = input.rows('customDefine', 'field').map((row) => ({
		key: row.id('key', { required: true }),
		value: row.text('value') ?? '',
	}));
	setIfGiven(order, 'customDefine', customDefine);
	const goods = input.rows('goods', 'item').map((row) => ({
		goodName: row.text('goodName', { required: true }),
		...(row.has('imageUrl') ? { imageUrl: row.url('imageUrl') } : {}),
		goodPrice: row.decimal('goodPrice', { min: 0 }),
		num: row.wholeNumber('num', { min: 1, fallback: 1 }),
	}));
	// Goods go beside the order, as in the page's example (its table lists them inside; the example is what Tanma's code sends).
	const body: TanmaBody = { order, ...(goods.length ? { goods } : {}) };
	return asItems(await tanmaApiRequest.call(this, ENDPOINTS.orderImport, body, { itemIndex: i }));
}
