/** Staff operations (nodes/Tanma/actions/staff/). */
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const { run, json } = t;

test('Staff → Get Many (page style) and Get Departments', async () => {
	const staff = await run({ resource: 'staff', operation: 'getMany', returnAll: true });
	expect(staff.items).toHaveLength(t.sandbox.tenant.staff.filter((s) => s.deleted === 0).length);
	const member = t.sandbox.tenant.staff[1];
	const departments = await run({
		resource: 'staff',
		operation: 'getDepartments',
		qwUserId: member.qwUserId,
	});
	expect(json(departments).map((d) => d.departmentId)).toEqual(member.departmentIds);
});
