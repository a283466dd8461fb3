/** Visit quota rules from the policies, and monthly targets for the field staff. */
import { fieldStaff } from './people.ts';
import type { Random } from './random.ts';
import { monthStart } from './time.ts';
import type { SalesTarget, VisitQuotaRule } from './types.ts';

type RuleSpec = Pick<VisitQuotaRule, 'name' | 'min_visits' | 'period' | 'channel' | 'priority'> &
	Partial<VisitQuotaRule>;

/**
 * 客户拜访管理办法 2.3 拜访次数: 本市每个月1次, 本省3个月1次, 其它地区半年1次. The policies
 * also ask for counts “根据销售岗位以及客户的重要程度” (A/B/C/D 类客户…次, 重点客户每月不得少于1次),
 * left blank there: the tier, category and position rules are this company's figures.
 * Between equally specific rules the higher priority wins.
 */
const RULES: RuleSpec[] = [
	{
		name: '本市客户每月拜访1次 / Local customers: monthly',
		region_scope: 'local',
		min_visits: 1,
		period: 'month',
		channel: 'onsite',
		priority: 10,
	},
	{
		name: '本省客户每3个月拜访1次 / In-province customers: quarterly',
		region_scope: 'province',
		min_visits: 1,
		period: 'quarter',
		channel: 'onsite',
		priority: 10,
	},
	{
		name: '其它地区客户每半年拜访1次 / Other regions: half-yearly',
		region_scope: 'other',
		min_visits: 1,
		period: 'half_year',
		channel: 'onsite',
		priority: 10,
	},
	{
		name: 'A类客户每月上门拜访2次 / Tier A: twice a month on site',
		tier: 'A',
		min_visits: 2,
		period: 'month',
		channel: 'onsite',
		priority: 40,
	},
	{
		name: 'B类客户每月拜访1次 / Tier B: monthly',
		tier: 'B',
		min_visits: 1,
		period: 'month',
		channel: 'any',
		priority: 30,
	},
	{
		name: '重点客户每月走访不少于1次 / Key customers: monthly on site',
		category: 'key',
		min_visits: 1,
		period: 'month',
		channel: 'onsite',
		priority: 20,
	},
	{
		name: '外地A类客户每季度上门拜访1次 / Tier A in other regions: quarterly on site',
		tier: 'A',
		region_scope: 'other',
		min_visits: 1,
		period: 'quarter',
		channel: 'onsite',
		priority: 50,
	},
	{
		name: 'D类外地客户每半年电话或视频联系1次 / Tier D in other regions: a call every half year',
		tier: 'D',
		region_scope: 'other',
		min_visits: 1,
		period: 'half_year',
		channel: 'any',
		priority: 35,
	},
	{
		name: '销售经理重点客户每季度拜访1次 / Managers’ key customers: quarterly on site',
		category: 'key',
		position: 'manager',
		min_visits: 1,
		period: 'quarter',
		channel: 'onsite',
		priority: 50,
	},
	{
		name: '潜力客户每季度拜访1次（已停用） / Potential customers: quarterly (inactive)',
		category: 'potential',
		min_visits: 1,
		period: 'quarter',
		channel: 'any',
		priority: 5,
		active: false,
	},
];

export const quotaRules: VisitQuotaRule[] = RULES.map((rule, n) => ({
	id: n + 1,
	tier: null,
	category: null,
	region_scope: null,
	position: null,
	active: true,
	...rule,
}));

/** Targets for last, this and next month: the reps carry the numbers, the managers a few key accounts. */
export function makeTargets(rnd: Random, today: string): SalesTarget[] {
	const targets: SalesTarget[] = [];
	for (const offset of [-1, 0, 1]) {
		for (const person of fieldStaff) {
			const manager = person.position === 'manager';
			targets.push({
				id: targets.length + 1,
				owner: person.id,
				period_start: monthStart(today, offset),
				sales_amount: manager ? 800_000 : rnd.pick([400_000, 500_000, 600_000]),
				new_customers: manager ? 1 : rnd.int(2, 4),
				visits: manager ? 8 : rnd.int(18, 24),
				revisits: manager ? 2 : rnd.int(4, 8),
				expense_budget: manager ? 8000 : rnd.pick([3000, 4000, 5000]),
			});
		}
	}
	return targets;
}
