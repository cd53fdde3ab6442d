/**
 * The bad-input matrix over every operation the Tanma node offers: for each field of each operation (read from
 * the node's description, containers opened) and each bad value its type calls for (test/support/badInput.ts),
 * the node runs through n8n-core against the sandbox with Continue On Fail and two input items. Each item must
 * come back as an error naming the field, paired with its own index, and the sandbox must have received nothing.
 * A new operation or field is in the matrix without anyone adding it; if its code reads the value without a
 * checking reader, its bad values reach the sandbox and the matrix fails.
 */
import type { INodeParameters, INodeProperties, NodeParameterValueType } from 'n8n-workflow';

import { ParameterReader } from '../../nodes/Tanma/helpers/parameters';
import { Tanma } from '../../nodes/Tanma/Tanma.node';
import { actionsAgainstSandbox, minimalParameters, operationsInUi } from '../support/actions';
import type { BadValue, Leaf } from '../support/badInput';
import { badValuesFor, leavesOf, withValueAt } from '../support/badInput';

const t = actionsAgainstSandbox();
const node = new Tanma();
const properties = node.description.properties as INodeProperties[];
const VERSIONS = node.description.version as number[];
/** A field is tried at the newest version that shows it (a field of both versions is read by the same code). */
const versionOf = (leaf: Leaf) => Math.max(...leaf.versions);

/** Valid rows for the fixed collections that minimalParameters leaves empty; message content by kind. */
const GOOD_ROWS: Record<
	string,
	(shown: Record<string, NodeParameterValueType>) => INodeParameters
> = {
	'messageContent.item': (shown) =>
		({
			text: { kind: 'text', content: 'hi' },
			file: { kind: 'file', fileUrl: 'https://example.com/a.png' },
			link: { kind: 'link', link: 'https://example.com/page' },
			material: { kind: 'material', mcId: '0123456789abcdef0123456789abcdef' },
		})[String(shown.kind ?? 'text')] as INodeParameters,
	'followUsers.watcher': () => ({ unitId: '1', name: 'Watcher', type: 2 }),
	'appendix.file': () => ({
		fileName: 'a.jpg',
		fileSize: '9.38KB',
		fileType: 'jpg',
		url: 'https://example.com/a.jpg',
	}),
	'fields.field': () => ({ fieldId: '913', value: '100' }),
	'commodities.product': () => ({
		spuId: '508101855801408',
		skuId: '508101855864896',
		unitPriceSale: 99.5,
		count: 2,
	}),
	'customDefine.field': () => ({ key: '1191', value: 'xxx' }),
	'goods.item': () => ({
		goodName: '测试商品',
		imageUrl: 'https://example.com/goods.png',
		goodPrice: 0.01,
		num: 1,
	}),
};

function fieldsOf(resource: string, operation: string): Leaf[] {
	const shown = properties.filter((p) => {
		const show = p.displayOptions?.show;
		return (
			(show?.resource as string[] | undefined)?.includes(resource) &&
			(show?.operation as string[] | undefined)?.includes(operation)
		);
	});
	return leavesOf(shown, VERSIONS);
}

/** The operation's valid parameters with one field set to a bad value, and what that field needs shown. */
function parametersWith(key: string, leaf: Leaf, bad: BadValue): INodeParameters {
	const [resource, operation] = key.split('.');
	let parameters: INodeParameters = {
		resource,
		operation,
		...minimalParameters(t.sandbox)[key].parameters,
	};
	if (leaf.row) {
		const { collection, group } = leaf.row;
		const existing = (
			(parameters[collection] as INodeParameters | undefined)?.[group] as
				| INodeParameters[]
				| undefined
		)?.[0];
		const kindChanges = leaf.shownWhen.kind !== undefined && existing?.kind !== leaf.shownWhen.kind;
		const row =
			existing && !kindChanges ? existing : GOOD_ROWS[`${collection}.${group}`]?.(leaf.shownWhen);
		if (!row)
			throw new Error(`${key}: no valid row for ${collection}.${group}; add one to GOOD_ROWS`);
		parameters = withValueAt(parameters, [collection, group], [{ ...row, ...leaf.shownWhen }]);
	} else {
		// Top-level fields and collections are shown by top-level siblings (Limit by Return All = false).
		for (const [name, value] of Object.entries(leaf.shownWhen))
			parameters = withValueAt(parameters, [name], value);
	}
	return withValueAt(parameters, leaf.path, bad.value);
}

const cases = operationsInUi().flatMap((key) => {
	const [resource, operation] = key.split('.');
	return fieldsOf(resource, operation).flatMap((leaf) =>
		badValuesFor(leaf.property).map((bad) => ({
			key,
			leaf,
			bad,
			title: `${key} ${leaf.path.join('.')} (v${versionOf(leaf)}) = ${bad.name}`,
		})),
	);
});

/**
 * What the node itself reads, seen from outside the matrix: every field an operation's reader reads while the
 * valid runs below go through, by its place in the parameters (row numbers as 0) and whether the description has it. Collections and
 * fixed collections are containers: the matrix sets the fields inside them.
 */
const read = new Map<string, Set<string>>();
const undescribed: string[] = [];
let readingFor: string | undefined;
/** Where each reader sits in the parameters (['options'], ['sendTimes', 'time', 0]), from the reader that made it. */
const pathOf = new WeakMap<ParameterReader, Array<string | number>>();
const originalCollection = ParameterReader.prototype.collection;
jest.spyOn(ParameterReader.prototype, 'collection').mockImplementation(function (
	this: ParameterReader,
	name: string,
) {
	const reader = originalCollection.call(this, name);
	pathOf.set(reader, [...(pathOf.get(this) ?? []), name]);
	return reader;
});
const originalRows = ParameterReader.prototype.rows;
jest.spyOn(ParameterReader.prototype, 'rows').mockImplementation(function (
	this: ParameterReader,
	...args: Parameters<ParameterReader['rows']>
) {
	const readers = originalRows.apply(this, args);
	const [name, group] = args;
	readers.forEach((reader, n) => pathOf.set(reader, [...(pathOf.get(this) ?? []), name, group, n]));
	return readers;
});
const originalRead = ParameterReader.prototype.read;
jest.spyOn(ParameterReader.prototype, 'read').mockImplementation(function (
	this: ParameterReader,
	name: string,
) {
	const container = ['collection', 'fixedCollection'].includes(this.property(name)?.type ?? '');
	if (readingFor && !container) {
		const path = [...(pathOf.get(this) ?? []), name]
			.map((part) => (typeof part === 'number' ? 0 : part))
			.join('.');
		if (!read.has(readingFor)) read.set(readingFor, new Set());
		read.get(readingFor)!.add(path);
		if (!this.property(name)) undescribed.push(`${readingFor} ${path}`);
	}
	return originalRead.call(this, name);
});

test.each(operationsInUi().flatMap((key) => VERSIONS.map((version) => [key, version] as const)))(
	'%s at version %d: its valid parameters with every optional row filled still go through (the base of the matrix is valid)',
	async (key, version) => {
		const [resource, operation] = key.split('.');
		const fields = fieldsOf(resource, operation).filter((leaf) => leaf.versions.includes(version));
		let parameters: INodeParameters = {
			resource,
			operation,
			...minimalParameters(t.sandbox)[key].parameters,
		};
		for (const leaf of fields.filter(
			(l) => l.row && GOOD_ROWS[`${l.row.collection}.${l.row.group}`],
		)) {
			const { collection, group } = leaf.row!;
			if (!(parameters[collection] as INodeParameters | undefined)?.[group]) {
				parameters = withValueAt(
					parameters,
					[collection, group],
					[GOOD_ROWS[`${collection}.${group}`]({})],
				);
			}
		}
		if (key === 'workOrder.get') {
			const created = await t.run({
				resource: 'workOrder',
				operation: 'create',
				...minimalParameters(t.sandbox)['workOrder.create'].parameters,
			});
			parameters.detailId = String(created.items[0].json.id);
		}
		const before = t.sandbox.requests.length;
		readingFor = key;
		const result = await t
			.run(parameters, [{}], true, version)
			.finally(() => (readingFor = undefined));
		expect(result.items.map((i) => i.json.error)).toEqual([undefined]);
		expect(t.sandbox.requests.length).toBeGreaterThan(before);
	},
);

test('the matrix has cases for every field the node reads in those runs, and every field it reads is in the description', () => {
	const inMatrix = new Set(cases.map((c) => `${c.key} ${c.leaf.path.join('.')}`));
	const seen = [...read].flatMap(([key, paths]) => [...paths].map((path) => `${key} ${path}`));
	expect(seen.length).toBeGreaterThan(150);
	expect(seen.filter((entry) => !inMatrix.has(entry))).toEqual([]);
	expect(undescribed).toEqual([]);
	expect(cases.length).toBeGreaterThanOrEqual(300);
});

test('the matrix covers every field of every operation the description shows', () => {
	const covered = new Set(cases.map((c) => `${c.key} ${c.leaf.path.join('.')}`));
	for (const key of operationsInUi()) {
		const [resource, operation] = key.split('.');
		for (const leaf of fieldsOf(resource, operation))
			expect(covered).toContain(`${key} ${leaf.path.join('.')}`);
	}
});

test.each(cases.map((c) => [c.title, c] as const))(
	'%s: refused by name for each item, nothing sent',
	async (_title, { key, leaf, bad }) => {
		const result = await t.run(parametersWith(key, leaf, bad), [{}, {}], true, versionOf(leaf));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of result.items)
			expect(String(item.json.error)).toContain(leaf.property.displayName);
		expect(t.sandbox.requests.map((r) => r.path)).toEqual([]);
	},
);
