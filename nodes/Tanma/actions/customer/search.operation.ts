import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/endpoints';
import type { JsonId } from '../../transport/json';
import { filtersCollection, readList, returnAllOrLimit, staffMultiSelect, tagMultiSelect } from '../common';

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
	return match === 'all' ? tagIds.map((tagId) => ({ ...TAG_CONDITION, values: [tagId] })) : [{ ...TAG_CONDITION, values: tagIds }];
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
				{ name: 'Collaborator', value: '2', description: 'Customers the staff member collaborates on' },
			],
			default: '1',
			description: 'Whether the staff filter matches owners or collaborators',
		},
		staffMultiSelect('salesIds', 'Staff Names or IDs', 'Staff the customers belong to; see Role for owner or collaborator'),
		tagMultiSelect('tagIds', 'Tag Names or IDs', 'Only customers with these tags (see Tag Match)'),
		{
			displayName: 'Tag Match',
			name: 'tagMatch',
			type: 'options',
			options: [
				{ name: 'Any of the Tags', value: 'any', description: 'Customers with at least one of the tags' },
				{ name: 'All of the Tags', value: 'all', description: 'Customers with every one of the tags' },
			],
			default: 'any',
			description:
				'Sent as Tanma’s tag condition (operator 6, from its own example; the operator codes are unpublished, so "any" is our reading of it). All: one condition per tag, every condition must hold.',
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
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['search'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i);
	const filters = input.collection('filters', 'Filters');
	const body: IDataObject = {};
	const searchKey = input.text('searchKey', 'Search Text');
	if (searchKey) body.searchKey = searchKey;
	const salesIds = filters.idList('salesIds', 'Staff Names or IDs');
	const role = filters.choice('role', 'Role', ['1', '2'], '1');
	if (salesIds.length) {
		body.salesIdList = salesIds;
		body.role = Number(role);
	}
	const departmentIds = filters.idList('departmentIds', 'Department Names or IDs');
	if (departmentIds.length) body.departmentIdList = departmentIds;
	const customerId = filters.integerId('customerId', 'Customer ID');
	if (customerId !== undefined) body.customerId = customerId as IDataObject[string];
	const created = timeRange(filters.tanmaTime('createdAfter', 'Created After'), filters.tanmaTime('createdBefore', 'Created Before'));
	if (created) body.createTime = created;
	const lastFollowed = timeRange(
		filters.tanmaTime('lastFollowUpAfter', 'Last Follow-Up After'),
		filters.tanmaTime('lastFollowUpBefore', 'Last Follow-Up Before'),
	);
	if (lastFollowed) body.qwLastFollowTypes = lastFollowed;
	const tagItems = tagConditions(
		filters.integerIdList('tagIds', 'Tag Names or IDs'),
		filters.choice('tagMatch', 'Tag Match', ['any', 'all'], 'any'),
	);
	const conditions = filters.jsonObject('conditions', 'Conditions (JSON)');
	const typed = Array.isArray(conditions.conditionItems) ? (conditions.conditionItems as IDataObject[]) : [];
	if (tagItems.length && typed.length && conditions.conditionOp !== undefined && conditions.conditionOp !== ALL_CONDITIONS) {
		filters.refuse(
			'Conditions (JSON)',
			`has conditionOp ${JSON.stringify(conditions.conditionOp)}, but the tag filter adds conditions that must all hold`,
			`Use "conditionOp": ${ALL_CONDITIONS} with Tags, or put the tag condition into the JSON yourself and leave Tags empty`,
		);
	}
	if (tagItems.length) body.conditions = { ...conditions, conditionOp: ALL_CONDITIONS, conditionItems: [...typed, ...tagItems] };
	else if (typed.length) body.conditions = conditions;
	return await readList.call(this, i, ENDPOINTS.customerSearch, body, (c) => String(c.customerId));
}
