import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { readMaxParallelRequests } from '../../helpers/parallelReads';
import { ParameterReader } from '../../helpers/parameters';
import { pollTriggerProperties } from './description';
import type { PollEventName, WatchName } from './events';
import { chosen, POLL_EVENTS, WATCH_PARAMETER } from './events';
import { latestRecord, POLL_BUDGET_SHARE, pollNewRecords, RETRY_BUDGET_SHARE } from './scan';

const MINUTE_MS = 60 * 1000;

/** One poll of the Tanma Trigger: its options read and checked, then the chosen event's source polled (./scan.ts). */
export async function runPollTrigger(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const input = ParameterReader.forNode(this, pollTriggerProperties);
	const event = input.choice<PollEventName>('event', 'newFollowUp');
	// Part of the trigger's configuration: a changed watch starts the cursor afresh.
	const watch =
		event === 'newFollowUp' ? input.choice<WatchName>(WATCH_PARAMETER, 'recentlyActive') : '';
	const options = input.collection('options');
	const lateArrivalMs =
		options.wholeNumber('lateArrivalMinutes', { min: 0, max: 1440, fallback: 10 }) * MINUTE_MS;
	// Read before the first request, manual runs included, so a wrong value is refused before anything is sent.
	const startFromMs = options.dateTime('startFrom');
	const maxParallel = readMaxParallelRequests(options);
	// Not set: the default schedule (hourly at most, checks ≤ 5 % of the requests); set: exactly that interval.
	const filterCheckMinutes = options.wholeNumber('filterCheckMinutes', {
		min: 1,
		max: 10080,
		fallback: 0,
	});
	const filterCheck = filterCheckMinutes
		? { intervalMs: filterCheckMinutes * MINUTE_MS }
		: { intervalMs: 60 * MINUTE_MS, maxShare: 0.05 };

	const source = chosen(POLL_EVENTS, event).source(input);

	if (this.getMode() === 'manual') {
		const latest = await latestRecord.call(this, source, Date.now(), lateArrivalMs, maxParallel);
		return latest.length ? [this.helpers.returnJsonArray(latest)] : null;
	}

	const budget =
		typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : 5 * MINUTE_MS;
	const nodeId = this.getNode().id;
	const stores = {
		node: this.getWorkflowStaticData('node'),
		global: this.getWorkflowStaticData('global'),
	};
	const records = await pollNewRecords.call(this, source, stores, {
		config: [event, watch, startFromMs ?? ''].join('|'),
		nodeId,
		receiverId: `${this.getWorkflow().id ?? ''}:${nodeId}`,
		lateArrivalMs,
		startFromMs,
		budgetMs: budget * POLL_BUDGET_SHARE,
		retryBudgetMs: budget * RETRY_BUDGET_SHARE,
		maxParallel,
		filterCheck,
		clock: () => Date.now(),
	});
	return records.length ? [this.helpers.returnJsonArray(records)] : null;
}
