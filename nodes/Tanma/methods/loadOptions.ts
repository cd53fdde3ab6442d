import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../transport/endpoints';
import { tanmaApiRequest, tanmaApiRequestAll } from '../transport';

/** Active staff for dropdowns; the value is the Tanma staff ID (kept as text, it can be 15+ digits). */
export async function getStaff(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const staff = await tanmaApiRequestAll.call(this, ENDPOINTS.staffList, { deleted: 0 }, { idOf: (s) => String(s.salesId) });
	return staff
		.map((s) => ({
			name: s.name ? `${String(s.name)} (${String(s.salesId)})` : String(s.salesId),
			value: String(s.salesId),
		}))
		.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** Every tag, labelled "Group / Tag"; the value is the Tanma tag ID. */
export async function getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const groups = ((await tanmaApiRequest.call(this, ENDPOINTS.tagTree)) ?? []) as IDataObject[];
	return groups.flatMap((group) =>
		((group.tags ?? []) as IDataObject[]).map((tag) => ({
			name: `${String(group.name)} / ${String(tag.name)}`,
			value: String(tag.id),
		})),
	);
}

/** Customer fields; the value is the field ID, the description its type code. */
export async function getCustomerFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const data = (await tanmaApiRequest.call(this, ENDPOINTS.customerFields, {})) as IDataObject;
	return ((data?.fields ?? []) as IDataObject[]).map((field) => ({
		name: String(field.name),
		value: String(field.id),
		description: `Type ${String(field.type)}${field.customerImportRequired ? ', required on import' : ''}`,
	}));
}
