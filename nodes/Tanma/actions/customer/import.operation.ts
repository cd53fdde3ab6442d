import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { staffSelect } from '../fields';
import { asItems } from '../lists';
import { clientKnownNotice, repeatNotice } from '../notices';

/**
 * Customer-field aliases that Tanma's own client code sends to `import-customer` [client].
 * Other aliases come from the tenant's field mapping (客户字段映射), which is unpublished.
 */
export const KNOWN_IMPORT_ALIASES: Readonly<Record<string, string>> = {
	name: 'Name',
	customer_ch_phone: 'Phone',
	customer_source: 'Customer Source',
};

const properties: INodeProperties[] = [
	...repeatNotice(ENDPOINTS.customerImport),
	...clientKnownNotice(
		ENDPOINTS.customerImport,
		'Fields are sent by alias: the list offers the aliases Tanma’s client uses and the aliases mapped to your customer fields; any other alias can be typed with an expression. A duplicate phone number is refused with error 40417.',
	),
	staffSelect('qwUserId', 'Owner', 'Staff member who will own the customer', true),
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		required: true,
		default: {},
		description:
			'Customer field values. Repeat a field to give it several values (multi-select fields).',
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
							'Field alias. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
export function groupFieldValues(
	rows: Array<{ alias: string; value?: string }>,
): Array<{ alias: string; values: string[] }> {
	const byAlias = new Map<string, string[]>();
	for (const { alias, value } of rows) {
		if (!byAlias.has(alias)) byAlias.set(alias, []);
		if (value !== undefined) byAlias.get(alias)!.push(value);
	}
	return [...byAlias].map(([alias, values]) => ({ alias, values }));
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const qwUserId = input.id('qwUserId', { required: true });
	const rows = input.rows('fields', 'field', { required: true }).map((row) => ({
		alias: row.id('alias', { required: true }),
		value: row.text('value'),
	}));
	const fields = groupFieldValues(rows);
	const empty = fields.find((field) => !field.values.length);
	if (empty) input.refuse('fields', `has field "${empty.alias}" without a value`);
	const data = await tanmaApiRequest.call(
		this,
		ENDPOINTS.customerImport,
		{ qwUserId, fields },
		{ itemIndex: i },
	);
	return asItems(data);
}
