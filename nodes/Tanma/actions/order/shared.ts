import type { INodeProperties } from 'n8n-workflow';

/** Order status codes as Tanma documents them (the change_order push page); other codes are unpublished. */
export const ORDER_STATUSES = [
	{ name: 'Paid', value: 2, description: 'Status code 2' },
	{ name: 'Shipped', value: 3, description: 'Status code 3' },
	{ name: 'Completed', value: 4, description: 'Status code 4' },
	{ name: 'After-Sales', value: 5, description: 'Status code 5' },
	{ name: 'Refunded', value: 7, description: 'Status code 7' },
] as const;

export const ORDER_STATUS_CODES = ORDER_STATUSES.map((s) => s.value);

/** The shop platform an order belongs to, as every order operation asks for it. */
export function platformIdProperty(required: boolean): INodeProperties {
	return {
		displayName: 'Platform ID',
		name: 'channelId',
		type: 'string',
		required,
		default: '',
		placeholder: '12306',
		description: 'ID of the sales platform the order comes from',
	};
}
