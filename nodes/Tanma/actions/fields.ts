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

/** A multi-select of staff loaded from Tanma; the values are Tanma staff IDs, kept as text. */
export function staffMultiSelect(
	name: string,
	displayName: string,
	description: string,
	required = false,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getStaff' },
		required,
		default: [],
		description: `${description}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

/** A single staff member from Tanma; the value is the Tanma staff ID. */
export function staffSelect(
	name: string,
	displayName: string,
	description: string,
	required = false,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getStaff' },
		required,
		default: '',
		description: `${description}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

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
