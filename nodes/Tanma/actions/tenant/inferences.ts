/**
 * What Tenant Check concludes from Tanma's answers, as pure functions: each takes what was read and says whether
 * the node's reading of an unpublished code, field or shape holds on this tenant. The audit items (A…, G…) are
 * those of docs/table-vs-example.md.
 */
import type { IDataObject } from 'n8n-workflow';

import { rowLastFollowMs, rowTagIds } from '../../helpers/searchAnswers';
import { formatTanmaTime, parseTanmaTime } from '../../transport/time';

export type InferenceStatus = 'confirmed' | 'contradicted' | 'not checkable';

export interface InferenceResult {
	/** Stable name of the inference, for workflows that act on the result. */
	check: string;
	/** What the node assumes, in a sentence. */
	inference: string;
	/** The audit item it answers (docs/table-vs-example.md). */
	audit: string;
	status: InferenceStatus;
	/** What Tanma answered that settles it (or why nothing can). */
	evidence: string;
	/** What the node does, given this status. */
	nodeDoes: string;
}

/** A customer's identity in a search answer. */
export const customerKey = (row: IDataObject) => String(row.customerId ?? row.externalUserId ?? '');

const sample = (ids: Iterable<string>, n = 3) => [...ids].slice(0, n).join(', ');
const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

export function checkRowTags(rows: IDataObject[]): InferenceResult {
	const base = { check: 'search.rowTags', inference: 'Search rows carry each customer’s tags under "tags" (ids as numbers, text or {id}/{tagId})', audit: 'A4' };
	if (!rows.length) return { ...base, status: 'not checkable', evidence: 'the tenant has no customers', nodeDoes: 'Search checks Tags on every row it can read.' };
	const readable = rows.filter((row) => rowTagIds(row) !== undefined).length;
	if (readable === rows.length) {
		return { ...base, status: 'confirmed', evidence: `all ${rows.length} rows carry readable tags`, nodeDoes: 'Search checks every row against the Tags filter.' };
	}
	const shown = rows.find((row) => rowTagIds(row) === undefined);
	return {
		...base,
		status: 'contradicted',
		evidence: `${rows.length - readable} of ${rows.length} rows carry no readable tags, e.g. tags = ${JSON.stringify(shown?.tags ?? null)}`,
		nodeDoes: 'Search cannot check the Tags filter on those rows and says so once per run.',
	};
}

export function checkLastFollowTime(rows: IDataObject[]): InferenceResult {
	const base = { check: 'search.qwLastFollowTime', inference: 'Search rows carry the last follow-up time as "qwLastFollowTime" (yyyy-MM-dd HH:mm:ss, China time)', audit: 'A3' };
	const present = rows.filter((row) => row.qwLastFollowTime !== undefined && row.qwLastFollowTime !== null && row.qwLastFollowTime !== '');
	if (!present.length) {
		return {
			...base,
			status: rows.length ? 'contradicted' : 'not checkable',
			evidence: rows.length ? `none of ${rows.length} rows has a qwLastFollowTime` : 'the tenant has no customers',
			nodeDoes: 'The trigger’s filter check reads every customer at each check; Search cannot check Last Follow-Up.',
		};
	}
	const unreadable = present.filter((row) => rowLastFollowMs(row) === undefined);
	if (unreadable.length) {
		return { ...base, status: 'contradicted', evidence: `${unreadable.length} times are not Tanma times, e.g. ${JSON.stringify(unreadable[0].qwLastFollowTime)}`, nodeDoes: 'Those rows count as not checkable.' };
	}
	return { ...base, status: 'confirmed', evidence: `${present.length} of ${rows.length} rows have a readable qwLastFollowTime`, nodeDoes: 'The trigger and Search check rows against it.' };
}

/**
 * A window holding some customers' last follow-ups and not others, about the middle third of the times seen. Rows
 * show whole seconds while Tanma may keep milliseconds, so the end is a second past a row's time with no row in
 * that second: no customer sits on a bound.
 */
export function followUpWindow(rows: IDataObject[]): { start: string; end: string } | undefined {
	const times = [...new Set(rows.map((row) => row.qwLastFollowTime).filter((t): t is string => typeof t === 'string' && parseTanmaTime(t) !== undefined))].sort();
	if (times.length < 3) return undefined;
	const start = times[Math.floor(times.length / 3)];
	for (let k = Math.floor((2 * times.length) / 3); k < times.length - 1; k++) {
		const end = formatTanmaTime(parseTanmaTime(times[k])! + 1000);
		if (end < times[k + 1]) return { start, end };
	}
	return undefined;
}

export function checkLastFollowFilter(everyone: IDataObject[], window: { start: string; end: string } | undefined, filtered: IDataObject[] | undefined): InferenceResult {
	const base = { check: 'search.qwLastFollowTypes', inference: 'Search field qwLastFollowTypes {start, end} (seen only in Tanma’s example) filters by last follow-up time', audit: 'A3' };
	if (!window || !filtered) {
		return { ...base, status: 'not checkable', evidence: 'fewer than three customers have a readable last follow-up time', nodeDoes: 'The trigger still checks the filter by searching without it.' };
	}
	const inWindow = (row: IDataObject) => typeof row.qwLastFollowTime === 'string' && row.qwLastFollowTime >= window.start && row.qwLastFollowTime <= window.end;
	const expected = new Set(everyone.filter(inWindow).map(customerKey));
	const got = new Set(filtered.map(customerKey));
	const leftOut = [...expected].filter((id) => !got.has(id));
	const outside = filtered.filter((row) => !inWindow(row)).map(customerKey);
	const asked = `asked ${window.start} – ${window.end}: ${expected.size} customers were last followed up then; the filtered search returned ${got.size}`;
	if (!leftOut.length && !outside.length) {
		return { ...base, status: 'confirmed', evidence: asked, nodeDoes: 'The trigger uses the filter and checks it at most hourly (Filter Check Interval).' };
	}
	return {
		...base,
		status: 'contradicted',
		evidence: `${asked}${leftOut.length ? `; left out ${leftOut.length} (e.g. ${sample(leftOut)})` : ''}${outside.length ? `; ${outside.length} outside the window (e.g. ${sample(outside)})` : ''}`,
		nodeDoes: leftOut.length
			? 'The trigger finds the left-out customers at its first check, emits their follow-ups and stops using the filter; Search with Last Follow-Up cannot see who was left out: filter on qwLastFollowTime in the workflow.'
			: 'The filter does not narrow the list: the trigger reads more customers than needed but misses none; Search with Last Follow-Up fails its items (the rows contradict the filter).',
	};
}

/** Two tags held by different sets of customers (each by some, neither by all of the other's), from the rows. */
export function distinctTagPair(rows: IDataObject[]): [string, string] | undefined {
	const holders = new Map<string, Set<string>>();
	for (const row of rows) for (const tag of rowTagIds(row) ?? []) holders.set(tag, (holders.get(tag) ?? new Set()).add(customerKey(row)));
	const byCount = [...holders.entries()].sort((a, b) => b[1].size - a[1].size);
	for (let i = 0; i < byCount.length; i++) {
		for (let j = i + 1; j < byCount.length; j++) {
			const [a, sa] = byCount[i];
			const [b, sb] = byCount[j];
			if ([...sa].some((x) => !sb.has(x)) && [...sb].some((x) => !sa.has(x))) return [a, b];
		}
	}
	return undefined;
}

export function checkTagOperator(everyone: IDataObject[], pair: [string, string] | undefined, answered: IDataObject[] | undefined): InferenceResult {
	const base = { check: 'search.tagOp6', inference: 'Tag condition op 6 (from Tanma’s example; codes unpublished) means "has any of these tags"', audit: 'A4' };
	if (!pair || !answered) {
		return { ...base, status: 'not checkable', evidence: 'no two tags held by different customers can be read from the rows', nodeDoes: 'Search still checks each row it can read against Tags.' };
	}
	const has = (row: IDataObject, tag: string) => (rowTagIds(row) ?? []).includes(tag);
	const any = new Set(everyone.filter((r) => has(r, pair[0]) || has(r, pair[1])).map(customerKey));
	const all = new Set(everyone.filter((r) => has(r, pair[0]) && has(r, pair[1])).map(customerKey));
	const none = new Set(everyone.filter((r) => !has(r, pair[0]) && !has(r, pair[1])).map(customerKey));
	const got = new Set(answered.map(customerKey));
	const asked = `op 6 with tags ${pair.join(' and ')}: ${got.size} customers returned; ${any.size} hold either, ${all.size} both, ${none.size} neither`;
	if (sameSet(got, any)) return { ...base, status: 'confirmed', evidence: `${asked}: "any of"`, nodeDoes: 'Tag Match Any and All are sent as built today.' };
	const reading = sameSet(got, all) ? '"all of"' : sameSet(got, none) ? '"none of"' : 'none of any / all / none';
	return {
		...base,
		status: 'contradicted',
		evidence: `${asked}: the answer matches ${reading}`,
		nodeDoes: 'Search fails items whose rows contradict the Tags filter; write the condition in Conditions (JSON) with this tenant’s code.',
	};
}

export function checkConditionOp(pair: [string, string] | undefined, first: IDataObject[] | undefined, second: IDataObject[] | undefined, both: IDataObject[] | undefined): InferenceResult {
	const base = { check: 'search.conditionOp1', inference: 'conditionOp 1 (from Tanma’s example; codes unpublished) means every condition must hold', audit: 'A4' };
	if (!pair || !first || !second || !both) return { ...base, status: 'not checkable', evidence: 'the tenant has fewer than two tags', nodeDoes: 'Tag Match All is sent as one condition per tag under conditionOp 1.' };
	const a = new Set(first.map(customerKey));
	const b = new Set(second.map(customerKey));
	const and = new Set([...a].filter((x) => b.has(x)));
	const or = new Set([...a, ...b]);
	const got = new Set(both.map(customerKey));
	const asked = `tag ${pair[0]} alone: ${a.size}; tag ${pair[1]} alone: ${b.size}; both conditions under conditionOp 1: ${got.size} (and: ${and.size}, or: ${or.size})`;
	if (sameSet(and, or)) return { ...base, status: 'not checkable', evidence: `${asked}: and and or give the same customers here`, nodeDoes: 'Tag Match All is sent as one condition per tag under conditionOp 1.' };
	if (sameSet(got, and)) return { ...base, status: 'confirmed', evidence: `${asked}: "and"`, nodeDoes: 'Tag Match All and typed conditions beside Tags combine as "every condition".' };
	return {
		...base,
		status: 'contradicted',
		evidence: `${asked}: ${sameSet(got, or) ? '"or"' : 'neither and nor or'}`,
		nodeDoes: 'Search fails items whose rows contradict Tag Match All; use Conditions (JSON) with this tenant’s code.',
	};
}

export function checkIds(rows: IDataObject[]): InferenceResult {
	const base = { check: 'ids.customerId', inference: 'Customer ids are integers, possibly beyond 2^53 (kept exact as text or bigint)', audit: '—' };
	if (!rows.length) return { ...base, status: 'not checkable', evidence: 'the tenant has no customers', nodeDoes: 'Ids are parsed without rounding.' };
	const bad = rows.filter((row) => !/^\d+$/.test(String(row.customerId ?? '')));
	if (bad.length) return { ...base, status: 'contradicted', evidence: `${bad.length} rows have a customerId that is not an integer, e.g. ${JSON.stringify(bad[0].customerId ?? null)}`, nodeDoes: 'Such ids are passed on as Tanma sent them.' };
	const big = rows.filter((row) => BigInt(String(row.customerId)) > BigInt(Number.MAX_SAFE_INTEGER)).length;
	return { ...base, status: 'confirmed', evidence: `all ${rows.length} customerIds are integers; ${big} beyond 2^53`, nodeDoes: 'Ids are kept exact end to end.' };
}

export function checkSearchPaging(firstPage: unknown, pagesRead: number, rows: number): InferenceResult {
	const base = { check: 'search.paging', inference: 'Search pages answer {totalPage, data: [...]} for pageNo / pageSize', audit: 'A11' };
	const page = firstPage as IDataObject | null;
	if (!page || typeof page !== 'object' || !Array.isArray(page.data)) {
		return { ...base, status: 'contradicted', evidence: `the first page has keys ${JSON.stringify(page && typeof page === 'object' ? Object.keys(page) : page)}`, nodeDoes: 'Return All stops after the first page it cannot read.' };
	}
	const totalPage = Number(page.totalPage);
	if (!Number.isInteger(totalPage)) return { ...base, status: 'contradicted', evidence: 'no integer totalPage on the first page', nodeDoes: 'Return All reads until a short page.' };
	const consistent = totalPage === pagesRead || (rows === 0 && totalPage <= 1);
	return {
		...base,
		status: consistent ? 'confirmed' : 'contradicted',
		evidence: `totalPage ${totalPage}; ${pagesRead} pages read, ${rows} rows`,
		nodeDoes: consistent ? 'Return All reads pages in parallel up to totalPage.' : 'Return All stops at totalPage; rows past it would be missed.',
	};
}

export function checkStaffPage(page: unknown): InferenceResult[] {
	const answer = page as IDataObject | null;
	const rows = answer && Array.isArray(answer.result) ? (answer.result as IDataObject[]) : undefined;
	const paging: InferenceResult = {
		check: 'staff.paging',
		inference: 'Staff pages answer {pageNo, pageSize, totalCount, result: [...]}; totalPage is read when present',
		audit: 'A11',
		status: rows ? 'confirmed' : 'contradicted',
		evidence: `the first page has keys ${JSON.stringify(answer && typeof answer === 'object' ? Object.keys(answer) : answer)}`,
		nodeDoes: rows ? 'Paging uses totalPage, else totalCount, else a short page.' : 'Staff lists and dropdowns come out empty.',
	};
	const named = rows?.filter((row) => typeof row.name === 'string' && row.name !== '').length ?? 0;
	const names: InferenceResult = {
		check: 'staff.name',
		inference: 'Staff rows carry the staff member’s name as "name" (the page names only salesId)',
		audit: 'A12',
		status: !rows?.length ? 'not checkable' : named === rows.length ? 'confirmed' : 'contradicted',
		evidence: rows?.length ? `${named} of ${rows.length} rows have a name` : 'no staff rows',
		nodeDoes: named === rows?.length ? 'Staff dropdowns show names.' : 'Staff dropdowns fall back to the id as the label.',
	};
	return [paging, names];
}

export function checkOpportunityConfig(config: unknown): InferenceResult {
	const base = { check: 'opportunity.stageKeys', inference: 'Opportunity stages carry stageId/stageName (or id, stateName, name)', audit: 'A12' };
	const types = Array.isArray(config) ? (config as IDataObject[]) : [];
	const stages = types.flatMap((type) => (Array.isArray(type.stages) ? (type.stages as IDataObject[]) : []));
	if (!stages.length) return { ...base, status: 'not checkable', evidence: 'no opportunity stages configured', nodeDoes: 'The Stage dropdown is empty; an id can be typed.' };
	const readable = stages.filter((s) => (s.stageId ?? s.id) !== undefined && typeof (s.stageName ?? s.stateName ?? s.name) === 'string').length;
	return {
		...base,
		status: readable === stages.length ? 'confirmed' : 'contradicted',
		evidence: `${readable} of ${stages.length} stages have an id and a name under those keys; keys seen: ${JSON.stringify(Object.keys(stages[0]))}`,
		nodeDoes: readable === stages.length ? 'The Stage dropdown shows stage names.' : 'Stage labels fall back to the id.',
	};
}

export function checkOwnerRole(staff: { salesId: string; qwUserId: string } | undefined, expectedOwned: number, answered: IDataObject[] | undefined): InferenceResult {
	const base = { check: 'search.roleOwner', inference: 'Search "role" sent as the number 1 (Tanma’s example; its table says string) selects the staff member’s own customers', audit: 'A9' };
	if (!staff || !answered) return { ...base, status: 'not checkable', evidence: 'no staff member with a WeCom id owns a customer here', nodeDoes: 'Role is sent as a number.' };
	const foreign = answered.filter((row) => row.qwSalesId !== staff.qwUserId);
	const ok = !foreign.length && answered.length === expectedOwned;
	return {
		...base,
		status: ok ? 'confirmed' : 'contradicted',
		evidence: `staff ${staff.salesId} (${staff.qwUserId}) owns ${expectedOwned} customers; role 1 returned ${answered.length}, ${foreign.length} owned by others`,
		nodeDoes: ok ? 'Role Owner / Collaborator are sent as numbers.' : 'Search with Staff may return the wrong customers: filter on qwSalesId in the workflow.',
	};
}

/** A search with Created After alone (createTime {start}; every vendor example gives both bounds). */
export function checkHalfOpenRange(everyone: IDataObject[], start: string | undefined, answered: IDataObject[] | undefined): InferenceResult {
	const base = { check: 'search.halfOpenCreateTime', inference: 'Search createTime with only a start bound (every example gives both) is honoured', audit: 'A15' };
	if (!start || !answered) return { ...base, status: 'not checkable', evidence: 'fewer than two customers have a creation time', nodeDoes: 'Created After or Before alone is sent as one bound.' };
	const expected = new Set(everyone.filter((row) => typeof row.createTime === 'string' && row.createTime >= start).map(customerKey));
	const got = new Set(answered.map(customerKey));
	const ok = sameSet(expected, got);
	return {
		...base,
		status: ok ? 'confirmed' : 'contradicted',
		evidence: `createTime {start: ${start}}: ${expected.size} customers were created since, ${got.size} returned`,
		nodeDoes: ok ? 'Created After or Before alone is sent as one bound.' : 'Give both Created After and Created Before: a single bound is not read as the node means it.',
	};
}

/** A creation time some customers have reached and others not: the median one. */
export function medianCreateTime(rows: IDataObject[]): string | undefined {
	const times = rows.map((row) => row.createTime).filter((t): t is string => typeof t === 'string' && parseTanmaTime(t) !== undefined).sort();
	return times.length < 2 ? undefined : times[Math.floor(times.length / 2)];
}

/** Inferences an answer cannot settle: a write, or nothing in any answer shows them. Tenant Check never writes. */
export const NOT_CHECKABLE: ReadonlyArray<Omit<InferenceResult, 'status'>> = [
	{ check: 'customer.transferTarget', audit: 'A1', inference: 'Customer → Transfer’s new owner (handoverToUserid) is a WeCom user id, as Tanma’s only page on it shows', evidence: 'a transfer is a write', nodeDoes: 'Sends the WeCom user id of the chosen staff member.' },
	{ check: 'order.goodsPlacement', audit: 'A5', inference: 'Order import sends goods beside order (the example), not inside it (the table)', evidence: 'an import is a write', nodeDoes: 'Follows the example; the order answer does not echo the goods.' },
	{ check: 'groupMessage.sendShapes', audit: 'A6', inference: 'Mass-send task: users as text ids, sendType as a number, sendData as a list (the table)', evidence: 'creating a task is a write', nodeDoes: 'Follows the table (docs/table-vs-example.md).' },
	{ check: 'workOrder.followUsers', audit: 'A8', inference: 'Work order followUsers is a list (the example), not an object (the table)', evidence: 'creating a work order is a write', nodeDoes: 'Follows the example.' },
	{ check: 'customer.importAliases', audit: 'A10', inference: 'Import field aliases are the customer fields’ outerField mappings', evidence: 'an import is a write', nodeDoes: 'Offers them in the list; any alias can be typed.' },
	{ check: 'staff.deletedFilter', audit: 'A14', inference: 'Leaving out "deleted" lists deleted staff too', evidence: 'staff rows carry no deleted flag to tell', nodeDoes: 'Include Deleted Staff leaves the field out.' },
	{ check: 'time.chinaStandardTime', audit: '—', inference: 'Tanma times without a zone are China Standard Time (UTC+8)', evidence: 'no answer carries a zone or a server clock', nodeDoes: 'Reads and writes times as UTC+8.' },
];
