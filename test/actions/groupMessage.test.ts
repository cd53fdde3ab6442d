/** Group Message operations (nodes/Tanma/actions/groupMessage/). */
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const { run, lastBody } = t;

test('Group Message → Create Mass-Send Task sends text and one attachment in the forms of Tanma’s example (ids as numbers, sendType "1", sendData one object)', async () => {
	const staff = t.sandbox.tenant.staff.slice(0, 2).map((s) => s.salesId);
	const result = await run({
		resource: 'groupMessage',
		operation: 'createMassSendTask',
		title: '双十二活动',
		users: staff,
		sendTime: '2026-12-12T09:00:00+08:00',
		text: '群发文本',
		messageContent: {
			item: [
				{ kind: 'material', mcId: 'ffffffffffffffffffffffffffffffff', mcType: 2, title: '素材' },
			],
		},
		sendType: 1,
	});
	expect(result.error).toBeUndefined();
	expect(lastBody()).toEqual({
		title: '双十二活动',
		users: staff.map(Number),
		sendType: '1',
		sendTime: '2026-12-12 09:00:00',
		sendInfo: {
			text: '群发文本',
			sendData: { type: 99, mcId: 'ffffffffffffffffffffffffffffffff', mcType: 2, title: '素材' },
		},
	});
	expect(t.lastRaw()).toContain(`"users":[${staff.join(',')}]`);
	expect(t.sandbox.created.groupSendTask).toHaveLength(1);
});

test('Group Message → several content items go as a list (the table’s form: the example’s one object cannot hold them); a staff id past 2^53 stays exact', async () => {
	await run({
		resource: 'groupMessage',
		operation: 'createMassSendTask',
		title: 'x',
		users: ['9007199254740993'],
		sendTime: '2026-12-12 09:00:00',
		messageContent: {
			item: [
				{ kind: 'text', content: 'a' },
				{ kind: 'text', content: 'b' },
			],
		},
	});
	expect(t.lastRaw()).toContain('"users":[9007199254740993]');
	expect(Array.isArray((lastBody()?.sendInfo as { sendData: unknown }).sendData)).toBe(true);
});

test('Group Message → needs text or content', async () => {
	const result = await run({
		resource: 'groupMessage',
		operation: 'createMassSendTask',
		title: 'x',
		users: [t.sandbox.tenant.staff[0].salesId],
		sendTime: '2026-12-12 09:00:00',
	});
	expect(result.error?.message).toBe(
		'"Text" and "Message Content" are both empty: give text, content items or both',
	);
	expect(t.sandbox.requests).toHaveLength(0);
});
