import { pushTriggerProperties } from '../../../nodes/Tanma/trigger/push/description';
import {
	ALL_EVENTS,
	PUSH_EVENTS,
	REGISTER_TYPE,
	startsWorkflow,
	subscriptionFor,
} from '../../../nodes/Tanma/trigger/push/events';

const eventsField = pushTriggerProperties.find((p) => p.name === 'events')!;

test('the Events field offers All Events and exactly the types of the table, in its order', () => {
	expect((eventsField.options ?? []).map((o) => ('value' in o ? o.value : undefined))).toEqual([
		ALL_EVENTS,
		...PUSH_EVENTS.map((e) => e.type),
	]);
	expect(new Set(PUSH_EVENTS.map((e) => e.type)).size).toBe(PUSH_EVENTS.length);
});

test('registration subscribes register first, then the chosen types; All Events means every type of the table', () => {
	expect(subscriptionFor([ALL_EVENTS])).toBe(
		[REGISTER_TYPE, ...PUSH_EVENTS.map((e) => e.type)].join(','),
	);
	expect(subscriptionFor(['tag_info', 'change_order'])).toBe('register,tag_info,change_order');
	expect(subscriptionFor(['register', 'tag_info'])).toBe('register,tag_info');
});

test('a message starts the workflow when its type was chosen; register only when asked', () => {
	expect(startsWorkflow('tag_info', ['tag_info'], false)).toBe(true);
	expect(startsWorkflow('change_order', ['tag_info'], false)).toBe(false);
	expect(startsWorkflow('a_type_tanma_adds_later', [ALL_EVENTS], false)).toBe(true);
	expect(startsWorkflow(REGISTER_TYPE, [ALL_EVENTS], false)).toBe(false);
	expect(startsWorkflow(REGISTER_TYPE, ['tag_info'], true)).toBe(true);
});
