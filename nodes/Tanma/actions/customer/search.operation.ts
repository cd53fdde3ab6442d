import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { setIfGiven } from '../../helpers/body';
import type { AskedOfRows, TagMatch } from '../../helpers/customerSearch';
import {
	ALL_CONDITIONS,
	allOf,
	checkRows,
	customerKey,
	tagConditions,
} from '../../helpers/customerSearch';
import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import type { TanmaBody } from '../../transport/protocol/json';
import { filtersCollection, staffMultiSelect, tagMultiSelect } from '../fields';
import { readList, returnAllOrLimit } from '../lists';
import { readSimplify, simplifyProperty } from '../simplify';

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

/** A time range as Tanma writes it, with only the bounds given; undefined when neither is. */
function timeRange(after: string | undefined, before: string | undefined) {
	if (!after && !before) return undefined;
	return {
		after,
		before,
		sent: { ...(after ? { start: after } : {}), ...(before ? { end: before } : {}) },
	};
}

/** The search body from the filters, and what the rows must then show. */
function searchRequest(input: ParameterReader): { body: TanmaBody; asked: AskedOfRows } {
	const filters = input.collection('filters');
	const body: TanmaBody = {};
	const asked: AskedOfRows = {};
	setIfGiven(body, 'searchKey', input.text('searchKey'));
	const salesIds = filters.idList('salesIds');
	const role = Number(filters.choice<'1' | '2'>('role', '1'));
	if (salesIds.length) Object.assign(body, { salesIdList: salesIds, role });
	setIfGiven(body, 'departmentIdList', filters.idList('departmentIds'));
	setIfGiven(body, 'customerId', filters.integerId('customerId'));
	const created = timeRange(filters.tanmaTime('createdAfter'), filters.tanmaTime('createdBefore'));
	if (created) {
		body.createTime = created.sent;
		asked.created = { after: created.after, before: created.before };
	}
	const added = timeRange(filters.tanmaTime('addedAfter'), filters.tanmaTime('addedBefore'));
	setIfGiven(body, 'qwCustomerTime', added?.sent);
	setIfGiven(body, 'creditCode', filters.text('creditCode'));
	const lastFollowUp = timeRange(
		filters.tanmaTime('lastFollowUpAfter'),
		filters.tanmaTime('lastFollowUpBefore'),
	);
	if (lastFollowUp) {
		body.qwLastFollowTypes = lastFollowUp.sent;
		asked.lastFollowUp = { after: lastFollowUp.after, before: lastFollowUp.before };
	}
	const tagIds = filters.integerIdList('tagIds');
	const tagMatch = filters.choice<TagMatch>('tagMatch', 'any');
	const conditions = filters.jsonObject('conditions');
	const typed = Array.isArray(conditions.conditionItems)
		? (conditions.conditionItems as TanmaBody[])
		: [];
	if (tagIds.length) {
		asked.tags = { ids: tagIds.map(String), match: tagMatch };
		const op = conditions.conditionOp;
		if (typed.length && op !== undefined && op !== ALL_CONDITIONS)
			filters.refuse(
				'conditions',
				`has conditionOp ${JSON.stringify(op)}, but the tag filter adds conditions that must all hold`,
				`Use "conditionOp": ${ALL_CONDITIONS} with Tags, or put the tag condition into the JSON yourself and leave Tags empty`,
			);
		body.conditions = { ...conditions, ...allOf([...typed, ...tagConditions(tagIds, tagMatch)]) };
	} else if (typed.length) body.conditions = conditions;
	return { body, asked };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const simplify = readSimplify(input, 'customer');
	const { body, asked } = searchRequest(input);
	const keepRows = input.collection('filters').flag('keepReturnedRows');
	const rows = await readList.call(this, i, ENDPOINTS.customerSearch, body, customerKey);
	checkRows(this, i, rows, asked, keepRows);
	return simplify(rows);
}
