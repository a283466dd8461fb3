/**
 * Visit plans (拜访计划) with their items: draft → submitted → approved | rejected, due by
 * the end of the day before the period (month plans: the last day of the prior month;
 * week plans: the Sunday before), decided by the owner's supervisor. An approved plan
 * yields one visit per item.
 */
import { logTransition, ownCustomers, type Ledger } from './ledger.ts';
import { supervisor } from './people.ts';
import {
	addDays,
	addMinutes,
	at,
	chinaDate,
	monthEnd,
	nextOfficeMoment,
	recentMoment,
	workdayOnOrAfter,
	workdaysBefore,
	workdaysBetween,
} from './time.ts';
import type { Customer, DemoUser, PeriodType, PlanStatus, Purpose, VisitPlan } from './types.ts';
import { addVisit } from './visits.ts';
import { submitDueAt } from '../../extensions/sales-visits/src/domain/plan-rules.ts';

/** visit_settings defaults: month plans by the last day of the prior month, week plans by Sunday. */
const PLAN_SETTINGS = {
	timezone: 'Asia/Shanghai',
	month_plan_due: 'last_day_of_prior_month',
	week_plan_due_weekday: '0',
};
/** Those defaults need no work calendar. */
const NO_EXCEPTIONS = new Map<string, boolean>();

export interface PlanSpec {
	owner: DemoUser;
	period: PeriodType;
	start: string;
	status: PlanStatus;
	/** When it was handed in: shortly before the due day, after it, or lately (for plans of the next period). */
	submitted?: 'on_time' | 'late' | 'recent';
	/** Approved, reopened by its owner (approved → draft) and approved again: revision 2. */
	revised?: boolean;
	comment?: string;
}

const PURPOSES: Record<Customer['relationship'], Purpose[]> = {
	existing: ['relationship', 'payment_collection', 'product_promotion', 'relationship', 'coverage'],
	target: ['new_customer', 'product_promotion', 'market_research'],
	potential: ['new_customer', 'coverage'],
	peer: ['competitor_intel', 'market_research'],
};

const OBJECTIVES: Record<Purpose, (c: Customer) => string> = {
	relationship: (c) => `回访${c.name}关键联系人，了解下季度采购计划`,
	product_promotion: (c) => `向${c.name}介绍新款产品，争取安排样品试用`,
	payment_collection: (c) => `与${c.name}财务核对对账单，催收上月货款`,
	market_research: (c) => `了解${c.city.replace(/市$/, '')}区域市场需求与价格水平`,
	competitor_intel: (c) => `通过${c.name}了解竞争对手报价与服务情况`,
	new_customer: (c) => `初次拜访${c.name}，建立联系并收集客户资料`,
	coverage: (c) => `走访${c.name}，保持联系，提高区域覆盖率`,
};

const MATERIALS: Partial<Record<Purpose, string>> = {
	product_promotion: '新品样册、样品',
	payment_collection: '对账单、发票复印件',
	new_customer: '公司介绍、产品目录、名片',
	competitor_intel: '竞品对比表',
};

const REJECTIONS = ['计划拜访的A类客户不足，请补充后重新提交', '拜访目的写得太笼统，请写明每次拜访要达成的目标'];
const APPROVALS = ['同意，注意回款跟进', '同意。重点客户请提前预约', null, null];

/** Travel makes out-of-town visits dearer; calls in town cost next to nothing. */
function estimatedExpense(ledger: Ledger, customer: Customer): number {
	const { rnd } = ledger;
	if (customer.region_scope === 'local') return rnd.pick([0, 50, 100]);
	if (customer.region_scope === 'province') return rnd.int(20, 50) * 10;
	return rnd.int(120, 300) * 10;
}

export function addPlan(ledger: Ledger, spec: PlanSpec): VisitPlan {
	const { rnd, clock } = ledger;
	const { owner, period, start, status } = spec;
	const approver = supervisor(owner);
	const end = period === 'month' ? monthEnd(start) : addDays(start, 6);
	const due = submitDueAt(period, start, PLAN_SETTINGS, NO_EXCEPTIONS).toISOString();
	const id = ledger.plans.length + 1;
	const plan: VisitPlan = {
		id,
		owner: owner.id,
		period_type: period,
		period_start: start,
		period_end: end,
		status,
		submit_due_at: due,
		submitted_at: null,
		submitted_late: false,
		approver: null,
		decided_at: null,
		decision_comment: null,
		revision: 1,
	};
	ledger.plans.push(plan);

	if (status !== 'draft') {
		const decides = status === 'approved' || status === 'rejected';
		let submittedAt: string;
		let decidedAt: string | null = null;
		if (spec.revised) {
			// Approved a few days ahead, reopened to change customers, approved again before the due day.
			const [s1, a1, s2] = [workdaysBefore(start, 4), workdaysBefore(start, 3), workdaysBefore(start, 2)];
			logTransition(ledger, 'visit_plans', id, 'draft', 'submitted', owner.id, at(s1, 15, 20));
			logTransition(ledger, 'visit_plans', id, 'submitted', 'approved', approver.id, at(a1, 10, 5));
			logTransition(
				ledger,
				'visit_plans',
				id,
				'approved',
				'draft',
				owner.id,
				at(a1, 15, 45),
				'客户临时调整到访时间，修订计划',
			);
			plan.revision = 2;
			submittedAt = at(s2, 11, 10);
			decidedAt = at(s2, 16, 30);
		} else {
			const onTime = at(period === 'month' ? workdaysBefore(start, 2) : workdaysBefore(start, 1), 15, rnd.int(0, 50));
			const late = at(workdayOnOrAfter(start), 9, rnd.int(10, 50));
			// Plans for the coming period were handed in over the last few office hours.
			submittedAt =
				spec.submitted === 'recent'
					? recentMoment(clock, 2 + (id % 5))
					: spec.submitted === 'late' && late < clock.now
						? late
						: onTime;
			if (decides) {
				decidedAt =
					spec.submitted === 'recent'
						? recentMoment(clock, id % 2)
						: nextOfficeMoment(addMinutes(submittedAt, rnd.int(60, 150)), rnd.int(0, 50));
				if (decidedAt > clock.now) decidedAt = recentMoment(clock, 0);
			}
		}
		plan.submitted_at = submittedAt;
		plan.submitted_late = submittedAt > due;
		logTransition(ledger, 'visit_plans', id, 'draft', 'submitted', owner.id, submittedAt);
		if (decides && decidedAt! > submittedAt) {
			plan.approver = approver.id;
			plan.decided_at = decidedAt;
			plan.decision_comment = spec.comment ?? (status === 'rejected' ? rnd.pick(REJECTIONS) : rnd.pick(APPROVALS));
			logTransition(ledger, 'visit_plans', id, 'submitted', status, approver.id, decidedAt!, plan.decision_comment);
		} else if (decides) {
			// Too close to the anchor to have been decided yet.
			plan.status = 'submitted';
		}
	}

	addItems(ledger, plan);
	return plan;
}

/** 3–4 visits a week or 6–9 a month, on distinct customers of the owner, on workdays. */
function addItems(ledger: Ledger, plan: VisitPlan): void {
	const { rnd } = ledger;
	// A plan approved after its period began only plans the days after the approval.
	const first =
		plan.decided_at && chinaDate(plan.decided_at) >= plan.period_start
			? addDays(chinaDate(plan.decided_at), 1)
			: plan.period_start;
	const days = workdaysBetween(first, plan.period_end);
	const mine = ownCustomers(ledger, plan.owner);
	if (days.length === 0 || mine.length === 0) return;
	const count = Math.min(mine.length, plan.period_type === 'month' ? rnd.int(6, 9) : rnd.int(3, 4));
	const offset = (plan.id * 5) % mine.length;
	for (let n = 0; n < count; n++) {
		const customer = mine[(offset + n) % mine.length]!;
		const purposes = PURPOSES[customer.relationship];
		const purpose = purposes[(plan.id + n) % purposes.length]!;
		const planned = days[Math.floor(((n + 0.5) * days.length) / count)]!;
		const item = {
			id: ledger.items.length + 1,
			plan: plan.id,
			customer: customer.id,
			planned_date: planned,
			purpose,
			objective: OBJECTIVES[purpose](customer),
			materials: MATERIALS[purpose] ?? null,
			estimated_expense: estimatedExpense(ledger, customer),
			visit: null as number | null,
		};
		ledger.items.push(item);
		if (plan.status === 'approved')
			item.visit = addVisit(ledger, { owner: plan.owner, customer, date: planned, purpose, planItem: item.id });
	}
}
