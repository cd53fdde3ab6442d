/**
 * The push trigger's event table: the push `type` strings Tanma has published, with the name the Events
 * field shows. The field's options, the types Register Address on Activation subscribes and which messages
 * start the workflow all come from here. Each type's content fields are listed in the README.
 */
export const PUSH_EVENTS: ReadonlyArray<{ type: string; name: string }> = [
	{ type: 'new_qw_customer', name: 'WeCom Customer Added' },
	{ type: 'edit_qw_customer', name: 'WeCom Customer Edited' },
	{ type: 'customer_contact_edit', name: 'Company Customer Contact Edited' },
	{ type: 'tag_info', name: 'Customer Tag Changed' },
	{ type: 'change_corp_tag', name: 'WeCom Corp Tag Changed' },
	{ type: 'change_customer_tag', name: 'WeCom Personal Tag Changed' },
	{ type: 'change_order', name: 'Order Added or Changed' },
	{ type: 'contract_info', name: 'Contract Changed' },
	{ type: 'opportunity_info', name: 'Customer Opportunity Changed' },
];

/** The Events value that stands for every type. */
export const ALL_EVENTS = '*';

/** The confirmation Tanma sends after push-register: always acknowledged, emitted only if asked. */
export const REGISTER_TYPE = 'register';

/** The types registration subscribes for the chosen events (Tanma publishes no wildcard), register first. */
export function subscriptionFor(events: readonly string[]): string {
	const types = events.includes(ALL_EVENTS) ? PUSH_EVENTS.map((e) => e.type) : events;
	return [REGISTER_TYPE, ...types.filter((t) => t !== REGISTER_TYPE)].join(',');
}

/** Whether a verified message of `type` starts the workflow. */
export function startsWorkflow(
	type: string,
	events: readonly string[],
	emitRegister: boolean,
): boolean {
	if (type === REGISTER_TYPE) return emitRegister;
	return events.includes(ALL_EVENTS) || events.includes(type);
}
