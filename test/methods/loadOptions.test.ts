/** Dropdowns (nodes/Tanma/methods/): loadOptions through n8n-core's LoadOptionsContext against the sandbox. */
import { credentialsFor, runLoadOptions } from '../../lab/core';
import { Tanma } from '../../nodes/Tanma/Tanma.node';
import { ENDPOINTS } from '../../nodes/Tanma/transport/protocol/endpoints';
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const node = new Tanma();

describe('dropdowns (loadOptions through n8n-core against the sandbox)', () => {
	const load = (method: string) =>
		runLoadOptions({ nodeType: node, method, credentials: credentialsFor(t.sandbox) });

	test('getStaff lists active staff by Tanma id', async () => {
		const options = await load('getStaff');
		const active = t.sandbox.tenant.staff.filter((s) => s.deleted === 0);
		expect(options.map((o) => o.value).sort()).toEqual(active.map((s) => s.salesId).sort());
		expect(options.find((o) => o.value === active[0].salesId)?.name).toBe(
			`${active[0].name} (${active[0].salesId})`,
		);
	});

	test('getStaffWeComIds lists active staff by WeCom user id (Customer → Transfer’s new owner)', async () => {
		const options = await load('getStaffWeComIds');
		const active = t.sandbox.tenant.staff.filter((s) => s.deleted === 0);
		expect(options.map((o) => o.value).sort()).toEqual(active.map((s) => s.qwUserId).sort());
		expect(options.find((o) => o.value === active[0].qwUserId)?.name).toBe(
			`${active[0].name} (${active[0].qwUserId})`,
		);
	});

	test('getDepartments merges the departments of every active staff member', async () => {
		const options = await load('getDepartments');
		const used = new Set(
			t.sandbox.tenant.staff.filter((s) => s.deleted === 0).flatMap((s) => s.departmentIds),
		);
		expect(options.map((o) => Number(o.value)).sort()).toEqual([...used].sort());
		const requestsPerStaff = t.sandbox.requests.filter(
			(r) => r.path === ENDPOINTS.staffDepartments.path,
		).length;
		expect(requestsPerStaff).toBe(t.sandbox.tenant.staff.filter((s) => s.deleted === 0).length);
	});

	test('getTags labels tags with their group', async () => {
		const options = await load('getTags');
		const group = t.sandbox.tenant.tagGroups[0];
		expect(options).toContainEqual({
			name: `${group.name} / ${group.tags[0].name}`,
			value: String(group.tags[0].id),
		});
		expect(options).toHaveLength(t.sandbox.tenant.tagGroups.reduce((n, g) => n + g.tags.length, 0));
	});

	test('getImportFieldAliases offers the client aliases and the mapped custom fields', async () => {
		const options = await load('getImportFieldAliases');
		const mapped = t.sandbox.tenant.fields.filter((f) => f.outerField).map((f) => f.outerField);
		expect(options.map((o) => o.value)).toEqual([
			'name',
			'customer_ch_phone',
			'customer_source',
			...mapped,
		]);
	});

	test('a dropdown shows the vendor error when the credential is wrong', async () => {
		await expect(
			runLoadOptions({
				nodeType: node,
				method: 'getTags',
				credentials: credentialsFor(t.sandbox, { appKey: 'wrong' }),
			}),
		).rejects.toThrow('Tanma error 1002');
	});
});
