/** Notices and notes made from the endpoint catalogue's vendor status (nodes/Tanma/actions/notices.ts). */
import { Tanma } from '../../nodes/Tanma/Tanma.node';
import {
	clientKnownNotice,
	deprecationNotice,
	repeatNotice,
	statusNote,
} from '../../nodes/Tanma/actions/notices';
import type { TanmaEndpoint } from '../../nodes/Tanma/transport/protocol/endpoints';
import { ENDPOINTS } from '../../nodes/Tanma/transport/protocol/endpoints';

const withStatus = (status: TanmaEndpoint['status']): TanmaEndpoint => ({
	...ENDPOINTS.customerSearch,
	status,
});

test('a notice and a note for deprecated and to-be-deprecated endpoints, nothing for current or unknown ones', () => {
	expect(deprecationNotice(withStatus('deprecated'), 'use X.')).toEqual([
		{
			displayName: 'Tanma marks this endpoint as deprecated. It still answers; use X.',
			name: 'deprecatedNotice',
			type: 'notice',
			default: '',
		},
	]);
	expect(deprecationNotice(withStatus('toBeDeprecated'), 'Use Y.')).toEqual([
		{
			displayName: 'Tanma marks this endpoint as to be deprecated. Use Y.',
			name: 'toBeDeprecatedNotice',
			type: 'notice',
			default: '',
		},
	]);
	expect(deprecationNotice(withStatus('current'), 'x')).toEqual([]);
	expect(deprecationNotice(withStatus('unknown'), 'x')).toEqual([]);
	expect([
		statusNote(withStatus('deprecated')),
		statusNote(withStatus('toBeDeprecated')),
		statusNote(withStatus('current')),
	]).toEqual([' (deprecated by Tanma)', ' (to be deprecated by Tanma)', '']);
});

test('the node shows a notice above exactly the operations whose endpoint the catalogue marks (to be) deprecated', () => {
	const { properties } = new Tanma().description;
	const notices = properties
		.filter((p) => p.type === 'notice' && /Deprecated/i.test(p.name))
		.map(
			(p) =>
				`${p.displayOptions?.show?.resource?.[0]}.${p.displayOptions?.show?.operation?.[0]}:${p.name}`,
		)
		.sort();
	expect(notices).toEqual([
		'customer.getManyByCreatedTime:deprecatedNotice',
		'followUp.getManyForCustomer:toBeDeprecatedNotice',
		'followedCustomer.getManyByRelationCreatedTime:toBeDeprecatedNotice',
		'followedCustomer.getManyByStaff:deprecatedNotice',
	]);
	const marked = properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) => (p.options ?? []) as Array<{ value: string; description?: string }>)
		.filter((o) => /deprecated by Tanma\)$/.test(o.description ?? ''))
		.map((o) => o.value)
		.sort();
	expect(marked).toEqual([
		'getManyByCreatedTime',
		'getManyByRelationCreatedTime',
		'getManyByStaff',
		'getManyForCustomer',
	]);
});

test('a client-known notice (from the catalogue source) above exactly the operations whose endpoint no published page describes', () => {
	expect(clientKnownNotice({ ...ENDPOINTS.customerSearch, source: 'doc' })).toEqual([]);
	expect(clientKnownNotice(ENDPOINTS.profileFields, 'More.')).toEqual([
		{
			displayName:
				'Known from Tanma’s own client code, not from a published page (/api/v3/profile-fields): Tanma may change it. More.',
			name: 'clientKnownNotice',
			type: 'notice',
			default: '',
		},
	]);
	const shownFor = new Tanma().description.properties
		.filter((p) => p.name === 'clientKnownNotice')
		.map(
			(p) => `${p.displayOptions?.show?.resource?.[0]}.${p.displayOptions?.show?.operation?.[0]}`,
		)
		.sort();
	expect(shownFor).toEqual([
		'customer.getProfileFields',
		'customer.import',
		'customer.transfer',
		'staff.getMany',
	]);
});

test('every write says whether running it again is safe; where it is not, to leave Retry On Fail off', () => {
	const writes = Object.entries(ENDPOINTS).filter(([, endpoint]) => !endpoint.read);
	expect(writes.filter(([, endpoint]) => !endpoint.repeat).map(([name]) => name)).toEqual([]);
	const unsafe = writes.filter(([, e]) => e.repeat && !e.repeat.safe).map(([name]) => name);
	expect(unsafe.sort()).toEqual([
		'customerImport',
		'customerSopSave',
		'groupSendTask',
		'groupSopAssistant',
		'groupSopManual',
		'workOrderCreate',
	]);
	expect(repeatNotice(ENDPOINTS.workOrderCreate)[0].displayName).toBe(
		'Every run creates a work order: Tanma cannot tell a repeat apart. Leave Retry On Fail (node Settings) off: n8n would run every item again, those already sent included. If a run ends with "Tanma may have carried it out", look in Tanma before running it again.',
	);
	expect(repeatNotice(ENDPOINTS.orderImport)[0].displayName).toBe(
		'Safe to run again: Tanma updates the order with the same platform and order number instead of creating another.',
	);
	expect(repeatNotice(ENDPOINTS.tagTree)).toEqual([]);
	// Shown above every write operation of the node.
	const shownFor = new Tanma().description.properties
		.filter((p) => p.name === 'repeatNotice')
		.map(
			(p) => `${p.displayOptions?.show?.resource?.[0]}.${p.displayOptions?.show?.operation?.[0]}`,
		)
		.sort();
	expect(shownFor).toEqual([
		'customer.import',
		'customer.transfer',
		'groupMessage.createMassSendTask',
		'opportunity.update',
		'order.createOrUpdate',
		'sopTask.createCustomerSop',
		'sopTask.createGroupAssistantSop',
		'sopTask.createGroupSop',
		'workOrder.create',
	]);
});
