/** Follow-Up operations (nodes/Tanma/actions/followUp/). */
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const { run, json } = t;

test('Get Many for Customer filters by created-after in n8n', async () => {
	const c = t.sandbox.tenant.customers.find(
		(x) =>
			t.sandbox.tenant.followUps.filter((f) => f.externalUserId === x.externalUserId).length >= 3,
	)!;
	const all = await run({
		resource: 'followUp',
		operation: 'getManyForCustomer',
		externalUserId: c.externalUserId,
		returnAll: true,
	});
	const records = json(all);
	expect(records.length).toBeGreaterThanOrEqual(3);
	const cut = String(records[0].gmtCreateTime);
	const after = await run({
		resource: 'followUp',
		operation: 'getManyForCustomer',
		externalUserId: c.externalUserId,
		returnAll: true,
		filters: { createdAfter: cut },
	});
	expect(json(after)).toEqual(records.filter((r) => String(r.gmtCreateTime) > cut));
});

test('Get Many for Lead follows the cursor', async () => {
	const lead = t.sandbox.tenant.leads.find((l) => l.followUps.length === 5)!;
	const result = await run({
		resource: 'followUp',
		operation: 'getManyForLead',
		customerId: lead.customerId,
		returnAll: false,
		limit: 4,
	});
	expect(json(result).map((r) => r.id)).toEqual(lead.followUps.slice(0, 4).map((f) => f.id));
});
