import type { INodeProperties } from 'n8n-workflow';

/** The SOP name every create operation asks for. */
export function sopTitleProperty(): INodeProperties {
	return {
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		description: 'SOP name',
	};
}
