/**
 * The UI text of a node description as n8n's editor reads it: every string shown to a user, and the keys under
 * which a translation file can replace them (`nodeView.<key>.displayName` and so on). The key rules are the
 * editor's: a parameter inside a collection is `<collection>.options.<name>`,
 * inside a fixed collection `<fc>.options.<group>.values.<name>`; an option of an options parameter is
 * `<parameter key>.options.<value>`.
 */
import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';

export const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;

/** Text fields of a parameter (or option) that the editor shows. */
const SHOWN = ['displayName', 'description', 'hint', 'placeholder', 'action', 'name'] as const;

export interface UiString {
	where: string;
	text: string;
}

/** Every user-visible string of a description (codex aliases are not part of it). */
export function uiStrings(
	description: Pick<INodeTypeDescription, 'properties'> & Partial<INodeTypeDescription>,
): UiString[] {
	const found: UiString[] = [];
	for (const field of ['displayName', 'description', 'subtitle'] as const) {
		const text = description[field];
		if (typeof text === 'string') found.push({ where: field, text });
	}
	const visit = (value: unknown, where: string, depth: number): void => {
		if (Array.isArray(value))
			return value.forEach((entry, i) => visit(entry, `${where}[${i}]`, depth));
		if (!value || typeof value !== 'object') return;
		const record = value as Record<string, unknown>;
		for (const field of SHOWN) {
			// An option's `name` is its label; a parameter's `name` is its key and is never shown.
			if (field === 'name' && 'type' in record) continue;
			if (typeof record[field] === 'string')
				found.push({ where: `${where}.${field}`, text: record[field] as string });
		}
		if (record.typeOptions && typeof record.typeOptions === 'object') {
			for (const [key, text] of Object.entries(record.typeOptions)) {
				if (key.endsWith('ButtonText') && typeof text === 'string')
					found.push({ where: `${where}.typeOptions.${key}`, text });
			}
		}
		if (depth < 8)
			for (const nested of ['options', 'values'])
				visit(record[nested], `${where}.${nested}`, depth + 1);
	};
	visit(description.properties, 'properties', 0);
	return found;
}

/** The translation keys (below `nodeView`) that name something in the description, each with what it names. */
export function translationKeys(
	properties: INodeProperties[],
): Map<string, 'parameter' | 'group' | 'option'> {
	const keys = new Map<string, 'parameter' | 'group' | 'option'>();
	const walk = (list: INodeProperties[], prefix: string[]) => {
		for (const parameter of list) {
			const key = [...prefix, parameter.name];
			keys.set(key.join('.'), 'parameter');
			if (
				(parameter.type === 'options' || parameter.type === 'multiOptions') &&
				parameter.options
			) {
				for (const option of parameter.options as INodePropertyOptions[])
					keys.set([...key, 'options', String(option.value)].join('.'), 'option');
			}
			if (parameter.type === 'collection')
				walk(parameter.options as INodeProperties[], [...key, 'options']);
			if (parameter.type === 'fixedCollection') {
				for (const group of parameter.options as INodePropertyCollection[]) {
					keys.set([...key, 'options', group.name].join('.'), 'group');
					walk(group.values, [...key, 'options', group.name, 'values']);
				}
			}
		}
	};
	walk(properties, []);
	return keys;
}

/**
 * The keys a translation file gives a text for, flattened: `{resource: {displayName, options: {customer:
 * {displayName}}}}` → `resource`, `resource.options.customer`, each with its texts.
 */
export function translatedKeys(
	nodeView: Record<string, unknown>,
): Map<string, Record<string, string>> {
	const found = new Map<string, Record<string, string>>();
	const walk = (node: Record<string, unknown>, prefix: string[]) => {
		for (const [name, value] of Object.entries(node)) {
			if (!value || typeof value !== 'object') continue;
			const key = [...prefix, name];
			const texts = Object.fromEntries(
				Object.entries(value).filter(([, v]) => typeof v === 'string'),
			) as Record<string, string>;
			found.set(key.join('.'), texts);
			for (const nested of ['options', 'values'] as const) {
				const children = (value as Record<string, unknown>)[nested];
				if (children && typeof children === 'object')
					walk(children as Record<string, unknown>, [...key, nested]);
			}
		}
	};
	walk(nodeView, []);
	return found;
}
