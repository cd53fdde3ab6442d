import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { requiredText } from '../../helpers/validation';
import { ENDPOINTS } from '../../transport/endpoints';
import { tanmaApiRequest } from '../../transport';
import { asItems, clientKnownNotice, staffSelect } from '../common';

const properties: INodeProperties[] = [
	...clientKnownNotice(
		ENDPOINTS.customerImport,
		'Fields are sent by alias: the list offers the aliases Tanma’s client uses and the aliases mapped to your customer fields (客户字段映射); any other alias can be typed with an expression. A duplicate phone number is refused with error 40417.',
	),
	staffSelect('qwUserId', 'Owner', 'Staff member who will own the customer (所属员工)', true),
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		required: true,
		default: {},
		description: 'Customer field values. Repeat a field to give it several values (multi-select fields).',
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'alias',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getImportFieldAliases' },
						default: '',
						description:
							'Field alias (字段别名). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
					},
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['import'] } },
	properties,
);

/** Rows with the same alias become one `{alias, values}` entry, in first-seen order. */
export function groupFieldValues(rows: IDataObject[]): Array<{ alias: string; values: string[] }> {
	const byAlias = new Map<string, string[]>();
	for (const row of rows) {
		const alias = String(row.alias ?? '').trim();
		const value = row.value === undefined || row.value === null ? '' : String(row.value);
		if (!byAlias.has(alias)) byAlias.set(alias, []);
		if (value.trim()) byAlias.get(alias)!.push(value.trim());
	}
	return [...byAlias].map(([alias, values]) => ({ alias, values }));
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const qwUserId = requiredText(this, 'qwUserId', 'Owner', i);
	const rows = ((this.getNodeParameter('fields', i, {}) as IDataObject).field ?? []) as IDataObject[];
	const fields = groupFieldValues(rows);
	if (!fields.length) {
		throw new NodeOperationError(this.getNode(), '"Fields" needs at least one field', { itemIndex: i });
	}
	for (const field of fields) {
		if (!field.alias) throw new NodeOperationError(this.getNode(), 'Every entry in "Fields" needs a field', { itemIndex: i });
		if (!field.values.length) {
			throw new NodeOperationError(this.getNode(), `Field "${field.alias}" has no value`, { itemIndex: i });
		}
	}
	const data = await tanmaApiRequest.call(this, ENDPOINTS.customerImport, { qwUserId, fields }, { itemIndex: i });
	return asItems(data);
}
