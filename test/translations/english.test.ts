/**
 * n8n's verification asks for an English UI: no Chinese character in any text the editor shows for our nodes and
 * credential (codex search aliases are not shown text). The Chinese names live in translations/zh-CN.
 */
import { TanmaApi } from '../../credentials/TanmaApi.credentials';
import { Tanma } from '../../nodes/Tanma/Tanma.node';
import { TanmaPushTrigger } from '../../nodes/Tanma/TanmaPushTrigger.node';
import { TanmaTrigger } from '../../nodes/Tanma/TanmaTrigger.node';
import { KNOWN_IMPORT_ALIASES } from '../../nodes/Tanma/actions/customer/import.operation';
import { CJK, uiStrings } from '../support/uiText';

const described = {
	Tanma: new Tanma().description,
	TanmaTrigger: new TanmaTrigger().description,
	TanmaPushTrigger: new TanmaPushTrigger().description,
	TanmaApi: new TanmaApi(),
};

test.each(Object.entries(described))('%s: every UI string is English', (_, description) => {
	const strings = uiStrings(description);
	expect(strings.length).toBeGreaterThan(5);
	expect(strings.filter((s) => CJK.test(s.text))).toEqual([]);
});

test('the field names the import list offers are English', () => {
	expect(Object.values(KNOWN_IMPORT_ALIASES).filter((label) => CJK.test(label))).toEqual([]);
});

test('the finder sees Chinese where there is some (a description, an option label, a button text)', () => {
	const strings = uiStrings({
		displayName: 'X',
		properties: [
			{ displayName: 'A', name: 'a', type: 'string', default: '', description: '客户' },
			{
				displayName: 'B',
				name: 'b',
				type: 'options',
				default: 1,
				options: [{ name: '已支付', value: 1 }],
			},
			{
				displayName: 'C',
				name: 'c',
				type: 'fixedCollection',
				default: {},
				typeOptions: { multipleValueButtonText: '添加' },
				options: [],
			},
		],
	});
	expect(strings.filter((s) => CJK.test(s.text)).map((s) => s.where)).toEqual([
		'properties[0].description',
		'properties[1].options[0].name',
		'properties[2].typeOptions.multipleValueButtonText',
	]);
});

/** The editor shows descriptions as HTML: the entities a description may use, decoded as the editor does. */
const decodeEntities = (text: string) =>
	text
		.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');

/** The keys of the JSON examples in a text: a quoted word right after `{`, or after `,` inside braces. */
const jsonExampleKeys = (text: string) =>
	[...decodeEntities(text).matchAll(/[{,]\s*"([^"]+)"/g)].map((m) => m[1]);

// n8n's lint autofix turns a plain `id` in a description into `ID`; a JSON key copied from such a hint is then
// sent in a spelling Tanma's keys never have (they are lowerCamelCase: id, tagId, conditionItems).
test.each(Object.entries(described))(
	'%s: every key in a JSON example of the UI text is spelled as Tanma spells keys',
	(_, description) => {
		const keys = uiStrings(description).flatMap((s) =>
			jsonExampleKeys(s.text).map((key) => ({ where: s.where, key })),
		);
		expect(keys.filter(({ key }) => !/^[a-z][a-zA-Z0-9]*$/.test(key) || /ID/.test(key))).toEqual(
			[],
		);
	},
);

test('the Customer SOP conditions hint shows the key id, as Tanma names it', () => {
	const hint = uiStrings(described.Tanma).find(
		(s) => s.where.endsWith('.description') && s.text.includes('Match on customer field values'),
	);
	expect(hint && jsonExampleKeys(hint.text)).toEqual(['id', 'name']);
});

test('the key finder reads entities and sees a rewritten key', () => {
	expect(jsonExampleKeys('sent as is: [{"&#105;d": 1, "name": "x"}] and {"ID": 2}')).toEqual([
		'id',
		'name',
		'ID',
	]);
});
