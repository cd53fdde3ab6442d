import { formatTanmaTime } from '../nodes/Tanma/transport/protocol/time';
import type { Random } from './random';
import { createRandom } from './random';
import type { Customer, Staff } from './people';
import type { SalesData } from './salesData';
import { seedSalesData } from './salesData';

export type { Customer, Staff } from './people';

/**
 * The sandbox tenant: staff, departments, tags, fields, customers, follow-ups, leads, groups, and (salesData.ts)
 * opportunities, contracts, company contacts and orders.
 * Ids are kept as decimal strings and written to JSON as bare integers, like Tanma's 15-digit ids;
 * one customer id is deliberately beyond 2^53 so precision bugs show up.
 */

export interface Department {
	departmentId: number;
	departmentName: string;
}

export interface Tag {
	id: number;
	name: string;
	qwTagId: string;
}

export interface TagGroup extends Tag {
	tags: Tag[];
}

export interface CustomerField {
	id: number;
	name: string;
	alias: string;
	type: number;
	items?: Array<{ id: number; name: string }>;
	outerField: string | null;
	stable: boolean;
	customerImportRequired: boolean;
}

export interface FollowUp {
	id: number;
	externalUserId: string;
	qwUserId: string | null;
	content: string | null;
	followType: number;
	createTimeMs: number;
}

export interface LeadFollowUp {
	id: number;
	type: number;
	content: string;
	createTimeMs: number;
	operator: { qwUserId: string; name: string };
}

export interface Lead {
	customerId: string;
	isClue: boolean;
	type: number;
	createTimeMs: number;
	fields: Array<{ field: string; type: number; valueAsText: string }>;
	followUps: LeadFollowUp[];
}

export interface Relation {
	customerId: string;
	qwUserId: string;
	type: number;
	relationCreateTimeMs: number;
	fields: Array<{ field: string; type: number; valueAsText: string }>;
}

export interface GroupChat {
	chatId: string;
	chatName: string;
	ownerSalesId: string;
	createTimeMs: number;
	tagIds: number[];
	taskIds: number[];
}

export interface HighSeasContact {
	customerId: string;
	contactId: number;
	customerName: string;
	wechatNickname: string | null;
	phoneNumbers: string[];
}

export interface TenantData {
	staff: Staff[];
	departments: Department[];
	tagGroups: TagGroup[];
	fields: CustomerField[];
	customers: Customer[];
	followUps: FollowUp[];
	leads: Lead[];
	relations: Relation[];
	groups: GroupChat[];
	highSeasContacts: HighSeasContact[];
	/** Opportunities, contracts, company contacts and orders (salesData.ts). */
	sales: SalesData;
	/** Next ids for records created at run time. */
	nextFollowUpId: number;
	nextRecordId: number;
}

export interface SeedOptions {
	seed?: number;
	customers?: number;
	staff?: number;
	/** Follow-ups per customer, at most. */
	followUpsPerCustomer?: number;
	/** When the seeded history ends (epoch ms). */
	epochMs?: number;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = [
	'伟',
	'芳',
	'娜',
	'敏',
	'静',
	'磊',
	'洋',
	'艳',
	'勇',
	'军',
	'杰',
	'娟',
	'涛',
	'明',
	'超',
	'秀英',
	'晓东',
	'子涵',
	'雨桐',
	'浩然',
];
const COMPANIES = [
	'星河科技',
	'蓝海贸易',
	'青木教育',
	'华光医疗',
	'远航物流',
	'金石地产',
	'云帆软件',
	'禾丰农业',
];
const FOLLOW_UP_TEXTS = [
	'电话沟通了报价,客户很感兴趣 👍',
	'客户要求下周演示产品 🗓️',
	'已发送合同草稿,等待法务审核 📄',
	'微信回复:预算还在审批中 ⏳',
	'上门拜访,见到了采购负责人 🤝',
	'客户反馈价格偏高,需要申请折扣 💰',
	'老客户转介绍,意向强烈 🔥',
	'约好周五下午三点再联系 ☎️',
];
const DEPARTMENTS = ['销售一部', '销售二部', '大客户部', '渠道部', '客户成功部'];
const HEX = '0123456789abcdef';
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Increasing 15-digit ids in the vendor's range (4xx… / 5xx…), spaced by the seeded PRNG. */
function idFactory(start: bigint, rand: Random) {
	let next = start;
	return () => {
		next += BigInt(rand.int(1, 999_999));
		return next.toString();
	};
}

function personName(rand: Random): string {
	return rand.pick([...SURNAMES]) + rand.pick(GIVEN);
}

function mobile(rand: Random): string {
	return `1${rand.pick(['38', '39', '58', '86', '77'])}${rand.chars('0123456789', 8)}`;
}

export const FIRST_FIELD_ID = 420;

function seedFields(): CustomerField[] {
	const f = (
		id: number,
		name: string,
		alias: string,
		type: number,
		extra: Partial<CustomerField> = {},
	): CustomerField => ({
		id,
		name,
		alias,
		type,
		outerField: null,
		stable: true,
		customerImportRequired: false,
		...extra,
	});
	return [
		f(FIRST_FIELD_ID, '姓名', 'name', 1, { customerImportRequired: true }),
		f(429, '电话', 'customer_ch_phone', 8, { customerImportRequired: true }),
		f(436, '性别', 'gender', 2, {
			items: [
				{ id: 0, name: '其它' },
				{ id: 1, name: '男' },
				{ id: 2, name: '女' },
			],
		}),
		f(437, '生日', 'birthday', 3),
		f(438, '客户来源', 'customer_source', 2, {
			items: [
				{ id: 1, name: '广告' },
				{ id: 4, name: '转介绍' },
				{ id: 6, name: '展会' },
			],
		}),
		// Custom fields mapped to an alias (客户字段映射); list-fields shows the mapping in outerField [inferred].
		f(91635, '预算(万元)', 'budget', 4, { stable: false, outerField: 'budget' }),
		f(91636, '备注', 'remark', 5, { stable: false, outerField: 'remark' }),
		f(91637, '意向产品', 'products', 6, {
			stable: false,
			outerField: 'products',
			items: [
				{ id: 1, name: 'SCRM' },
				{ id: 2, name: '电销手机' },
				{ id: 3, name: 'H5商城' },
			],
		}),
	];
}

const seeded = new Map<string, TenantData>();
/** seedTenant's tenant for these options, made once and copied for each use (the bad-input matrix resets per case). */
export function freshTenant(options: SeedOptions = {}): TenantData {
	const key = JSON.stringify(options);
	if (!seeded.has(key)) seeded.set(key, seedTenant(options));
	return structuredClone(seeded.get(key)!);
}

export function seedTenant(options: SeedOptions = {}): TenantData {
	const rand = createRandom(options.seed ?? 20261124);
	const epochMs = options.epochMs ?? Date.UTC(2026, 9, 1, 2, 0, 0); // 2026-10-01 10:00 CST
	const customerCount = options.customers ?? 250;
	const staffCount = options.staff ?? 12;
	const perCustomer = options.followUpsPerCustomer ?? 4;

	const departments: Department[] = DEPARTMENTS.map((departmentName, i) => ({
		departmentId: 3765 + i,
		departmentName,
	}));

	const nextStaffId = idFactory(463352988837000n, rand);
	const staff: Staff[] = Array.from({ length: staffCount }, (_, i) => ({
		salesId: nextStaffId(),
		qwUserId: `sales${String(i + 1).padStart(2, '0')}`,
		name: personName(rand),
		departmentIds: [departments[i % departments.length].departmentId],
		deleted: i === staffCount - 1 ? 1 : 0,
	}));
	const activeStaff = staff.filter((s) => s.deleted === 0);

	const tagGroups: TagGroup[] = [
		['企业类型', ['央企', '国企', '民企', '外企']],
		['客户等级', ['A级', 'B级', 'C级']],
		['意向阶段', ['初步接触', '需求确认', '方案报价', '商务谈判', '赢单']],
	].map(([name, children], g) => ({
		id: 56970 + g * 10,
		name: name as string,
		qwTagId: `et${rand.chars(ID_ALPHABET, 20)}`,
		tags: (children as string[]).map((child, c) => ({
			id: 56970 + g * 10 + c + 1,
			name: child,
			qwTagId: `et${rand.chars(ID_ALPHABET, 20)}`,
		})),
	}));
	const allTagIds = tagGroups.flatMap((g) => g.tags.map((t) => t.id));

	const nextCustomerId = idFactory(513799527504000n, rand);
	const historyMs = 60 * 24 * 3600 * 1000;
	const customers: Customer[] = [];
	const followUps: FollowUp[] = [];
	let followUpId = 43400;
	for (let i = 0; i < customerCount; i++) {
		const owner = activeStaff[i % activeStaff.length];
		const name = personName(rand);
		const createTimeMs = epochMs - historyMs + Math.floor((historyMs * i) / customerCount);
		const customer: Customer = {
			// One id past 2^53 (9007199254740993) so lossy number handling cannot hide.
			customerId: i === 7 ? '9007199254740993' : nextCustomerId(),
			externalUserId: `wm${rand.chars(ID_ALPHABET, 28)}`,
			unionId: rand.next() < 0.3 ? null : `o${rand.chars(ID_ALPHABET, 27)}`,
			ownerQwUserId: owner.qwUserId,
			ownerSalesId: owner.salesId,
			name,
			wechatNickname: rand.next() < 0.2 ? `${name}🌸` : `${rand.pick(COMPANIES)}-${name}`,
			wechatAvatar: `https://wework.qpic.cn/wwhead/${rand.chars(HEX, 24)}/0`,
			mobiles: [mobile(rand)],
			qwRemark: `${rand.pick(COMPANIES)} ${name}`,
			createTimeMs,
			tagIds: allTagIds.filter(() => rand.next() < 0.2),
			lastFollowTimeMs: null,
			collaboratorSalesIds:
				rand.next() < 0.25 ? [activeStaff[(i + 3) % activeStaff.length].salesId] : [],
		};
		const count = rand.int(0, perCustomer);
		for (let k = 0; k < count; k++) {
			const at = createTimeMs + Math.floor(((epochMs - createTimeMs) * (k + 1)) / (count + 1));
			followUps.push({
				id: followUpId++,
				externalUserId: customer.externalUserId,
				qwUserId: owner.qwUserId,
				content: rand.pick(FOLLOW_UP_TEXTS),
				followType: rand.pick([1, 2, 3]),
				createTimeMs: at,
			});
			customer.lastFollowTimeMs = at;
		}
		customers.push(customer);
	}

	const nextLeadId = idFactory(398604120668000n, rand);
	const leads: Lead[] = Array.from({ length: 40 }, (_, i) => {
		const createTimeMs = epochMs - historyMs + i * 3600 * 1000 * 30;
		const owner = activeStaff[i % activeStaff.length];
		const leadFollowUps: LeadFollowUp[] = Array.from({ length: (i % 5) + 1 }, (_, k) => ({
			id: 80000 + i * 10 + k,
			type: k % 3 === 2 ? 2 : 1,
			content: k % 3 === 2 ? '添加了客户的信息: 电话' : rand.pick(FOLLOW_UP_TEXTS),
			createTimeMs: createTimeMs + (k + 1) * 3600 * 1000,
			operator:
				k % 4 === 3
					? { qwUserId: '', name: 'API' }
					: { qwUserId: owner.qwUserId, name: owner.name },
		}));
		return {
			customerId: nextLeadId(),
			isClue: i % 3 !== 0,
			type: 1,
			createTimeMs,
			fields: [
				{ field: 'name', type: 1, valueAsText: personName(rand) },
				{ field: 'customer_source', type: 2, valueAsText: String(rand.pick([1, 4, 6])) },
			],
			followUps: leadFollowUps,
		};
	});

	const relations: Relation[] = customers.map((c) => ({
		customerId: c.customerId,
		qwUserId: c.ownerQwUserId,
		type: 1,
		relationCreateTimeMs: c.createTimeMs + 60_000,
		fields: [{ field: 'customer_source', type: 2, valueAsText: '4' }],
	}));

	const groups: GroupChat[] = Array.from({ length: 35 }, (_, i) => ({
		chatId: `wr${rand.chars(ID_ALPHABET, 28)}`,
		chatName: `${rand.pick(COMPANIES)}服务群${i + 1}`,
		ownerSalesId: activeStaff[i % activeStaff.length].salesId,
		createTimeMs: epochMs - historyMs + i * 86_400_000,
		tagIds: [],
		taskIds: i % 4 === 0 ? [7000 + i] : [],
	}));

	const highSeasContacts: HighSeasContact[] = customers.slice(0, 20).flatMap((c, i) =>
		Array.from({ length: (i % 2) + 1 }, (_, k) => ({
			customerId: c.customerId,
			contactId: 600000 + i * 10 + k,
			customerName: k === 0 ? c.name : personName(rand),
			wechatNickname: k === 0 ? c.wechatNickname : null,
			phoneNumbers: [mobile(rand)],
		})),
	);

	return {
		staff,
		departments,
		tagGroups,
		fields: seedFields(),
		customers,
		followUps,
		leads,
		relations,
		groups,
		highSeasContacts,
		sales: seedSalesData(rand, customers, activeStaff, formatTanmaTime, epochMs),
		nextFollowUpId: followUpId,
		nextRecordId: 700000,
	};
}
