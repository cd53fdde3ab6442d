import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ParameterReader } from '../helpers/parameters';
import { ownerName } from '../helpers/customerSearch';
import { FROM_VERSION_2 } from './locators';

/**
 * *Simplify* (from node version 2, on by default): large Tanma records cut down to what a workflow builder or an AI
 * agent needs — ids, name, phone, owner, tags, times — under Tanma's own key names, with read-friendly additions
 * where Tanma nests them (a customer's owner name, a lead's fields by alias, an order's goods). Off: the record as
 * Tanma sent it. Follow-up records are not simplified: they have five or six fields, all needed. The field sets are
 * listed in docs/operations.md.
 */
export function simplifyProperty(): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simple',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		displayOptions: FROM_VERSION_2,
	};
}

/** Tanma's keys each simplified record keeps, in this order, when present. */
export const SIMPLIFIED_KEYS = {
	customer: [
		'customerId',
		'externalUserId',
		'wechatNickname',
		'qwRemark',
		'mobiles',
		'unionId',
		'qwSalesId',
		'qwUserId',
		'tags',
		'createTime',
		'qwCustomerTime',
		'qwLastFollowTime',
	],
	lead: [
		'customerId',
		'isClue',
		'type',
		'tagIds',
		'createTime',
		'lastUpdateTime',
		'convertCustomerTime',
	],
	order: [
		'id',
		'orderId',
		'channelId',
		'channelName',
		'shopName',
		'customerId',
		'salesId',
		'orderPrice',
		'status',
		'orderTime',
		'payTime',
	],
	contract: [
		'id',
		'title',
		'customerId',
		'salesId',
		'amount',
		'contractType',
		'approvalStatus',
		'signTime',
		'startTime',
		'endTime',
	],
} as const;

export type SimplifiedKind = keyof typeof SIMPLIFIED_KEYS;

function picked(record: IDataObject, keys: readonly string[]): IDataObject {
	const out: IDataObject = {};
	for (const key of keys) if (record[key] !== undefined) out[key] = record[key];
	return out;
}

const asList = (value: unknown) => (Array.isArray(value) ? (value as unknown[]) : []);
const plain = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Each kind's additions beyond its keys. */
const EXTRA: Record<SimplifiedKind, (record: IDataObject) => IDataObject> = {
	customer: (record) => {
		const owner = ownerName(record);
		return owner ? { ownerName: owner } : {};
	},
	lead: (record) => {
		const fields = asList(record.fields).filter(plain);
		return fields.length
			? {
					fields: Object.fromEntries(
						fields
							.filter((f) => typeof f.field === 'string')
							.map((f) => [f.field as string, f.valueAsText ?? null]),
					),
				}
			: {};
	},
	order: (record) => {
		const goods = asList(record.goodsList ?? record.goods).filter(plain);
		return goods.length
			? { goods: goods.map((g) => picked(g, ['goodName', 'goodPrice', 'num'])) }
			: {};
	},
	contract: () => ({}),
};

export function simplified(kind: SimplifiedKind, record: IDataObject): IDataObject {
	return { ...picked(record, SIMPLIFIED_KEYS[kind]), ...EXTRA[kind](record) };
}

/**
 * What the item's Simplify asks for (version 1 has no Simplify: raw), read before anything is sent, so a bad value
 * is refused first: a function that makes the records so.
 */
export function readSimplify(
	input: ParameterReader,
	kind: SimplifiedKind,
): (records: IDataObject[]) => IDataObject[] {
	const shown = input.property('simple') !== undefined;
	return shown && input.flag('simple')
		? (records) => records.map((record) => simplified(kind, record))
		: (records) => records;
}
