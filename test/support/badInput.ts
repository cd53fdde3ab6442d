/**
 * The bad-input matrix's generator: every field a node description offers (top-level parameters, collection
 * options and fixed-collection row fields), and the bad values its type calls for. Values are n8n
 * expressions where a user's mapping would produce them, so they pass through n8n's own expression
 * resolution before the node sees them.
 */
import type {
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	NodeParameterValueType,
} from 'n8n-workflow';

export interface Leaf {
	/** Where the value sits in the node's parameters: ['filters', 'createdAfter'], ['sendTimes', 'time', 0, 'sendDate']. */
	path: Array<string | number>;
	property: INodeProperties;
	/** Conditions on sibling fields for this one to be shown (and read): sibling name → first allowed value. */
	shownWhen: Record<string, NodeParameterValueType>;
	/** For a fixed-collection field: the row's collection and group name. */
	row?: { collection: string; group: string };
	/** The node versions the field is shown at (its own '@version' conditions and its container's). */
	versions: number[];
}

export interface BadValue {
	name: string;
	value: NodeParameterValueType;
}

const SELECTORS = new Set(['resource', 'operation']);

/** Sibling conditions of a property, beyond the resource/operation selectors. */
function shownWhen(property: INodeProperties): Record<string, NodeParameterValueType> {
	const show = property.displayOptions?.show ?? {};
	const out: Record<string, NodeParameterValueType> = {};
	for (const [name, values] of Object.entries(show)) {
		// "/event" in a collection option names the top-level field, as n8n's displayOptions do.
		const field = name.replace(/^\//, '');
		if (field === '@version') continue; // the node's version, not a sibling field (Leaf.versions)
		if (!SELECTORS.has(field) && Array.isArray(values))
			out[field] = values[0] as NodeParameterValueType;
	}
	return out;
}

/** Versions of the node a field is shown at, of `all`, by its '@version' show and hide conditions. */
function versionsOf(property: INodeProperties, all: number[]): number[] {
	const show = property.displayOptions?.show?.['@version'];
	const hide = property.displayOptions?.hide?.['@version'];
	return all.filter(
		(v) =>
			(!Array.isArray(show) || show.includes(v as never)) &&
			!(Array.isArray(hide) && hide.includes(v as never)),
	);
}

/** The fields of the given top-level properties, containers opened; `nodeVersions`: the versions the node has. */
export function leavesOf(properties: INodeProperties[], nodeVersions: number[] = [1]): Leaf[] {
	const leaves: Leaf[] = [];
	for (const property of properties) {
		if (property.type === 'notice' || SELECTORS.has(property.name)) continue;
		const versions = versionsOf(property, nodeVersions);
		if (property.type === 'collection') {
			for (const option of property.options as INodeProperties[]) {
				leaves.push({
					path: [property.name, option.name],
					property: option,
					shownWhen: { ...shownWhen(property), ...shownWhen(option) },
					versions: versionsOf(option, versions),
				});
			}
		} else if (property.type === 'fixedCollection') {
			for (const group of property.options as INodePropertyCollection[]) {
				for (const value of group.values) {
					leaves.push({
						path: [property.name, group.name, 0, value.name],
						property: value,
						shownWhen: shownWhen(value),
						row: { collection: property.name, group: group.name },
						versions: versionsOf(value, versions),
					});
				}
			}
		} else {
			leaves.push({ path: [property.name], property, shownWhen: shownWhen(property), versions });
		}
	}
	return leaves;
}

/** A text field that takes several ids (chatIds, followTypes, orderList): lists are valid there. By name, not label. */
const isListText = (p: INodeProperties) => p.type === 'string' && /(Ids|Types|List)$/.test(p.name);
/** Identifier fields whose parameter name does not end in "Id". */
const ID_NAMED_OTHERWISE = new Set(['chatOwner', 'key', 'path']);
/** A field that holds one identifier, by its parameter name (customerId, handoverToUserid, id). */
const isId = (p: INodeProperties) =>
	/(^id|Id|Userid)$/.test(p.name) || ID_NAMED_OTHERWISE.has(p.name);

const expr = (code: string) => `={{ ${code} }}`;
const OBJECT: BadValue = { name: 'an object', value: expr('{ a: 1 }') };
const LIST: BadValue = { name: 'a list', value: expr('["a", "b"]') };
const NAN: BadValue = { name: 'NaN', value: expr('NaN') };
const INFINITY: BadValue = { name: 'Infinity', value: expr('Infinity') };
const BEYOND_2_53: BadValue = { name: '2^53 + 1 as a JS number', value: expr('9007199254740993') };
const NUL: BadValue = { name: 'a NUL character', value: expr('"ab\\u0000cd"') };
const TRUE: BadValue = { name: 'true', value: expr('true') };
// Through an expression: n8n itself refuses a required field left empty in the editor before the node runs.
const EMPTY: BadValue = { name: 'empty', value: expr('""') };
const BLANK: BadValue = { name: 'spaces only', value: expr('"   "') };
const LIST_OF_OBJECTS: BadValue = { name: 'a list holding an object', value: expr('[{ a: 1 }]') };
const LIST_WITH_CONTROL: BadValue = {
	name: 'a list entry with a control character',
	value: expr('["12", "3\\u00074"]'),
};
const TOO_LONG_LIST: BadValue = {
	name: '1,001 entries',
	value: expr('Array.from({ length: 1001 }, (_, i) => String(i + 1))'),
};

/** The bad values for one field, from its type, its bounds, whether it is required and whether it holds an id. */
export function badValuesFor(property: INodeProperties): BadValue[] {
	const required = property.required === true;
	const min = property.typeOptions?.minValue;
	const max = property.typeOptions?.maxValue;
	const loaded = property.typeOptions?.loadOptionsMethod !== undefined;
	switch (property.type) {
		case 'string':
		case 'options': {
			if (property.type === 'options' && !loaded) {
				return [
					OBJECT,
					{ name: 'a value the list does not offer', value: expr('"no-such-choice"') },
				];
			}
			if (isListText(property))
				return [
					OBJECT,
					LIST_OF_OBJECTS,
					LIST_WITH_CONTROL,
					TOO_LONG_LIST,
					...(required ? [EMPTY] : []),
				];
			const bad = [OBJECT, LIST, NUL, NAN, INFINITY, TRUE];
			if (isId(property) || loaded)
				bad.push(BEYOND_2_53, { name: 'a line break inside', value: expr('"ab\\ncd"') });
			if (required) bad.push(EMPTY, BLANK);
			return bad;
		}
		case 'multiOptions':
			return [
				OBJECT,
				LIST_OF_OBJECTS,
				LIST_WITH_CONTROL,
				TOO_LONG_LIST,
				...(required ? [{ name: 'an empty list', value: expr('[]') }] : []),
			];
		case 'number':
			return [
				OBJECT,
				NAN,
				INFINITY,
				BEYOND_2_53,
				{ name: 'text', value: expr('"abc"') },
				// Amounts take two decimals (numberPrecision); every other number here is whole.
				property.typeOptions?.numberPrecision
					? { name: 'three decimals', value: expr('1.005') }
					: { name: 'a fraction', value: expr('1.5') },
				...(typeof min === 'number'
					? [{ name: `below ${min}`, value: expr(String(min - 1)) }]
					: [{ name: 'negative', value: expr('-1') }]),
				...(typeof max === 'number'
					? [{ name: `above ${max}`, value: expr(String(max + 1)) }]
					: []),
			];
		case 'resourceLocator':
			// Whichever mode picked it, the node reads the value the locator holds: the text field's bad values, held.
			return badValuesFor({ ...property, type: 'string' }).map((bad) => ({
				name: `${bad.name} (By ID)`,
				value: { __rl: true, mode: 'id', value: bad.value } as never,
			}));
		case 'boolean':
			return [
				OBJECT,
				{ name: 'the text "yes"', value: expr('"yes"') },
				{ name: 'the number 1', value: expr('1') },
			];
		case 'dateTime':
			return [
				OBJECT,
				TRUE,
				NAN,
				{ name: 'an impossible date', value: '2026-02-30 10:00:00' },
				{ name: 'an impossible time', value: '2026-02-28 24:00:00' },
				{ name: 'words', value: 'next monday' },
				...(required ? [EMPTY] : []),
			];
		case 'json': {
			const wantsArray = String(property.default).trim().startsWith('[');
			return [
				{ name: 'broken JSON', value: '{"a":' },
				{ name: wantsArray ? 'an object' : 'an array', value: wantsArray ? '{"a": 1}' : '[1, 2]' },
				{ name: 'a number', value: '42' },
			];
		}
		default:
			throw new Error(
				`no bad values for parameter type "${property.type}" (${property.displayName}): add them to test/support/badInput.ts`,
			);
	}
}

/** A deep copy of `parameters` with `value` at `path` (arrays and objects created as needed). */
export function withValueAt(
	parameters: INodeParameters,
	path: Array<string | number>,
	value: NodeParameterValueType,
): INodeParameters {
	const copy = JSON.parse(JSON.stringify(parameters)) as INodeParameters;
	let holder = copy as Record<string | number, unknown>;
	path.slice(0, -1).forEach((key, n) => {
		if (holder[key] === undefined || holder[key] === null || typeof holder[key] !== 'object') {
			holder[key] = typeof path[n + 1] === 'number' ? [] : {};
		}
		holder = holder[key] as Record<string | number, unknown>;
	});
	holder[path[path.length - 1]] = value;
	return copy;
}
