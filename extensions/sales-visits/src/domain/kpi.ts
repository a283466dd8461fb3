/**
 * The KPIs (大客户部考核指标 and the visit policy's 考核项目), each defined once: name, formula,
 * what is counted above and below the line, unit, which way is good and where its traffic
 * light turns. The summary endpoint and the Insights panels read them from here.
 *
 * Rows count for their owner (a plan item for its plan's, an expense for its requester, a
 * customer's first order and grade changes for the customer's); the period is on the date
 * each formula names, in the company's time zone.
 */
import type { Label } from './choices.ts';
import type { OwnedCollection } from './ownership.ts';
import { addDays } from './zoned-time.ts';

/** A share of its denominator, a number of things, or an amount of money (CNY). */
export type KpiUnit = 'ratio' | 'count' | 'amount';
export type KpiDirection = 'higher' | 'lower';
export type KpiLight = 'green' | 'amber' | 'red';

export interface KpiDefinition {
	key: string;
	label: Label;
	formula: Label;
	unit: KpiUnit;
	better: KpiDirection;
	/** Green from here (at most here when lower is better); amber up to `amber`; red beyond. */
	green: number;
	amber: number;
	/** The `sales_targets` column the denominator comes from, when the KPI is measured against a target. */
	target?: 'sales_amount' | 'new_customers' | 'visits' | 'revisits' | 'calls' | 'collection_amount' | 'expense_budget';
	/** The collections its counts are computed from: a caller who may not read them all is not shown it. */
	sources: readonly OwnedCollection[];
}

/** What the lead grade funnel is computed from. */
export const FUNNEL_SOURCES: readonly OwnedCollection[] = ['customers', 'lead_grade_changes'];

/** What the receivables aging is computed from. */
export const AGING_SOURCES: readonly OwnedCollection[] = ['payment_schedules'];

/** What the pipeline by stage is computed from. */
export const PIPELINE_SOURCES: readonly OwnedCollection[] = ['opportunities'];

const l = (zh: string, en: string): Label => ({ 'zh-CN': zh, 'en-US': en });

export const kpis = [
	{
		key: 'plan_on_time',
		label: l('计划按时提交率', 'Plans submitted on time'),
		formula: l(
			'按时提交的计划 / 已提交的计划（按计划期间的开始日期计入期间）',
			'plans submitted by their due time / plans submitted, counted in the period their period_start falls in',
		),
		unit: 'ratio',
		better: 'higher',
		green: 0.95,
		amber: 0.8,
		sources: ['visit_plans'],
	},
	{
		key: 'plan_completion',
		label: l('拜访计划完成率', 'Planned visits completed'),
		formula: l(
			'已完成的计划拜访 / 已批准计划中的明细（按计划日期）',
			'items of approved plans whose visit is completed / items of approved plans, by planned date',
		),
		unit: 'ratio',
		better: 'higher',
		green: 0.9,
		amber: 0.7,
		sources: ['visit_plans', 'visit_plan_items', 'visits'],
	},
	{
		key: 'unplanned_visits',
		label: l('计划外拜访', 'Unplanned visits'),
		formula: l(
			'不属于任何计划、未取消的拜访次数（按预约时间）',
			'visits outside any plan and not cancelled, by scheduled start',
		),
		unit: 'count',
		better: 'lower',
		green: 5,
		amber: 10,
		sources: ['visits'],
	},
	{
		key: 'unauthorized_visits',
		label: l('未经批准的拜访', 'Unauthorized visits'),
		formula: l(
			'未获批准即签到的拜访次数（按签到时间）',
			'visits checked in without their approved application, by check-in time',
		),
		unit: 'count',
		better: 'lower',
		green: 0,
		amber: 2,
		sources: ['visits'],
	},
	{
		key: 'report_on_time',
		label: l('拜访报告及时率', 'Reports on time'),
		formula: l(
			'按时提交的报告 / 到期的报告（按报告期限）',
			'reports submitted by their due time / reports due in the period',
		),
		unit: 'ratio',
		better: 'higher',
		green: 0.95,
		amber: 0.8,
		sources: ['visits'],
	},
	{
		key: 'overdue_reports',
		label: l('逾期报告', 'Overdue reports'),
		formula: l('期限在本期、到期仍未提交的报告数', 'reports due in the period and still missing after their due time'),
		unit: 'count',
		better: 'lower',
		green: 0,
		amber: 3,
		sources: ['visits'],
	},
	{
		key: 'quota_compliance',
		label: l('拜访频次达标率', 'Quota compliance'),
		formula: l(
			'达到拜访频次的客户 / 有频次要求的客户（期间最后一个月；进行中的期间取本月）',
			'customers meeting their visit frequency / customers with a requirement, in the period’s last month (this month while the period runs)',
		),
		unit: 'ratio',
		better: 'higher',
		green: 0.9,
		amber: 0.7,
		sources: ['customers', 'visits'],
	},
	{
		key: 'revisit_rate',
		label: l('客户回访率', 'Revisit rate'),
		formula: l(
			'已完成的回访 / 到期且未取消的回访（按应回访日期）',
			'revisits done / revisits due in the period and not cancelled',
		),
		unit: 'ratio',
		better: 'higher',
		green: 0.95,
		amber: 0.8,
		sources: ['revisits'],
	},
	{
		key: 'follow_up_completion',
		label: l('后续跟进完成率', 'Follow-ups completed'),
		formula: l(
			'已完成的跟进事项 / 到期且未取消的跟进事项（按完成期限）',
			'follow-ups completed / follow-ups due in the period and not cancelled',
		),
		unit: 'ratio',
		better: 'higher',
		green: 0.9,
		amber: 0.7,
		sources: ['follow_ups'],
	},
	{
		key: 'complaint_response_on_time',
		label: l('意见反馈及时率', 'Complaints answered on time'),
		formula: l(
			'在时限内响应的投诉 / 本期受理的投诉',
			'complaints responded to within the time limit / complaints received in the period',
		),
		unit: 'ratio',
		better: 'higher',
		green: 0.95,
		amber: 0.8,
		sources: ['complaints'],
	},
	{
		key: 'new_customers',
		label: l('新客户开发率', 'New customers developed'),
		formula: l(
			'首张有效订单在本期签约的客户 / 新客户目标',
			'customers whose first order (not cancelled) was signed in the period / the new-customer target',
		),
		unit: 'ratio',
		better: 'higher',
		green: 1,
		amber: 0.7,
		target: 'new_customers',
		sources: ['customers', 'sales_orders', 'sales_targets'],
	},
	{
		key: 'churn_rate',
		label: l('客户流失率', 'Churn rate'),
		formula: l(
			'本期流失的客户 / 期初尚未流失的客户（按流失时间 churned_at）',
			'customers lost in the period / customers not yet lost at its start, by churned_at',
		),
		unit: 'ratio',
		better: 'lower',
		green: 0.02,
		amber: 0.05,
		sources: ['customers'],
	},
	{
		key: 'archive_completeness',
		label: l('客户档案完整率', 'Customer records complete'),
		formula: l(
			'等级、类别、区域、省、市、地址、经纬度、负责人齐全且至少有一位联系人的客户 / 未流失的客户（当前）',
			'customers with tier, category, region scope, province, city, address, coordinates, owner and at least one contact / customers not churned, as of now',
		),
		unit: 'ratio',
		better: 'higher',
		green: 0.95,
		amber: 0.8,
		sources: ['customers', 'contacts'],
	},
	{
		key: 'expense_vs_budget',
		label: l('商务费用控制', 'Expenses against budget'),
		formula: l('本期申请并已批准的费用 / 费用预算', 'approved expenses requested in the period / expense budget'),
		unit: 'ratio',
		better: 'lower',
		green: 1,
		amber: 1.1,
		target: 'expense_budget',
		sources: ['expense_requests', 'sales_targets'],
	},
	{
		key: 'sales_completion',
		label: l('销售计划完成率', 'Sales target completion'),
		formula: l(
			'本期签约的有效订单金额 / 销售目标',
			'amount of orders signed in the period and not cancelled / sales target',
		),
		unit: 'ratio',
		better: 'higher',
		green: 1,
		amber: 0.8,
		target: 'sales_amount',
		sources: ['sales_orders', 'sales_targets'],
	},
	{
		key: 'payment_collection',
		label: l('合同回款率', 'Collection against due'),
		formula: l(
			'本期到期的回款计划已回款金额 / 其应收金额（合同实际回款金额 / 合同约定应回款金额；按到期日，不含已取消订单）',
			'collected on the payment schedules due in the period / the amounts they ask (by due date; orders not cancelled)',
		),
		unit: 'ratio',
		better: 'higher',
		green: 0.9,
		amber: 0.7,
		sources: ['payment_schedules'],
	},
	{
		key: 'contract_settlement',
		label: l('销售合同结算率', 'Contract settlement'),
		formula: l(
			'最后一期回款在本期到期且已全部回款的订单 / 最后一期回款在本期到期的订单（不含已取消订单）',
			'orders whose last payment falls due in the period and that are paid in full / orders whose last payment falls due in the period (not cancelled)',
		),
		unit: 'ratio',
		better: 'higher',
		green: 0.9,
		amber: 0.7,
		sources: ['sales_orders', 'payment_schedules'],
	},
	...(
		[
			['d0_30', '逾期 0–30 天应收', 'Receivables 0–30 days overdue', 100_000],
			['d31_60', '逾期 31–60 天应收', 'Receivables 31–60 days overdue', 50_000],
			['d61_90', '逾期 61–90 天应收', 'Receivables 61–90 days overdue', 20_000],
			['over_90', '逾期 90 天以上应收', 'Receivables over 90 days overdue', 0],
		] as const
	).map(([bucket, zh, en, amber]) => ({
		key: `overdue_${bucket}` as const,
		label: l(zh, en),
		formula: l(
			'逾期天数在该区间的回款计划的未回款金额（截至今日的快照，不分期间；不含已取消订单）',
			'open amounts of the payment schedules that many days past due (a snapshot as of today, not a period count; orders not cancelled)',
		),
		unit: 'amount' as const,
		better: 'lower' as const,
		green: 0,
		amber,
		sources: ['payment_schedules'] as const,
	})),
	{
		key: 'win_rate',
		label: l('商机赢单率', 'Opportunity win rate'),
		formula: l(
			'本期赢单的商机 / 本期结束（赢单或输单）的商机（按结束时间 closed_at）',
			'opportunities won in the period / opportunities closed (won or lost) in the period, by closed_at',
		),
		unit: 'ratio',
		better: 'higher',
		green: 0.3,
		amber: 0.15,
		sources: ['opportunities'],
	},
	{
		key: 'weighted_pipeline',
		label: l('加权商机金额', 'Weighted pipeline'),
		formula: l(
			'未结束商机的 预计金额 × 赢单概率 之和（当前快照，不分期间）',
			'Σ amount × probability of the open opportunities (a snapshot as of now, not a period count)',
		),
		unit: 'amount',
		better: 'higher',
		green: 1_000_000,
		amber: 300_000,
		sources: ['opportunities'],
	},
	{
		key: 'quote_on_time',
		label: l('报价及时率', 'Quotes sent on time'),
		formula: l(
			'本期按期限发送的报价单 / 本期发送的报价单（按发送时间）',
			'quotes sent by their due time / quotes sent in the period, by sent_at',
		),
		unit: 'ratio',
		better: 'higher',
		green: 0.95,
		amber: 0.8,
		sources: ['quotes'],
	},
	{
		key: 'average_discount',
		label: l('平均折扣率', 'Average discount'),
		formula: l(
			'本期审批通过的报价单（含其后已发送、已接受、已过期的）的 Σ(标准价合计 − 报价合计) / Σ标准价合计（按审批时间；金额加权）',
			'Σ (list total − net total) / Σ list total of the quotes approved in the period (and since sent, accepted or expired), by decided_at: weighted by amount',
		),
		unit: 'ratio',
		better: 'lower',
		green: 0.05,
		amber: 0.15,
		sources: ['quotes'],
	},
	{
		key: 'lead_conversion',
		label: l('意向客户转化率', 'Lead conversion'),
		formula: l(
			'本期为H/A/B/C级且在期末前转为O级（成交）的客户 / 本期曾为H/A/B/C级的客户',
			'leads that held grade H, A, B or C in the period and reached O by its end / leads that held H, A, B or C in the period',
		),
		unit: 'ratio',
		better: 'higher',
		green: 0.3,
		amber: 0.15,
		sources: ['customers', 'lead_grade_changes'],
	},
	{
		key: 'geofence_inside',
		label: l('范围内签到率', 'Check-ins inside the geofence'),
		formula: l(
			'签到范围内的现场签到 / 本期的现场签到',
			'on-site check-ins inside the geofence / on-site check-ins in the period',
		),
		unit: 'ratio',
		better: 'higher',
		green: 0.95,
		amber: 0.85,
		sources: ['visits'],
	},
	// The month targets' activity lines (拜访、回访、电话拜访、回款目标): what was done against the target set.
	{
		key: 'visit_target_completion',
		label: l('拜访目标完成率', 'Visit target completion'),
		formula: l(
			'本期完成的拜访（任何方式，按签退时间）/ 拜访目标',
			'visits completed in the period (any channel, by check-out time) / the visit target',
		),
		unit: 'ratio',
		better: 'higher',
		green: 1,
		amber: 0.8,
		target: 'visits',
		sources: ['visits', 'sales_targets'],
	},
	{
		key: 'revisit_target_completion',
		label: l('回访目标完成率', 'Revisit target completion'),
		formula: l(
			'本期完成的回访（任何方式，按回访时间）/ 回访目标',
			'revisits done in the period (any channel, by the time they were done) / the revisit target',
		),
		unit: 'ratio',
		better: 'higher',
		green: 1,
		amber: 0.8,
		target: 'revisits',
		sources: ['revisits', 'sales_targets'],
	},
	{
		key: 'call_target_completion',
		label: l('电话拜访目标完成率', 'Call target completion'),
		formula: l(
			'本期完成的电话拜访（按签退时间）与完成的电话回访（按回访时间）/ 电话拜访目标；视频拜访不计入',
			'phone visits completed in the period (by check-out time) plus phone revisits done in it (by the time they were done) / the call target; video visits do not count',
		),
		unit: 'ratio',
		better: 'higher',
		green: 1,
		amber: 0.8,
		target: 'calls',
		sources: ['visits', 'revisits', 'sales_targets'],
	},
	{
		key: 'collection_target_completion',
		label: l('回款目标完成率', 'Collection target completion'),
		formula: l(
			'本期到账的回款（财务登记的回款记录，按到账时间，计入订单负责人）/ 回款目标',
			'payments received in the period (as Finance recorded them, by received time, for the order’s owner) / the collection target',
		),
		unit: 'ratio',
		better: 'higher',
		green: 1,
		amber: 0.8,
		target: 'collection_amount',
		sources: ['payments', 'sales_targets'],
	},
	{
		key: 'periodic_report_on_time',
		label: l('周报/月报按时提交率', 'Weekly and monthly reports on time'),
		formula: l(
			'在提交期限前首次提交的周报与月报 / 提交期限在本期的周报与月报（按提交期限）',
			'weekly and monthly reports first submitted by their due time / weekly and monthly reports due in the period, by due time',
		),
		unit: 'ratio',
		better: 'higher',
		green: 0.95,
		amber: 0.8,
		sources: ['periodic_reports'],
	},
	// 客户回访制度: 提高客户对公司服务的满意度 (质量方针: 顾客满意度达 95 %), from the scores recorded when revisits are done.
	{
		key: 'customer_satisfaction',
		label: l('客户满意度', 'Customer satisfaction'),
		formula: l(
			'本期完成且记录了满意度的回访中，满意度为 4（满意）或 5（非常满意）的回访 / 本期完成且记录了满意度的回访（按回访时间）',
			'revisits done in the period with a satisfaction score of 4 (satisfied) or 5 (very satisfied) / revisits done in the period with a satisfaction score recorded, by the time they were done',
		),
		unit: 'ratio',
		better: 'higher',
		green: 0.95,
		amber: 0.8,
		sources: ['revisits'],
	},
	// 销售人员待客制度: 有效投诉 and complaints resolved by their deadline (per severity, visit_settings).
	{
		key: 'valid_complaints',
		label: l('有效投诉', 'Valid complaints'),
		formula: l(
			'本期受理的有效投诉（按受理时间）',
			'complaints received in the period and marked valid, by received_at',
		),
		unit: 'count',
		better: 'lower',
		green: 0,
		amber: 2,
		sources: ['complaints'],
	},
	{
		key: 'complaint_resolution_on_time',
		label: l('投诉按时解决率', 'Complaints resolved on time'),
		formula: l(
			'本期受理且在解决期限内解决的投诉 / 本期受理的投诉（按受理时间）',
			'complaints received in the period and resolved by their resolution deadline / complaints received in the period',
		),
		unit: 'ratio',
		better: 'higher',
		green: 0.95,
		amber: 0.8,
		sources: ['complaints'],
	},
	// 销售人员待客制度: a reception's report within reception_report_hours of the customer leaving.
	{
		key: 'reception_report_on_time',
		label: l('接待报告及时率', 'Reception reports on time'),
		formula: l(
			'本期按时提交的接待报告 / 本期提交的接待报告（按报告期限）',
			'receptions reported by their report deadline / receptions reported, by report deadline (report_due_at)',
		),
		unit: 'ratio',
		better: 'higher',
		green: 0.95,
		amber: 0.8,
		sources: ['receptions'],
	},
] as const satisfies readonly KpiDefinition[];

export type KpiKey = (typeof kpis)[number]['key'];

/** Every collection a KPI, the funnel, the pipeline or the aging is computed from. */
export const KPI_SOURCES: readonly OwnedCollection[] = [
	...new Set([...kpis.flatMap((k) => k.sources), ...FUNNEL_SOURCES, ...AGING_SOURCES, ...PIPELINE_SOURCES]),
];

export const kpiByKey = (key: string): KpiDefinition | undefined =>
	(kpis as readonly KpiDefinition[]).find((k) => k.key === key);

/** The value of a KPI from its two counts: the share for a ratio (null without a denominator), the count or amount itself otherwise. */
export function kpiValue(
	kpi: Pick<KpiDefinition, 'unit'>,
	numerator: number,
	denominator: number | null,
): number | null {
	if (kpi.unit !== 'ratio') return numerator;
	return denominator ? numerator / denominator : null;
}

/** The traffic light of a value; null when there is nothing to judge. */
export function kpiLight(
	kpi: Pick<KpiDefinition, 'better' | 'green' | 'amber'>,
	value: number | null,
): KpiLight | null {
	if (value === null) return null;
	if (kpi.better === 'higher') return value >= kpi.green ? 'green' : value >= kpi.amber ? 'amber' : 'red';
	return value <= kpi.green ? 'green' : value <= kpi.amber ? 'amber' : 'red';
}

/** Whether the value moved the good way since the previous period, the bad way, or not at all. */
export function kpiTrend(
	kpi: Pick<KpiDefinition, 'better'>,
	value: number | null,
	previous: number | null,
): 'better' | 'worse' | 'same' | null {
	if (value === null || previous === null) return null;
	if (value === previous) return 'same';
	return value > previous === (kpi.better === 'higher') ? 'better' : 'worse';
}

export interface KpiPeriod {
	/** As asked: `2026-11`, `2026-Q4` or `2026`. */
	key: string;
	/** First and last day. */
	start: string;
	end: string;
	/** The period of the same length just before. */
	previous: string;
}

const lastDay = (year: number, month: number) =>
	addDays(new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10), -1);
const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM`, `YYYY-Qn` or `YYYY` → its days and the period before; null when malformed. */
export function kpiPeriod(key: unknown): KpiPeriod | null {
	if (typeof key !== 'string') return null;
	let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
	if (m) {
		const [y, mo] = [Number(m[1]), Number(m[2])];
		const previous = mo === 1 ? `${y - 1}-12` : `${y}-${pad(mo - 1)}`;
		return { key, start: `${y}-${pad(mo)}-01`, end: lastDay(y, mo), previous };
	}
	m = /^(\d{4})-Q([1-4])$/.exec(key);
	if (m) {
		const [y, q] = [Number(m[1]), Number(m[2])];
		const previous = q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
		return { key, start: `${y}-${pad(q * 3 - 2)}-01`, end: lastDay(y, q * 3), previous };
	}
	m = /^(\d{4})$/.exec(key);
	if (m) {
		const y = Number(m[1]);
		return { key, start: `${y}-01-01`, end: `${y}-12-31`, previous: String(y - 1) };
	}
	return null;
}

export interface KpiCounts {
	numerator: number;
	/** Null for a count. */
	denominator: number | null;
}

/** What a reading says of its KPI's definition. */
const described = (kpi: KpiDefinition) => ({
	key: kpi.key,
	label: kpi.label,
	formula: kpi.formula,
	unit: kpi.unit,
	better: kpi.better,
	green: kpi.green,
	amber: kpi.amber,
});

/**
 * A KPI as the summary shows it: definition, counts, value, light, and the trend since the
 * previous period (`previous` null when the KPI has no history: its previous counts are null).
 */
export function kpiReading(kpi: KpiDefinition, now: KpiCounts, previous: KpiCounts | null) {
	const value = kpiValue(kpi, now.numerator, now.denominator);
	const before = previous ? kpiValue(kpi, previous.numerator, previous.denominator) : null;
	return {
		...described(kpi),
		numerator: now.numerator,
		denominator: now.denominator,
		value,
		light: kpiLight(kpi, value),
		previous: { numerator: previous?.numerator ?? null, denominator: previous?.denominator ?? null, value: before },
		trend: kpiTrend(kpi, value, before),
		withheld: false,
	};
}

/** A KPI computed from rows the caller may not read: its definition, and no number. */
export function withheldReading(kpi: KpiDefinition) {
	return {
		...described(kpi),
		numerator: null,
		denominator: null,
		value: null,
		light: null,
		previous: { numerator: null, denominator: null, value: null },
		trend: null,
		withheld: true,
	};
}

/** The month whose quota standing a period reports: the current one while the period runs, else its last. */
export const kpiQuotaMonth = (period: Pick<KpiPeriod, 'start' | 'end'>, today: string): string =>
	`${(today >= period.start && today <= period.end ? today : period.end).slice(0, 7)}-01`;
