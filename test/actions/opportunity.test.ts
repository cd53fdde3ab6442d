/** Opportunity operations (nodes/Tanma/actions/opportunity/) and their dropdowns. */
import { credentialsFor, runLoadOptions } from '../../lab/core';
import { Tanma } from '../../nodes/Tanma/Tanma.node';
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const { run, json } = t;

test('Get Config: one item per opportunity type with its stages and fields', async () => {
	const result = await run({ resource: 'opportunity', operation: 'getConfig' });
	expect(t.lastRaw()).toBe('');
	expect(json(result).map((type) => type.typeName)).toEqual(
		t.sandbox.tenant.sales.opportunityTypes.map((type) => type.typeName),
	);
	expect(json(result)[0]).toMatchObject({
		defaultType: true,
		stages: expect.any(Array),
		fields: expect.any(Array),
	});
});

test('the stage and field dropdowns list every type’s stages and fields as "Type / Name"', async () => {
	const credentials = credentialsFor(t.sandbox);
	const stages = await runLoadOptions({
		nodeType: new Tanma(),
		method: 'getOpportunityStages',
		credentials,
	});
	const fields = await runLoadOptions({
		nodeType: new Tanma(),
		method: 'getOpportunityFields',
		credentials,
	});
	const types = t.sandbox.tenant.sales.opportunityTypes;
	expect(stages).toEqual(
		types.flatMap((type) =>
			type.stages.map((s) => ({ name: `${type.typeName} / ${s.stageName}`, value: s.stageId })),
		),
	);
	expect(fields).toEqual(
		types.flatMap((type) =>
			type.fields.map((f) => ({ name: `${type.typeName} / ${f.fieldName}`, value: f.fieldId })),
		),
	);
});

test('Update: stage, fields and products in the page’s body shape, ids as exact JSON integers; the opportunity moves', async () => {
	const opportunity = t.sandbox.tenant.sales.customerOpportunities[1];
	const stage = t.sandbox.tenant.sales.opportunityTypes[0].stages[2];
	const result = await run({
		resource: 'opportunity',
		operation: 'update',
		customerOpportunityId: opportunity.customerOpportunityId,
		updateFields: {
			stage: stage.stageId,
			name: '空调二期',
			expectedDealTime: '2026-12-31',
			expectedDealAmount: 50000,
			salesId: opportunity.salesId,
		},
		fields: { field: [{ fieldId: '913', value: '200台' }] },
		commodities: {
			product: [
				{ spuId: '508101855801408', skuId: '508101855864896', unitPriceSale: 2999.5, count: 2 },
			],
		},
	});
	expect(result.error).toBeUndefined();
	expect(t.sandbox.requests[0].outcome).toBe('0');
	const raw = t.lastRaw();
	expect(raw).toContain(`"customerOpportunityId":${opportunity.customerOpportunityId}`);
	expect(raw).toContain(`"stage":${stage.stageId}`);
	expect(raw).toContain(
		'"commodities":[{"spuId":508101855801408,"skuId":508101855864896,"unitPriceSale":2999.5,"count":2}]',
	);
	expect(t.sandbox.requests[0].json).toMatchObject({
		name: '空调二期',
		expectedDealTime: '2026-12-31 00:00:00',
		expectedDealAmount: 50000,
		fields: [{ fieldId: '913', value: '200台' }],
	});
	expect(opportunity).toMatchObject({ stage: stage.stageId, name: '空调二期' });
});

test('Update: a product line can carry the table’s id, banner, totalAmount and totalAmountFinal; left at their defaults they are not sent', async () => {
	const opportunity = t.sandbox.tenant.sales.customerOpportunities[0];
	const base = { spuId: '5', skuId: '6', unitPriceSale: 10, count: 3 };
	await run({
		resource: 'opportunity',
		operation: 'update',
		customerOpportunityId: opportunity.customerOpportunityId,
		commodities: {
			product: [
				{
					...base,
					id: '77',
					banner: 'https://example.com/p.png',
					totalAmount: 30,
					totalAmountFinal: 28,
				},
				{ ...base, id: '', banner: '', totalAmount: 0, totalAmountFinal: 0 },
			],
		},
	});
	expect(t.sandbox.requests[0].json?.commodities).toEqual([
		{
			...base,
			spuId: 5,
			skuId: 6,
			id: '77',
			banner: 'https://example.com/p.png',
			totalAmount: 30,
			totalAmountFinal: 28,
		},
		{ ...base, spuId: 5, skuId: 6 },
	]);
});

test('Update: a stage Tanma does not know is the vendor error', async () => {
	const opportunity = t.sandbox.tenant.sales.customerOpportunities[0];
	const result = await run({
		resource: 'opportunity',
		operation: 'update',
		customerOpportunityId: opportunity.customerOpportunityId,
		updateFields: { stage: '1' },
	});
	expect(result.error?.message).toBe('Tanma error -1: 销售阶段不存在');
});

test('Update: a product without its SKU is refused by name before sending', async () => {
	const result = await run({
		resource: 'opportunity',
		operation: 'update',
		customerOpportunityId: '1',
		commodities: { product: [{ spuId: '5', unitPriceSale: 1, count: 1 }] },
	});
	expect(result.error?.message).toBe('"Product 1: SKU ID" must not be empty');
	expect(t.sandbox.requests).toHaveLength(0);
});
