/** The sandbox tenant's staff and customers, as both its CRM data (./data.ts) and its sales data (./salesData.ts) refer to them. */
export interface Staff {
	salesId: string;
	qwUserId: string;
	name: string;
	departmentIds: number[];
	deleted: 0 | 1;
}

export interface Customer {
	customerId: string;
	externalUserId: string;
	unionId: string | null;
	ownerQwUserId: string;
	ownerSalesId: string;
	name: string;
	wechatNickname: string;
	wechatAvatar: string;
	mobiles: string[];
	qwRemark: string;
	createTimeMs: number;
	tagIds: number[];
	lastFollowTimeMs: number | null;
	collaboratorSalesIds: string[];
}
