/** Sandbox handlers for follow-ups of customers and leads, and staff–customer follow relations. */
import { formatTanmaTime } from '../../nodes/Tanma/transport/protocol/time';
import type { EndpointName } from '../../nodes/Tanma/transport/protocol/endpoints';
import type { Handler } from './common';
import {
	VendorFailure,
	id,
	text,
	requireText,
	timeBound,
	page,
	customerByExternalId,
	inWindowOldestFirst,
} from './common';

export const followUpsHandlers = {
	customerFollowUps(body, { tenant }) {
		const externalUserId = requireText(body, 'externalUserId');
		customerByExternalId(tenant, externalUserId);
		return tenant.followUps
			.filter((f) => f.externalUserId === externalUserId)
			.map((f) => ({
				id: f.id,
				qwUserId: f.qwUserId,
				externalUserId: f.externalUserId,
				content: f.content,
				followType: f.followType,
				gmtCreateTime: formatTanmaTime(f.createTimeMs),
			}));
	},

	leadFollowUps(body, ctx) {
		const customerId = requireText(body, 'customerId');
		const lead = ctx.tenant.leads.find((l) => l.customerId === customerId);
		if (!lead) throw new VendorFailure(-1, '线索不存在');
		const type = text(body, 'type');
		const rows = lead.followUps
			.filter((f) => type === undefined || String(f.type) === type)
			.map((f) => ({
				id: f.id,
				type: f.type,
				content: f.content,
				createTime: formatTanmaTime(f.createTimeMs),
				operator: f.operator,
			}));
		return page('leadFollowUps', body, rows, ctx);
	},

	relationsByStaff(body, ctx) {
		const qwUserId = requireText(body, 'qwUserId');
		const rows = ctx.tenant.relations
			.filter((r) => r.qwUserId === qwUserId)
			.map((r) => ({
				customerId: id(r.customerId),
				qwUserId: r.qwUserId,
				type: r.type,
				fields: r.fields,
			}));
		return page('relationsByStaff', body, rows, ctx);
	},

	relationsByCreateTime(body, ctx) {
		const since = timeBound(body, 'since');
		const before = timeBound(body, 'before');
		const qwUserId = text(body, 'qwUserId');
		const rows = inWindowOldestFirst(
			ctx.tenant.relations,
			(r) => r.relationCreateTimeMs,
			since,
			before,
		)
			.filter((r) => qwUserId === undefined || r.qwUserId === qwUserId)
			.map((r) => ({
				customerId: id(r.customerId),
				qwUserId: r.qwUserId,
				type: r.type,
				fields: r.fields,
			}));
		return page('relationsByCreateTime', body, rows, ctx);
	},
} satisfies Partial<Record<EndpointName, Handler>>;
