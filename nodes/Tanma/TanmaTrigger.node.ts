import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readMaxParallelRequests, maxParallelRequestsProperty } from './helpers/parallelReads';
import { ParameterReader } from './helpers/parameters';
import { latestRecord, POLL_BUDGET_SHARE, pollNewRecords } from './trigger/poll';
import type { TriggerSource } from './trigger/sources';
import { newCustomersSource, newLeadsSource, recentlyActiveSource, specificCustomersSource } from './trigger/sources';

const MINUTE_MS = 60 * 1000;

export class TanmaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tanma Trigger',
		name: 'tanmaTrigger',
		icon: { light: 'file:tanma.svg', dark: 'file:tanma.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when Tanma has a new follow-up record, customer or lead',
		defaults: { name: 'Tanma Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tanmaApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'New Customer', value: 'newCustomer', description: 'A WeCom customer was added (by creation time)' },
					{ name: 'New Lead', value: 'newLead', description: 'A lead or unassigned customer was created (by creation time)' },
					{ name: 'New Follow-Up Record', value: 'newFollowUp', description: 'A follow-up record was written for a customer' },
				],
				default: 'newFollowUp',
			},
			{
				displayName: 'Watch',
				name: 'scope',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { event: ['newFollowUp'] } },
				options: [
					{
						name: 'Recently Active Customers',
						value: 'recentlyActive',
						description: 'Every customer whose last follow-up time moved',
					},
					{
						name: 'Specific Customers',
						value: 'specificCustomers',
						description: 'A list of customers, each read on every poll',
					},
				],
				default: 'recentlyActive',
			},
			{
				displayName:
					'Tanma publishes no "list all follow-up records" endpoint. This scope finds customers by last follow-up time with a search filter that appears only in a vendor example (qwLastFollowTypes), then reads their follow-ups. The trigger checks that filter on its first poll and then every Filter Check Interval, by a search without it: if Tanma left a customer out, that customer’s follow-ups are emitted, n8n’s log says so, and the trigger stops using the filter.',
				name: 'recentlyActiveNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { event: ['newFollowUp'], scope: ['recentlyActive'] } },
			},
			{
				displayName: 'Customer WeCom IDs',
				name: 'externalUserIds',
				type: 'string',
				typeOptions: { rows: 3 },
				required: true,
				default: '',
				placeholder: 'wmAAAA, wmBBBB',
				displayOptions: { show: { event: ['newFollowUp'], scope: ['specificCustomers'] } },
				description: 'WeCom external user IDs of the customers to watch, separated by commas or new lines (or an expression giving a list)',
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
						displayOptions: { show: { '/event': ['newFollowUp'], '/scope': ['recentlyActive'] } },
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
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const input = ParameterReader.forNode(this);
		const event = input.choice('event', 'Event', ['newCustomer', 'newFollowUp', 'newLead'], 'newFollowUp');
		const scope = event === 'newFollowUp' ? input.choice('scope', 'Watch', ['recentlyActive', 'specificCustomers'], 'recentlyActive') : '';
		const options = input.collection('options', 'Options');
		const lateArrivalMs = options.wholeNumber('lateArrivalMinutes', 'Late Arrival Window (Minutes)', { min: 0, max: 1440, fallback: 10 }) * MINUTE_MS;
		// Read before the first request, manual runs included, so a wrong value is refused before anything is sent.
		const startFromMs = options.dateTime('startFrom', 'Start From');
		const maxParallel = readMaxParallelRequests(options);
		// Not set: the default schedule (hourly at most, checks ≤ 5 % of the requests); set: exactly that interval.
		const filterCheckMinutes = options.wholeNumber('filterCheckMinutes', 'Filter Check Interval (Minutes)', { min: 1, max: 10080, fallback: 0 });
		const filterCheck = filterCheckMinutes ? { intervalMs: filterCheckMinutes * MINUTE_MS } : { intervalMs: 60 * MINUTE_MS, maxShare: 0.05 };

		let source: TriggerSource;
		if (event === 'newCustomer') source = newCustomersSource;
		else if (event === 'newLead') source = newLeadsSource;
		else if (scope === 'specificCustomers') {
			source = specificCustomersSource(input.idList('externalUserIds', 'Customer WeCom IDs', { required: true }));
		} else source = recentlyActiveSource;

		if (this.getMode() === 'manual') {
			const latest = await latestRecord.call(this, source, Date.now(), lateArrivalMs, maxParallel);
			return latest.length ? [this.helpers.returnJsonArray(latest)] : null;
		}

		const budget = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : 5 * MINUTE_MS;
		const records = await pollNewRecords.call(this, source, this.getWorkflowStaticData('node'), {
			config: [event, scope, startFromMs ?? ''].join('|'),
			lateArrivalMs,
			startFromMs,
			budgetMs: budget * POLL_BUDGET_SHARE,
			maxParallel,
			filterCheck,
			clock: () => Date.now(),
		});
		return records.length ? [this.helpers.returnJsonArray(records)] : null;
	}
}
