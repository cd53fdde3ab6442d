import { isGiven, setIfGiven } from '../../nodes/Tanma/helpers/body';

test('empty text, an empty list, undefined and null are not given; anything else is, 0 and false included', () => {
	for (const empty of [undefined, null, '', []]) expect(isGiven(empty)).toBe(false);
	for (const given of [0, false, ' ', 'a', [0], {}, '12345678901234567890'])
		expect(isGiven(given)).toBe(true);
});

test('setIfGiven leaves a key out unless its value is given, and keeps the value as it is', () => {
	const body: Record<string, unknown> = { kept: 1 };
	setIfGiven(body, 'empty', '');
	setIfGiven(body, 'none', undefined);
	setIfGiven(body, 'list', []);
	const ids = ['1', '2'];
	setIfGiven(body, 'ids', ids);
	setIfGiven(body, 'zero', 0);
	expect(body).toEqual({ kept: 1, ids: ['1', '2'], zero: 0 });
	expect(body.ids).toBe(ids);
	expect(Object.keys(body)).toEqual(['kept', 'ids', 'zero']);
});
