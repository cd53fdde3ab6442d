/** Group Message operations (nodes/Tanma/actions/groupMessage/). */
import { actionsAgainstSandbox } from '../helpers/actions';

const t = actionsAgainstSandbox();
const { run, lastBody } = t;

test('Group Message → Create Mass-Send Task sends text and attachments in sendInfo', async () => {
	const staff = t.sandbox.tenant.staff.slice(0, 2).map((s) => s.salesId);
	const result = await run({
		resource: 'groupMessage',
		operation: 'createMassSendTask',
		title: '双十二活动',
		users: staff,
		sendTime: '2026-12-12T09:00:00+08:00',
		text: '群发文本',
		messageContent: { item: [{ kind: 'material', mcId: 'ffffffffffffffffffffffffffffffff', mcType: 2, title: '素材' }] },
		sendType: 1,
	});
	expect(result.error).toBeUndefined();
	expect(lastBody()).toEqual({
		title: '双十二活动',
		users: staff,
		sendType: 1,
		sendTime: '2026-12-12 09:00:00',
		sendInfo: { text: '群发文本', sendData: [{ type: 99, mcId: 'ffffffffffffffffffffffffffffffff', mcType: 2, title: '素材' }] },
	});
	expect(t.sandbox.created.groupSendTask).toHaveLength(1);
});

test('Group Message → needs text or content', async () => {
	const result = await run({
		resource: 'groupMessage',
		operation: 'createMassSendTask',
		title: 'x',
		users: [t.sandbox.tenant.staff[0].salesId],
		sendTime: '2026-12-12 09:00:00',
	});
	expect(result.error?.message).toBe('"Text" and "Message Content" are both empty: give text, content items or both');
	expect(t.sandbox.requests).toHaveLength(0);
});
