import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_PARALLEL_READS, MAX_PARALLEL_READS_CAP } from '../transport/concurrency';
import type { ParameterReader } from './parameters';

/** The Max Parallel Requests field, as list operations and the polling trigger offer it. */
export function maxParallelRequestsProperty(readsWhat: string): INodeProperties {
	return {
		displayName: 'Max Parallel Requests',
		name: 'maxParallelRequests',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_READS_CAP },
		default: DEFAULT_MAX_PARALLEL_READS,
		description: `How many ${readsWhat} to read from Tanma at the same time. 1 reads them one after another. Drops to 1 by itself for the rest of the run when Tanma answers that it is overloaded (HTTP 429 or 5xx, a timeout, a "too frequent" message).`,
	};
}

/** The value of maxParallelRequestsProperty, checked (a whole number from 1 to the cap). */
export function readMaxParallelRequests(input: ParameterReader): number {
	return input.wholeNumber('maxParallelRequests', {
		min: 1,
		max: MAX_PARALLEL_READS_CAP,
		fallback: DEFAULT_MAX_PARALLEL_READS,
	});
}
