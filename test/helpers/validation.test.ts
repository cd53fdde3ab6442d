/**
 * Parameter readers (nodes/Tanma/helpers/parameters.ts over helpers/validation.ts) through the node, refusing before anything is sent:
 * an object where an id belongs, impossible calendar dates in every accepted form, zoneless times and dates
 * read as China Standard Time (the readers compute in UTC, so the host's zone does not enter).
 */
import { parseTanmaTime } from '../../nodes/Tanma/transport/protocol/time';
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const { run, lastBody } = t;

test.each([
	['={{ {a: 1} }}', 'an object'],
	['={{ ["wm1", "wm2"] }}', 'a list'],
])(
	'an expression giving %s for Customer WeCom ID is refused by name (%s), nothing sent',
	async (expression, kind) => {
		const result = await run({
			resource: 'customer',
			operation: 'get',
			externalUserId: expression,
		});
		expect(result.error?.message).toBe(`"Customer WeCom ID" must be text, got ${kind}`);
		expect(t.sandbox.requests).toHaveLength(0);
	},
);

test.each([
	'2026-02-30 10:00:00',
	'2026-02-29 10:00:00',
	'2026-13-01 10:00:00',
	'2026-04-31',
	'2026-02-28 24:00:00',
	'2026-02-28 10:75:00',
	'2026-02-28 10:00:60',
	'2026-02-30T10:00:00Z',
	'2026-02-30T10:00:00+08:00',
])('an impossible date-time %s is refused, not shifted; nothing sent', async (since) => {
	const result = await run({
		resource: 'customer',
		operation: 'getManyByCreatedTime',
		since,
		before: '2026-10-01 00:00:00',
	});
	expect(result.error?.message).toBe(`"Created After" is not a valid date-time: "${since}"`);
	expect(t.sandbox.requests).toHaveLength(0);
});

test.each([
	['2026-03-01', '2026-03-01 00:00:00'],
	['2026-03-01 08:30', '2026-03-01 08:30:00'],
	['2026-03-01T08:30:00', '2026-03-01 08:30:00'],
	['2026-03-01T00:30:00Z', '2026-03-01 08:30:00'],
	['2026-02-28T10:00:00+08:00', '2026-02-28 10:00:00'],
	['2024-02-29 23:59:59', '2024-02-29 23:59:59'],
])('%s is sent as %s (China Standard Time)', async (since, sent) => {
	const result = await run({
		resource: 'customer',
		operation: 'getManyByCreatedTime',
		since,
		before: '2026-10-01 00:00:00',
		returnAll: false,
		limit: 1,
	});
	expect(result.error).toBeUndefined();
	expect(lastBody()).toMatchObject({ since: sent });
});

test('parseTanmaTime refuses a time of day that would carry over', () => {
	expect(parseTanmaTime('2026-02-28 10:75')).toBeUndefined();
	expect(parseTanmaTime('2026-02-28 23:59:59')).toBe(Date.UTC(2026, 1, 28, 15, 59, 59));
});

test.each([
	['a Luxon DateTime', "={{ DateTime.fromISO('2026-03-01T00:30:00Z') }}"],
	['a JavaScript Date', "={{ new Date('2026-03-01T00:30:00Z') }}"],
	['epoch milliseconds', '={{ Date.UTC(2026, 2, 1, 0, 30) }}'],
])('the readers accept what n8n expressions give: %s as a date-time', async (_kind, since) => {
	const result = await run({
		resource: 'customer',
		operation: 'getManyByCreatedTime',
		since,
		before: '2026-10-01 00:00:00',
		returnAll: false,
		limit: 1,
	});
	expect(result.error).toBeUndefined();
	expect(lastBody()).toMatchObject({ since: '2026-03-01 08:30:00' });
});

test('the readers accept ids as numbers within 2^53 and as text beyond it, and switches as "true"/"false" text', async () => {
	const result = await run({
		resource: 'customer',
		operation: 'search',
		returnAll: '={{ "false" }}',
		limit: '={{ 2 }}',
		filters: { customerId: '={{ "9007199254740993" }}', salesIds: '={{ [463352989020857] }}' },
	});
	expect(result.error).toBeUndefined();
	expect(t.lastRaw()).toContain('"customerId":9007199254740993');
	expect(lastBody()).toMatchObject({ salesIdList: ['463352989020857'], pageSize: 2 });
});
