import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeProperties,
	INodePropertyCollection,
} from 'n8n-workflow';

import type { JsonId } from '../transport/protocol/json';
import { isPlainObject } from '../transport/protocol/json';
import { formatTanmaTime } from '../transport/protocol/time';
import type { Field, ListOptions, NumberOptions, TextOptions } from './validation';
import {
	MAX_LIST_ENTRIES,
	checkChoice,
	checkClockTime,
	checkDateTime,
	checkDecimal,
	checkFlag,
	checkIdList,
	checkIntegerId,
	checkIntegerIdList,
	checkJsonArray,
	checkJsonObject,
	checkNumericTextId,
	checkNumericTextIdList,
	checkText,
	checkUrl,
	checkWholeNumber,
	isAbsent,
	refuse,
} from './validation';

/** The fields a reader reads: a node's or an operation's properties, a collection's options or a row's values. */
export type DescribedFields = readonly INodeProperties[];

const isProperty = (entry: unknown): entry is INodeProperties =>
	isPlainObject(entry) &&
	typeof entry.name === 'string' &&
	typeof entry.displayName === 'string' &&
	typeof entry.type === 'string';

/** A resource locator's stored value ({ __rl: true, mode, value }): the field holds `value`. */
const isLocatorValue = (value: unknown): value is { __rl: true; mode: string; value: unknown } =>
	isPlainObject(value) && value.__rl === true && 'value' in value;

/** Whether a field is shown at this node version (its '@version' show and hide conditions; plain versions only). */
function shownAtVersion(property: INodeProperties, version: number): boolean {
	const show = property.displayOptions?.show?.['@version'];
	const hide = property.displayOptions?.hide?.['@version'];
	if (Array.isArray(show) && !show.includes(version as never)) return false;
	return !(Array.isArray(hide) && hide.includes(version as never));
}

/**
 * The one way operations and triggers read their parameters: each method reads a parameter by name and
 * returns it typed, or refuses it (./validation.ts) naming the field by the label the user sees, looked up
 * in the description the reader was given. `collection` and `rows` give readers over a collection's options
 * and over each row of a fixed collection, so nested fields are checked the same way.
 */
export class ParameterReader {
	constructor(
		private readonly node: INode,
		private readonly itemIndex: number | undefined,
		private readonly readParameter: (name: string) => unknown,
		private readonly described: DescribedFields,
		private readonly labelPrefix = '',
	) {}

	/** The parameters of one input item of an action node, described by `properties`. */
	static forItem(
		ctx: IExecuteFunctions,
		itemIndex: number,
		properties: DescribedFields,
	): ParameterReader {
		return new ParameterReader(
			ctx.getNode(),
			itemIndex,
			(name) => ctx.getNodeParameter(name, itemIndex, null),
			properties,
		);
	}

	/** The parameters of a trigger (which has no input items), described by `properties`. */
	static forNode(
		ctx: { getNode(): INode; getNodeParameter(name: string, fallback: unknown): unknown },
		properties: DescribedFields,
	): ParameterReader {
		return new ParameterReader(
			ctx.getNode(),
			undefined,
			(name) => ctx.getNodeParameter(name, null),
			properties,
		);
	}

	/**
	 * The description of the field `name` among this reader's described fields. Where several share the name (shown under
	 * different conditions), the one whose sibling conditions the current values meet.
	 */
	property(name: string): INodeProperties | undefined {
		const candidates = this.described.filter(
			(p) => p.name === name && shownAtVersion(p, this.node.typeVersion),
		);
		if (candidates.length < 2) return candidates[0];
		const shown = candidates.find((p) =>
			Object.entries(p.displayOptions?.show ?? {}).every(
				([sibling, values]) =>
					sibling.startsWith('/') ||
					sibling === 'resource' ||
					sibling === 'operation' ||
					!Array.isArray(values) ||
					values.includes(this.read(sibling) as never),
			),
		);
		return shown ?? candidates[0];
	}

	/** The label the user sees on the field `name`; the name itself if the description lacks it. */
	labelOf(name: string): string {
		return this.property(name)?.displayName ?? name;
	}

	/** The field as errors name it: its label, after its row's ("Watcher 2: ID"). */
	field(name: string): Field {
		return {
			node: this.node,
			label: `${this.labelPrefix}${this.labelOf(name)}`,
			itemIndex: this.itemIndex,
		};
	}

	/** Refuses on behalf of a field of this reader (for checks that span several fields). */
	refuse(name: string, problem: string, description?: string): never {
		return refuse(this.field(name), problem, description);
	}

	/**
	 * Every read of a field goes through here (the bad-input matrix watches it to see what the node reads). A resource
	 * locator's value is the one it holds, whichever mode picked it (From List or By ID), checked like any other.
	 */
	read(name: string): unknown {
		const value = this.readParameter(name);
		return isLocatorValue(value) && this.property(name)?.type === 'resourceLocator'
			? value.value
			: value;
	}

	has(name: string): boolean {
		return !isAbsent(this.read(name));
	}

	text(name: string, options: TextOptions & { required: true }): string;
	text(name: string, options?: TextOptions): string | undefined;
	text(name: string, options: TextOptions = {}): string | undefined {
		return checkText(this.read(name), this.field(name), options);
	}

	/** One identifier given as text: no spaces or control characters. */
	id(name: string, options: { required: true }): string;
	id(name: string, options?: { required?: boolean }): string | undefined;
	id(name: string, options: { required?: boolean } = {}): string | undefined {
		return checkText(this.read(name), this.field(name), { ...options, id: true });
	}

	integerId(name: string, options: { required: true }): JsonId;
	integerId(name: string, options?: { required?: boolean }): JsonId | undefined;
	integerId(name: string, options: { required?: boolean } = {}): JsonId | undefined {
		return checkIntegerId(this.read(name), this.field(name), options);
	}

	idList(name: string, options: ListOptions = {}): string[] {
		return checkIdList(this.read(name), this.field(name), options);
	}

	integerIdList(name: string, options: ListOptions = {}): JsonId[] {
		return checkIntegerIdList(this.read(name), this.field(name), options);
	}

	/** A numeric id kept as the text it was given (the vendor schema wants a string). */
	numericTextId(name: string, options: { required: true }): string;
	numericTextId(name: string, options?: { required?: boolean }): string | undefined;
	numericTextId(name: string, options: { required?: boolean } = {}): string | undefined {
		return checkNumericTextId(this.read(name), this.field(name), options);
	}

	numericTextIdList(name: string, options: ListOptions = {}): string[] {
		return checkNumericTextIdList(this.read(name), this.field(name), options);
	}

	/** Epoch milliseconds of a date-time parameter (Tanma-format text read as China Standard Time). */
	dateTime(name: string, options: { required: true }): number;
	dateTime(name: string, options?: { required?: boolean }): number | undefined;
	dateTime(name: string, options: { required?: boolean } = {}): number | undefined {
		return checkDateTime(this.read(name), this.field(name), options);
	}

	/** A date-time parameter in Tanma's format, "yyyy-MM-dd HH:mm:ss" China Standard Time. */
	tanmaTime(name: string, options: { required: true }): string;
	tanmaTime(name: string, options?: { required?: boolean }): string | undefined;
	tanmaTime(name: string, options: { required?: boolean } = {}): string | undefined {
		const ms = this.dateTime(name, options);
		return ms === undefined ? undefined : formatTanmaTime(ms);
	}

	jsonObject(name: string): IDataObject {
		return checkJsonObject(this.read(name), this.field(name));
	}

	jsonArray(name: string): unknown[] {
		return checkJsonArray(this.read(name), this.field(name));
	}

	/** A dropdown value, one of the values the description offers; `fallback` when the parameter is absent. */
	choice<T extends string | number>(name: string, fallback: T): T {
		const value = this.read(name);
		return isAbsent(value) ? fallback : checkChoice(value, this.field(name), this.offered<T>(name));
	}

	/** The values a dropdown field offers. */
	offered<T extends string | number>(name: string): T[] {
		const options = this.property(name)?.options ?? [];
		return options.flatMap((option) =>
			'value' in option && (typeof option.value === 'string' || typeof option.value === 'number')
				? [option.value as T]
				: [],
		);
	}

	wholeNumber(name: string, options: NumberOptions & { fallback?: number } = {}): number {
		const value = this.read(name);
		if (isAbsent(value) && options.fallback !== undefined) return options.fallback;
		return checkWholeNumber(value, this.field(name), options);
	}

	/** An amount with up to two decimals. */
	decimal(name: string, options: NumberOptions = {}): number {
		return checkDecimal(this.read(name), this.field(name), options);
	}

	/** A whole number that may be left empty. */
	optionalWholeNumber(name: string, options: NumberOptions = {}): number | undefined {
		return this.has(name)
			? checkWholeNumber(this.read(name), this.field(name), options)
			: undefined;
	}

	flag(name: string, fallback = false): boolean {
		return checkFlag(this.read(name), this.field(name), fallback);
	}

	clockTime(name: string): string {
		return checkClockTime(this.read(name), this.field(name));
	}

	url(name: string, options: { required?: boolean } = {}): string | undefined {
		return checkUrl(this.read(name), this.field(name), options);
	}

	/** The options of a collection parameter ("Filters", "Additional Fields"), read like top-level parameters. */
	collection(name: string): ParameterReader {
		const value = this.read(name);
		if (!isAbsent(value) && !isPlainObject(value)) {
			refuse(
				this.field(name),
				`must be a set of fields, got ${Array.isArray(value) ? 'a list' : `"${String(value)}"`}`,
			);
		}
		const options = (isAbsent(value) ? {} : value) as IDataObject;
		const inside = (this.property(name)?.options ?? []).filter(isProperty);
		return new ParameterReader(
			this.node,
			this.itemIndex,
			(option) => options[option],
			inside,
			this.labelPrefix,
		);
	}

	/**
	 * The rows of a fixed collection (`name.group[]`), each as a reader whose labels start "<row label> <n>: ";
	 * at least one row when required, at most `max`.
	 */
	rows(name: string, group: string, options: ListOptions = {}): ParameterReader[] {
		const value = this.read(name);
		if (!isAbsent(value) && !isPlainObject(value)) {
			refuse(
				this.field(name),
				`must be rows of fields, got ${Array.isArray(value) ? 'a list' : `"${String(value)}"`}`,
			);
		}
		const rows = (isAbsent(value) ? [] : ((value as IDataObject)[group] ?? [])) as unknown;
		if (!Array.isArray(rows)) refuse(this.field(name), 'must be rows of fields');
		const present = rows.filter((row) => row !== undefined && row !== null);
		if (options.required && !present.length) refuse(this.field(name), 'needs at least one entry');
		const max = options.max ?? MAX_LIST_ENTRIES;
		if (present.length > max) {
			refuse(
				this.field(name),
				`has ${present.length} entries; at most ${max} are sent in one request`,
				'Split the rows over several items.',
			);
		}
		const groupDescription = (this.property(name)?.options ?? []).find(
			(g): g is INodePropertyCollection => 'values' in g && g.name === group,
		);
		const rowLabel = `${this.labelPrefix}${groupDescription?.displayName ?? group}`;
		const inRow = groupDescription?.values ?? [];
		return present.map((row, n) => {
			if (!isPlainObject(row))
				refuse({ ...this.field(name), label: `${rowLabel} ${n + 1}` }, 'must be a set of fields');
			return new ParameterReader(
				this.node,
				this.itemIndex,
				(field) => row[field],
				inRow,
				`${rowLabel} ${n + 1}: `,
			);
		});
	}
}
