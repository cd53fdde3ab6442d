/** Work Order operations (nodes/Tanma/actions/workOrder/). */
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const { run, json } = t;

test('Work Order → Create then Get', async () => {
	const creator = t.sandbox.tenant.staff[0];
	const created = await run({
		resource: 'workOrder',
		operation: 'create',
		moduleId: '430975492448320',
		title: '客户投诉 🚨',
		content: '请尽快处理',
		priority: 2,
		departmentId: '3765',
		additionalFields: { userId: creator.salesId },
		followUsers: { watcher: [{ unitId: '471895895726400', name: '关注人', type: 2 }] },
	});
	expect(created.error).toBeUndefined();
	// Integer fields go out as JSON integers, digit for digit.
	const raw = t.sandbox.requests[0].rawBody;
	expect(raw).toContain('"moduleId":430975492448320');
	expect(raw).toContain(`"userId":${creator.salesId}`);
	expect(raw).toContain('"followUsers":[{"unitId":471895895726400,"name":"关注人","type":2}]');
	expect(t.sandbox.requests[0].json).toMatchObject({
		title: '客户投诉 🚨',
		content: '请尽快处理',
		priority: 2,
		departmentId: 3765,
	});
	const id = json(created)[0].id;
	const detail = await run({ resource: 'workOrder', operation: 'get', detailId: String(id) });
	expect(json(detail)[0]).toMatchObject({ id, title: '客户投诉 🚨', createUserName: creator.name });
});

test('Work Order → Create names the empty required field and sends nothing', async () => {
	const result = await run(
		{
			resource: 'workOrder',
			operation: 'create',
			moduleId: '1',
			title: '={{ $json.title }}',
			content: 'x',
			priority: 2,
			departmentId: '1',
		},
		[{ title: '  ' }],
	);
	expect(result.error?.message).toBe('"Title" must not be empty');
	expect(t.sandbox.requests).toHaveLength(0);
});

test('Work Order → Create sends moduleType (in Tanma’s example, not its table) only when added', async () => {
	const base = {
		resource: 'workOrder',
		operation: 'create',
		moduleId: '1',
		title: 't',
		content: 'c',
		priority: 2,
		departmentId: '1',
	};
	await run(base);
	expect(t.sandbox.requests[0].json).not.toHaveProperty('moduleType');
	await run({ ...base, additionalFields: { moduleType: 1 } });
	expect(t.sandbox.requests[1].json).toMatchObject({ moduleType: 1 });
});

test('Work Order → Create whose answer is lost: the item fails saying the work order may exist, the next item still runs', async () => {
	t.sandbox.addFault({ kind: 'lostAnswer', path: '/api/v3/work/sheet/create' });
	const result = await run(
		{
			resource: 'workOrder',
			operation: 'create',
			moduleId: '1',
			title: '={{ $json.title }}',
			content: 'c',
			priority: 2,
			departmentId: '1',
		},
		[{ title: '第一张' }, { title: '第二张' }],
		true,
	);
	expect(t.sandbox.created.workOrderCreate?.map((w) => w.title)).toEqual(['第一张', '第二张']);
	const [lost, created] = json(result);
	expect(lost.error).toMatch(/Tanma's answer was lost .*: Tanma may have carried it out$/);
	expect(created).toHaveProperty('id');
	expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
});
