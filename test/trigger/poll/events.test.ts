import type { INode } from 'n8n-workflow';

import { ParameterReader } from '../../../nodes/Tanma/helpers/parameters';
import { pollTriggerProperties } from '../../../nodes/Tanma/trigger/poll/description';
import { chosen, FOLLOW_UP_WATCHES, POLL_EVENTS } from '../../../nodes/Tanma/trigger/poll/events';
import {
	newCustomersSource,
	newLeadsSource,
	recentlyActiveSource,
} from '../../../nodes/Tanma/trigger/poll/sources';

const offered = (name: string) =>
	(pollTriggerProperties.find((p) => p.name === name)?.options ?? []).map((o) =>
		'value' in o ? o.value : undefined,
	);
const node = { name: 'Tanma Trigger' } as INode;
const reader = (values: Record<string, unknown>) =>
	ParameterReader.forNode(
		{ getNode: () => node, getNodeParameter: (name: string) => values[name] ?? null },
		pollTriggerProperties,
	);

test('the Event and Watch fields offer exactly the values of the table', () => {
	expect(offered('event')).toEqual(POLL_EVENTS.map((e) => e.value));
	expect(offered('scope')).toEqual(FOLLOW_UP_WATCHES.map((w) => w.value));
});

test('each event dispatches to its source; follow-ups by the chosen watch', () => {
	expect(chosen(POLL_EVENTS, 'newCustomer').source(reader({}))).toBe(newCustomersSource);
	expect(chosen(POLL_EVENTS, 'newLead').source(reader({}))).toBe(newLeadsSource);
	expect(chosen(POLL_EVENTS, 'newFollowUp').source(reader({ scope: 'recentlyActive' }))).toBe(
		recentlyActiveSource,
	);
	const specific = chosen(POLL_EVENTS, 'newFollowUp').source(
		reader({ scope: 'specificCustomers', externalUserIds: 'wmA, wmB' }),
	);
	expect(specific).not.toBe(recentlyActiveSource);
	expect(() =>
		chosen(POLL_EVENTS, 'newFollowUp').source(reader({ scope: 'specificCustomers' })),
	).toThrow('"Customer WeCom IDs" needs at least one entry');
});

test('a value the field does not offer is refused by the reader, naming the field', () => {
	expect(() => reader({ event: 'newOrder' }).choice('event', 'newFollowUp')).toThrow('"Event"');
	expect(() => reader({ scope: 'everyone' }).choice('scope', 'recentlyActive')).toThrow('"Watch"');
	expect(() => chosen(POLL_EVENTS, 'newOrder')).toThrow('not in the table');
});
