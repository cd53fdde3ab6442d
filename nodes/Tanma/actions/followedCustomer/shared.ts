import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** The `type` filter both relation endpoints take; Tanma has not published its values. */
export function relationTypeProperty(): INodeProperties {
	return {
		displayName: 'Type',
		name: 'type',
		type: 'string',
		default: '',
		placeholder: '1',
		description:
			'Relation type code sent to Tanma (values unpublished; 1 appears in its examples). Leave empty for all.',
	};
}

/** A relation is one staff member following one customer. */
export const relationId = (r: IDataObject): string =>
	`${String(r.customerId)}/${String(r.qwUserId)}`;
