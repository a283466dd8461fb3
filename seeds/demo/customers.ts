/** About 120 customers in real cities, over every tier, category, relationship and region scope, with contacts. */
import { managers, reps } from './people.ts';
import type { Random } from './random.ts';

interface City {
	city: string;
	province: string;
	lat: number;
	lng: number;
}

const local: City[] = [{ city: '杭州', province: '浙江', lat: 30.2741, lng: 120.1551 }];
const province: City[] = [
	{ city: '宁波', province: '浙江', lat: 29.8683, lng: 121.544 },
	{ city: '温州', province: '浙江', lat: 27.9943, lng: 120.6994 },
	{ city: '绍兴', province: '浙江', lat: 30.0023, lng: 120.581 },
	{ city: '嘉兴', province: '浙江', lat: 30.7522, lng: 120.7555 },
	{ city: '湖州', province: '浙江', lat: 30.8943, lng: 120.0868 },
	{ city: '金华', province: '浙江', lat: 29.079, lng: 119.6474 },
	{ city: '台州', province: '浙江', lat: 28.6561, lng: 121.4208 },
];
const other: City[] = [
	{ city: '上海', province: '上海', lat: 31.2304, lng: 121.4737 },
	{ city: '北京', province: '北京', lat: 39.9042, lng: 116.4074 },
	{ city: '广州', province: '广东', lat: 23.1291, lng: 113.2644 },
	{ city: '深圳', province: '广东', lat: 22.5431, lng: 114.0579 },
	{ city: '南京', province: '江苏', lat: 32.0603, lng: 118.7969 },
	{ city: '苏州', province: '江苏', lat: 31.2989, lng: 120.5853 },
	{ city: '成都', province: '四川', lat: 30.5728, lng: 104.0668 },
	{ city: '武汉', province: '湖北', lat: 30.5928, lng: 114.3055 },
	{ city: '合肥', province: '安徽', lat: 31.8206, lng: 117.2272 },
];

const brands = ['恒达', '华辰', '金鼎', '瑞丰', '永信', '德胜', '宏远', '海川', '天成', '博雅', '中泰', '嘉禾', '新纪元', '卓越', '东方', '鑫源', '隆盛', '正大', '长风', '星辰', '万通', '立华', '三和', '銮城'];
const trades = ['机电', '电子', '贸易', '化工', '医疗器械', '建材', '物流', '食品', '纺织', '五金', '信息技术', '环保科技'];
const roads = ['解放路', '中山路', '人民路', '建设路', '文化路', '新华路', '滨江大道', '科技园路', '工业大道', '长江路'];
const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗', '郑'];
const givenNames = ['志强', '秀英', '海燕', '建华', '晓东', '丽娟', '国平', '文静', '永刚', '春梅', '立新', '雪', '斌', '颖', '浩', '倩'];
const contactRoles = [
	['总经理', 'decision_maker'],
	['采购经理', 'influencer'],
	['技术总监', 'influencer'],
	['设备主管', 'user'],
	['采购专员', 'coach'],
	['前台', 'gatekeeper'],
	['财务主管', 'other'],
] as const;

const TIERS = ['A', 'B', 'C', 'D', 'B', 'C', 'A', 'C', 'D', 'B'] as const;
const RELATIONSHIPS = ['existing', 'existing', 'target', 'potential', 'existing', 'peer', 'existing', 'target'] as const;
const KEY_CLASSES = ['important', 'high_value', 'group', 'strategic'] as const;
const LEAD_GRADES = ['H', 'A', 'B', 'C', 'O', null] as const;

const categoryOf = (tier: string, i: number) =>
	tier === 'A' ? 'key' : tier === 'B' ? (i % 2 ? 'key' : 'potential') : tier === 'C' ? (i % 3 ? 'ordinary' : 'potential') : 'ordinary';

const annualPurchase: Record<string, [number, number]> = { A: [3_000_000, 12_000_000], B: [800_000, 3_000_000], C: [200_000, 800_000], D: [20_000, 200_000] };

/** Round to 6 decimals (about 0.1 m), as a real GPS reading would be stored. */
const coord = (n: number) => Math.round(n * 1e6) / 1e6;

export function makeCustomers(rnd: Random) {
	const customers = [];
	const contacts = [];
	for (let i = 0; i < 120; i++) {
		const scope = i % 12 < 5 ? 'local' : i % 12 < 9 ? 'province' : 'other';
		const place = rnd.pick(scope === 'local' ? local : scope === 'province' ? province : other);
		const tier = TIERS[i % TIERS.length]!;
		const keyClass = tier === 'A' ? KEY_CLASSES[Math.floor(i / 10) % KEY_CLASSES.length]! : null;
		// 18 of every 20 customers belong to the six reps, the other 2 to the managers.
		const owner = i % 20 < 18 ? reps[i % 20 % reps.length]! : managers[i % 20 - 18]!;
		const [low, high] = annualPurchase[tier]!;
		const status = i % 40 === 39 ? 'churned' : i % 25 === 24 ? 'dormant' : 'active';
		const id = i + 1;
		customers.push({
			id,
			name: `${place.city}${brands[i % brands.length]}${trades[(Math.floor(i / brands.length) + i) % trades.length]}${keyClass === 'group' ? '集团有限公司' : i % 9 === 0 ? '股份有限公司' : '有限公司'}`,
			code: `C${String(id).padStart(4, '0')}`,
			tier,
			category: categoryOf(tier, i),
			relationship: RELATIONSHIPS[i % RELATIONSHIPS.length]!,
			key_account_class: keyClass,
			region_scope: scope,
			province: place.province,
			city: place.city,
			address: `${place.province === place.city ? '' : `${place.province}省`}${place.city}市${rnd.pick(roads)}${rnd.int(1, 999)}号`,
			// Within about 5 km of the city centre.
			latitude: coord(place.lat + (rnd.next() - 0.5) * 0.09),
			longitude: coord(place.lng + (rnd.next() - 0.5) * 0.1),
			owner: owner.id,
			status,
			lead_grade: LEAD_GRADES[i % LEAD_GRADES.length]!,
			annual_purchase: Math.round(rnd.int(low, high) / 1000) * 1000,
		});
		for (let c = 0; c < 1 + (i % 3); c++) {
			const [title, decision_role] = contactRoles[(i + c * 3) % contactRoles.length]!;
			const contactId = contacts.length + 1;
			contacts.push({
				id: contactId,
				customer: id,
				name: `${rnd.pick(surnames)}${rnd.pick(givenNames)}`,
				title,
				phone: `1${rnd.pick(['38', '39', '58', '86', '36'])}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`,
				email: `contact${contactId}@customer${id}.example.cn`,
				decision_role,
				birthday: rnd.chance(0.4) ? `19${rnd.int(65, 95)}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}` : null,
				sort: c + 1,
			});
		}
	}
	return { customers, contacts };
}

export type DemoCustomer = ReturnType<typeof makeCustomers>['customers'][number];
