import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TanmaEndpoint } from '../transport/endpoints';
import { PAGING_WIRE } from '../transport/endpoints';
import type { TanmaBody } from '../transport/json';
import { maxParallelRequestsProperty, readMaxParallelRequests } from '../helpers/parallelReads';
import { ParameterReader } from '../helpers/parameters';
import { tanmaApiRequestAll } from '../transport';

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

/** Optional search conditions, as list operations offer them. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options };
}

/** Optional fields of a create or update ("Additional Fields", "Update Fields"). */
export function optionalFieldsCollection(displayName: 'Additional Fields' | 'Update Fields', options: INodeProperties[]): INodeProperties {
	const name = displayName === 'Additional Fields' ? 'additionalFields' : 'updateFields';
	return { displayName, name, type: 'collection', placeholder: 'Add Field', default: {}, options };
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

/** A lead's (or unassigned customer's) Tanma ID, as the lead operations ask for it. */
export function leadIdProperty(): INodeProperties {
	return { displayName: 'Lead ID', name: 'customerId', type: 'string', required: true, default: '', description: 'ID of the lead or unassigned customer' };
}

/** The customer's WeCom external user id, as several operations ask for it. */
export function customerWeComIdProperty(): INodeProperties {
	return {
		displayName: 'Customer WeCom ID',
		name: 'externalUserId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'wmXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
		description: 'The customer’s WeCom external user ID, starting with "wm"',
	};
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
	const maxParallel = readsPagesInParallel(endpoint) ? readMaxParallelRequests(ParameterReader.forItem(this, itemIndex, returnAllOrLimit(endpoint))) : 1;
	return await tanmaApiRequestAll.call(this, endpoint, body, { itemIndex, limit, idOf, maxParallel });
}

/**
 * The notice above an operation whose endpoint Tanma marks as (to be) deprecated, made from the catalogue's
 * status (none for a current endpoint); `advice` says what to use instead.
 */
export function deprecationNotice(endpoint: TanmaEndpoint, advice: string): INodeProperties[] {
	if (endpoint.status === 'deprecated') {
		return [{ displayName: `Tanma marks this endpoint as deprecated. It still answers; ${advice}`, name: 'deprecatedNotice', type: 'notice', default: '' }];
	}
	if (endpoint.status === 'toBeDeprecated') {
		return [{ displayName: `Tanma marks this endpoint as to be deprecated. ${advice}`, name: 'toBeDeprecatedNotice', type: 'notice', default: '' }];
	}
	return [];
}

/**
 * The notice above an operation whose endpoint is known only from Tanma's own client code (the catalogue's
 * `source`), none for a documented one; `detail` adds what else the user should know.
 */
export function clientKnownNotice(endpoint: TanmaEndpoint, detail = ''): INodeProperties[] {
	if (endpoint.source !== 'client') return [];
	const text = `Known from Tanma’s own client code, not from a published page (${endpoint.path}): Tanma may change it.`;
	return [{ displayName: detail ? `${text} ${detail}` : text, name: 'clientKnownNotice', type: 'notice', default: '' }];
}

/** The end of an operation's description in the operation list: its endpoint's vendor status, if not current. */
export function statusNote(endpoint: TanmaEndpoint): string {
	if (endpoint.status === 'deprecated') return ' (deprecated by Tanma)';
	if (endpoint.status === 'toBeDeprecated') return ' (to be deprecated by Tanma)';
	return '';
}

/** What one operation contributes: its fields and what it does for one input item. */
export interface TanmaOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]>;
}

/** Wraps a scalar or missing `data` so every operation yields objects. */
export function asItems(data: unknown, key = 'data'): IDataObject[] {
	if (Array.isArray(data)) return data as IDataObject[];
	if (data && typeof data === 'object') return [data as IDataObject];
	return [{ success: true, ...(data === undefined || data === null ? {} : { [key]: data }) }];
}

/** A multi-select of staff loaded from Tanma; the values are Tanma staff IDs, kept as text. */
export function staffMultiSelect(name: string, displayName: string, description: string, required = false): INodeProperties {
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
export function staffSelect(name: string, displayName: string, description: string, required = false): INodeProperties {
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
export function tagMultiSelect(name: string, displayName: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTags' },
		default: [],
		description: `${description}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

/** The item's Limit, or undefined under Return All; read before the request, so a bad Limit sends nothing. */
export function limitOf(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const read = ParameterReader.forItem(ctx, itemIndex, returnAllOrLimit({ paging: 'none' }));
	if (read.flag('returnAll')) return undefined;
	return read.wholeNumber('limit', { min: 1, fallback: 50 });
}
