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
import { asNodeError, failureText, tanmaFailureOf } from '../../transport/errors';
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

/** What Tanma said when it refused a read: the error's line, with the answer's words or the network's detail. */
function whatTanmaSaid(error: unknown): string {
	const failure = tanmaFailureOf(error);
	const text = failureText(error);
	if (failure?.kind === 'http' && failure.said) return `${text} (Tanma said: ${failure.said})`;
	if (failure?.kind === 'network') return `${text}: ${failure.detail}`;
	return text;
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

const valueOf = <T>(outcome: Outcome<T> | undefined) =>
	outcome && 'value' in outcome ? outcome.value : undefined;

/** A check's findings from its reads, or not checkable (with Tanma's answer) when one of them was refused. */
function settle(
	checks: ReadCheck[],
	reads: Array<Outcome<unknown> | undefined>,
	decide: () => Finding | Finding[],
): Finding[] {
	const done = reads.filter((read): read is Outcome<unknown> => read !== undefined);
	return refused(checks, done) ?? [decide()].flat();
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const shared: { credentials: ICredentialsDecrypted; pacer: ReadPacer; itemIndex: number } = {
		credentials: await loadTanmaCredentials.call(this),
		pacer: new ReadPacer(),
		itemIndex: i,
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
	const read = async (endpoint: EndpointName, body?: TanmaBody) =>
		await attempt(endpoint, async () =>
			tanmaApiRequest.call(this, ENDPOINTS[endpoint], body, shared),
		);
	const search = async (body: TanmaBody) =>
		await attempt('customerSearch', async () =>
			tanmaApiRequestAll.call(this, ENDPOINTS.customerSearch, body, {
				...shared,
				idOf: customerKey,
			}),
		);
	const findings: Finding[] = [];

	// Every customer, unfiltered: the ground truth each filter is held against.
	const firstPage = await read('customerSearch', { pageNo: 1, pageSize: PAGE_SIZE });
	const sentBefore = shared.pacer.sent;
	const all = await search({});
	const rows = valueOf(all);
	findings.push(
		...settle(['search.paging'], [firstPage, all], () =>
			checkSearchPaging(valueOf(firstPage), shared.pacer.sent - sentBefore, rows!.length),
		),
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
	const pair = rows && distinctTagPair(rows);
	if (rows) {
		findings.push(checkIds(rows), checkRowTags(rows), checkLastFollowTime(rows));
		const since = medianCreateTime(rows);
		const createdSince = since ? await search({ createTime: { start: since } }) : undefined;
		findings.push(
			...settle(['search.halfOpenCreateTime'], [createdSince], () =>
				checkHalfOpenRange(rows, since, valueOf(createdSince)),
			),
		);
		const window = followUpWindow(rows);
		const filtered = window ? await search({ qwLastFollowTypes: window }) : undefined;
		findings.push(
			...settle(['search.qwLastFollowTypes'], [filtered], () =>
				checkLastFollowFilter(rows, window, valueOf(filtered)),
			),
		);
		const eitherTag = pair ? await search({ conditions: allOf([tagCondition(pair)]) }) : undefined;
		findings.push(
			...settle(['search.tagOp6'], [eitherTag], () =>
				checkTagOperator(rows, pair, valueOf(eitherTag)),
			),
		);
	}

	// conditionOp is judged against the tenant's own answers for each condition alone, so op 6's meaning does not matter.
	const tree = pair ? undefined : await read('tagTree');
	const tags = pair ?? treeTags(valueOf(tree)).slice(0, 2);
	const conditionPair = tags.length === 2 ? (tags as [string, string]) : undefined;
	const conditionReads: Array<Outcome<IDataObject[]>> = [];
	if (conditionPair) {
		const [a, b] = conditionPair.map((tag) => tagCondition([tag]));
		for (const conditionItems of [[a], [b], [a, b]])
			conditionReads.push(await search({ conditions: allOf(conditionItems) }));
	}
	const [first, second, combined] = conditionReads.map(valueOf);
	findings.push(
		...settle(['search.conditionOp1'], [tree, ...conditionReads], () =>
			checkConditionOp(conditionPair, first, second, combined),
		),
	);

	const staffPage = await read('staffList', { pageNo: 1, pageSize: PAGE_SIZE });
	findings.push(
		...settle(['staff.paging', 'staff.name'], [staffPage], () =>
			checkStaffPage(valueOf(staffPage)),
		),
	);
	if (rows) {
		const staffRows = ((valueOf(staffPage) as IDataObject | null | undefined)?.result ??
			[]) as IDataObject[];
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
			...settle(['search.roleOwner'], [staffPage, owned], () =>
				checkOwnerRole(
					ownerStaff,
					ownerStaff ? (owners.get(ownerStaff.qwUserId) ?? 0) : 0,
					valueOf(owned),
				),
			),
		);
	}

	const config = await read('opportunityConfig');
	findings.push(
		...settle(['opportunity.stageKeys'], [config], () => checkOpportunityConfig(valueOf(config))),
	);

	return [...findings.map(described), ...notCheckable()].map((result) => ({ ...result }));
}
