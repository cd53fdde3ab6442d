/**
 * Tenant → Tenant Check (nodes/Tanma/actions/tenant/): against sandbox tenants that read Tanma's unpublished codes
 * in each possible way (sandbox/readings.ts), every checkable inference is reported confirmed exactly when the
 * tenant reads it as the node does, contradicted otherwise; nothing is ever written.
 */
import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../../nodes/Tanma/transport/protocol/endpoints';
import type { TenantReadings } from '../../sandbox/readings';
import { NODE_READINGS, READING_VARIANTS } from '../../sandbox/readings';
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();

async function tenantCheck(
	readings: Partial<TenantReadings>,
): Promise<Record<string, IDataObject>> {
	t.sandbox.readings = { ...NODE_READINGS, ...readings };
	const result = await t.run({ resource: 'tenant', operation: 'check' });
	expect(result.error).toBeUndefined();
	const byCheck: Record<string, IDataObject> = {};
	for (const item of t.json(result)) byCheck[String(item.check)] = item;
	return byCheck;
}
const statusOf = (results: Record<string, IDataObject>) =>
	Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v.status]));

test('the node’s own readings: every checkable inference is confirmed, the writes are not checkable, nothing is written', async () => {
	const results = await tenantCheck({});
	expect(statusOf(results)).toEqual({
		'search.paging': 'confirmed',
		'ids.customerId': 'confirmed',
		'search.halfOpenCreateTime': 'confirmed',
		'search.rowTags': 'confirmed',
		'search.qwLastFollowTime': 'confirmed',
		'search.qwLastFollowTypes': 'confirmed',
		'search.tagOp6': 'confirmed',
		'search.conditionOp1': 'confirmed',
		'staff.paging': 'confirmed',
		'staff.name': 'confirmed',
		'search.roleOwner': 'confirmed',
		'opportunity.stageKeys': 'confirmed',
		'customer.transferTarget': 'not checkable',
		'order.goodsPlacement': 'not checkable',
		'order.tableOnlyFields': 'not checkable',
		'groupMessage.sendShapes': 'not checkable',
		'workOrder.followUsers': 'not checkable',
		'workOrder.moduleType': 'not checkable',
		'search.qwCustomerTime': 'not checkable',
		'search.creditCode': 'not checkable',
		'customer.highSeasSalesperson': 'not checkable',
		'opportunity.productFields': 'not checkable',
		'customer.importAliases': 'not checkable',
		'staff.deletedFilter': 'not checkable',
		'time.chinaStandardTime': 'not checkable',
	});
	for (const item of Object.values(results)) {
		expect(item).toEqual({
			check: expect.any(String),
			inference: expect.any(String),
			audit: expect.any(String),
			status: expect.any(String),
			evidence: expect.any(String),
			nodeDoes: expect.any(String),
		});
	}
	const reads = new Set([
		ENDPOINTS.customerSearch.path,
		ENDPOINTS.staffList.path,
		ENDPOINTS.opportunityConfig.path,
		ENDPOINTS.tagTree.path,
	]);
	expect(t.sandbox.requests.filter((r) => !reads.has(r.path))).toEqual([]);
	expect(t.sandbox.created).toEqual({});
});

test.each(
	READING_VARIANTS.lastFollowTypes
		.filter((v) => v !== NODE_READINGS.lastFollowTypes)
		.map((v) => [v]),
)(
	'qwLastFollowTypes read as %s: contradicted, with what was left out or let through',
	async (lastFollowTypes) => {
		const results = await tenantCheck({ lastFollowTypes });
		expect(results['search.qwLastFollowTypes'].status).toBe('contradicted');
		expect(results['search.qwLastFollowTypes'].evidence).toMatch(
			lastFollowTypes === 'ignored' ? /outside the window/ : /left out \d+/,
		);
		expect(results['search.tagOp6'].status).toBe('confirmed');
	},
);

test.each(
	READING_VARIANTS.tagOp6.flatMap((tagOp6) =>
		READING_VARIANTS.conditionOp1.map((conditionOp1) => [tagOp6, conditionOp1] as const),
	),
)(
	'op 6 read as %s, conditionOp 1 as %s: each reported on its own',
	async (tagOp6, conditionOp1) => {
		const results = await tenantCheck({ tagOp6, conditionOp1 });
		expect(results['search.tagOp6'].status).toBe(tagOp6 === 'anyOf' ? 'confirmed' : 'contradicted');
		if (tagOp6 !== 'anyOf')
			expect(results['search.tagOp6'].evidence).toMatch(
				tagOp6 === 'allOf' ? /matches "all of"/ : /matches "none of"/,
			);
		expect(results['search.conditionOp1'].status).toBe(
			conditionOp1 === 'and' ? 'confirmed' : 'contradicted',
		);
		expect(results['search.qwLastFollowTypes'].status).toBe('confirmed');
	},
);

test.each(READING_VARIANTS.rowTags.map((v) => [v]))('rows carry tags as %s', async (rowTags) => {
	const results = await tenantCheck({ rowTags });
	if (rowTags === 'absent') {
		expect(results['search.rowTags'].status).toBe('contradicted');
		expect(results['search.tagOp6'].status).toBe('not checkable');
		// The combination code needs no row tags: the tag tree gives two tags and Tanma's own answers are compared.
		expect(results['search.conditionOp1'].status).toBe('confirmed');
	} else {
		expect(statusOf(results)).toMatchObject({
			'search.rowTags': 'confirmed',
			'search.tagOp6': 'confirmed',
			'search.conditionOp1': 'confirmed',
		});
	}
});

test('a createTime with one bound that the tenant ignores: contradicted, and the node says to give both', async () => {
	const results = await tenantCheck({ halfOpenRange: 'ignored' });
	expect(results['search.halfOpenCreateTime']).toMatchObject({
		status: 'contradicted',
		nodeDoes: expect.stringMatching(/Give both Created After and Created Before/),
	});
});

test('a refused credential (1002) fails Tenant Check as a whole, as the credential test would: nothing can be checked', async () => {
	t.sandbox.addFault({
		kind: 'vendor',
		code: 1002,
		message: '签名错误',
		path: ENDPOINTS.customerSearch.path,
	});
	const result = await t.run({ resource: 'tenant', operation: 'check' });
	expect(result.error?.message).toMatch(/1002/);
});

describe('a tenant that refuses one endpoint: the checks that need it are not checkable, with Tanma’s answer; every other check runs', () => {
	const confirmedOnNodeReadings = async () => statusOf(await tenantCheck({}));

	test('the opportunity config refused with a code (an edition without opportunities)', async () => {
		const expected = await confirmedOnNodeReadings();
		t.sandbox.addFault({
			kind: 'vendor',
			code: 1008,
			message: '当前版本不支持该功能',
			path: ENDPOINTS.opportunityConfig.path,
			times: 100,
		});
		const results = await tenantCheck({});
		expect(statusOf(results)).toEqual({ ...expected, 'opportunity.stageKeys': 'not checkable' });
		expect(results['opportunity.stageKeys']).toMatchObject({
			evidence: `Tanma refused ${ENDPOINTS.opportunityConfig.path}: Tanma error 1008: 当前版本不支持该功能`,
			nodeDoes: expect.stringMatching(
				/^The Stage dropdown is empty; an id can be typed\. Tanma refused a read this check needs: .*edition or this app’s permissions/,
			),
		});
	});

	test('the customer search refused with HTTP 403: every search check not checkable; staff and opportunity checks still run', async () => {
		const expected = await confirmedOnNodeReadings();
		t.sandbox.addFault({
			kind: 'http',
			status: 403,
			body: 'app not authorized for this api',
			path: ENDPOINTS.customerSearch.path,
			times: 100,
		});
		const results = await tenantCheck({});
		const searchChecks = Object.keys(expected).filter(
			(check) => /^(search|ids)\./.test(check) && expected[check] === 'confirmed',
		);
		expect(searchChecks).toHaveLength(9);
		for (const check of searchChecks) {
			expect(results[check]).toMatchObject({
				status: 'not checkable',
				evidence: `Tanma refused ${ENDPOINTS.customerSearch.path}: Tanma answered HTTP 403 (Tanma said: app not authorized for this api)`,
			});
		}
		expect(statusOf(results)).toMatchObject({
			'staff.paging': 'confirmed',
			'staff.name': 'confirmed',
			'opportunity.stageKeys': 'confirmed',
		});
	});

	test('the staff list that never answers (the connection dropped on every try): staff checks not checkable, the rest confirmed', async () => {
		const expected = await confirmedOnNodeReadings();
		t.sandbox.addFault({ kind: 'reset', path: ENDPOINTS.staffList.path, times: 100 });
		const results = await tenantCheck({});
		expect(statusOf(results)).toEqual({
			...expected,
			'staff.paging': 'not checkable',
			'staff.name': 'not checkable',
			'search.roleOwner': 'not checkable',
		});
		// The evidence keeps what happened to the request and the network detail.
		expect(results['staff.paging'].evidence).toMatch(
			new RegExp(
				`^Tanma refused ${ENDPOINTS.staffList.path}: Tanma did not answer \\(ECONNRESET\\).*socket hang up`,
			),
		);
	});
});
