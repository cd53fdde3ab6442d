import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import type { RowVerdict, TagMatch } from '../../helpers/searchAnswers';
import { rowLabel, rowTagIds, tagVerdict, timeVerdict } from '../../helpers/searchAnswers';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import type { JsonId } from '../../transport/protocol/json';
import { filtersCollection, staffMultiSelect, tagMultiSelect } from '../fields';
import { readList, returnAllOrLimit } from '../lists';
import { setIfGiven } from '../../helpers/body';
import { readSimplify, simplifyProperty } from '../simplify';

/**
 * The tag condition as Tanma's own search example writes it: `{name: "tagIds", op: 6, values: [<tag id>]}`, inside
 * `conditionOp: 1` beside a second condition. Tanma has not published the operator codes: that op 6 means "has any
 * of these tags" and conditionOp 1 "every condition holds" is our reading of that example.
 */
const TAG_CONDITION = { name: 'tagIds', op: 6 } as const;
const ALL_CONDITIONS = 1;

/** "Any": one condition holding every tag; "all": one condition per tag, all of which must hold. */
function tagConditions(tagIds: JsonId[], match: 'any' | 'all'): IDataObject[] {
	if (!tagIds.length) return [];
	return match === 'all'
		? tagIds.map((tagId) => ({ ...TAG_CONDITION, values: [tagId] }))
		: [{ ...TAG_CONDITION, values: tagIds }];
}

/** What the user's filters asked of every row, as far as a row can show it. */
interface AskedOfRows {
	tags?: { ids: string[]; match: TagMatch };
	lastFollowUp?: { after?: string; before?: string };
	created?: { after?: string; before?: string };
}

/** Hints already given in this node run: "could not be checked" is said once per run, not once per item. */
const hintsGiven = new WeakMap<object, Set<string>>();

function hintOnce(ctx: IExecuteFunctions, message: string, type: 'info' | 'warning'): void {
	const given = hintsGiven.get(ctx) ?? new Set<string>();
	hintsGiven.set(ctx, given);
	if (given.has(message)) return;
	given.add(message);
	ctx.addExecutionHints({ message, type, location: 'outputPane' });
}

/**
 * Holds every row against the filters it was selected by. A contradicting row fails the item (or, with Keep Rows
 * as Tanma Returned Them, is kept with a warning); a filter no row could show is reported once per run.
 */
function checkRows(
	ctx: IExecuteFunctions,
	i: number,
	rows: IDataObject[],
	asked: AskedOfRows,
	keepRows: boolean,
): void {
	const checks: Array<{
		filter: string;
		asked: string;
		verdict: (row: IDataObject) => RowVerdict;
		shown: (row: IDataObject) => string;
		field: string;
	}> = [];
	if (asked.tags) {
		const { ids, match } = asked.tags;
		checks.push({
			filter: 'Tags',
			asked: `${match === 'all' ? 'all' : 'any'} of the tags ${ids.join(', ')}`,
			verdict: (row) => tagVerdict(row, ids, match),
			shown: (row) => `tags ${JSON.stringify(rowTagIds(row) ?? [])}`,
			field: 'tags',
		});
	}
	const timeChecks = [
		{ filter: 'Last Follow-Up', field: 'qwLastFollowTime', range: asked.lastFollowUp },
		{ filter: 'Created', field: 'createTime', range: asked.created },
	] as const;
	for (const { filter, field, range } of timeChecks) {
		if (!range) continue;
		const { after, before } = range;
		checks.push({
			filter,
			asked: [after && `at or after ${after}`, before && `at or before ${before}`]
				.filter(Boolean)
				.join(' and '),
			verdict: (row) => timeVerdict(row, field, after, before),
			shown: (row) => `${field} ${JSON.stringify(row[field] ?? null)}`,
			field,
		});
	}
	for (const check of checks) {
		const verdicts = rows.map(check.verdict);
		const contradicting = rows.filter((_, n) => verdicts[n] === 'contradicts');
		const unknown = verdicts.filter((v) => v === 'unknown').length;
		if (unknown) {
			hintOnce(
				ctx,
				`The ${check.filter} filter could not be checked on ${unknown === rows.length ? 'any' : `${unknown} of the`} rows: Tanma's answer has no readable ${check.field} there.`,
				'info',
			);
		}
		if (!contradicting.length) continue;
		const first = contradicting[0];
		const summary = `Tanma returned ${contradicting.length} of ${rows.length} customers that do not match the ${check.filter} filter (asked: ${check.asked}); ${rowLabel(first)} has ${check.shown(first)}`;
		if (keepRows) {
			hintOnce(
				ctx,
				`${summary}. Kept as Tanma returned them (Keep Rows as Tanma Returned Them is on).`,
				'warning',
			);
			continue;
		}
		throw new NodeOperationError(ctx.getNode(), summary, {
			itemIndex: i,
			description:
				check.filter === 'Tags'
					? 'The node sends Tags as operator 6 inside conditionOp 1, read from Tanma’s own example; Tanma has not published the codes, and this tenant answers otherwise. Write the tag condition in Conditions (JSON) with the codes your tenant uses (Tenant → Check shows which hold), or turn on Keep Rows as Tanma Returned Them.'
					: check.filter === 'Created'
						? 'Tanma did not apply the creation-time range as sent (its examples always give both bounds). Give both Created After and Created Before, or turn on Keep Rows as Tanma Returned Them.'
						: 'The node sends Last Follow-Up as qwLastFollowTypes, a field seen only in Tanma’s example; this tenant does not filter by it as the node reads it. Filter the rows on qwLastFollowTime in the workflow instead, or turn on Keep Rows as Tanma Returned Them.',
		});
	}
}

/** Tanma's time range object, with only the bounds given; undefined when neither is. */
function timeRange(start: string | undefined, end: string | undefined): IDataObject | undefined {
	if (!start && !end) return undefined;
	return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
}

const properties: INodeProperties[] = [
	...returnAllOrLimit(ENDPOINTS.customerSearch),
	{
		displayName: 'Search Text',
		name: 'searchKey',
		type: 'string',
		default: '',
		description: 'Text to look for in the customer’s name, remark, nickname or phone',
	},
	filtersCollection([
		{
			displayName: 'Conditions (JSON)',
			name: 'conditions',
			type: 'json',
			default: '{\n  "conditionOp": 1,\n  "conditionItems": []\n}',
			description:
				'Advanced filter sent as is: {"conditionOp", "conditionItems": [{"name", "op", "values"}]}. The vendor has not published the meaning of "op" values.',
		},
		{
			displayName: 'Created After',
			name: 'createdAfter',
			type: 'dateTime',
			default: '',
			description: 'Only customers created at or after this time (China Standard Time)',
		},
		{
			displayName: 'Created Before',
			name: 'createdBefore',
			type: 'dateTime',
			default: '',
			description: 'Only customers created at or before this time (China Standard Time)',
		},
		{
			displayName: 'Credit Code',
			name: 'creditCode',
			type: 'string',
			default: '',
			description: 'Only the company customer with this unified social credit code',
		},
		{
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'string',
			default: '',
			description: 'Only this Tanma customer ID',
		},
		{
			displayName: 'Department Names or IDs',
			name: 'departmentIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getDepartments' },
			default: [],
			description:
				'Departments the owning staff belong to. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Role',
			name: 'role',
			type: 'options',
			options: [
				{ name: 'Owner', value: '1', description: 'Customers the staff member owns' },
				{
					name: 'Collaborator',
					value: '2',
					description: 'Customers the staff member collaborates on',
				},
			],
			default: '1',
			description: 'Whether the staff filter matches owners or collaborators',
		},
		staffMultiSelect(
			'salesIds',
			'Staff Names or IDs',
			'Staff the customers belong to; see Role for owner or collaborator',
		),
		tagMultiSelect('tagIds', 'Tag Names or IDs', 'Only customers with these tags (see Tag Match)'),
		{
			displayName: 'Tag Match',
			name: 'tagMatch',
			type: 'options',
			options: [
				{
					name: 'Any of the Tags',
					value: 'any',
					description: 'Customers with at least one of the tags',
				},
				{
					name: 'All of the Tags',
					value: 'all',
					description: 'Customers with every one of the tags',
				},
			],
			default: 'any',
			description:
				'Sent as Tanma’s tag condition (operator 6, from its own example; the operator codes are unpublished, so "any" is our reading of it). All: one condition per tag, every condition must hold.',
		},
		{
			displayName: 'Keep Rows as Tanma Returned Them',
			name: 'keepReturnedRows',
			type: 'boolean',
			default: false,
			description:
				'Whether to output rows that contradict the Tags, Last Follow-Up or Created filter (a warning says how many) instead of failing the item. The node checks every row against these filters, because Tanma has not published what their codes mean.',
		},
		{
			displayName: 'Added in WeCom After',
			name: 'addedAfter',
			type: 'dateTime',
			default: '',
			description:
				'Sent as qwCustomerTime.start, a field that appears only in Tanma’s example (read as the time the customer was added in WeCom); not checked against the rows',
		},
		{
			displayName: 'Added in WeCom Before',
			name: 'addedBefore',
			type: 'dateTime',
			default: '',
			description:
				'Sent as qwCustomerTime.end, a field that appears only in Tanma’s example; not checked against the rows',
		},
		{
			displayName: 'Last Follow-Up After',
			name: 'lastFollowUpAfter',
			type: 'dateTime',
			default: '',
			description:
				'Only customers last followed up at or after this time (China Standard Time). Sent as qwLastFollowTypes, a field that appears only in Tanma’s example.',
		},
		{
			displayName: 'Last Follow-Up Before',
			name: 'lastFollowUpBefore',
			type: 'dateTime',
			default: '',
			description:
				'Only customers last followed up at or before this time (China Standard Time). Sent as qwLastFollowTypes, a field that appears only in Tanma’s example.',
		},
	]),
	simplifyProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['search'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const simplify = readSimplify(input, 'customer');
	const filters = input.collection('filters');
	const body: IDataObject = {};
	const asked: AskedOfRows = {};
	setIfGiven(body, 'searchKey', input.text('searchKey'));
	const salesIds = filters.idList('salesIds');
	const role = filters.choice<'1' | '2'>('role', '1');
	if (salesIds.length) {
		body.salesIdList = salesIds;
		body.role = Number(role);
	}
	setIfGiven(body, 'departmentIdList', filters.idList('departmentIds'));
	const customerId = filters.integerId('customerId');
	setIfGiven(body, 'customerId', customerId as IDataObject[string]);
	// A time range sent under `key` and remembered, so the rows can be held against it.
	const checkedRange = (key: string, after: string, before: string) => {
		const bounds = { after: filters.tanmaTime(after), before: filters.tanmaTime(before) };
		const range = timeRange(bounds.after, bounds.before);
		if (range) body[key] = range;
		return range ? bounds : undefined;
	};
	asked.created = checkedRange('createTime', 'createdAfter', 'createdBefore');
	setIfGiven(
		body,
		'qwCustomerTime',
		timeRange(filters.tanmaTime('addedAfter'), filters.tanmaTime('addedBefore')),
	);
	setIfGiven(body, 'creditCode', filters.text('creditCode'));
	asked.lastFollowUp = checkedRange('qwLastFollowTypes', 'lastFollowUpAfter', 'lastFollowUpBefore');
	const tagIds = filters.integerIdList('tagIds');
	const tagMatch = filters.choice<'any' | 'all'>('tagMatch', 'any');
	const tagItems = tagConditions(tagIds, tagMatch);
	if (tagIds.length) asked.tags = { ids: tagIds.map(String), match: tagMatch };
	const conditions = filters.jsonObject('conditions');
	const typed = Array.isArray(conditions.conditionItems)
		? (conditions.conditionItems as IDataObject[])
		: [];
	if (
		tagItems.length &&
		typed.length &&
		conditions.conditionOp !== undefined &&
		conditions.conditionOp !== ALL_CONDITIONS
	) {
		filters.refuse(
			'conditions',
			`has conditionOp ${JSON.stringify(conditions.conditionOp)}, but the tag filter adds conditions that must all hold`,
			`Use "conditionOp": ${ALL_CONDITIONS} with Tags, or put the tag condition into the JSON yourself and leave Tags empty`,
		);
	}
	if (tagItems.length)
		body.conditions = {
			...conditions,
			conditionOp: ALL_CONDITIONS,
			conditionItems: [...typed, ...tagItems],
		};
	else if (typed.length) body.conditions = conditions;
	const keepRows = filters.flag('keepReturnedRows');
	const rows = await readList.call(this, i, ENDPOINTS.customerSearch, body, (c) =>
		String(c.customerId),
	);
	checkRows(this, i, rows, asked, keepRows);
	return simplify(rows);
}
