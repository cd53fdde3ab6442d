import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { optionalFieldsCollection, staffSelect } from '../fields';
import { asItems } from '../lists';
import { setIfGiven } from '../../helpers/body';
import { repeatNotice } from '../notices';
import type { TanmaBody } from '../../transport/protocol/json';

const properties: INodeProperties[] = [
	...repeatNotice(ENDPOINTS.opportunityUpdate),
	{
		displayName:
			'The stage and field lists come from Get Config. Its page does not name the keys of stages and fields; stageId/stageName and fieldId/fieldName are used, as in the opportunity push.',
		name: 'opportunityConfigNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Customer Opportunity ID',
		name: 'customerOpportunityId',
		type: 'string',
		required: true,
		default: '',
		description: 'ID of the customer’s opportunity; the opportunity push calls it cosId',
	},
	optionalFieldsCollection('Update Fields', [
		{
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'string',
			default: '',
			description: 'Tanma customer ID',
		},
		{
			displayName: 'Expected Deal Amount',
			name: 'expectedDealAmount',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
		},
		{
			displayName: 'Expected Deal Time',
			name: 'expectedDealTime',
			type: 'dateTime',
			default: '',
			description: 'China Standard Time',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Opportunity name',
		},
		staffSelect('salesId', 'Staff Name or ID', 'Staff member who owns the opportunity'),
		{
			displayName: 'Stage Name or ID',
			name: 'stage',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getOpportunityStages' },
			default: '',
			description:
				'Sales stage. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	]),
	{
		displayName: 'Opportunity Fields',
		name: 'fields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Opportunity Field',
		default: {},
		options: [
			{
				displayName: 'Opportunity Field',
				name: 'field',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'fieldId',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getOpportunityFields' },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Products',
		name: 'commodities',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Product',
		default: {},
		description: 'Products linked to the opportunity',
		options: [
			{
				displayName: 'Product',
				name: 'product',
				values: [
					{
						displayName: 'Banner',
						name: 'banner',
						type: 'string',
						default: '',
						description:
							'Sent as banner (optional in Tanma’s table; its meaning is unpublished, probably the product image)',
					},
					{
						displayName: 'Final Total Amount',
						name: 'totalAmountFinal',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description: 'Sent as totalAmountFinal (an integer in Tanma’s table); 0 sends nothing',
					},
					{
						displayName: 'Line ID',
						name: 'id',
						type: 'string',
						default: '',
						description:
							'ID of a product line already on the opportunity (the relation ID in Tanma’s table), probably needed to change that line; empty for a new line',
					},
					{
						displayName: 'Original Unit Price',
						name: 'unitPriceOrigin',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 2 },
						default: 0,
					},
					{
						displayName: 'Product ID',
						name: 'spuId',
						type: 'string',
						default: '',
						description: 'SPU ID',
					},
					{
						displayName: 'Product Title',
						name: 'spuTitle',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Quantity',
						name: 'count',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 1,
					},
					{
						displayName: 'SKU Detail',
						name: 'skuDetail',
						type: 'string',
						default: '',
					},
					{
						displayName: 'SKU ID',
						name: 'skuId',
						type: 'string',
						default: '',
						description: 'Variant ID',
					},
					{
						displayName: 'Total Amount',
						name: 'totalAmount',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description: 'Sent as totalAmount (an integer in Tanma’s table); 0 sends nothing',
					},
					{
						displayName: 'Unit Sale Price',
						name: 'unitPriceSale',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 2 },
						default: 0,
					},
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['opportunity'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const body: TanmaBody = {
		customerOpportunityId: input.integerId('customerOpportunityId', { required: true }),
	};
	const update = input.collection('updateFields');
	setIfGiven(body, 'customerId', update.integerId('customerId'));
	setIfGiven(body, 'salesId', update.integerId('salesId'));
	const name = update.text('name');
	setIfGiven(body, 'name', name);
	setIfGiven(body, 'stage', update.integerId('stage'));
	setIfGiven(body, 'expectedDealTime', update.tanmaTime('expectedDealTime'));
	setIfGiven(body, 'expectedDealAmount', update.optionalWholeNumber('expectedDealAmount'));
	const fields = input.rows('fields', 'field').map((row) => ({
		fieldId: row.id('fieldId', { required: true }),
		value: row.text('value') ?? '',
	}));
	setIfGiven(body, 'fields', fields);
	const commodities = input.rows('commodities', 'product').map((row) => {
		const product: TanmaBody = {
			spuId: row.integerId('spuId', { required: true }),
			skuId: row.integerId('skuId', { required: true }),
			unitPriceSale: row.decimal('unitPriceSale', { min: 0 }),
			count: row.wholeNumber('count', { min: 1 }),
		};
		// The editor fills every row field with its default: an original price of 0 means "not given".
		const originalPrice = row.decimal('unitPriceOrigin', { min: 0 });
		if (originalPrice > 0) product.unitPriceOrigin = originalPrice;
		setIfGiven(product, 'spuTitle', row.text('spuTitle'));
		setIfGiven(product, 'skuDetail', row.text('skuDetail'));
		setIfGiven(product, 'id', row.id('id'));
		setIfGiven(product, 'banner', row.text('banner'));
		for (const key of ['totalAmount', 'totalAmountFinal'] as const) {
			const amount = row.wholeNumber(key, { min: 0, fallback: 0 });
			if (amount > 0) product[key] = amount;
		}
		return product;
	});
	setIfGiven(body, 'commodities', commodities);
	return asItems(
		await tanmaApiRequest.call(this, ENDPOINTS.opportunityUpdate, body, {
			itemIndex: i,
		}),
	);
}
