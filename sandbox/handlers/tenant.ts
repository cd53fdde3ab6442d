/** Sandbox handlers for the tenant's organisation (tags, staff, departments) and the push address. */
import type { EndpointName } from '../../nodes/Tanma/transport/protocol/endpoints';
import type { Handler } from './common';
import { VendorFailure, id, text, requireText, page, recordCreated } from './common';

export const tenantHandlers = {
	tagTree(_body, { tenant }) {
		return tenant.tagGroups;
	},

	staffList(body, ctx) {
		const name = text(body, 'name');
		const deleted = text(body, 'deleted');
		const rows = ctx.tenant.staff
			.filter((s) => name === undefined || s.name.includes(name))
			.filter((s) => deleted === undefined || String(s.deleted) === deleted)
			// Only salesId is known from client code; name and qwUserId are inferred (the request filters by name).
			.map((s) => ({ salesId: id(s.salesId), qwUserId: s.qwUserId, name: s.name }));
		return page('staffList', body, rows, ctx);
	},

	staffDepartments(body, { tenant }) {
		const qwUserId = text(body, 'qwUserId');
		const salesId = text(body, 'salesId');
		if (qwUserId === undefined && salesId === undefined)
			throw new VendorFailure(-1, '参数错误: qwUserId 与 salesId 不能同时为空');
		const staff = tenant.staff.find((s) => s.qwUserId === qwUserId || s.salesId === salesId);
		if (!staff) throw new VendorFailure(-1, '员工不存在');
		return staff.departmentIds.map((departmentId) => ({
			departmentName:
				tenant.departments.find((d) => d.departmentId === departmentId)?.departmentName ?? '',
			departmentId,
		}));
	},

	pushRegister(body, ctx) {
		requireText(body, 'receiveAddress');
		recordCreated(ctx, 'pushRegister', body);
		return undefined;
	},
} satisfies Partial<Record<EndpointName, Handler>>;
