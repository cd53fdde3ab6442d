import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { maxParallelRequestsProperty, readMaxParallelRequests } from '../helpers/parallelReads';
import { ParameterReader } from '../helpers/parameters';
import { tanmaApiRequestAll } from '../transport';
import type { TanmaEndpoint } from '../transport/protocol/endpoints';
import { PAGING_WIRE } from '../transport/protocol/endpoints';
import type { TanmaBody } from '../transport/protocol/json';

/** What list operations share: Return All / Limit / Max Parallel Requests, reading a list by them, and output items. */

/** Whether the endpoint's pages are numbered, so pages after the first can be read several at a time. */
function readsPagesInParallel(endpoint: Pick<TanmaEndpoint, 'paging'>): boolean {
	return endpoint.paging !== 'none' && PAGING_WIRE[endpoint.paging].kind === 'numbered';
}

/** Return All + Limit, as every list operation has them, and Max Parallel Requests where pages are numbered. */
export function returnAllOrLimit(endpoint: Pick<TanmaEndpoint, 'paging'>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
		...(readsPagesInParallel(endpoint) ? [maxParallelRequestsProperty('pages')] : []),
	];
}

/** Reads a list endpoint honouring the item's Return All / Limit. */
export async function readList(
	this: IExecuteFunctions,
	itemIndex: number,
	endpoint: TanmaEndpoint,
	body: TanmaBody,
	idOf?: (item: IDataObject) => string | undefined,
): Promise<IDataObject[]> {
	const limit = limitOf(this, itemIndex);
	const maxParallel = readsPagesInParallel(endpoint)
		? readMaxParallelRequests(ParameterReader.forItem(this, itemIndex, returnAllOrLimit(endpoint)))
		: 1;
	return await tanmaApiRequestAll.call(this, endpoint, body, {
		itemIndex,
		limit,
		idOf,
		maxParallel,
	});
}

/** The item's Limit, or undefined under Return All; read before the request, so a bad Limit sends nothing. */
export function limitOf(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const read = ParameterReader.forItem(ctx, itemIndex, returnAllOrLimit({ paging: 'none' }));
	if (read.flag('returnAll')) return undefined;
	return read.wholeNumber('limit', { min: 1, fallback: 50 });
}

/** Wraps a scalar or missing `data` so every operation yields objects. */
export function asItems(data: unknown, key = 'data'): IDataObject[] {
	if (Array.isArray(data)) return data as IDataObject[];
	if (data && typeof data === 'object') return [data as IDataObject];
	return [{ success: true, ...(data === undefined || data === null ? {} : { [key]: data }) }];
}
