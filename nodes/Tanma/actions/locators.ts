import type { INodeProperties } from 'n8n-workflow';

/**
 * Fields that pick one Tanma record. Version 1 of the node asked for the id as text; from version 2 each is a
 * resource locator: *From List* (searched through Tanma as the user types, a page at a time; methods/listSearch.ts)
 * and *By ID*, or *By ID* alone where Tanma publishes no list to pick from. Both versions keep the parameter's name,
 * and the node reads either value the same way (helpers/parameters.ts), so a saved version-1 workflow runs unchanged.
 */

/** Shown at version 1 only / from version 2 on / at version 2 only / from version 3 on. */
export const VERSION_1 = { show: { '@version': [1] } };
export const FROM_VERSION_2 = { hide: { '@version': [1] } };
export const VERSION_2 = { show: { '@version': [2] } };
export const FROM_VERSION_3 = { hide: { '@version': [1, 2] } };

/** The kinds of record a field can pick, each with its list (if Tanma has one) and the form of its id. */
const KINDS = {
	customer: {
		listSearch: 'searchCustomers',
		listHint: 'Type a name, remark or phone number: Tanma’s customer search',
		idRegex: '^\\S+$',
		idError: 'A WeCom external user ID has no spaces',
		placeholder: 'e.g. wmXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
	},
	staffMember: {
		listSearch: 'searchStaffMembers',
		listHint: 'Type part of a name: active staff, by Tanma staff ID',
		idRegex: '^\\d+$',
		idError: 'A Tanma staff ID is a number',
		placeholder: 'e.g. 463352988837952',
	},
	staff: {
		listSearch: 'searchStaff',
		listHint: 'Type part of a name: active staff with a WeCom user ID',
		idRegex: '^\\S+$',
		idError: 'A WeCom user ID has no spaces',
		placeholder: 'e.g. zhangsan',
	},
	groupChat: {
		listSearch: 'searchGroupChats',
		listHint: 'Type part of the group’s name',
		idRegex: '^\\S+$',
		idError: 'A group chat ID has no spaces',
		placeholder: 'e.g. wrXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
	},
	lead: {
		listSearch: 'searchLeads',
		listHint:
			'Leads created in the last 30 days, newest first (Tanma’s lead list has no search); type to filter by name or phone',
		idRegex: '^\\d+$',
		idError: 'A lead ID is a number',
		placeholder: 'e.g. 398604120668001',
	},
	order: {
		listSearch: 'searchOrders',
		listHint:
			'Type an order number (or a customer name); filtered by the Platform ID above when it is set',
		idRegex: '^\\S+$',
		idError: 'An order record ID has no spaces',
		placeholder: 'e.g. 9970a40cae4311ebb0d800163e30b52e',
	},
	contract: {
		idRegex: '^\\S+$',
		idError: 'A contract ID has no spaces',
		placeholder: 'e.g. HT.431339837921536',
	},
	workOrder: {
		idRegex: '^\\d+$',
		idError: 'A work order ID is a number',
		placeholder: 'e.g. 1024',
	},
	companyCustomer: {
		idRegex: '^\\d+$',
		idError: 'A company customer ID is a number',
		placeholder: 'e.g. 513799527504064',
	},
} satisfies Record<string, RecordKind>;

interface RecordKind {
	listSearch?: string;
	listHint?: string;
	idRegex: string;
	idError: string;
	placeholder: string;
}

export type LocatorKind = keyof typeof KINDS;

/** Kinds Tanma publishes no list for: By ID only, and the field says so. */
export const BY_ID_ONLY_NOTE = 'Tanma publishes no list of these to pick from: enter the ID';

/**
 * A field that picks one record of `kind`: the text field version 1 saved, and the resource locator from version 2
 * (`field` is the version-1 text field, reused for name, description and whether it is required; `label`, the
 * version-2 label, names the record rather than its id: "Customer" where version 1 said "Customer WeCom ID").
 */
export function locator(
	kind: LocatorKind,
	field: INodeProperties,
	label = field.displayName,
): INodeProperties[] {
	const facts: RecordKind = KINDS[kind];
	const listed = facts.listSearch !== undefined;
	const v2: INodeProperties = {
		displayName: label,
		name: field.name,
		type: 'resourceLocator',
		...(field.required === undefined ? {} : { required: field.required }),
		default: { mode: listed ? 'list' : 'id', value: '' },
		description: field.description,
		modes: [
			...(listed
				? [
						{
							displayName: 'From List',
							name: 'list',
							type: 'list' as const,
							placeholder: facts.listHint,
							typeOptions: { searchListMethod: facts.listSearch, searchable: true },
						},
					]
				: []),
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: facts.placeholder,
				validation: [
					{ type: 'regex', properties: { regex: facts.idRegex, errorMessage: facts.idError } },
				],
			},
		],
		...(listed ? {} : { hint: BY_ID_ONLY_NOTE }),
		displayOptions: {
			...field.displayOptions,
			hide: { ...field.displayOptions?.hide, ...FROM_VERSION_2.hide },
		},
	};
	return [
		{
			...field,
			displayOptions: {
				...field.displayOptions,
				show: { ...field.displayOptions?.show, ...VERSION_1.show },
			},
		},
		v2,
	];
}
