/** Visit quota rules from the policies, and monthly targets for the field staff. */
import { fieldStaff, managers, reps, users } from './people.ts';
import type { Random } from './random.ts';
import { at, monthStart, workdaysBefore } from './time.ts';
import type { ApprovalLogEntry, SalesTarget, VisitQuotaRule } from './types.ts';

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
		name: '本市客户每月拜访1次',
		region_scope: 'local',
		min_visits: 1,
		period: 'month',
		channel: 'onsite',
		priority: 10,
	},
	{
		name: '本省客户每3个月拜访1次',
		region_scope: 'province',
		min_visits: 1,
		period: 'quarter',
		channel: 'onsite',
		priority: 10,
	},
	{
		name: '其它地区客户每半年拜访1次',
		region_scope: 'other',
		min_visits: 1,
		period: 'half_year',
		channel: 'onsite',
		priority: 10,
	},
	{
		name: 'A类客户每月上门拜访2次',
		tier: 'A',
		min_visits: 2,
		period: 'month',
		channel: 'onsite',
		priority: 40,
	},
	{
		name: 'B类客户每月拜访1次',
		tier: 'B',
		min_visits: 1,
		period: 'month',
		channel: 'any',
		priority: 30,
	},
	{
		name: '重点客户每月走访不少于1次',
		category: 'key',
		min_visits: 1,
		period: 'month',
		channel: 'onsite',
		priority: 20,
	},
	{
		name: '外地A类客户每季度上门拜访1次',
		tier: 'A',
		region_scope: 'other',
		min_visits: 1,
		period: 'quarter',
		channel: 'onsite',
		priority: 50,
	},
	{
		name: 'D类外地客户每半年电话或视频联系1次',
		tier: 'D',
		region_scope: 'other',
		min_visits: 1,
		period: 'half_year',
		channel: 'any',
		priority: 35,
	},
	{
		name: '销售经理重点客户每季度拜访1次',
		category: 'key',
		position: 'manager',
		min_visits: 1,
		period: 'quarter',
		channel: 'onsite',
		priority: 50,
	},
	{
		name: '潜力客户每季度拜访1次（已停用）',
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
function monthTargets(rnd: Random, today: string): SalesTarget[] {
	const targets: SalesTarget[] = [];
	for (const offset of [-1, 0, 1]) {
		for (const person of fieldStaff) {
			const manager = person.position === 'manager';
			const sales = manager ? 800_000 : rnd.pick([400_000, 500_000, 600_000]);
			targets.push({
				...typedByHand,
				id: targets.length + 1,
				period_type: 'month',
				team: null,
				owner: person.id,
				period_start: monthStart(today, offset),
				sales_amount: sales,
				// 回款目标 and 电话拜访目标 (no draw of their own: the demo's other values stay as they were).
				collection_amount: sales * 0.9,
				calls: manager ? 4 : 12,
				new_customers: manager ? 1 : rnd.int(2, 4),
				visits: manager ? 8 : rnd.int(18, 24),
				revisits: manager ? 2 : rnd.int(4, 8),
				expense_budget: manager ? 8000 : rnd.pick([3000, 4000, 5000]),
			});
		}
	}
	return targets;
}

/** Typed by a General Manager (or from before targets were broken down): approved as it stands. */
const typedByHand = {
	status: 'approved',
	parent: null,
	revision: 1,
	submitted_by: null,
	approver: null,
	confirmed_at: null,
} as const;

type Amounts = Pick<SalesTarget, 'sales_amount' | 'collection_amount' | 'new_customers' | 'visits' | 'revisits'>;

const year = (sales: number, visits: number): Amounts => ({
	sales_amount: sales,
	collection_amount: sales * 0.9,
	new_customers: visits / 10,
	visits,
	revisits: visits / 4,
});
const plus = (a: Amounts, b: Amounts): Amounts => ({
	sales_amount: a.sales_amount + b.sales_amount,
	collection_amount: a.collection_amount! + b.collection_amount!,
	new_customers: a.new_customers + b.new_customers,
	visits: a.visits + b.visits,
	revisits: a.revisits + b.revisits,
});

/**
 * 年度目标分解 for this year: the company's year (set by the General Manager) split to the two
 * teams; 浙江 (manager1) approved and confirmed and split to its people — rep1's approved and
 * confirmed, rep2's approved and split into twelve draft months, rep3's up for approval; the
 * national accounts team's (manager2) up for approval. Amounts divide evenly, so each split adds up.
 */
function yearTargets(today: string, first: number): { targets: SalesTarget[]; log: Omit<ApprovalLogEntry, 'id'>[] } {
	const start = `${today.slice(0, 4)}-01-01`;
	const gm = users.find((u) => u.position === 'general_manager')!.id;
	const [manager1, manager2] = managers;
	const [rep1, rep2, rep3] = reps.filter((r) => r.reports_to === manager1!.id);
	// Decided in the days before the anchor, so that the log stays in the past whenever the demo is loaded.
	const submitted = at(workdaysBefore(today, 3), 10);
	const decided = at(workdaysBefore(today, 2), 15);
	const confirmed = at(workdaysBefore(today, 1), 9);
	const targets: SalesTarget[] = [];
	const log: Omit<ApprovalLogEntry, 'id'>[] = [];
	const add = (
		row: Omit<SalesTarget, 'id' | 'period_type' | 'period_start' | 'expense_budget' | 'revision'> &
			Partial<SalesTarget>,
	) => {
		const id = first + targets.length;
		targets.push({ id, period_type: 'year', period_start: start, expense_budget: null, revision: 1, ...row });
		const entry = (from: string, to: string, actor: string, when: string) =>
			log.push({
				collection: 'sales_targets',
				item: String(id),
				from_status: from,
				to_status: to,
				actor,
				at: when,
				comment: null,
			});
		if (row.status !== 'draft' && row.submitted_by) entry('draft', 'submitted', row.submitted_by, submitted);
		if (row.status === 'approved' && row.approver) entry('submitted', 'approved', row.approver, decided);
		if (row.confirmed_at) entry('approved', 'approved', (row.owner ?? row.team)!, confirmed);
		return id;
	};
	const people = { rep1: year(6_000_000, 240), rep2: year(5_400_000, 240), rep3: year(4_800_000, 240) };
	const team1 = plus(plus(people.rep1, people.rep2), people.rep3);
	const team2 = year(18_000_000, 360);
	const company = add({ ...typedByHand, team: null, owner: null, ...plus(team1, team2) });
	const decidedBy = { submitted_by: manager1!.id, approver: gm };
	const t1 = add({
		...typedByHand,
		...decidedBy,
		parent: company,
		team: manager1!.id,
		owner: null,
		...team1,
		confirmed_at: confirmed,
	});
	add({
		...typedByHand,
		status: 'submitted',
		approver: null,
		submitted_by: manager2!.id,
		parent: company,
		team: manager2!.id,
		owner: null,
		...team2,
	});
	add({
		...typedByHand,
		...decidedBy,
		parent: t1,
		team: null,
		owner: rep1!.id,
		...people.rep1,
		confirmed_at: confirmed,
	});
	const y2 = add({ ...typedByHand, ...decidedBy, parent: t1, team: null, owner: rep2!.id, ...people.rep2 });
	add({
		...typedByHand,
		status: 'submitted',
		approver: null,
		submitted_by: manager1!.id,
		parent: t1,
		team: null,
		owner: rep3!.id,
		...people.rep3,
	});
	for (let m = 1; m <= 12; m++)
		add({
			...typedByHand,
			status: 'draft',
			parent: y2,
			period_type: 'month',
			period_start: `${start.slice(0, 5)}${String(m).padStart(2, '0')}-01`,
			team: null,
			owner: rep2!.id,
			sales_amount: people.rep2.sales_amount / 12,
			collection_amount: people.rep2.collection_amount! / 12,
			new_customers: 2,
			visits: 20,
			revisits: 5,
		});
	return { targets, log };
}

/** The month targets of the field staff and this year's breakdown, with the breakdown's approval log. */
export function makeTargets(
	rnd: Random,
	today: string,
): { targets: SalesTarget[]; log: Omit<ApprovalLogEntry, 'id'>[] } {
	const months = monthTargets(rnd, today);
	const { targets, log } = yearTargets(today, months.length + 1);
	return { targets: [...months, ...targets], log };
}
