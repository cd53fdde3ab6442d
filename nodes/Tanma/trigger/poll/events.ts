import type { ParameterReader } from '../../helpers/parameters';
import type { TriggerSource } from './sources';
import {
	newCustomersSource,
	newLeadsSource,
	recentlyActiveSource,
	specificCustomersSource,
} from './sources';

/**
 * The Tanma Trigger's event table: each event (and, for follow-ups, each watch) with the text the editor
 * shows and the source it polls. The Event and Watch fields' options, the values they accept and the
 * dispatch all come from here.
 */
interface Choice {
	value: string;
	name: string;
	description: string;
	source(input: ParameterReader): TriggerSource;
}

/**
 * The Watch field (which customers' follow-ups the trigger reads) is saved under the parameter name "scope", the name
 * version 1 shipped with: saved workflows keep it, the code calls the field "watch" everywhere else.
 */
export const WATCH_PARAMETER = 'scope';

export const FOLLOW_UP_WATCHES = [
	{
		value: 'recentlyActive',
		name: 'Recently Active Customers',
		description: 'Every customer whose last follow-up time moved',
		source: () => recentlyActiveSource,
	},
	{
		value: 'specificCustomers',
		name: 'Specific Customers',
		description: 'A list of customers, each read on every poll',
		source: (input) => specificCustomersSource(input.idList('externalUserIds', { required: true })),
	},
] as const satisfies readonly Choice[];

export const POLL_EVENTS = [
	{
		value: 'newCustomer',
		name: 'New Customer',
		description: 'A WeCom customer was added (by creation time)',
		source: () => newCustomersSource,
	},
	{
		value: 'newLead',
		name: 'New Lead',
		description: 'A lead or unassigned customer was created (by creation time)',
		source: () => newLeadsSource,
	},
	{
		value: 'newFollowUp',
		name: 'New Follow-Up Record',
		description: 'A follow-up record was written for a customer',
		source: (input) =>
			chosen(FOLLOW_UP_WATCHES, input.choice<WatchName>(WATCH_PARAMETER, 'recentlyActive')).source(
				input,
			),
	},
] as const satisfies readonly Choice[];

export type PollEventName = (typeof POLL_EVENTS)[number]['value'];
export type WatchName = (typeof FOLLOW_UP_WATCHES)[number]['value'];

/** The entry of a value the reader has already checked against the field's options. */
export function chosen<T extends Choice>(table: readonly T[], value: string): T {
	const entry = table.find((e) => e.value === value);
	if (!entry) throw new Error(`"${value}" is not in the table its field's options come from`);
	return entry;
}
