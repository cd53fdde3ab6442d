import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { KNOWN_IMPORT_ALIASES } from '../actions/customer/import.operation';
import { ENDPOINTS } from '../transport/protocol/endpoints';
import { tanmaApiRequest, tanmaApiRequestAll } from '../transport';

/** Dropdown sources. Values are Tanma ids as text (they can be 15+ digits). */

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) =>
	a.name.localeCompare(b.name, 'zh-CN');

async function activeStaff(this: ILoadOptionsFunctions): Promise<IDataObject[]> {
	return await tanmaApiRequestAll.call(
		this,
		ENDPOINTS.staffList,
		{ deleted: 0 },
		{ idOf: (s) => String(s.salesId) },
	);
}

/** Active staff, labelled "Name (ID)". */
export async function getStaff(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const staff = await activeStaff.call(this);
	return staff
		.map((s) => ({
			name: s.name ? `${String(s.name)} (${String(s.salesId)})` : String(s.salesId),
			value: String(s.salesId),
		}))
		.sort(byName);
}

/**
 * Active staff by WeCom user id, labelled "Name (WeCom ID)": for fields Tanma shows with a WeCom user id
 * (Customer → Transfer's new owner). Staff rows without a qwUserId are left out; such an id can still be typed.
 */
export async function getStaffWeComIds(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const staff = await activeStaff.call(this);
	return staff
		.filter((s) => typeof s.qwUserId === 'string' && s.qwUserId !== '')
		.map((s) => ({
			name: s.name ? `${String(s.name)} (${String(s.qwUserId)})` : String(s.qwUserId),
			value: String(s.qwUserId),
		}))
		.sort(byName);
}

/** Dropdowns ask at most this many staff members for their departments. */
const DEPARTMENT_LOOKUP_STAFF_CAP = 200;

/**
 * Departments. Tanma publishes no department list, so this asks each active staff member's
 * departments (one request per person, up to DEPARTMENT_LOOKUP_STAFF_CAP) and merges them.
 */
export async function getDepartments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const staff = (await activeStaff.call(this)).slice(0, DEPARTMENT_LOOKUP_STAFF_CAP);
	const names = new Map<string, string>();
	for (const member of staff) {
		const departments = ((await tanmaApiRequest.call(this, ENDPOINTS.staffDepartments, {
			salesId: member.salesId,
		})) ?? []) as IDataObject[];
		for (const d of departments) names.set(String(d.departmentId), String(d.departmentName ?? ''));
	}
	return [...names].map(([id, name]) => ({ name: `${name} (${id})`, value: id })).sort(byName);
}

/** Every tag, labelled "Group / Tag". */
export async function getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const groups = ((await tanmaApiRequest.call(this, ENDPOINTS.tagTree)) ?? []) as IDataObject[];
	return groups.flatMap((group) =>
		((group.tags ?? []) as IDataObject[]).map((tag) => ({
			name: `${String(group.name)} / ${String(tag.name)}`,
			value: String(tag.id),
		})),
	);
}

/**
 * Aliases accepted by Customer → Import: the ones Tanma's client uses, plus each customer field's
 * mapped alias (`outerField`, which we read as the mapping; unconfirmed by the vendor).
 */
export async function getImportFieldAliases(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const data = (await tanmaApiRequest.call(this, ENDPOINTS.customerFields, {})) as IDataObject;
	const options = new Map<string, INodePropertyOptions>();
	for (const [alias, label] of Object.entries(KNOWN_IMPORT_ALIASES)) {
		options.set(alias, { name: label, value: alias, description: `Alias ${alias}` });
	}
	for (const field of (data?.fields ?? []) as IDataObject[]) {
		const alias = typeof field.outerField === 'string' ? field.outerField.trim() : '';
		if (!alias || options.has(alias)) continue;
		options.set(alias, {
			name: `${String(field.name)} (${alias})`,
			value: alias,
			description: `Field ${String(field.id)}, type ${String(field.type)}`,
		});
	}
	return [...options.values()];
}

/**
 * The opportunity types with their stages and fields. The config page lists stage and field objects without
 * naming their keys; stageId/stageName and fieldId/fieldName are read first (the names the opportunity push and
 * the update body use), then id/name.
 */
async function opportunityTypes(this: ILoadOptionsFunctions): Promise<IDataObject[]> {
	const types = await tanmaApiRequest.call(this, ENDPOINTS.opportunityConfig);
	return Array.isArray(types) ? (types as IDataObject[]) : [];
}

const firstOf = (entry: IDataObject, ...keys: string[]) =>
	keys.map((k) => entry[k]).find((v) => v !== undefined && v !== null);

function optionsOf(
	types: IDataObject[],
	list: 'stages' | 'fields',
	idKeys: string[],
	nameKeys: string[],
): INodePropertyOptions[] {
	return types.flatMap((type) =>
		(Array.isArray(type[list]) ? (type[list] as IDataObject[]) : [])
			.filter((entry) => firstOf(entry, ...idKeys) !== undefined)
			.map((entry) => ({
				name: `${String(type.typeName ?? type.typeId)} / ${String(firstOf(entry, ...nameKeys) ?? firstOf(entry, ...idKeys))}`,
				value: String(firstOf(entry, ...idKeys)),
			})),
	);
}

/**
 * Every opportunity stage, labelled "Type / Stage". The config page names no stage keys; the opportunity push
 * calls the name `stateName`, so that is read too (Tenant Check reports which keys this tenant uses).
 */
export async function getOpportunityStages(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return optionsOf(
		await opportunityTypes.call(this),
		'stages',
		['stageId', 'id'],
		['stageName', 'stateName', 'name'],
	);
}

/** Every opportunity field, labelled "Type / Field". */
export async function getOpportunityFields(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return optionsOf(
		await opportunityTypes.call(this),
		'fields',
		['fieldId', 'id'],
		['fieldName', 'name'],
	);
}
