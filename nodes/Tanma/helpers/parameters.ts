import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import type { JsonId } from '../transport/json';
import { isPlainObject } from '../transport/json';
import { formatTanmaTime } from '../transport/time';
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

/**
 * The one way operations and triggers read their parameters: each method reads a parameter by name and
 * returns it typed, or refuses it (./validation.ts) naming the field. `collection` and `rows` give readers
 * over a collection's options and over each row of a fixed collection, so nested fields are checked the same way.
 */
export class ParameterReader {
	constructor(
		private readonly node: INode,
		private readonly itemIndex: number | undefined,
		private readonly read: (name: string) => unknown,
		private readonly labelPrefix = '',
	) {}

	/** The parameters of one input item of an action node. */
	static forItem(ctx: IExecuteFunctions, itemIndex: number): ParameterReader {
		return new ParameterReader(ctx.getNode(), itemIndex, (name) => ctx.getNodeParameter(name, itemIndex, null));
	}

	/** The parameters of a trigger (which has no input items). */
	static forNode(ctx: { getNode(): INode; getNodeParameter(name: string, fallback: unknown): unknown }): ParameterReader {
		return new ParameterReader(ctx.getNode(), undefined, (name) => ctx.getNodeParameter(name, null));
	}

	field(label: string): Field {
		return { node: this.node, label: `${this.labelPrefix}${label}`, itemIndex: this.itemIndex };
	}

	/** Refuses on behalf of a field of this reader (for checks that span several fields). */
	refuse(label: string, problem: string, description?: string): never {
		return refuse(this.field(label), problem, description);
	}

	raw(name: string): unknown {
		return this.read(name);
	}

	has(name: string): boolean {
		return !isAbsent(this.read(name));
	}

	text(name: string, label: string, options: TextOptions & { required: true }): string;
	text(name: string, label: string, options?: TextOptions): string | undefined;
	text(name: string, label: string, options: TextOptions = {}): string | undefined {
		return checkText(this.read(name), this.field(label), options);
	}

	/** One identifier given as text: no spaces or control characters. */
	id(name: string, label: string, options: { required: true }): string;
	id(name: string, label: string, options?: { required?: boolean }): string | undefined;
	id(name: string, label: string, options: { required?: boolean } = {}): string | undefined {
		return checkText(this.read(name), this.field(label), { ...options, id: true });
	}

	integerId(name: string, label: string, options: { required: true }): JsonId;
	integerId(name: string, label: string, options?: { required?: boolean }): JsonId | undefined;
	integerId(name: string, label: string, options: { required?: boolean } = {}): JsonId | undefined {
		return checkIntegerId(this.read(name), this.field(label), options);
	}

	idList(name: string, label: string, options: ListOptions = {}): string[] {
		return checkIdList(this.read(name), this.field(label), options);
	}

	integerIdList(name: string, label: string, options: ListOptions = {}): JsonId[] {
		return checkIntegerIdList(this.read(name), this.field(label), options);
	}

	/** A numeric id kept as the text it was given (the vendor schema wants a string). */
	numericTextId(name: string, label: string, options: { required: true }): string;
	numericTextId(name: string, label: string, options?: { required?: boolean }): string | undefined;
	numericTextId(name: string, label: string, options: { required?: boolean } = {}): string | undefined {
		return checkNumericTextId(this.read(name), this.field(label), options);
	}

	numericTextIdList(name: string, label: string, options: ListOptions = {}): string[] {
		return checkNumericTextIdList(this.read(name), this.field(label), options);
	}

	/** Epoch milliseconds of a date-time parameter (Tanma-format text read as China Standard Time). */
	dateTime(name: string, label: string, options: { required: true }): number;
	dateTime(name: string, label: string, options?: { required?: boolean }): number | undefined;
	dateTime(name: string, label: string, options: { required?: boolean } = {}): number | undefined {
		return checkDateTime(this.read(name), this.field(label), options);
	}

	/** A date-time parameter in Tanma's format, "yyyy-MM-dd HH:mm:ss" China Standard Time. */
	tanmaTime(name: string, label: string, options: { required: true }): string;
	tanmaTime(name: string, label: string, options?: { required?: boolean }): string | undefined;
	tanmaTime(name: string, label: string, options: { required?: boolean } = {}): string | undefined {
		const ms = this.dateTime(name, label, options);
		return ms === undefined ? undefined : formatTanmaTime(ms);
	}

	jsonObject(name: string, label: string): IDataObject {
		return checkJsonObject(this.read(name), this.field(label));
	}

	jsonArray(name: string, label: string): unknown[] {
		return checkJsonArray(this.read(name), this.field(label));
	}

	/** A dropdown value; `fallback` when the parameter is absent. */
	choice<T extends string | number>(name: string, label: string, allowed: readonly T[], fallback: T): T {
		const value = this.read(name);
		return isAbsent(value) ? fallback : checkChoice(value, this.field(label), allowed);
	}

	wholeNumber(name: string, label: string, options: NumberOptions & { fallback?: number } = {}): number {
		const value = this.read(name);
		if (isAbsent(value) && options.fallback !== undefined) return options.fallback;
		return checkWholeNumber(value, this.field(label), options);
	}

	/** An amount with up to two decimals. */
	decimal(name: string, label: string, options: NumberOptions = {}): number {
		return checkDecimal(this.read(name), this.field(label), options);
	}

	/** A whole number that may be left empty. */
	optionalWholeNumber(name: string, label: string, options: NumberOptions = {}): number | undefined {
		return this.has(name) ? checkWholeNumber(this.read(name), this.field(label), options) : undefined;
	}

	flag(name: string, label: string, fallback = false): boolean {
		return checkFlag(this.read(name), this.field(label), fallback);
	}

	clockTime(name: string, label: string): string {
		return checkClockTime(this.read(name), this.field(label));
	}

	url(name: string, label: string, options: { required?: boolean } = {}): string | undefined {
		return checkUrl(this.read(name), this.field(label), options);
	}

	/** The options of a collection parameter ("Filters", "Additional Fields"), read like top-level parameters. */
	collection(name: string, label: string): ParameterReader {
		const value = this.read(name);
		if (!isAbsent(value) && !isPlainObject(value)) {
			refuse(this.field(label), `must be a set of fields, got ${Array.isArray(value) ? 'a list' : `"${String(value)}"`}`);
		}
		const options = (isAbsent(value) ? {} : value) as IDataObject;
		return new ParameterReader(this.node, this.itemIndex, (option) => options[option], this.labelPrefix);
	}

	/**
	 * The rows of a fixed collection (`name.key[]`), each as a reader whose labels start "<rowLabel> <n>: ";
	 * at least one row when required, at most `max`.
	 */
	rows(name: string, key: string, rowLabel: string, options: ListOptions & { label?: string } = {}): ParameterReader[] {
		const label = options.label ?? rowLabel;
		const value = this.read(name);
		if (!isAbsent(value) && !isPlainObject(value)) {
			refuse(this.field(label), `must be rows of fields, got ${Array.isArray(value) ? 'a list' : `"${String(value)}"`}`);
		}
		const rows = (isAbsent(value) ? [] : ((value as IDataObject)[key] ?? [])) as unknown;
		if (!Array.isArray(rows)) refuse(this.field(label), 'must be rows of fields');
		const present = rows.filter((row) => row !== undefined && row !== null);
		if (options.required && !present.length) refuse(this.field(label), 'needs at least one entry');
		const max = options.max ?? MAX_LIST_ENTRIES;
		if (present.length > max) {
			refuse(this.field(label), `has ${present.length} entries; at most ${max} are sent in one request`, 'Split the rows over several items.');
		}
		return present.map((row, n) => {
			if (!isPlainObject(row)) refuse(this.field(`${rowLabel} ${n + 1}`), 'must be a set of fields');
			return new ParameterReader(this.node, this.itemIndex, (field) => row[field], `${this.labelPrefix}${rowLabel} ${n + 1}: `);
		});
	}
}
