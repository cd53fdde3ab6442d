import type { INodeProperties } from 'n8n-workflow';

import { maxParallelRequestsProperty } from '../../helpers/parallelReads';
import { FOLLOW_UP_WATCHES, POLL_EVENTS, WATCH_PARAMETER } from './events';

/** The Tanma Trigger's fields; its events and watches come from the table in ./events.ts. */
export const pollTriggerProperties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: POLL_EVENTS.map(({ value, name, description }) => ({ name, value, description })),
		default: 'newFollowUp',
	},
	{
		displayName: 'Watch',
		name: WATCH_PARAMETER,
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { event: ['newFollowUp'] } },
		options: FOLLOW_UP_WATCHES.map(({ value, name, description }) => ({
			name,
			value,
			description,
		})),
		default: 'recentlyActive',
	},
	{
		displayName:
			'Tanma publishes no "list all follow-up records" endpoint. This watch finds customers by last follow-up time with a search filter that appears only in a vendor example (qwLastFollowTypes), then reads their follow-ups. The trigger checks that filter on its first poll and then every Filter Check Interval, by a search without it: if Tanma left a customer out, that customer’s follow-ups are emitted, n8n’s log says so, and the trigger stops using the filter.',
		name: 'recentlyActiveNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { event: ['newFollowUp'], [WATCH_PARAMETER]: ['recentlyActive'] } },
	},
	{
		displayName: 'Customer WeCom IDs',
		name: 'externalUserIds',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'wmAAAA, wmBBBB',
		displayOptions: { show: { event: ['newFollowUp'], [WATCH_PARAMETER]: ['specificCustomers'] } },
		description:
			'WeCom external user IDs of the customers to watch, separated by commas or new lines (or an expression giving a list)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Late Arrival Window (Minutes)',
				name: 'lateArrivalMinutes',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1440 },
				default: 10,
				description:
					'How long after its own time a record may still show up and be emitted. Customers active within this window are read again on each poll.',
			},
			{
				displayName: 'Filter Check Interval (Minutes)',
				name: 'filterCheckMinutes',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10080 },
				default: 60,
				displayOptions: {
					show: { '/event': ['newFollowUp'], [`/${WATCH_PARAMETER}`]: ['recentlyActive'] },
				},
				description:
					'How often the trigger also searches every customer (one request per 100 customers) to check that Tanma’s last follow-up filter left nobody out; follow-ups of a customer it left out are emitted at the next check. Not set: at most hourly, and only while checks add no more than 5% to the trigger’s requests.',
			},
			maxParallelRequestsProperty('list pages and customers’ follow-ups'),
			{
				displayName: 'Start From',
				name: 'startFrom',
				type: 'dateTime',
				default: '',
				description:
					'On first activation, emit records from this time on (backfill). Empty: start from the moment of activation.',
			},
		],
	},
];
