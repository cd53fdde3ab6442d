/** SOP Task operations (nodes/Tanma/actions/sopTask/) and the message-content builder they use. */
import type { INodeParameters } from 'n8n-workflow';

import { actionsAgainstSandbox, textContent } from '../support/actions';

const t = actionsAgainstSandbox();
const { run, json, lastBody, lastRaw } = t;

test('Get Customer Relations sends staff ids as integers and honours the Limit', async () => {
	const staff = t.sandbox.tenant.staff.filter((s) => s.deleted === 0).slice(0, 2);
	const all = t.sandbox.tenant.customers.filter((c) =>
		staff.some((s) => s.salesId === c.ownerSalesId),
	);
	const result = await run({
		resource: 'sopTask',
		operation: 'getCustomerRelations',
		salesIds: staff.map((s) => s.salesId),
		taskCode: 2,
		returnAll: false,
		limit: 3,
	});
	expect(lastRaw()).toBe(`{"taskCode":2,"salesIds":[${staff[0].salesId},${staff[1].salesId}]}`);
	expect(all.length).toBeGreaterThan(3);
	expect(json(result).map((r) => String(r.customerId))).toEqual(
		all.slice(0, 3).map((c) => c.customerId),
	);
});

test('Create Customer SOP builds sopContents from send times and the content builder', async () => {
	const staff = t.sandbox.tenant.staff[0];
	const tag = t.sandbox.tenant.tagGroups[0].tags[0];
	const result = await run({
		resource: 'sopTask',
		operation: 'createCustomerSop',
		title: '新客户欢迎 SOP',
		salesIds: [staff.salesId],
		tagIds: [String(tag.id)],
		sendTimes: {
			time: [
				{ sendDate: '2026-12-01T10:02:00+08:00', sendType: 2 },
				{ sendDate: '2026-12-03 09:00:00', sendType: 2 },
			],
		},
		messageContent: {
			item: [
				textContent('#客户昵称# 您好，欢迎！\n有问题随时找我'),
				{
					kind: 'file',
					fileName: '产品手册.pdf',
					fileUrl: 'https://example.com/a.pdf',
					fileId: '69924',
					sign: 'abc',
				},
				{
					kind: 'link',
					link: 'https://example.com/p',
					title: '活动',
					fileUrl: 'https://example.com/c.jpg',
				},
				{
					kind: 'material',
					mcId: '0123456789abcdef0123456789abcdef',
					mcType: 2,
					title: '素材',
					content: '摘要',
				},
			],
		},
		additionalFields: { customerConditions: '[{"id": 436, "name": "性别"}]' },
	});
	expect(result.error).toBeUndefined();
	const sopDatas = [
		{ type: 1, content: '#客户昵称# 您好，欢迎！\n有问题随时找我' },
		{
			type: 2,
			fileUrl: 'https://example.com/a.pdf',
			fileName: '产品手册.pdf',
			sign: 'abc',
			fileId: 69924,
		},
		{ type: 3, link: 'https://example.com/p', title: '活动', fileUrl: 'https://example.com/c.jpg' },
		{
			type: 99,
			mcId: '0123456789abcdef0123456789abcdef',
			mcType: 2,
			title: '素材',
			content: '摘要',
		},
	];
	expect(lastBody()).toEqual({
		title: '新客户欢迎 SOP',
		type: 4,
		salesIds: [Number(staff.salesId)],
		tagIds: [tag.id],
		customerConditions: [{ id: 436, name: '性别' }],
		sopContents: [
			{ sendType: 2, sendDate: '2026-12-01 10:02:00', sopDatas },
			{ sendType: 2, sendDate: '2026-12-03 09:00:00', sopDatas },
		],
	});
	expect(lastRaw()).toContain(`"salesIds":[${staff.salesId}]`);
	expect(t.sandbox.created.customerSopSave).toHaveLength(1);
});

test('Create Customer SOP of another kind sends its type code', async () => {
	await run({
		resource: 'sopTask',
		operation: 'createCustomerSop',
		title: '定期提醒',
		sopKind: 'other',
		typeCode: 3,
		salesIds: [t.sandbox.tenant.staff[0].salesId],
		sendTimes: { time: [{ sendDate: '2026-12-01 10:00:00' }] },
		messageContent: { item: [textContent('提醒')] },
	});
	expect(lastBody()).toMatchObject({ type: 3 });
});

test.each([
	[{ messageContent: { item: [] } }, '"Message Content" needs at least one entry'],
	[
		{ messageContent: { item: [textContent('  ')] } },
		'"Message Content Item 1: Text" must not be empty',
	],
	[
		{ messageContent: { item: [{ kind: 'link', link: 'example.com' }] } },
		'"Message Content Item 1: Link URL" must start with http:// or https://, got "example.com"',
	],
	[
		{ messageContent: { item: [textContent('a'), { kind: 'file', fileName: 'x' }] } },
		'"Message Content Item 2: File URL" and "Media ID" are both empty: give one of them',
	],
	[
		{ messageContent: { item: [{ kind: 'material', mcId: '' }] } },
		'"Message Content Item 1: Material ID" must not be empty',
	],
	[{ salesIds: '={{ [] }}' }, '"Staff Names or IDs" needs at least one entry'],
	[{ salesIds: ['sales01'] }, '"Staff Names or IDs" must be a numeric ID, got "sales01"'],
	[
		{ sendTimes: { time: [{ sendDate: '下周一' }] } },
		'"Send Time 1: Send At" is not a valid date-time: "下周一"',
	],
	[{ sendTimes: {} }, '"Send Times" needs at least one entry'],
	[
		{ additionalFields: { customerConditions: '{"id":' } },
		'"Customer Conditions (JSON)" is not valid JSON',
	],
])('Create Customer SOP validation %#: nothing is sent', async (override, message) => {
	const result = await run({
		resource: 'sopTask',
		operation: 'createCustomerSop',
		title: 'x',
		salesIds: [t.sandbox.tenant.staff[0].salesId],
		sendTimes: { time: [{ sendDate: '2026-12-01 10:00:00' }] },
		messageContent: { item: [textContent('hi')] },
		...override,
	} as INodeParameters);
	expect(result.error?.message).toBe(message);
	expect(t.sandbox.requests).toHaveLength(0);
});

test('Create Customer SOP refuses more staff than one request may carry', async () => {
	const ids = Array.from({ length: 1001 }, (_, n) => String(400000000000000 + n));
	const result = await run(
		{
			resource: 'sopTask',
			operation: 'createCustomerSop',
			title: 'x',
			salesIds: '={{ $json.ids }}',
			sendTimes: { time: [{ sendDate: '2026-12-01 10:00:00' }] },
			messageContent: { item: [textContent('hi')] },
		},
		[{ ids }],
	);
	expect(result.error?.message).toBe(
		'"Staff Names or IDs" has 1001 entries; at most 1000 are sent in one request',
	);
	expect(t.sandbox.requests).toHaveLength(0);
});

test('Create Group SOP sends groups, day/time schedule and content as documented', async () => {
	const [g1, g2] = t.sandbox.tenant.groups;
	const result = await run({
		resource: 'sopTask',
		operation: 'createGroupSop',
		title: '群欢迎',
		groups: {
			group: [
				{ chatId: g1.chatId, chatOwner: g1.ownerSalesId },
				{ chatId: g2.chatId, chatOwner: g2.ownerSalesId },
			],
		},
		schedule: { time: [{ showDate: 5, showTime: '9:05' }] },
		messageContent: { item: [textContent('#客户昵称# 您好')] },
		mode: 1,
	});
	expect(result.error).toBeUndefined();
	expect(lastBody()).toEqual({
		title: '群欢迎',
		mode: 1,
		groupInfos: [
			{ chatId: g1.chatId, chatOwner: g1.ownerSalesId },
			{ chatId: g2.chatId, chatOwner: g2.ownerSalesId },
		],
		sopContents: [
			{ showDate: 5, showTime: '09:05', sopDatas: [{ type: 1, content: '#客户昵称# 您好' }] },
		],
	});
	expect(t.sandbox.created.groupSopManual).toHaveLength(1);
});

test('Create Group SOP rejects a bad time of day', async () => {
	const g = t.sandbox.tenant.groups[0];
	const result = await run({
		resource: 'sopTask',
		operation: 'createGroupSop',
		title: 'x',
		groups: { group: [{ chatId: g.chatId, chatOwner: g.ownerSalesId }] },
		schedule: { time: [{ showDate: 1, showTime: '25:00' }] },
		messageContent: { item: [textContent('hi')] },
	});
	expect(result.error?.message).toBe('"Send Time 1: Time" must be a time like 09:30, got "25:00"');
	expect(t.sandbox.requests).toHaveLength(0);
});

test('Create Group Assistant SOP sends minutes-only times and string owner ids', async () => {
	const [g1, g2] = t.sandbox.tenant.groups;
	const result = await run({
		resource: 'sopTask',
		operation: 'createGroupAssistantSop',
		title: '群发助手',
		chatIds: `${g1.chatId}, ${g2.chatId}`,
		owners: [g1.ownerSalesId],
		instruction: '请按时发送',
		sendTimes: { time: [{ sendTime: '2026-12-01 11:37:59' }] },
		messageContent: { item: [textContent('文本内容')] },
	});
	expect(result.error).toBeUndefined();
	expect(lastRaw()).toBe(
		JSON.stringify({
			title: '群发助手',
			chatIds: [g1.chatId, g2.chatId],
			owners: [g1.ownerSalesId],
			sopContents: [{ sendTime: '2026-12-01 11:37', sopDatas: [{ type: 1, content: '文本内容' }] }],
			instruction: '请按时发送',
		}),
	);
});
