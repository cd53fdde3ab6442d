/**
 * The Tanma OpenAPI endpoints this package uses, described once.
 * The node, the triggers and the local sandbox all read this table, so they agree by construction.
 * Each entry names its vendor page (`docPage`). "doc" = from that page; "client" = seen in working public client code.
 */

/**
 * How an endpoint pages its results.
 * - none: the whole answer in one call (`data` is the list or the object).
 * - page: `pageNo`/`pageSize` in, `data: { totalCount, result: [] }` out (some also give `totalPage`).
 * - search: `pageNo`/`pageSize` in, `data: { totalPage, data: [] }` out (v3 customer search).
 * - cursor: `cursor`/`size` in, `data: { list: [], nextCursor }` out.
 * - list: `pageNo`/`pageSize` in, `data: { currentPage, pageSize, totalPage, totalCount, list: [] }` out (orders).
 */
export type PagingStyle = 'none' | 'page' | 'search' | 'cursor' | 'list';

/** Where each paging style keeps its fields on the wire: the node's paging and the sandbox both read this. */
export type PagingWire =
	| {
			kind: 'numbered';
			/** Request: page number (from 1) and page size. */
			pageField: string;
			sizeField: string;
			/** Answer: the list, and the totals the style gives (either may be missing on a given answer). */
			listField: string;
			totalPageField: string;
			totalCountField?: string;
			/** The answer repeats the page number and size it was asked for, under these names. */
			echo?: { page: string; size: string };
	  }
	| {
			kind: 'cursor';
			cursorField: string;
			sizeField: string;
			listField: string;
			nextCursorField: string;
	  };

export const PAGING_WIRE: Record<Exclude<PagingStyle, 'none'>, PagingWire> = {
	page: {
		kind: 'numbered',
		pageField: 'pageNo',
		sizeField: 'pageSize',
		listField: 'result',
		totalPageField: 'totalPage',
		totalCountField: 'totalCount',
		echo: { page: 'pageNo', size: 'pageSize' },
	},
	search: {
		kind: 'numbered',
		pageField: 'pageNo',
		sizeField: 'pageSize',
		listField: 'data',
		totalPageField: 'totalPage',
	},
	cursor: {
		kind: 'cursor',
		cursorField: 'cursor',
		sizeField: 'size',
		listField: 'list',
		nextCursorField: 'nextCursor',
	},
	list: {
		kind: 'numbered',
		pageField: 'pageNo',
		sizeField: 'pageSize',
		listField: 'list',
		totalPageField: 'totalPage',
		totalCountField: 'totalCount',
		echo: { page: 'currentPage', size: 'pageSize' },
	},
};

export type VendorStatus = 'current' | 'toBeDeprecated' | 'deprecated' | 'unknown';

export interface TanmaEndpoint {
	path: string;
	paging: PagingStyle;
	/** Reads may be retried after a transient failure; writes never are (a retry could duplicate them). */
	read: boolean;
	status: VendorStatus;
	source: 'doc' | 'client';
	/** Vendor doc page id (api-…), where one exists. */
	docPage?: string;
	/** The Tanma editions its page says it is available in (可用服务版本), where the page says. */
	editions?: readonly string[];
	/**
	 * Writes: what sending it again does. `safe`: Tanma updates what the first call made (an upsert, an update, a
	 * transfer to the same owner); `safe: false`: every call creates another (Tanma publishes no idempotency key),
	 * named by `creates` in messages.
	 */
	repeat?: { safe: true; why: string } | { safe: false; creates: string };
}

/** Tanma's published OpenAPI pages; a page id (api-…, doc-…) is appended. */
export const VENDOR_DOCS_BASE =
	'https://apifox.com/apidoc/shared/4b77e117-3c1e-47a1-b899-abe28a9438db/';

/** The vendor page of an endpoint, if it has one. */
export function vendorPageUrl(endpoint: Pick<TanmaEndpoint, 'docPage'>): string | undefined {
	return endpoint.docPage ? `${VENDOR_DOCS_BASE}${endpoint.docPage}` : undefined;
}

/** One line per endpoint: the one place its path, paging style, read/write, vendor status and source live. */
// prettier-ignore
const CATALOGUE = {
	customerSearch: { path: '/api/v3/customer/search', paging: 'search', read: true, status: 'current', source: 'doc', docPage: 'api-55653168' },
	customerDetails: { path: '/api/v2/customer/qw-details', paging: 'none', read: true, status: 'current', source: 'doc', docPage: 'api-11500191', editions: ['WeCom Basic', 'WeCom Advanced'] },
	customersByCreateTime: { path: '/api/v2/customer/qw-list-by-create-time', paging: 'page', read: true, status: 'deprecated', source: 'doc', docPage: 'api-11502279' },
	customerFields: { path: '/api/v2/customer/list-fields', paging: 'none', read: true, status: 'current', source: 'doc', docPage: 'api-11498038' },
	profileFields: { path: '/api/v3/profile-fields', paging: 'none', read: true, status: 'unknown', source: 'client' },
	tagTree: { path: '/api/v3/tags/list-tree', paging: 'none', read: true, status: 'current', source: 'doc', docPage: 'api-20962180' },
	customerFollowUps: { path: '/api/v2/customer/follow/qw-list-by-customer', paging: 'none', read: true, status: 'toBeDeprecated', source: 'doc', docPage: 'api-11507029' },
	leadFollowUps: { path: '/api/v3/clue/list-follow-up', paging: 'cursor', read: true, status: 'current', source: 'doc', docPage: 'api-11552998' },
	relationsByStaff: { path: '/api/v3/customer-relation/list-by-qw-user-id', paging: 'cursor', read: true, status: 'deprecated', source: 'doc', docPage: 'api-11553861' },
	relationsByCreateTime: { path: '/api/v3/customer-relation/list-by-relation-create-time-asc', paging: 'cursor', read: true, status: 'toBeDeprecated', source: 'doc', docPage: 'api-11554922' },
	sopTaskCustomers: { path: '/api/v3/sop-task/customer/list', paging: 'none', read: true, status: 'current', source: 'doc', docPage: 'api-20962179' },
	customerSopSave: { path: '/api/v3/customer-sop/save', paging: 'none', read: false, status: 'current', source: 'doc', docPage: 'api-20962189', repeat: { safe: false, creates: 'a customer SOP task' } },
	groupSopManual: { path: '/api/v3/groupSop/addGroupCorporate', paging: 'none', read: false, status: 'current', source: 'doc', docPage: 'api-20962191', repeat: { safe: false, creates: 'a group SOP task' } },
	groupSopAssistant: { path: '/api/v3/groupSop/addGroupAssistant', paging: 'none', read: false, status: 'current', source: 'doc', docPage: 'api-20962192', repeat: { safe: false, creates: 'a group mass-send assistant SOP task' } },
	groupList: { path: '/api/v3/groupSop/getGroupList', paging: 'page', read: true, status: 'current', source: 'doc', docPage: 'api-20962183' },
	groupSendTask: { path: '/api/v3/groupSend/addTask', paging: 'none', read: false, status: 'current', source: 'doc', docPage: 'api-20962193', repeat: { safe: false, creates: 'a group mass-send task' } },
	workOrderCreate: { path: '/api/v3/work/sheet/create', paging: 'none', read: false, status: 'current', source: 'doc', docPage: 'api-37786327', repeat: { safe: false, creates: 'a work order' } },
	workOrderDetail: { path: '/api/v3/work/sheet/detail', paging: 'none', read: true, status: 'current', source: 'doc', docPage: 'api-37786324' },
	staffList: { path: '/api/v3/get-users', paging: 'page', read: true, status: 'unknown', source: 'client' },
	staffDepartments: { path: '/api/v3/contract/user-department', paging: 'none', read: true, status: 'current', source: 'doc', docPage: 'api-28204283' },
	highSeasContacts: { path: '/api/v3/get-corp-highseas-contacts', paging: 'none', read: true, status: 'current', source: 'doc', docPage: 'api-11379728' },
	customerImport: { path: '/api/v3/import-customer', paging: 'none', read: false, status: 'unknown', source: 'client', repeat: { safe: false, creates: 'a customer' } },
	customerTransfer: { path: '/api/v3/customer-transfer', paging: 'none', read: false, status: 'unknown', source: 'client', repeat: { safe: true, why: 'a customer already moved to the new owner stays with them' } },
	leadsByCreateTime: { path: '/api/v3/clue/list-by-create-time-asc', paging: 'cursor', read: true, status: 'current', source: 'doc', docPage: 'api-11548323' },
	leadDetail: { path: '/api/v3/clue/get', paging: 'none', read: true, status: 'current', source: 'doc', docPage: 'api-11551590' },
	opportunityConfig: { path: '/api/v3/opportunity/config/get', paging: 'none', read: true, status: 'current', source: 'doc', docPage: 'api-20905973' },
	opportunityUpdate: { path: '/api/v3/opportunity/update', paging: 'none', read: false, status: 'current', source: 'doc', docPage: 'api-20905977', repeat: { safe: true, why: 'the same update sets the same values again' } },
	contractDetail: { path: '/api/v3/contract/detail', paging: 'none', read: true, status: 'current', source: 'doc', docPage: 'api-65058512' },
	contractFields: { path: '/api/v3/contract/field', paging: 'none', read: true, status: 'current', source: 'doc', docPage: 'api-57518920' },
	companyContacts: { path: '/api/v3/company/customer/getContactList', paging: 'none', read: true, status: 'current', source: 'doc', docPage: 'api-22366511' },
	orderImport: { path: '/external/order/import', paging: 'none', read: false, status: 'current', source: 'doc', docPage: 'api-11379708', repeat: { safe: true, why: 'Tanma updates the order with the same platform and order number instead of creating another' } },
	orderDetail: { path: '/external/order/detail/get', paging: 'none', read: true, status: 'current', source: 'doc', docPage: 'api-11379710' },
	orderList: { path: '/external/order/list/get', paging: 'list', read: true, status: 'current', source: 'doc', docPage: 'api-11379709' },
	pushRegister: { path: '/api/v2/push-register', paging: 'none', read: false, status: 'current', source: 'doc', docPage: 'api-11496874', repeat: { safe: true, why: 'the same address registered again for the same events ends with the same subscription, whether Tanma replaces or merges it' } },
} satisfies Record<string, TanmaEndpoint>;

export type EndpointName = keyof typeof CATALOGUE;

export const ENDPOINTS: Readonly<Record<EndpointName, TanmaEndpoint>> = CATALOGUE;

/** Largest page size known to work; the vendor publishes no maximum. */
export const MAX_PAGE_SIZE = 100;
