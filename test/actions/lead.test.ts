/** Lead operations (nodes/Tanma/actions/lead/). */
import { formatTanmaTime } from '../../nodes/Tanma/transport/protocol/time';
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const { run, json, lastBody } = t;

test('Get: sends the lead id as a JSON integer and outputs the lead with its fields', async () => {
	const lead = t.sandbox.tenant.leads[2];
	const result = await run({ resource: 'lead', operation: 'get', customerId: lead.customerId });
	expect(t.lastRaw()).toBe(`{"customerId":${lead.customerId}}`);
	expect(t.sandbox.requests[0].outcome).toBe('0');
	expect(json(result)).toEqual([
		expect.objectContaining({
			isClue: lead.isClue,
			fields: lead.fields,
			createTime: formatTanmaTime(lead.createTimeMs),
		}),
	]);
	expect(String(json(result)[0].customerId)).toBe(lead.customerId);
});

test('Get: an unknown lead is the vendor error', async () => {
	const result = await run({ resource: 'lead', operation: 'get', customerId: '1' });
	expect(result.error?.message).toBe('Tanma error -1: 线索不存在');
});

test('Get Many by Created Time: the window in Tanma time, oldest first, every page under Return All, no duplicates', async () => {
	const leads = [...t.sandbox.tenant.leads].sort((a, b) => a.createTimeMs - b.createTimeMs);
	const since = formatTanmaTime(leads[5].createTimeMs);
	const before = formatTanmaTime(leads[30].createTimeMs);
	const result = await run({
		resource: 'lead',
		operation: 'getManyByCreatedTime',
		since,
		before,
		returnAll: true,
	});
	expect(result.error).toBeUndefined();
	expect(json(result).map((l) => String(l.customerId))).toEqual(
		leads.slice(5, 30).map((l) => l.customerId),
	);
	expect(t.sandbox.requests[0].json).toMatchObject({ since, before });
});

test('Get Many by Created Time: Limit stops after the page that fills it, and a type filter is sent as a number', async () => {
	const result = await run({
		resource: 'lead',
		operation: 'getManyByCreatedTime',
		since: '2025-01-01 00:00:00',
		before: '2026-12-01 00:00:00',
		returnAll: false,
		limit: 4,
		filters: { type: '1' },
	});
	expect(json(result)).toHaveLength(4);
	expect(t.sandbox.requests).toHaveLength(1);
	expect(lastBody()).toMatchObject({ type: 1, size: 4 });
});

test('Get Many by Created Time: a window that ends before it starts is refused before sending', async () => {
	const result = await run({
		resource: 'lead',
		operation: 'getManyByCreatedTime',
		since: '2026-02-01',
		before: '2026-01-01',
	});
	expect(result.error?.message).toBe('"Created After" must be earlier than "Created Before"');
	expect(t.sandbox.requests).toHaveLength(0);
});
