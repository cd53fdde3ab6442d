import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { allOf, customerKey, tagConditions } from '../../helpers/customerSearch';
import { tanmaApiRequest, tanmaApiRequestAll, loadTanmaCredentials } from '../../transport';
import { ReadPacer } from '../../transport/concurrency';
import { asNodeError, tanmaFailureOf } from '../../transport/errors';
import type { EndpointName } from '../../transport/protocol/endpoints';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import type { TanmaBody } from '../../transport/protocol/json';
import { parseIntegerId } from '../../transport/protocol/json';
import {
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
	distinctTagPair,
	followUpWindow,
	medianCreateTime,
} from './inferences';
import type { Finding, ReadCheck } from './wording';
import { described, notCheckable, REFUSED } from './wording';

const properties: INodeProperties[] = [
	{
		displayName:
			'Reads (never writes) to test each thing the node infers about Tanma’s API on your tenant: search filter codes, paging, ID and tag shapes. One item per inference: confirmed, contradicted or not checkable, with the evidence and what the node does. A read Tanma refuses (say, an endpoint your edition lacks) makes the checks that need it not checkable, with Tanma’s answer. Lists every customer once (one request per 100 customers).',
		name: 'tenantCheckNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['tenant'], operation: ['check'] } },
	properties,
);

const PAGE_SIZE = 100;

/** Vendor codes that refuse the credential itself: no check can run, so Tenant Check fails as the credential test would. */
const CREDENTIAL_CODES = new Set(['1002', '1003']);

/** A read's outcome: its value, or what Tanma answered when it refused (an error code, an HTTP error, a timeout). */
type Outcome<T> = { value: T } | { refused: string };

/** Tag ids read from rows are digit text (inferences.ts); sent exact, as Search sends them. */
const tagCondition = (tags: string[]) =>
	tagConditions(
		tags.map((tag) => parseIntegerId(tag)!),
		'any',
	)[0];

/** What Tanma said when it refused a read, from the error's typed failure (transport/errors.ts). */
function whatTanmaSaid(error: unknown): string {
	const failure = tanmaFailureOf(error);
	switch (failure?.kind) {
		case 'vendor':
			return `Tanma error ${failure.code}: ${failure.message || 'no message'}`;
		case 'http':
			return `Tanma answered HTTP ${failure.status}${failure.said ? ` (Tanma said: ${failure.said})` : ''}`;
		case 'network':
			return `Tanma did not answer (${failure.code ?? 'network error'}): ${failure.detail}`;
		case 'malformed':
			return 'Tanma’s answer is not a Tanma JSON envelope';
		default:
			return (error as Error)?.message ?? String(error);
	}
}

/** Tag ids from the tag tree, for a tenant whose rows carry no readable tags. */
function treeTags(tree: unknown): string[] {
	const groups = Array.isArray(tree) ? (tree as IDataObject[]) : [];
	return groups
		.flatMap((g) => (Array.isArray(g.tags) ? (g.tags as IDataObject[]) : []))
		.map((t) => String(t.id))
		.filter((id) => /^\d+$/.test(id));
}

/** The checks that need a refused read: not checkable, with Tanma's answer as the evidence. */
function refused(checks: ReadCheck[], outcomes: Array<Outcome<unknown>>): Finding[] | undefined {
	const refusal = outcomes.find((o): o is { refused: string } => 'refused' in o);
	return (
		refusal &&
		checks.map((check) => ({
			check,
			status: 'not checkable',
			evidence: refusal.refused,
			does: REFUSED,
		}))
	);
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const shared: { credentials: ICredentialsDecrypted; pacer: ReadPacer } = {
		credentials: await loadTanmaCredentials.call(this),
		pacer: new ReadPacer(),
	};
	const attempt = async <T>(
		endpoint: EndpointName,
		read: () => Promise<T>,
	): Promise<Outcome<T>> => {
		try {
			return { value: await read() };
		} catch (error) {
			const failure = tanmaFailureOf(error);
			if (failure?.kind === 'vendor' && CREDENTIAL_CODES.has(failure.code))
				throw asNodeError(this.getNode(), error, i);
			return { refused: `Tanma refused ${ENDPOINTS[endpoint].path}: ${whatTanmaSaid(error)}` };
		}
	};
	const search = (body: TanmaBody) =>
		attempt(
			'customerSearch',
			async () =>
				await tanmaApiRequestAll.call(this, ENDPOINTS.customerSearch, body, {
					...shared,
					itemIndex: i,
					idOf: customerKey,
				}),
		);
	const findings: Finding[] = [];

	// Every customer, unfiltered: the ground truth each filter is held against.
	const firstPage = await attempt(
		'customerSearch',
		async () =>
			await tanmaApiRequest.call(
				this,
				ENDPOINTS.customerSearch,
				{ pageNo: 1, pageSize: PAGE_SIZE },
				{ ...shared, itemIndex: i },
			),
	);
	const sentBefore = shared.pacer.sent;
	const all = await search({});
	const rows = 'value' in all ? all.value : undefined;
	findings.push(
		...(refused(['search.paging'], [firstPage, all]) ?? [
			checkSearchPaging(
				'value' in firstPage ? firstPage.value : undefined,
				shared.pacer.sent - sentBefore,
				rows!.length,
			),
		]),
		...(refused(
			[
				'ids.customerId',
				'search.rowTags',
				'search.qwLastFollowTime',
				'search.halfOpenCreateTime',
				'search.qwLastFollowTypes',
				'search.tagOp6',
				'search.roleOwner',
			],
			[all],
		) ?? []),
	);
	if (rows) {
		findings.push(checkIds(rows), checkRowTags(rows), checkLastFollowTime(rows));
		const since = medianCreateTime(rows);
		const createdSince = since ? await search({ createTime: { start: since } }) : undefined;
		findings.push(
			...(refused(['search.halfOpenCreateTime'], createdSince ? [createdSince] : []) ?? [
				checkHalfOpenRange(
					rows,
					since,
					createdSince && 'value' in createdSince ? createdSince.value : undefined,
				),
			]),
		);

		const window = followUpWindow(rows);
		const filtered = window ? await search({ qwLastFollowTypes: window }) : undefined;
		findings.push(
			...(refused(['search.qwLastFollowTypes'], filtered ? [filtered] : []) ?? [
				checkLastFollowFilter(
					rows,
					window,
					filtered && 'value' in filtered ? filtered.value : undefined,
				),
			]),
		);

		const pair = distinctTagPair(rows);
		const eitherTag = pair ? await search({ conditions: allOf([tagCondition(pair)]) }) : undefined;
		findings.push(
			...(refused(['search.tagOp6'], eitherTag ? [eitherTag] : []) ?? [
				checkTagOperator(
					rows,
					pair,
					eitherTag && 'value' in eitherTag ? eitherTag.value : undefined,
				),
			]),
		);
	}

	// conditionOp is judged against the tenant's own answers for each condition alone, so op 6's meaning does not matter.
	const pairFromRows = rows ? distinctTagPair(rows) : undefined;
	const tree = pairFromRows
		? undefined
		: await attempt(
				'tagTree',
				async () =>
					await tanmaApiRequest.call(this, ENDPOINTS.tagTree, undefined, {
						...shared,
						itemIndex: i,
					}),
			);
	const tags = pairFromRows ?? (tree && 'value' in tree ? treeTags(tree.value).slice(0, 2) : []);
	const conditionPair = tags.length === 2 ? (tags as [string, string]) : undefined;
	const conditionReads: Array<Outcome<IDataObject[]>> = [];
	if (conditionPair) {
		for (const conditionItems of [
			[tagCondition([conditionPair[0]])],
			[tagCondition([conditionPair[1]])],
			[tagCondition([conditionPair[0]]), tagCondition([conditionPair[1]])],
		]) {
			conditionReads.push(await search({ conditions: allOf(conditionItems) }));
		}
	}
	const [first, second, combined] = conditionReads.map((o) => ('value' in o ? o.value : undefined));
	findings.push(
		...(refused(['search.conditionOp1'], [...(tree ? [tree] : []), ...conditionReads]) ?? [
			checkConditionOp(conditionPair, first, second, combined),
		]),
	);

	const staffPage = await attempt(
		'staffList',
		async () =>
			await tanmaApiRequest.call(
				this,
				ENDPOINTS.staffList,
				{ pageNo: 1, pageSize: PAGE_SIZE },
				{ ...shared, itemIndex: i },
			),
	);
	findings.push(
		...(refused(['staff.paging', 'staff.name'], [staffPage]) ??
			checkStaffPage('value' in staffPage ? staffPage.value : undefined)),
	);
	if (rows) {
		const staffRows = (('value' in staffPage
			? (staffPage.value as IDataObject | null)?.result
			: undefined) ?? []) as IDataObject[];
		const owners = new Map<string, number>();
		for (const row of rows)
			if (typeof row.qwSalesId === 'string')
				owners.set(row.qwSalesId, (owners.get(row.qwSalesId) ?? 0) + 1);
		const owner = staffRows.find((s) => typeof s.qwUserId === 'string' && owners.has(s.qwUserId));
		const ownerStaff = owner
			? { salesId: String(owner.salesId), qwUserId: String(owner.qwUserId) }
			: undefined;
		const owned = ownerStaff
			? await search({ salesIdList: [ownerStaff.salesId], role: 1 })
			: undefined;
		findings.push(
			...(refused(['search.roleOwner'], [staffPage, ...(owned ? [owned] : [])]) ?? [
				checkOwnerRole(
					ownerStaff,
					ownerStaff ? (owners.get(ownerStaff.qwUserId) ?? 0) : 0,
					owned && 'value' in owned ? owned.value : undefined,
				),
			]),
		);
	}

	const config = await attempt(
		'opportunityConfig',
		async () =>
			await tanmaApiRequest.call(this, ENDPOINTS.opportunityConfig, undefined, {
				...shared,
				itemIndex: i,
			}),
	);
	findings.push(
		...(refused(['opportunity.stageKeys'], [config]) ?? [
			checkOpportunityConfig('value' in config ? config.value : undefined),
		]),
	);

	return [...findings.map(described), ...notCheckable()].map((result) => ({ ...result }));
}
