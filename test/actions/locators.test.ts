/**
 * The fields that pick one Tanma record (nodes/Tanma/actions/locators.ts): version 2 offers each as a resource locator
 * (From List where Tanma has a list, By ID always), version 1 keeps its text field; the node reads either value, so a
 * workflow saved at version 1 runs unchanged, and a value picked from the list, typed by ID or given by an expression
 * (an AI tool's $fromAI) reaches Tanma the same.
 */
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { BY_ID_ONLY_NOTE } from '../../nodes/Tanma/actions/locators';
import { Tanma } from '../../nodes/Tanma/Tanma.node';
import { ENDPOINTS } from '../../nodes/Tanma/transport/protocol/endpoints';
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const properties = new Tanma().description.properties as INodeProperties[];

/** Every locator of the node (fixed-collection rows opened), with the operation it belongs to. */
function locators(): Array<{
	at: string;
	field: INodeProperties;
	v1: INodeProperties | undefined;
}> {
	const out: Array<{ at: string; field: INodeProperties; v1: INodeProperties | undefined }> = [];
	const at = (p: INodeProperties) =>
		`${String(p.displayOptions?.show?.resource)}.${String(p.displayOptions?.show?.operation)}`;
	const twin = (p: INodeProperties, among: INodeProperties[]) =>
		among.find(
			(q) => q.name === p.name && q.type !== 'resourceLocator' && q.type !== 'fixedCollection',
		);
	for (const p of properties) {
		if (p.type === 'resourceLocator')
			out.push({
				at: at(p),
				field: p,
				v1: twin(
					p,
					properties.filter((q) => at(q) === at(p)),
				),
			});
		for (const option of p.type === 'collection' ? ((p.options ?? []) as INodeProperties[]) : []) {
			if (option.type === 'resourceLocator')
				out.push({
					at: at(p),
					field: option,
					v1: twin(option, (p.options ?? []) as INodeProperties[]),
				});
		}
		if (p.type === 'fixedCollection' && p.displayOptions?.hide?.['@version']) {
			const v1Rows = properties.find(
				(q) => q !== p && q.name === p.name && q.displayOptions?.show?.['@version'],
			);
			for (const group of (p.options ?? []) as Array<{ values: INodeProperties[]; name: string }>) {
				for (const value of group.values.filter((v) => v.type === 'resourceLocator')) {
					const v1Group = (
						(v1Rows?.options ?? []) as Array<{ values: INodeProperties[]; name: string }>
					).find((g) => g.name === group.name);
					out.push({
						at: at(p),
						field: value,
						v1: v1Group?.values.find((v) => v.name === value.name),
					});
				}
			}
		}
	}
	return out;
}

test('every locator: From List (searchable, a list method the node has) and By ID, or By ID alone saying Tanma has no list; version 1 keeps a text field of the same name', () => {
	const found = locators();
	expect(found.map((l) => `${l.at} ${l.field.name}`).sort()).toEqual(
		[
			'companyContact.getMany companyCustomerId',
			'contract.get contractId',
			'customer.get externalUserId',
			'customer.get qwUserId',
			'followUp.getManyForCustomer externalUserId',
			'followUp.getManyForLead customerId',
			'followedCustomer.getManyByRelationCreatedTime qwUserId',
			'followedCustomer.getManyByStaff qwUserId',
			'lead.get customerId',
			'order.get id',
			'sopTask.createGroupSop chatId',
			'sopTask.createGroupSop chatOwner',
			'staff.getDepartments qwUserId',
			'workOrder.get detailId',
		].sort(),
	);
	const methods = Object.keys(new Tanma().methods.listSearch);
	for (const { at, field, v1 } of found) {
		const modes = field.modes ?? [];
		const list = modes.find((m) => m.name === 'list');
		expect({ at, modes: modes.map((m) => m.name) }).toEqual({
			at,
			modes: list ? ['list', 'id'] : ['id'],
		});
		if (list) {
			expect(list.typeOptions).toMatchObject({
				searchable: true,
				searchListMethod: expect.any(String),
			});
			expect(methods).toContain(list.typeOptions?.searchListMethod);
			expect(field.default).toEqual({ mode: 'list', value: '' });
		} else {
			expect(field.hint).toBe(BY_ID_ONLY_NOTE);
			expect(field.default).toEqual({ mode: 'id', value: '' });
		}
		expect(modes.find((m) => m.name === 'id')?.validation?.[0]).toMatchObject({ type: 'regex' });
		expect(v1).toMatchObject({ name: field.name, type: 'string' });
	}
});

const customer = () => t.sandbox.tenant.customers[0];
const getCustomer = (externalUserId: unknown): INodeParameters => ({
	resource: 'customer',
	operation: 'get',
	externalUserId: externalUserId as string,
	simple: false,
});

test('Customer → Get at version 2: a customer picked from the list, typed by ID, or given by an expression reaches Tanma as its WeCom ID', async () => {
	const id = customer().externalUserId;
	for (const value of [
		{ __rl: true, mode: 'list', value: id, cachedResultName: customer().wechatNickname },
		{ __rl: true, mode: 'id', value: id },
		{ __rl: true, mode: 'id', value: `={{ "${id}" }}` },
	]) {
		const run = await t.run(getCustomer(value), undefined, false, 2);
		expect(run.error).toBeUndefined();
		expect(t.lastBody()).toEqual({ externalUserId: id });
	}
});

test('at version 2 a locator holding something other than one ID is refused by the field’s name, nothing sent', async () => {
	const run = await t.run(
		getCustomer({ __rl: true, mode: 'id', value: '={{ { a: 1 } }}' }),
		[{}],
		true,
		2,
	);
	expect(run.items[0].json.error).toBe('"Customer" must be text, got an object');
	expect(t.sandbox.requests).toHaveLength(0);
});

test('a workflow saved at version 1 (ids typed as text) runs unchanged: the same requests, raw records', async () => {
	const staff = t.sandbox.tenant.staff.find((s) => s.salesId === customer().ownerSalesId)!;
	const saved: INodeParameters[] = [
		{
			resource: 'customer',
			operation: 'get',
			externalUserId: customer().externalUserId,
			qwUserId: staff.qwUserId,
		},
		{ resource: 'lead', operation: 'get', customerId: t.sandbox.tenant.leads[0].customerId },
		{
			resource: 'order',
			operation: 'get',
			channelId: t.sandbox.tenant.sales.orders[1].channelId,
			id: t.sandbox.tenant.sales.orders[1].id,
		},
		{ resource: 'contract', operation: 'get', contractId: t.sandbox.tenant.sales.contracts[0].id },
		{
			resource: 'sopTask',
			operation: 'createGroupSop',
			title: 't',
			groups: {
				group: [
					{
						chatId: t.sandbox.tenant.groups[0].chatId,
						chatOwner: t.sandbox.tenant.groups[0].ownerSalesId,
					},
				],
			},
			schedule: { time: [{ showDate: 1, showTime: '10:00' }] },
			messageContent: { item: [{ kind: 'text', content: 'hi' }] },
		},
	];
	for (const parameters of saved) {
		const v1 = await t.run(parameters, undefined, false, 1);
		expect(v1.error).toBeUndefined();
		const v1Request = t.sandbox.requests[t.sandbox.requests.length - 1];
		// The same parameters at version 2 (a plain value in a locator field) send the same request.
		const v2 = await t.run({ ...parameters, simple: false }, undefined, false, 2);
		expect(v2.error).toBeUndefined();
		const v2Request = t.sandbox.requests[t.sandbox.requests.length - 1];
		expect({ path: v2Request.path, body: v2Request.json }).toEqual({
			path: v1Request.path,
			body: v1Request.json,
		});
		expect(v2.items.map((i) => i.json)).toEqual(v1.items.map((i) => i.json));
	}
	expect(t.sandbox.requestsTo(ENDPOINTS.groupSopManual.path)[0].json).toMatchObject({
		groupInfos: [{ chatId: t.sandbox.tenant.groups[0].chatId }],
	});
});

test('Group SOP at version 2: the row’s group chat picked from the list reaches Tanma as its chat ID', async () => {
	const group = t.sandbox.tenant.groups[3];
	const run = await t.run(
		{
			resource: 'sopTask',
			operation: 'createGroupSop',
			title: 't',
			groups: {
				group: [
					{
						chatId: {
							__rl: true,
							mode: 'list',
							value: group.chatId,
							cachedResultName: group.chatName,
						},
						chatOwner: group.ownerSalesId,
					},
				],
			},
			schedule: { time: [{ showDate: 1, showTime: '10:00' }] },
			messageContent: { item: [{ kind: 'text', content: 'hi' }] },
		},
		undefined,
		false,
		2,
	);
	expect(run.error).toBeUndefined();
	expect(t.lastBody()).toMatchObject({ groupInfos: [{ chatId: group.chatId }] });
});

describe('Create Group SOP at version 3: the group owner picked like any staff member', () => {
	const groupSop = (
		chatId: INodeParameters[string],
		chatOwner: INodeParameters[string],
	): INodeParameters => ({
		resource: 'sopTask',
		operation: 'createGroupSop',
		title: 't',
		groups: { group: [{ chatId, chatOwner }] },
		schedule: { time: [{ showDate: 1, showTime: '10:00' }] },
		messageContent: { item: [{ kind: 'text', content: 'hi' }] },
	});
	const picked = (value: string, name?: string) => ({
		__rl: true,
		mode: 'list',
		value,
		...(name ? { cachedResultName: name } : {}),
	});

	test('the owner is a staff picker at version 3 only, From List by Tanma staff ID or By ID; versions 1 and 2 keep their text field', () => {
		const groups = properties.filter(
			(p) => p.name === 'groups' && p.displayOptions?.show?.operation?.includes('createGroupSop'),
		);
		const owner = (p: INodeProperties) =>
			((p.options ?? []) as Array<{ values: INodeProperties[] }>)[0].values.find(
				(v) => v.name === 'chatOwner',
			)!;
		expect(
			groups.map((g) => [
				g.displayOptions?.show?.['@version'],
				g.displayOptions?.hide?.['@version'],
			]),
		).toEqual([
			[[1], undefined],
			[[2], undefined],
			[undefined, [1, 2]],
		]);
		expect(groups.map((g) => owner(g).type)).toEqual(['string', 'string', 'resourceLocator']);
		expect(owner(groups[2]).modes?.map((m) => [m.name, m.typeOptions?.searchListMethod])).toEqual([
			['list', 'searchStaffMembers'],
			['id', undefined],
		]);
	});

	test('saved at version 1 and at version 2, and picked at version 3: the same request', async () => {
		const group = t.sandbox.tenant.groups[2];
		const owner = t.sandbox.tenant.staff.find((s) => s.salesId === group.ownerSalesId)!;
		const bodies = [];
		for (const [version, parameters] of [
			[1, groupSop(group.chatId, group.ownerSalesId)],
			[2, groupSop(picked(group.chatId, group.chatName), group.ownerSalesId)],
			[3, groupSop(picked(group.chatId, group.chatName), picked(owner.salesId, owner.name))],
			[3, groupSop(picked(group.chatId), { __rl: true, mode: 'id', value: owner.salesId })],
		] as const) {
			const run = await t.run(parameters, undefined, false, version);
			expect(run.error).toBeUndefined();
			bodies.push(t.lastBody());
		}
		expect(bodies[0]).toMatchObject({
			groupInfos: [{ chatId: group.chatId, chatOwner: group.ownerSalesId }],
		});
		expect(bodies.slice(1)).toEqual([bodies[0], bodies[0], bodies[0]]);
	});

	test('an owner that is not a staff ID is refused, nothing sent: typed By ID by the mode’s own check, by expression by the field’s name', async () => {
		const group = t.sandbox.tenant.groups[2];
		await expect(
			t.run(
				groupSop(picked(group.chatId), { __rl: true, mode: 'id', value: 'zhangsan' }),
				undefined,
				true,
				3,
			),
		).rejects.toThrow(/A Tanma staff ID is a number/);
		const run = await t.run(
			groupSop(picked(group.chatId), { __rl: true, mode: 'id', value: '={{ "zhang" + "san" }}' }),
			undefined,
			true,
			3,
		);
		expect(String(run.items[0].json.error)).toMatch(/"Group 1: Owner" must be a numeric ID/);
		expect(t.sandbox.requestsTo(ENDPOINTS.groupSopManual.path)).toHaveLength(0);
	});
});
