import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { tanmaApiRequest, tanmaApiRequestAll, loadTanmaCredentials } from '../../transport';
import { ReadPacer } from '../../transport/concurrency';
import { ENDPOINTS } from '../../transport/endpoints';
import type { InferenceResult } from './inferences';
import {
	NOT_CHECKABLE,
	checkConditionOp,
	checkHalfOpenRange,
	checkIds,
	checkLastFollowFilter,
	checkLastFollowTime,
	checkOpportunityConfig,
	checkOwnerRole,
	checkRowTags,
	checkSearchPaging,
	checkStaffPage,
	checkTagOperator,
	customerKey,
	distinctTagPair,
	followUpWindow,
	medianCreateTime,
} from './inferences';

const properties: INodeProperties[] = [
	{
		displayName:
			'Reads (never writes) to test each thing the node infers about Tanma’s API on your tenant: search filter codes, paging, ID and tag shapes. One item per inference: confirmed, contradicted or not checkable, with the evidence and what the node does. Lists every customer once (one request per 100 customers).',
		name: 'tenantCheckNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['tenant'], operation: ['check'] } }, properties);

const PAGE_SIZE = 100;

/** A search's rows, every page (read in parallel). */
async function searchAll(ctx: IExecuteFunctions, body: IDataObject, shared: { credentials: Awaited<ReturnType<typeof loadTanmaCredentials>>; pacer: ReadPacer }, i: number) {
	return await tanmaApiRequestAll.call(ctx, ENDPOINTS.customerSearch, body, { ...shared, itemIndex: i, idOf: customerKey });
}

const tagCondition = (tags: string[]) => ({ name: 'tagIds', op: 6, values: tags.map(Number) });

/** Tag ids from the tag tree, for a tenant whose rows carry no readable tags. */
function treeTags(tree: unknown): string[] {
	const groups = Array.isArray(tree) ? (tree as IDataObject[]) : [];
	return groups.flatMap((g) => (Array.isArray(g.tags) ? (g.tags as IDataObject[]) : [])).map((t) => String(t.id)).filter((id) => /^\d+$/.test(id));
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const shared = { credentials: await loadTanmaCredentials.call(this), pacer: new ReadPacer() };
	const results: InferenceResult[] = [];

	// Every customer, unfiltered: the ground truth each filter is held against.
	const firstPage = await tanmaApiRequest.call(this, ENDPOINTS.customerSearch, { pageNo: 1, pageSize: PAGE_SIZE }, { ...shared, itemIndex: i });
	const sentBefore = shared.pacer.sent;
	const everyone = await searchAll(this, {}, shared, i);
	results.push(checkSearchPaging(firstPage, shared.pacer.sent - sentBefore, everyone.length));
	results.push(checkIds(everyone), checkRowTags(everyone), checkLastFollowTime(everyone));

	const since = medianCreateTime(everyone);
	const createdSince = since ? await searchAll(this, { createTime: { start: since } }, shared, i) : undefined;
	results.push(checkHalfOpenRange(everyone, since, createdSince));

	const window = followUpWindow(everyone);
	const filtered = window ? await searchAll(this, { qwLastFollowTypes: window }, shared, i) : undefined;
	results.push(checkLastFollowFilter(everyone, window, filtered));

	const pair = distinctTagPair(everyone);
	const eitherTag = pair ? await searchAll(this, { conditions: { conditionOp: 1, conditionItems: [tagCondition(pair)] } }, shared, i) : undefined;
	results.push(checkTagOperator(everyone, pair, eitherTag));

	// conditionOp is judged against the tenant's own answers for each condition alone, so op 6's meaning does not matter.
	const tags = pair ?? (treeTags(await tanmaApiRequest.call(this, ENDPOINTS.tagTree, undefined, { ...shared, itemIndex: i })).slice(0, 2) as [string, string]);
	const conditionPair = tags.length === 2 ? (tags as [string, string]) : undefined;
	let single: IDataObject[][] | undefined;
	let combined: IDataObject[] | undefined;
	if (conditionPair) {
		single = [
			await searchAll(this, { conditions: { conditionOp: 1, conditionItems: [tagCondition([conditionPair[0]])] } }, shared, i),
			await searchAll(this, { conditions: { conditionOp: 1, conditionItems: [tagCondition([conditionPair[1]])] } }, shared, i),
		];
		combined = await searchAll(this, { conditions: { conditionOp: 1, conditionItems: [tagCondition([conditionPair[0]]), tagCondition([conditionPair[1]])] } }, shared, i);
	}
	results.push(checkConditionOp(conditionPair, single?.[0], single?.[1], combined));

	const staffPage = await tanmaApiRequest.call(this, ENDPOINTS.staffList, { pageNo: 1, pageSize: PAGE_SIZE }, { ...shared, itemIndex: i });
	results.push(...checkStaffPage(staffPage));
	const staffRows = ((staffPage as IDataObject | null)?.result ?? []) as IDataObject[];
	const owners = new Map<string, number>();
	for (const row of everyone) if (typeof row.qwSalesId === 'string') owners.set(row.qwSalesId, (owners.get(row.qwSalesId) ?? 0) + 1);
	const owner = staffRows.find((s) => typeof s.qwUserId === 'string' && owners.has(s.qwUserId));
	const ownerStaff = owner ? { salesId: String(owner.salesId), qwUserId: String(owner.qwUserId) } : undefined;
	const owned = ownerStaff ? await searchAll(this, { salesIdList: [ownerStaff.salesId], role: 1 }, shared, i) : undefined;
	results.push(checkOwnerRole(ownerStaff, ownerStaff ? (owners.get(ownerStaff.qwUserId) ?? 0) : 0, owned));

	results.push(checkOpportunityConfig(await tanmaApiRequest.call(this, ENDPOINTS.opportunityConfig, undefined, { ...shared, itemIndex: i })));
	results.push(...NOT_CHECKABLE.map((item) => ({ ...item, status: 'not checkable' as const })));
	return results.map((result) => ({ ...result }));
}
