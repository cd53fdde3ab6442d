/**
 * n8n's verification asks for an English UI: no Chinese character in any text the editor shows for our nodes and
 * credential (codex search aliases are not shown text). The Chinese names live in translations/zh-CN.
 */
import { TanmaApi } from '../../credentials/TanmaApi.credentials';
import { Tanma } from '../../nodes/Tanma/Tanma.node';
import { TanmaPushTrigger } from '../../nodes/Tanma/TanmaPushTrigger.node';
import { TanmaTrigger } from '../../nodes/Tanma/TanmaTrigger.node';
import { KNOWN_IMPORT_ALIASES } from '../../nodes/Tanma/transport/endpoints';
import { CJK, uiStrings } from '../helpers/uiText';

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
			{ displayName: 'B', name: 'b', type: 'options', default: 1, options: [{ name: '已支付', value: 1 }] },
			{ displayName: 'C', name: 'c', type: 'fixedCollection', default: {}, typeOptions: { multipleValueButtonText: '添加' }, options: [] },
		],
	});
	expect(strings.filter((s) => CJK.test(s.text)).map((s) => s.where)).toEqual([
		'properties[0].description',
		'properties[1].options[0].name',
		'properties[2].typeOptions.multipleValueButtonText',
	]);
});
