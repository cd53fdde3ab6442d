import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/endpoints';
import { filtersCollection, readList, returnAllOrLimit, staffMultiSelect } from '../common';

const properties: INodeProperties[] = [
	...returnAllOrLimit(ENDPOINTS.customerSearch),
	{
		displayName: 'Search Text',
		name: 'searchKey',
		type: 'string',
		default: '',
		description: 'Text to look for in the customer’s name, remark, nickname or phone (搜索内容)',
	},
	filtersCollection([
		{
			displayName: 'Conditions (JSON)',
			name: 'conditions',
			type: 'json',
			default: '{\n  "conditionOp": 1,\n  "conditionItems": []\n}',
			description:
				'Advanced filter (高级筛选条件) sent as is: {"conditionOp", "conditionItems": [{"name", "op", "values"}]}. The vendor has not published the meaning of "op" values.',
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
			description: 'Only this Tanma customer ID (探马客户ID)',
		},
		{
			displayName: 'Department Names or IDs',
			name: 'departmentIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getDepartments' },
			default: [],
			description:
				'Departments the owning staff belong to (所属部门). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Role',
			name: 'role',
			type: 'options',
			options: [
				{ name: 'Owner', value: '1', description: '负责人' },
				{ name: 'Collaborator', value: '2', description: '协作人' },
			],
			default: '1',
			description: 'Whether the staff filter matches owners or collaborators',
		},
		staffMultiSelect('salesIds', 'Staff Names or IDs', 'Staff the customers belong to (所属员工); see Role for owner or collaborator'),
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
	const start = filters.tanmaTime('createdAfter', 'Created After');
	const end = filters.tanmaTime('createdBefore', 'Created Before');
	if (start || end) body.createTime = { ...(start ? { start } : {}), ...(end ? { end } : {}) };
	const conditions = filters.jsonObject('conditions', 'Conditions (JSON)');
	const items = conditions.conditionItems;
	if (Array.isArray(items) && items.length) body.conditions = conditions;
	return await readList.call(this, i, ENDPOINTS.customerSearch, body, (c) => String(c.customerId));
}
