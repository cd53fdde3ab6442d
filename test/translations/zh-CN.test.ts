/**
 * The Simplified Chinese translation files n8n loads for an instance started with N8N_DEFAULT_LOCALE=zh-CN
 * (`<node folder>/translations/<locale>/<node type>.json`, read by n8n's node-types service). Each key must name a
 * parameter or option the node has, so a renamed parameter cannot leave a stale translation behind.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { INodeTypeDescription } from 'n8n-workflow';

import { Tanma } from '../../nodes/Tanma/Tanma.node';
import { TanmaPushTrigger } from '../../nodes/Tanma/TanmaPushTrigger.node';
import { TanmaTrigger } from '../../nodes/Tanma/TanmaTrigger.node';
import { CJK, translatedKeys, translationKeys } from '../support/uiText';

const folder = join(__dirname, '..', '..', 'nodes', 'Tanma', 'translations', 'zh-CN');
const nodes: Array<[string, INodeTypeDescription]> = [
	['tanma', new Tanma().description],
	['tanmaTrigger', new TanmaTrigger().description],
	['tanmaPushTrigger', new TanmaPushTrigger().description],
];

interface Translation {
	header: { displayName: string; description: string };
	nodeView: Record<string, unknown>;
}
const translationOf = (name: string) =>
	JSON.parse(readFileSync(join(folder, `${name}.json`), 'utf8')) as Translation;

describe.each(nodes)('n8n-nodes-tanma.%s', (name, description) => {
	const translation = translationOf(name);
	const known = translationKeys(description.properties);
	const translated = translatedKeys(translation.nodeView);

	test('the file is named after the node description name, the file n8n 2.40.7 reads (translations/<locale>/<name>.json)', () => {
		expect(description.name).toBe(name);
	});

	test('the header (name and description in the nodes panel) is in Chinese', () => {
		expect(translation.header.displayName).toMatch(CJK);
		expect(translation.header.description).toMatch(CJK);
	});

	test('every key names a parameter, group or option of the node', () => {
		expect([...translated.keys()].filter((key) => !known.has(key))).toEqual([]);
	});

	test('every text is Chinese and is one the editor reads (displayName, description, placeholder, hint)', () => {
		for (const [key, texts] of translated) {
			for (const [field, text] of Object.entries(texts)) {
				expect({
					key,
					field,
					known: ['displayName', 'description', 'placeholder', 'hint'].includes(field),
				}).toEqual({ key, field, known: true });
				expect({ key, text, chinese: CJK.test(text) }).toEqual({ key, text, chinese: true });
			}
		}
	});

	test('every top-level field and every resource, operation and event choice has a Chinese name', () => {
		const topLevel = description.properties.filter((p) => p.type !== 'notice').map((p) => p.name);
		const choices = [...known]
			.filter(
				([key, kind]) =>
					kind === 'option' && /^(resource|operation|event|events)\.options\./.test(key),
			)
			.map(([key]) => key);
		const missing = [...new Set([...topLevel, ...choices])].filter(
			(key) => !translated.get(key)?.displayName,
		);
		expect(missing).toEqual([]);
	});
});

test('the key finder reads collections and fixed collections the way the editor does', () => {
	const keys = translationKeys([
		{
			displayName: 'F',
			name: 'filters',
			type: 'collection',
			default: {},
			options: [
				{
					displayName: 'S',
					name: 'status',
					type: 'options',
					default: 2,
					options: [{ name: 'Paid', value: 2 }],
				},
			],
		},
		{
			displayName: 'G',
			name: 'goods',
			type: 'fixedCollection',
			default: {},
			options: [
				{
					name: 'item',
					displayName: 'Item',
					values: [{ displayName: 'N', name: 'num', type: 'number', default: 1 }],
				},
			],
		},
	]);
	expect([...keys.keys()]).toEqual([
		'filters',
		'filters.options.status',
		'filters.options.status.options.2',
		'goods',
		'goods.options.item',
		'goods.options.item.values.num',
	]);
	expect([
		...translatedKeys({
			goods: {
				displayName: '商品',
				options: { item: { displayName: '商品', values: { num: { displayName: '数量' } } } },
			},
		}).keys(),
	]).toEqual(['goods', 'goods.options.item', 'goods.options.item.values.num']);
});
