/** Group Chat operations (nodes/Tanma/actions/groupChat/). */
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const { run, json, lastBody, lastRaw } = t;

test('Group Chat → Get Many pages (page style with totalPage) and sends the filters', async () => {
	const owner = t.sandbox.tenant.groups[0].ownerSalesId;
	const expected = t.sandbox.tenant.groups.filter((g) => g.ownerSalesId === owner);
	const result = await run({
		resource: 'groupChat',
		operation: 'getMany',
		returnAll: true,
		filters: {
			userId: owner,
			tagGroupIds: '11, 12',
			conditionOp: 1,
			startCreateTime: '2020-01-01 00:00:00',
		},
	});
	expect(result.error).toBeUndefined();
	expect(json(result).map((g) => g.chatId)).toEqual(expected.map((g) => g.chatId));
	expect(lastRaw()).toContain(`"userId":${owner}`);
	expect(lastBody()).toMatchObject({
		tagGroupIds: [11, 12],
		conditionOp: 1,
		startCreateTime: '2020-01-01 00:00:00',
	});
});

test('Group Chat → Get Many with a Limit reads only the pages it needs', async () => {
	const result = await run({
		resource: 'groupChat',
		operation: 'getMany',
		returnAll: false,
		limit: 7,
	});
	expect(result.items).toHaveLength(7);
	expect(t.sandbox.requests).toHaveLength(1);
});
