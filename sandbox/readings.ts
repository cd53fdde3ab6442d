/**
 * How this sandbox tenant reads what Tanma never published. The node acts on one reading of each (the defaults
 * here); the others are what a real tenant might do instead, so tests can show the node notices when it is wrong.
 */
export interface TenantReadings {
	/**
	 * customer/search `qwLastFollowTypes {start, end}` (a field seen only in Tanma's example):
	 * `lastFollowTime` filters on the last follow-up time (the node's reading); `ignored` has no effect;
	 * `typeFilter` reads it as a follow-up type filter no customer matches (nothing comes back while it is present);
	 * `dropsRows` filters on the time but leaves out some matching customers (every third, by customer id).
	 */
	lastFollowTypes: 'lastFollowTime' | 'ignored' | 'typeFilter' | 'dropsRows';
	/** `op: 6` in a `tagIds` condition: customers with any of the values (the node's reading), all of them, or none. */
	tagOp6: 'anyOf' | 'allOf' | 'noneOf';
	/** `conditionOp: 1`: every condition item holds (the node's reading), or any one does; other values the opposite. */
	conditionOp1: 'and' | 'or';
	/**
	 * How a search row carries its tags: `{id, name, groupName}` objects, bare ids, `{tagId, tagName}` objects,
	 * or no `tags` key at all.
	 */
	rowTags: 'objects' | 'ids' | 'tagIdObjects' | 'absent';
	/** customer/search `createTime` with one bound only (every example gives both): honoured, or no effect. */
	halfOpenRange: 'honoured' | 'ignored';
}

export const NODE_READINGS: TenantReadings = {
	lastFollowTypes: 'lastFollowTime',
	tagOp6: 'anyOf',
	conditionOp1: 'and',
	rowTags: 'objects',
	halfOpenRange: 'honoured',
};

/** Every alternative of every reading, for tests that run once per variant. */
export const READING_VARIANTS: { [K in keyof TenantReadings]: ReadonlyArray<TenantReadings[K]> } = {
	lastFollowTypes: ['lastFollowTime', 'ignored', 'typeFilter', 'dropsRows'],
	tagOp6: ['anyOf', 'allOf', 'noneOf'],
	conditionOp1: ['and', 'or'],
	rowTags: ['objects', 'ids', 'tagIdObjects', 'absent'],
	halfOpenRange: ['honoured', 'ignored'],
};

/** Whether a customer holding `held` matches one `tagIds` condition with op 6 and `values`. */
export function matchesTagOp6(
	held: readonly number[],
	values: readonly number[],
	reading: TenantReadings['tagOp6'],
): boolean {
	if (reading === 'allOf') return values.every((v) => held.includes(v));
	if (reading === 'noneOf') return !values.some((v) => held.includes(v));
	return values.some((v) => held.includes(v));
}

/** Whether condition items combine with "every" under `conditionOp`. */
export function everyConditionHolds(
	conditionOp: unknown,
	reading: TenantReadings['conditionOp1'],
): boolean {
	const isOne = Number(conditionOp ?? 1) === 1;
	return reading === 'and' ? isOne : !isOne;
}

/** The customers a `dropsRows` tenant leaves out of a last-follow-up search: every third, by customer id. */
export function droppedByTenant(customerId: string): boolean {
	return BigInt(customerId) % 3n === 0n;
}
