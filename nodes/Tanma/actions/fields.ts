import type { INodeProperties } from 'n8n-workflow';

import type { ParameterReader } from '../helpers/parameters';
import { locator } from './locators';

/** Fields several operations offer in the same shape (staff and tag dropdowns, time windows, the option collections). */

/** Optional fields of a create or update ("Additional Fields", "Update Fields"). */
export function optionalFieldsCollection(
	displayName: 'Additional Fields' | 'Update Fields',
	options: INodeProperties[],
): INodeProperties {
	const name = displayName === 'Additional Fields' ? 'additionalFields' : 'updateFields';
	return { displayName, name, type: 'collection', placeholder: 'Add Field', default: {}, options };
}

/** Optional search conditions, as list operations offer them. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
}

/** The required time window (`since` included, `before` excluded) of the by-time list endpoints. */
export function timeWindowProperties(afterLabel: string, beforeLabel: string): INodeProperties[] {
	const bound = (displayName: string, name: string, description: string): INodeProperties => ({
		displayName,
		name,
		type: 'dateTime',
		required: true,
		default: '',
		description,
	});
	return [
		bound(afterLabel, 'since', 'Start of the window, included (China Standard Time)'),
		bound(beforeLabel, 'before', 'End of the window, excluded (China Standard Time)'),
	];
}

/** Reads the window of timeWindowProperties in Tanma's format; the start must come first. */
export function readTimeWindow(input: ParameterReader): { since: string; before: string } {
	const since = input.tanmaTime('since', { required: true });
	const before = input.tanmaTime('before', { required: true });
	if (since >= before) input.refuse('since', `must be earlier than "${input.labelOf('before')}"`);
	return { since, before };
}

/** A lead (or unassigned customer), as the lead operations ask for it: its Tanma ID, picked from a list from version 2. */
export function leadFields(): INodeProperties[] {
	return locator(
		'lead',
		{
			displayName: 'Lead ID',
			name: 'customerId',
			type: 'string',
			required: true,
			default: '',
			description: 'ID of the lead or unassigned customer',
		},
		'Lead',
	);
}

/** A customer, as several operations ask for it: the WeCom external user ID, picked from Tanma's search from version 2. */
export function customerFields(): INodeProperties[] {
	return locator(
		'customer',
		{
			displayName: 'Customer WeCom ID',
			name: 'externalUserId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'wmXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
			description: 'The customer’s WeCom external user ID, starting with "wm"',
		},
		'Customer',
	);
}

/** Staff loaded from Tanma, one (`options`) or several (`multiOptions`); the values are Tanma staff IDs, as text. */
function staffPicker(
	type: 'options' | 'multiOptions',
	name: string,
	displayName: string,
	description: string,
	required: boolean,
): INodeProperties {
	const several = type === 'multiOptions';
	return {
		displayName,
		name,
		type,
		typeOptions: { loadOptionsMethod: 'getStaff' },
		required,
		default: several ? [] : '',
		description: `${description}. Choose from the list, or specify ${several ? 'IDs' : 'an ID'} using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

export const staffMultiSelect = (
	name: string,
	displayName: string,
	description: string,
	required = false,
) => staffPicker('multiOptions', name, displayName, description, required);

export const staffSelect = (
	name: string,
	displayName: string,
	description: string,
	required = false,
) => staffPicker('options', name, displayName, description, required);

/** A multi-select of customer tags ("Group / Tag"); the values are Tanma tag IDs. */
export function tagMultiSelect(
	name: string,
	displayName: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTags' },
		default: [],
		description: `${description}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}
