/**
 * How Tenant Check decides, as pure functions: each takes what was read and says whether the node's reading of an
 * unpublished code, field or shape holds on this tenant. What it says about that is in ./wording.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import { customerKey, rowLastFollowMs, rowTagIds } from '../../helpers/customerSearch';
import { formatTanmaTime, parseTanmaTime } from '../../transport/protocol/time';
import type { Finding } from './wording';

const sample = (ids: Iterable<string>, n = 3) => [...ids].slice(0, n).join(', ');
const sameSet = (a: Set<string>, b: Set<string>) =>
	a.size === b.size && [...a].every((x) => b.has(x));

export function checkRowTags(rows: IDataObject[]): Finding {
	const check = 'search.rowTags';
	if (!rows.length)
		return { check, status: 'not checkable', evidence: 'the tenant has no customers' };
	const readable = rows.filter((row) => rowTagIds(row) !== undefined).length;
	if (readable === rows.length)
		return { check, status: 'confirmed', evidence: `all ${rows.length} rows carry readable tags` };
	const shown = rows.find((row) => rowTagIds(row) === undefined);
	return {
		check,
		status: 'contradicted',
		evidence: `${rows.length - readable} of ${rows.length} rows carry no readable tags, e.g. tags = ${JSON.stringify(shown?.tags ?? null)}`,
	};
}

export function checkLastFollowTime(rows: IDataObject[]): Finding {
	const check = 'search.qwLastFollowTime';
	const present = rows.filter(
		(row) =>
			row.qwLastFollowTime !== undefined &&
			row.qwLastFollowTime !== null &&
			row.qwLastFollowTime !== '',
	);
	if (!present.length) {
		return rows.length
			? {
					check,
					status: 'contradicted',
					evidence: `none of ${rows.length} rows has a qwLastFollowTime`,
				}
			: { check, status: 'not checkable', evidence: 'the tenant has no customers' };
	}
	const unreadable = present.filter((row) => rowLastFollowMs(row) === undefined);
	if (unreadable.length) {
		return {
			check,
			status: 'contradicted',
			evidence: `${unreadable.length} times are not Tanma times, e.g. ${JSON.stringify(unreadable[0].qwLastFollowTime)}`,
			does: 'unreadable',
		};
	}
	return {
		check,
		status: 'confirmed',
		evidence: `${present.length} of ${rows.length} rows have a readable qwLastFollowTime`,
	};
}

/**
 * A window holding some customers' last follow-ups and not others, about the middle third of the times seen. Rows
 * show whole seconds while Tanma may keep milliseconds, so the end is a second past a row's time with no row in
 * that second: no customer sits on a bound.
 */
export function followUpWindow(rows: IDataObject[]): { start: string; end: string } | undefined {
	const times = [
		...new Set(
			rows
				.map((row) => row.qwLastFollowTime)
				.filter((t): t is string => typeof t === 'string' && parseTanmaTime(t) !== undefined),
		),
	].sort();
	if (times.length < 3) return undefined;
	const start = times[Math.floor(times.length / 3)];
	for (let k = Math.floor((2 * times.length) / 3); k < times.length - 1; k++) {
		const end = formatTanmaTime(parseTanmaTime(times[k])! + 1000);
		if (end < times[k + 1]) return { start, end };
	}
	return undefined;
}

export function checkLastFollowFilter(
	everyone: IDataObject[],
	window: { start: string; end: string } | undefined,
	filtered: IDataObject[] | undefined,
): Finding {
	const check = 'search.qwLastFollowTypes';
	if (!window || !filtered)
		return {
			check,
			status: 'not checkable',
			evidence: 'fewer than three customers have a readable last follow-up time',
		};
	const inWindow = (row: IDataObject) =>
		typeof row.qwLastFollowTime === 'string' &&
		row.qwLastFollowTime >= window.start &&
		row.qwLastFollowTime <= window.end;
	const expected = new Set(everyone.filter(inWindow).map(customerKey));
	const got = new Set(filtered.map(customerKey));
	const leftOut = [...expected].filter((id) => !got.has(id));
	const outside = filtered.filter((row) => !inWindow(row)).map(customerKey);
	const asked = `asked ${window.start} – ${window.end}: ${expected.size} customers were last followed up then; the filtered search returned ${got.size}`;
	if (!leftOut.length && !outside.length) return { check, status: 'confirmed', evidence: asked };
	return {
		check,
		status: 'contradicted',
		evidence: `${asked}${leftOut.length ? `; left out ${leftOut.length} (e.g. ${sample(leftOut)})` : ''}${outside.length ? `; ${outside.length} outside the window (e.g. ${sample(outside)})` : ''}`,
		does: leftOut.length ? 'contradicted' : 'notNarrowing',
	};
}

/** Two tags held by different sets of customers (each by some, neither by all of the other's), from the rows. */
export function distinctTagPair(rows: IDataObject[]): [string, string] | undefined {
	const holders = new Map<string, Set<string>>();
	for (const row of rows)
		for (const tag of rowTagIds(row) ?? [])
			holders.set(tag, (holders.get(tag) ?? new Set()).add(customerKey(row)));
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

export function checkTagOperator(
	everyone: IDataObject[],
	pair: [string, string] | undefined,
	answered: IDataObject[] | undefined,
): Finding {
	const check = 'search.tagOp6';
	if (!pair || !answered)
		return {
			check,
			status: 'not checkable',
			evidence: 'no two tags held by different customers can be read from the rows',
		};
	const has = (row: IDataObject, tag: string) => (rowTagIds(row) ?? []).includes(tag);
	const any = new Set(everyone.filter((r) => has(r, pair[0]) || has(r, pair[1])).map(customerKey));
	const all = new Set(everyone.filter((r) => has(r, pair[0]) && has(r, pair[1])).map(customerKey));
	const none = new Set(
		everyone.filter((r) => !has(r, pair[0]) && !has(r, pair[1])).map(customerKey),
	);
	const got = new Set(answered.map(customerKey));
	const asked = `op 6 with tags ${pair.join(' and ')}: ${got.size} customers returned; ${any.size} hold either, ${all.size} both, ${none.size} neither`;
	if (sameSet(got, any)) return { check, status: 'confirmed', evidence: `${asked}: "any of"` };
	const reading = sameSet(got, all)
		? '"all of"'
		: sameSet(got, none)
			? '"none of"'
			: 'none of any / all / none';
	return { check, status: 'contradicted', evidence: `${asked}: the answer matches ${reading}` };
}

export function checkConditionOp(
	pair: [string, string] | undefined,
	first: IDataObject[] | undefined,
	second: IDataObject[] | undefined,
	both: IDataObject[] | undefined,
): Finding {
	const check = 'search.conditionOp1';
	if (!pair || !first || !second || !both)
		return { check, status: 'not checkable', evidence: 'the tenant has fewer than two tags' };
	const a = new Set(first.map(customerKey));
	const b = new Set(second.map(customerKey));
	const and = new Set([...a].filter((x) => b.has(x)));
	const or = new Set([...a, ...b]);
	const got = new Set(both.map(customerKey));
	const asked = `tag ${pair[0]} alone: ${a.size}; tag ${pair[1]} alone: ${b.size}; both conditions under conditionOp 1: ${got.size} (and: ${and.size}, or: ${or.size})`;
	if (sameSet(and, or))
		return {
			check,
			status: 'not checkable',
			evidence: `${asked}: and and or give the same customers here`,
		};
	if (sameSet(got, and)) return { check, status: 'confirmed', evidence: `${asked}: "and"` };
	return {
		check,
		status: 'contradicted',
		evidence: `${asked}: ${sameSet(got, or) ? '"or"' : 'neither and nor or'}`,
	};
}

export function checkIds(rows: IDataObject[]): Finding {
	const check = 'ids.customerId';
	if (!rows.length)
		return { check, status: 'not checkable', evidence: 'the tenant has no customers' };
	const bad = rows.filter((row) => !/^\d+$/.test(String(row.customerId ?? '')));
	if (bad.length)
		return {
			check,
			status: 'contradicted',
			evidence: `${bad.length} rows have a customerId that is not an integer, e.g. ${JSON.stringify(bad[0].customerId ?? null)}`,
		};
	const big = rows.filter(
		(row) => BigInt(String(row.customerId)) > BigInt(Number.MAX_SAFE_INTEGER),
	).length;
	return {
		check,
		status: 'confirmed',
		evidence: `all ${rows.length} customerIds are integers; ${big} beyond 2^53`,
	};
}

export function checkSearchPaging(firstPage: unknown, pagesRead: number, rows: number): Finding {
	const check = 'search.paging';
	const page = firstPage as IDataObject | null;
	if (!page || typeof page !== 'object' || !Array.isArray(page.data)) {
		return {
			check,
			status: 'contradicted',
			evidence: `the first page has keys ${JSON.stringify(page && typeof page === 'object' ? Object.keys(page) : page)}`,
			does: 'noList',
		};
	}
	const totalPage = Number(page.totalPage);
	if (!Number.isInteger(totalPage))
		return {
			check,
			status: 'contradicted',
			evidence: 'no integer totalPage on the first page',
			does: 'noTotalPage',
		};
	const consistent = totalPage === pagesRead || (rows === 0 && totalPage <= 1);
	return {
		check,
		status: consistent ? 'confirmed' : 'contradicted',
		evidence: `totalPage ${totalPage}; ${pagesRead} pages read, ${rows} rows`,
	};
}

export function checkStaffPage(page: unknown): Finding[] {
	const answer = page as IDataObject | null;
	const rows =
		answer && Array.isArray(answer.result) ? (answer.result as IDataObject[]) : undefined;
	const paging: Finding = {
		check: 'staff.paging',
		status: rows ? 'confirmed' : 'contradicted',
		evidence: `the first page has keys ${JSON.stringify(answer && typeof answer === 'object' ? Object.keys(answer) : answer)}`,
	};
	const named = rows?.filter((row) => typeof row.name === 'string' && row.name !== '').length ?? 0;
	const names: Finding = {
		check: 'staff.name',
		status: !rows?.length ? 'not checkable' : named === rows.length ? 'confirmed' : 'contradicted',
		evidence: rows?.length ? `${named} of ${rows.length} rows have a name` : 'no staff rows',
	};
	return [paging, names];
}

export function checkOpportunityConfig(config: unknown): Finding {
	const check = 'opportunity.stageKeys';
	const types = Array.isArray(config) ? (config as IDataObject[]) : [];
	const stages = types.flatMap((type) =>
		Array.isArray(type.stages) ? (type.stages as IDataObject[]) : [],
	);
	if (!stages.length)
		return { check, status: 'not checkable', evidence: 'no opportunity stages configured' };
	const readable = stages.filter(
		(s) =>
			(s.stageId ?? s.id) !== undefined &&
			typeof (s.stageName ?? s.stateName ?? s.name) === 'string',
	).length;
	return {
		check,
		status: readable === stages.length ? 'confirmed' : 'contradicted',
		evidence: `${readable} of ${stages.length} stages have an id and a name under those keys; keys seen: ${JSON.stringify(Object.keys(stages[0]))}`,
	};
}

export function checkOwnerRole(
	staff: { salesId: string; qwUserId: string } | undefined,
	expectedOwned: number,
	answered: IDataObject[] | undefined,
): Finding {
	const check = 'search.roleOwner';
	if (!staff || !answered)
		return {
			check,
			status: 'not checkable',
			evidence: 'no staff member with a WeCom id owns a customer here',
		};
	const foreign = answered.filter((row) => row.qwSalesId !== staff.qwUserId);
	const ok = !foreign.length && answered.length === expectedOwned;
	return {
		check,
		status: ok ? 'confirmed' : 'contradicted',
		evidence: `staff ${staff.salesId} (${staff.qwUserId}) owns ${expectedOwned} customers; role 1 returned ${answered.length}, ${foreign.length} owned by others`,
	};
}

/** A search with Created After alone (createTime {start}; every vendor example gives both bounds). */
export function checkHalfOpenRange(
	everyone: IDataObject[],
	start: string | undefined,
	answered: IDataObject[] | undefined,
): Finding {
	const check = 'search.halfOpenCreateTime';
	if (!start || !answered)
		return {
			check,
			status: 'not checkable',
			evidence: 'fewer than two customers have a creation time',
		};
	const expected = new Set(
		everyone
			.filter((row) => typeof row.createTime === 'string' && row.createTime >= start)
			.map(customerKey),
	);
	const got = new Set(answered.map(customerKey));
	return {
		check,
		status: sameSet(expected, got) ? 'confirmed' : 'contradicted',
		evidence: `createTime {start: ${start}}: ${expected.size} customers were created since, ${got.size} returned`,
	};
}

/** A creation time some customers have reached and others not: the median one. */
export function medianCreateTime(rows: IDataObject[]): string | undefined {
	const times = rows
		.map((row) => row.createTime)
		.filter((t): t is string => typeof t === 'string' && parseTanmaTime(t) !== undefined)
		.sort();
	return times.length < 2 ? undefined : times[Math.floor(times.length / 2)];
}
