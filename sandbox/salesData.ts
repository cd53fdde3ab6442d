/**
 * The sandbox tenant's sales records: opportunity configuration and customer opportunities, contracts,
 * company-customer contacts and e-commerce orders (Tanma's pages for them, named in the endpoint catalogue). Field names are the ones the
 * vendor pages give; where a page lists a nested object without its fields (opportunity stages and fields),
 * the names used are marked inferred where they are defined.
 */
import type { Customer, Staff } from './people';
import type { Random } from './random';

export interface OpportunityStage {
	// [inferred] the config page lists 10 stage fields without names; stageId/stageName as in the opportunity_info push.
	stageId: string;
	stageName: string;
}

export interface OpportunityType {
	typeId: number;
	typeName: string;
	defaultType: boolean;
	allowSkip: boolean;
	allowGoBack: boolean;
	allowInvalidGoBack: boolean;
	allowDeleteOpportunity: boolean;
	deleteOpportunityDate: number;
	stages: OpportunityStage[];
	// [inferred] fieldId/fieldName, as the update body (fieldId) and the contract field page name them.
	fields: Array<{ fieldId: string; fieldName: string }>;
}

export interface CustomerOpportunity {
	customerOpportunityId: string;
	customerId: string;
	salesId: string;
	name: string;
	stage: string;
}

export interface Contract {
	id: string;
	title: string;
	customerId: string;
	salesId: string;
	amount: number;
	contractType: string;
	startTime: string;
	endTime: string;
	signTime: string;
	approvalStatus: number;
	mineSign: string;
	customerSign: string;
}

export interface CompanyContact {
	/** Which company customer the contact belongs to: the request's key, not a field of the answer. */
	companyCustomerId: number;
	id: number;
	contactId: number;
	customerName: string;
	position: string;
	externalUserId: string;
	corpid: string;
	gmtCreateTime: string;
}

export interface Order {
	id: string;
	corpid: string;
	salesId: string;
	customerId: string;
	channelId: string;
	channelName: string;
	shopId: string;
	shopName: string;
	unionId: string;
	mobile: string;
	orderId: string;
	orderPrice: number;
	orderStatus: number;
	orderTime: string;
	payTime?: string;
	customDefine: Array<{ key: string; value: string }>;
	goodsList: Array<{ goodName: string; imageUrl: string; goodPrice: number; num: number }>;
}

export interface SalesData {
	opportunityTypes: OpportunityType[];
	customerOpportunities: CustomerOpportunity[];
	contracts: Contract[];
	companyContacts: CompanyContact[];
	orders: Order[];
}

const STATUSES = [2, 3, 4, 5, 7];

export function seedSalesData(
	rand: Random,
	customers: Customer[],
	staff: Staff[],
	formatTime: (ms: number) => string,
	epochMs: number,
): SalesData {
	const stage = (n: number, name: string): OpportunityStage => ({
		stageId: String(505841690554560n + BigInt(n)),
		stageName: name,
	});
	const opportunityTypes: OpportunityType[] = [
		{
			typeId: 1,
			typeName: '默认商机',
			defaultType: true,
			allowSkip: true,
			allowGoBack: true,
			allowInvalidGoBack: false,
			allowDeleteOpportunity: false,
			deleteOpportunityDate: 0,
			stages: [stage(1, '阶段一'), stage(2, '方案报价'), stage(3, '赢单')],
			fields: [
				{ fieldId: '913', fieldName: '预计采购量' },
				{ fieldId: '914', fieldName: '竞争对手' },
			],
		},
		{
			typeId: 2,
			typeName: '续费商机',
			defaultType: false,
			allowSkip: false,
			allowGoBack: true,
			allowInvalidGoBack: true,
			allowDeleteOpportunity: true,
			deleteOpportunityDate: 7,
			stages: [stage(11, '续费沟通'), stage(12, '续费完成')],
			fields: [{ fieldId: '920', fieldName: '续费年限' }],
		},
	];
	const customerOpportunities = customers.slice(0, 10).map((c, i) => ({
		customerOpportunityId: String(517824835971136n + BigInt(i)),
		customerId: c.customerId,
		salesId: c.ownerSalesId,
		name: `空调${i + 1}`,
		stage: opportunityTypes[0].stages[0].stageId,
	}));
	const contracts: Contract[] = customers.slice(0, 6).map((c, i) => ({
		id: `HT.${431339837921536n + BigInt(i)}`,
		title: `年度服务合同${i + 1}`,
		customerId: c.customerId,
		salesId: c.ownerSalesId,
		amount: 1000 * (i + 1) + 0.5,
		contractType: '0',
		startTime: formatTime(epochMs - 30 * 86_400_000),
		endTime: formatTime(epochMs + 335 * 86_400_000),
		signTime: formatTime(epochMs - 31 * 86_400_000),
		approvalStatus: 1,
		mineSign: staff[i % staff.length].name,
		customerSign: c.name,
	}));
	const companyContacts: CompanyContact[] = [1, 2, 3].flatMap((companyCustomerId) =>
		customers.slice(companyCustomerId * 3, companyCustomerId * 3 + 2).map((c, k) => ({
			companyCustomerId,
			id: companyCustomerId * 100 + k,
			contactId: 475915071393408 + companyCustomerId * 10 + k,
			customerName: c.name,
			position: k === 0 ? '采购经理' : '财务',
			externalUserId: c.externalUserId,
			corpid: 'ww9c5530210a0d5116',
			gmtCreateTime: formatTime(c.createTimeMs),
		})),
	);
	const orders: Order[] = Array.from({ length: 45 }, (_, i) => {
		const c = customers[i % customers.length];
		return {
			id: (0x85fd72f95c0e11ecn + BigInt(i)).toString(16).padStart(32, '0'),
			corpid: 'ww9c5530210a0d5116',
			salesId: c.ownerSalesId,
			customerId: c.customerId,
			channelId: i % 3 === 0 ? 'douyin' : '12306',
			channelName: i % 3 === 0 ? '抖音' : '12306',
			shopId: 'TEST',
			shopName: '测试店铺',
			unionId: c.unionId ?? '',
			mobile: c.mobiles[0] ?? '',
			orderId: `TEST_${12345678 + i}`,
			orderPrice: rand.int(1, 99999) / 100,
			orderStatus: STATUSES[i % STATUSES.length],
			orderTime: formatTime(epochMs - (45 - i) * 86_400_000),
			customDefine: [{ key: '1191', value: 'xxx' }],
			goodsList: [
				{
					goodName: '测试商品',
					imageUrl: 'https://example.com/goods.png',
					goodPrice: 0.01,
					num: 1,
				},
			],
		};
	});
	return { opportunityTypes, customerOpportunities, contracts, companyContacts, orders };
}
