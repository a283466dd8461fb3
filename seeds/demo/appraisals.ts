/**
 * 考核 of the demo company: a monthly scheme for reps and a quarterly one for managers, after
 * 大客户经理/专员绩效考核指标 (销售完成率 25分，每低于5%扣除该项1分 …; 考核得分低于××分者，将受到
 * 口头警告处分), with the bands and their consequences (考核结果作为薪酬发放依据 / 培训实施及职位
 * 晋升的参考 / 晋升、奖励 / 警告、降职、辞退); last month's appraisals of the reps in every state
 * with one log row per transition. Their numbers are a plausible month: the first generate (or
 * the sweep) recomputes the drafts from the real counters and leaves the others as they are.
 *
 * 客户满意度 is scored by the customer satisfaction KPI (revisits done scored 满意 or 非常满意 / those
 * with a score), against the 95 % of the 质量方针 (顾客满意度达 95 %).
 */
import {
	levelOf,
	scoreAppraisal,
	type AppraisalItem,
	type LevelBand,
} from '../../extensions/sales-visits/src/domain/appraisals.ts';
import { kpiByKey } from '../../extensions/sales-visits/src/domain/kpi.ts';
import { periodStartOf } from '../../extensions/sales-visits/src/domain/periodic-reports.ts';
import { gm, reps } from './people.ts';
import { addDays, at, workdayOnOrAfter, type Clock } from './time.ts';
import type { Appraisal, AppraisalItemRow, AppraisalScheme, ApprovalLogEntry } from './types.ts';

type Log = Omit<ApprovalLogEntry, 'id'>;

const l = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

export const APPRAISAL_LEVELS: (LevelBand & { consequence: { 'zh-CN': string; 'en-US': string } })[] = [
	{
		level: 'excellent',
		min: 90,
		consequence: l('给予晋升、奖励等激励措施', 'Promotion, rewards and other incentives'),
	},
	{
		level: 'good',
		min: 80,
		consequence: l('考核结果作为薪酬发放依据，全额发放绩效工资', 'Pay follows the result: performance pay in full'),
	},
	{
		level: 'pass',
		min: 70,
		consequence: l('考核结论作为培训实施及职位晋升的参考', 'The result informs training and promotion'),
	},
	{
		level: 'warning',
		min: 60,
		consequence: l('口头警告，并进行培训和辅导', 'A verbal warning, with training and coaching'),
	},
	{ level: 'fail', min: 0, consequence: l('警告、降职、辞退等处理', 'A warning, demotion or dismissal') },
];

const step = (kpi: string, weight: number, target: number, stepPercent = 5, stepPoints = 1): AppraisalItem => ({
	kpi,
	weight,
	target,
	scoring: 'step',
	step_percent: stepPercent,
	step_points: stepPoints,
});
const linear = (kpi: string, weight: number, target: number): AppraisalItem => ({
	kpi,
	weight,
	target,
	scoring: 'linear',
});

/** Ratios in percent. Weights: 15 + 15 + 30 + 20 + 10 + 10. */
const REP_ITEMS: AppraisalItem[] = [
	// 拜访频率
	step('plan_completion', 15, 90),
	// 报告及时率
	step('report_on_time', 15, 95),
	// 销售计划完成率: 每低于 5% 扣 1 分
	step('sales_completion', 30, 100),
	// 合同回款率
	linear('payment_collection', 20, 90),
	// 客户满意度: revisits scored 满意 or better, against 95 %
	linear('customer_satisfaction', 10, 95),
	// 费用控制: over the budget, 每超 5% 扣 2 分
	step('expense_vs_budget', 10, 100, 5, 2),
];

/** 大客户部经理: 销售计划完成率、合同回款率、新开发率、流失率、档案完整率, each quarter. Weights: 40 + 20 + 15 + 10 + 15. */
const MANAGER_ITEMS: AppraisalItem[] = [
	step('sales_completion', 40, 100),
	linear('payment_collection', 20, 90),
	linear('new_customers', 15, 100),
	step('churn_rate', 10, 2, 1, 2),
	linear('archive_completeness', 15, 95),
];

/** A plausible month per rep (percent): what the counters might say. */
const MONTHS: Record<string, number>[] = [
	{
		plan_completion: 96,
		report_on_time: 100,
		sales_completion: 104,
		payment_collection: 92,
		customer_satisfaction: 97,
		expense_vs_budget: 88,
	},
	{
		plan_completion: 88,
		report_on_time: 90,
		sales_completion: 86,
		payment_collection: 80,
		customer_satisfaction: 90,
		expense_vs_budget: 103,
	},
	{
		plan_completion: 75,
		report_on_time: 80,
		sales_completion: 72,
		payment_collection: 65,
		customer_satisfaction: 85,
		expense_vs_budget: 118,
	},
	{
		plan_completion: 92,
		report_on_time: 96,
		sales_completion: 95,
		payment_collection: 88,
		customer_satisfaction: 100,
		expense_vs_budget: 95,
	},
	{
		plan_completion: 60,
		report_on_time: 70,
		sales_completion: 61,
		payment_collection: 50,
		customer_satisfaction: 70,
		expense_vs_budget: 130,
	},
	{
		plan_completion: 85,
		report_on_time: 92,
		sales_completion: 90,
		payment_collection: 85,
		customer_satisfaction: 94,
		expense_vs_budget: 100,
	},
];

export function makeAppraisals(clock: Clock): {
	schemes: AppraisalScheme[];
	items: AppraisalItemRow[];
	appraisals: Appraisal[];
	log: Log[];
} {
	const schemes: AppraisalScheme[] = [
		{ id: 1, name: '销售人员月度考核', position: 'rep', period_type: 'month', levels: APPRAISAL_LEVELS },
		{ id: 2, name: '销售经理季度考核', position: 'manager', period_type: 'quarter', levels: APPRAISAL_LEVELS },
	];
	const items: AppraisalItemRow[] = [
		...REP_ITEMS.map((item) => ({ scheme: 1, ...item })),
		...MANAGER_ITEMS.map((item) => ({ scheme: 2, ...item })),
	].map((item, n) => ({
		id: n + 1,
		scheme: item.scheme,
		kpi: item.kpi,
		weight: item.weight,
		target: item.target,
		scoring: item.scoring,
		step_percent: item.step_percent ?? null,
		step_points: item.step_points ?? null,
	}));

	// Last month's, made on the 1st of this month: the reps confirm, a General Manager decides.
	const month = periodStartOf('month', clock.today);
	const lastMonth = periodStartOf('month', addDays(month, -1));
	const made = at(month, 0, 5);
	const appraisals: Appraisal[] = [];
	const log: Log[] = [];
	const states = ['approved', 'confirmed', 'returned', 'draft', 'approved', 'confirmed'] as const;
	for (const [r, rep] of reps.entries()) {
		const values = MONTHS[r % MONTHS.length]!;
		const { score, item_scores } = scoreAppraisal(REP_ITEMS, (kpi) => values[kpi] ?? null, kpiByKey);
		const id = appraisals.length + 1;
		const appraisal: Appraisal = {
			id,
			person: rep.id,
			scheme: 1,
			period_start: lastMonth,
			period_type: 'month',
			score,
			level: levelOf(APPRAISAL_LEVELS, score),
			item_scores,
			status: 'draft',
			employee_confirmed_at: null,
			manager_comment: null,
			approver: null,
			decided_at: null,
			date_created: made,
		};
		appraisals.push(appraisal);
		const state = states[r % states.length]!;
		if (state === 'draft') continue;
		const confirmed = at(workdayOnOrAfter(addDays(month, 1)), 10);
		if (confirmed > clock.now) continue;
		Object.assign(appraisal, {
			status: 'confirmed',
			employee_confirmed_at: confirmed,
			manager_comment: score >= 80 ? '完成情况良好，继续保持' : '回款与费用控制需加强，下月重点跟进',
		});
		log.push(entry(id, 'draft', 'confirmed', rep.id, confirmed, null));
		if (state === 'confirmed') continue;
		const decided = at(workdayOnOrAfter(addDays(month, 2)), 15);
		if (decided > clock.now) continue;
		const comment = state === 'returned' ? '请与经理复核费用超支的原因后再确认' : null;
		Object.assign(appraisal, { status: state, approver: gm.id, decided_at: decided });
		log.push(entry(id, 'confirmed', state, gm.id, decided, comment));
	}
	return { schemes, items, appraisals, log };
}

const entry = (item: number, from: string, to: string, actor: string, when: string, comment: string | null): Log => ({
	collection: 'appraisals',
	item: String(item),
	from_status: from,
	to_status: to,
	actor,
	at: when,
	comment,
});
