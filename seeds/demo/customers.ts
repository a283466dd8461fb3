/**
 * About 120 customers of a Hangzhou company, in real cities: 本市 (Hangzhou), 本省 (other
 * Zhejiang cities) and 其它地区 (elsewhere in China), over every tier, category,
 * relationship and key-account class, each with one to three contacts.
 */
import { managers, reps } from './people.ts';
import type { Random } from './random.ts';
import type {
	Category,
	Contact,
	Customer,
	CustomerKind,
	CustomerStatus,
	DecisionRole,
	KeyAccountClass,
	LeadGrade,
	RegionScope,
	Relationship,
	Tier,
} from './types.ts';

interface City {
	city: string;
	province: string;
	lat: number;
	lng: number;
	districts: string[];
}

/** City centres (WGS-84) and some of their districts. */
const CITIES: Record<RegionScope, City[]> = {
	local: [
		{
			city: '杭州市',
			province: '浙江省',
			lat: 30.2741,
			lng: 120.1551,
			districts: ['西湖区', '拱墅区', '上城区', '滨江区', '余杭区', '萧山区', '钱塘区', '临平区'],
		},
	],
	province: [
		{
			city: '宁波市',
			province: '浙江省',
			lat: 29.8683,
			lng: 121.544,
			districts: ['鄞州区', '海曙区', '江北区', '北仑区', '镇海区'],
		},
		{ city: '温州市', province: '浙江省', lat: 27.9943, lng: 120.6994, districts: ['鹿城区', '龙湾区', '瓯海区'] },
		{ city: '绍兴市', province: '浙江省', lat: 30.0023, lng: 120.581, districts: ['越城区', '柯桥区', '上虞区'] },
		{ city: '嘉兴市', province: '浙江省', lat: 30.7522, lng: 120.7555, districts: ['南湖区', '秀洲区'] },
		{ city: '湖州市', province: '浙江省', lat: 30.8943, lng: 120.0868, districts: ['吴兴区', '南浔区'] },
		{ city: '金华市', province: '浙江省', lat: 29.079, lng: 119.6474, districts: ['婺城区', '金东区'] },
		{ city: '台州市', province: '浙江省', lat: 28.6561, lng: 121.4208, districts: ['椒江区', '黄岩区', '路桥区'] },
	],
	other: [
		{
			city: '上海市',
			province: '上海市',
			lat: 31.2304,
			lng: 121.4737,
			districts: ['浦东新区', '闵行区', '徐汇区', '嘉定区', '松江区'],
		},
		{
			city: '北京市',
			province: '北京市',
			lat: 39.9042,
			lng: 116.4074,
			districts: ['朝阳区', '海淀区', '丰台区', '大兴区'],
		},
		{
			city: '广州市',
			province: '广东省',
			lat: 23.1291,
			lng: 113.2644,
			districts: ['天河区', '黄埔区', '番禺区', '白云区'],
		},
		{
			city: '深圳市',
			province: '广东省',
			lat: 22.5431,
			lng: 114.0579,
			districts: ['南山区', '福田区', '宝安区', '龙岗区'],
		},
		{
			city: '南京市',
			province: '江苏省',
			lat: 32.0603,
			lng: 118.7969,
			districts: ['江宁区', '鼓楼区', '建邺区', '栖霞区'],
		},
		{
			city: '苏州市',
			province: '江苏省',
			lat: 31.2989,
			lng: 120.5853,
			districts: ['姑苏区', '吴中区', '相城区', '虎丘区'],
		},
		{
			city: '成都市',
			province: '四川省',
			lat: 30.5728,
			lng: 104.0668,
			districts: ['武侯区', '锦江区', '成华区', '青羊区'],
		},
		{
			city: '武汉市',
			province: '湖北省',
			lat: 30.5928,
			lng: 114.3055,
			districts: ['江汉区', '洪山区', '武昌区', '东西湖区'],
		},
		{
			city: '合肥市',
			province: '安徽省',
			lat: 31.8206,
			lng: 117.2272,
			districts: ['蜀山区', '包河区', '庐阳区', '瑶海区'],
		},
	],
};

const BRANDS = [
	'恒达',
	'华辰',
	'金鼎',
	'瑞丰',
	'永信',
	'德胜',
	'宏远',
	'海川',
	'天成',
	'博雅',
	'中泰',
	'嘉禾',
	'新纪元',
	'卓越',
	'东方',
	'鑫源',
	'隆盛',
	'正阳',
	'长风',
	'星辰',
	'万通',
	'立华',
	'三和',
	'银河',
	'佳利',
	'同创',
	'富春',
	'明珠',
	'远大',
	'汇通',
];
const TRADES = [
	'机电',
	'电子科技',
	'商贸',
	'化工',
	'医疗器械',
	'建材',
	'物流',
	'食品',
	'纺织',
	'五金',
	'信息技术',
	'环保科技',
	'汽车零部件',
	'智能装备',
];
const ROADS = [
	'人民路',
	'中山路',
	'解放路',
	'建设路',
	'新华路',
	'文化路',
	'科技路',
	'创业路',
	'工业路',
	'发展大道',
	'长江路',
	'学院路',
	'环城北路',
	'江南大道',
];

const SURNAMES = [
	'王',
	'李',
	'张',
	'刘',
	'陈',
	'杨',
	'黄',
	'赵',
	'周',
	'吴',
	'孙',
	'马',
	'朱',
	'胡',
	'郭',
	'何',
	'林',
	'高',
	'罗',
	'郑',
	'沈',
	'钱',
	'蒋',
	'韩',
];
const GIVEN_NAMES = [
	'志强',
	'秀英',
	'海燕',
	'建华',
	'晓东',
	'丽娟',
	'国平',
	'文静',
	'永刚',
	'春梅',
	'立新',
	'雪',
	'斌',
	'颖',
	'浩',
	'倩',
	'俊杰',
	'慧敏',
	'鹏',
	'佳怡',
];
const MOBILE_PREFIXES = [
	'138',
	'139',
	'137',
	'135',
	'136',
	'150',
	'151',
	'158',
	'159',
	'186',
	'187',
	'188',
	'189',
	'177',
	'133',
	'180',
];
/** A customer's contacts in the order they are met: the decision maker first. */
const CONTACT_ROLES: [string, DecisionRole][] = [
	['总经理', 'decision_maker'],
	['采购经理', 'influencer'],
	['设备主管', 'user'],
	['采购专员', 'coach'],
	['技术总监', 'influencer'],
	['前台', 'gatekeeper'],
	['财务主管', 'other'],
];

/** Twenty customers at a time: 3 A, 5 B, 7 C and 5 D, as a typical ABC split. */
const TIERS: Tier[] = [
	'A',
	'B',
	'C',
	'C',
	'D',
	'B',
	'C',
	'A',
	'D',
	'C',
	'B',
	'C',
	'D',
	'B',
	'A',
	'C',
	'D',
	'B',
	'C',
	'D',
];
const RELATIONSHIPS: Relationship[] = [
	'existing',
	'existing',
	'target',
	'existing',
	'potential',
	'existing',
	'existing',
	'target',
	'existing',
	'peer',
];
const KEY_CLASSES: (KeyAccountClass | null)[] = ['important', 'high_value', 'group', 'strategic', null];
const ANNUAL_PURCHASE: Record<Tier, [number, number]> = {
	A: [3_000_000, 12_000_000],
	B: [800_000, 3_000_000],
	C: [200_000, 800_000],
	D: [20_000, 200_000],
};

const categoryOf = (tier: Tier, i: number): Category =>
	tier === 'A'
		? 'key'
		: tier === 'B'
			? i % 2
				? 'key'
				: 'potential'
			: tier === 'C'
				? i % 3
					? 'ordinary'
					: 'potential'
				: 'ordinary';

/** Trading and M&E distribution houses resell the company's machines: they are its dealers (经销商). */
const DEALER_TRADES = new Set(['商贸', '机电', '五金']);

/** Share of the annual purchase Finance lends and the days it gives, by tier; D-tier customers pay before delivery. */
const CREDIT: Record<Tier, [share: number, days: number]> = {
	A: [0.2, 90],
	B: [0.15, 60],
	C: [0.1, 30],
	D: [0, 0],
};

/** Credit only for customers who buy now (a churned one has lost it); dealers settle in 60 days at most. */
function creditOf(
	tier: Tier,
	kind: CustomerKind,
	relationship: Relationship,
	status: CustomerStatus,
	annual: number | null,
): Pick<Customer, 'credit_limit' | 'credit_days'> {
	const [share, days] = CREDIT[tier];
	if (relationship !== 'existing' || status === 'churned' || annual === null || share === 0)
		return { credit_limit: 0, credit_days: 0 };
	return {
		credit_limit: Math.round((annual * share) / 10_000) * 10_000,
		credit_days: kind === 'dealer' ? Math.min(days, 60) : days,
	};
}

/** H/A/B/C grade how soon a prospect buys; O means it already orders. */
function leadGradeOf(relationship: Relationship, i: number): LeadGrade | null {
	if (relationship === 'existing') return i % 3 ? 'O' : null;
	if (relationship === 'target') return (['H', 'A', 'B'] as const)[i % 3]!;
	if (relationship === 'potential') return (['B', 'C'] as const)[i % 2]!;
	return null;
}

/** Round to 6 decimals (about 0.1 m), as a GPS reading is stored. */
const coord = (n: number) => Math.round(n * 1e6) / 1e6;

export function makeCustomers(rnd: Random): { customers: Customer[]; contacts: Contact[] } {
	const customers: Customer[] = [];
	const contacts: Contact[] = [];
	const names = new Set<string>();
	let others = 0;
	for (let i = 0; i < 120; i++) {
		const id = i + 1;
		const scope: RegionScope = i % 12 < 5 ? 'local' : i % 12 < 9 ? 'province' : 'other';
		const place = rnd.pick(CITIES[scope]);
		const tier = TIERS[i % TIERS.length]!;
		const keyClass = tier === 'A' ? KEY_CLASSES[Math.floor(i / 7) % KEY_CLASSES.length]! : null;
		const relationship = i % 20 === 19 ? 'potential' : RELATIONSHIPS[i % RELATIONSHIPS.length]!;
		// The managers keep six A-tier accounts themselves; the reps share the rest evenly.
		const owner =
			i % 20 === 14
				? managers[Math.floor(i / 20) % managers.length]!
				: reps[(i - Math.floor((i + 5) / 20)) % reps.length]!;
		const status: CustomerStatus =
			relationship !== 'existing' ? 'active' : i % 37 === 36 ? 'churned' : i % 29 === 28 ? 'dormant' : 'active';
		const [low, high] = ANNUAL_PURCHASE[tier];
		const trade = TRADES[(i + Math.floor(i / BRANDS.length)) % TRADES.length]!;
		const kind: CustomerKind = DEALER_TRADES.has(trade) ? 'dealer' : 'end_user';

		// Brand and trade pairs never repeat over 120 customers; the set guards edits.
		let name = '';
		for (let k = 0; !name || names.has(name); k++) {
			const suffix = keyClass === 'group' ? '集团有限公司' : i % 9 === 0 ? '股份有限公司' : '有限公司';
			name = `${place.city.replace(/市$/, '')}${BRANDS[(i + k) % BRANDS.length]}${trade}${suffix}`;
		}
		names.add(name);

		// A peer (同行业) is not a buyer.
		const annual = relationship === 'peer' ? null : Math.round(rnd.int(low, high) / 10_000) * 10_000;
		customers.push({
			id,
			name,
			code: `C${String(id).padStart(4, '0')}`,
			owner: owner.id,
			status,
			churned_at: null,
			tier,
			category: categoryOf(tier, i),
			relationship,
			key_account_class: keyClass,
			lead_grade: leadGradeOf(relationship, i),
			annual_purchase: annual,
			kind,
			...creditOf(tier, kind, relationship, status, annual),
			region_scope: scope,
			province: place.province,
			city: place.city,
			address: `${place.province === place.city ? '' : place.province}${place.city}${rnd.pick(place.districts)}${rnd.pick(ROADS)}${rnd.int(1, 999)}号`,
			// Within about 4–5 km of the city centre.
			latitude: coord(place.lat + (rnd.next() - 0.5) * 0.08),
			longitude: coord(place.lng + (rnd.next() - 0.5) * 0.09),
		});

		for (let c = 0; c < 1 + (i % 3); c++) {
			const contactId = contacts.length + 1;
			const [title, decision_role] = CONTACT_ROLES[c === 0 ? 0 : 1 + (others++ % (CONTACT_ROLES.length - 1))]!;
			contacts.push({
				id: contactId,
				customer: id,
				name: `${rnd.pick(SURNAMES)}${rnd.pick(GIVEN_NAMES)}`,
				title,
				phone: `${rnd.pick(MOBILE_PREFIXES)}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`,
				email:
					decision_role === 'gatekeeper'
						? null
						: `${customers.at(-1)!.code.toLowerCase()}.${c + 1}@customer.example.cn`,
				decision_role,
				birthday: rnd.chance(0.4)
					? `19${rnd.int(65, 98)}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`
					: null,
				sort: c + 1,
			});
		}
	}
	return { customers, contacts };
}
