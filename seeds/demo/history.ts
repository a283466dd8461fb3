/**
 * The field work of the month before the anchor's month and of the anchor's month so far,
 * with plans for the next week and month: plans in every state (and a revision), planned
 * and unplanned visits with their applications (拜访申请), an unauthorized visit, the
 * visit in progress, expense requests and the daily reports (工作日报).
 */
import { logTransition, ownCustomers, tick, type Ledger } from './ledger.ts';
import { gm, managers, reps, supervisor } from './people.ts';
import { addPlan } from './plans.ts';
import {
	addDays,
	addMinutes,
	at,
	chinaDate,
	chinaMinutes,
	monthStart,
	nextOfficeMoment,
	recentMoment,
	weekStart,
	workdaysAfter,
	workdaysBefore,
	workdaysBetween,
	workdayOnOrAfter,
	workdayOnOrBefore,
} from './time.ts';
import type { Customer, DemoUser, ExpenseKind, ExpenseStatus, Purpose, VisitStatus } from './types.ts';
import { addVisit, purposeLabel, type Application } from './visits.ts';

const EXPENSE_REJECTION = '费用超出标准，请调整后重新申请';

export function makeFieldWork(ledger: Ledger): void {
	plans(ledger);
	unplannedVisits(ledger);
	expenses(ledger);
	dailyReports(ledger);
}

function plans(ledger: Ledger): void {
	const { today } = ledger.clock;
	const [rep1, rep2, rep3, rep4, rep5, rep6] = reps as [DemoUser, DemoUser, DemoUser, DemoUser, DemoUser, DemoUser];
	const [manager1, manager2] = managers as [DemoUser, DemoUser];
	const [lastMonth, thisMonth, nextMonth] = [-1, 0, 1].map((offset) => monthStart(today, offset)) as [
		string,
		string,
		string,
	];
	const thisWeek = weekStart(today);
	const [lastWeek, nextWeek] = [addDays(thisWeek, -7), addDays(thisWeek, 7)];

	// Month plans (每月底提出次月拜访计划书): last month all approved, one handed in late, one revised.
	for (const rep of reps)
		addPlan(ledger, {
			owner: rep,
			period: 'month',
			start: lastMonth,
			status: 'approved',
			submitted: rep === rep3 ? 'late' : 'on_time',
			revised: rep === rep6,
		});
	addPlan(ledger, { owner: manager1, period: 'month', start: lastMonth, status: 'approved' });
	for (const rep of [rep1, rep2, rep4, rep5])
		addPlan(ledger, { owner: rep, period: 'month', start: thisMonth, status: 'approved' });
	addPlan(ledger, { owner: manager2, period: 'month', start: thisMonth, status: 'approved' });
	addPlan(ledger, { owner: rep3, period: 'month', start: thisMonth, status: 'rejected' });
	addPlan(ledger, { owner: rep6, period: 'month', start: thisMonth, status: 'submitted', submitted: 'late' });
	for (const owner of [rep1, rep4, manager1])
		addPlan(ledger, { owner, period: 'month', start: nextMonth, status: 'submitted', submitted: 'recent' });
	for (const owner of [rep2, rep3, rep5, rep6])
		addPlan(ledger, { owner, period: 'month', start: nextMonth, status: 'draft' });

	// Week plans (在周日前制订出第二周的工作计划): rep3 and rep6, without an approved month plan, work from them.
	addPlan(ledger, { owner: rep3, period: 'week', start: lastWeek, status: 'approved', submitted: 'late' });
	addPlan(ledger, { owner: rep6, period: 'week', start: lastWeek, status: 'approved' });
	addPlan(ledger, { owner: rep3, period: 'week', start: thisWeek, status: 'approved' });
	addPlan(ledger, { owner: rep6, period: 'week', start: thisWeek, status: 'approved' });
	addPlan(ledger, { owner: rep5, period: 'week', start: nextWeek, status: 'approved', submitted: 'recent' });
	addPlan(ledger, { owner: rep2, period: 'week', start: nextWeek, status: 'rejected', submitted: 'recent' });
	for (const owner of [rep3, rep4])
		addPlan(ledger, { owner, period: 'week', start: nextWeek, status: 'submitted', submitted: 'recent' });
	for (const owner of [rep1, rep6]) addPlan(ledger, { owner, period: 'week', start: nextWeek, status: 'draft' });
}

const purposeFor = (customer: Customer): Purpose =>
	customer.relationship === 'existing'
		? 'relationship'
		: customer.relationship === 'peer'
			? 'competitor_intel'
			: 'new_customer';

/** Applied two workdays ahead, approved that afternoon, then filed (报备) by the sales assistant. */
const approvedApplication = (date: string, minute = 0): Application => {
	const day = workdaysBefore(date, 2);
	return {
		status: 'approved',
		appliedAt: at(day, 10, minute),
		decidedAt: at(day, 14, 30 + minute),
		filedAt: at(day, 16, minute),
	};
};

/**
 * Visits outside any plan. Going out needs an approved application (出门拜访须填写拜访申请单);
 * a phone call does not.
 */
function unplannedVisits(ledger: Ledger): void {
	const { clock } = ledger;
	const recent = workdaysBetween(addDays(clock.today, -21), addDays(clock.today, -1));
	const [rep1, rep2, , rep4, rep5] = reps as [DemoUser, DemoUser, DemoUser, DemoUser, DemoUser];
	const active = (owner: DemoUser) => ownCustomers(ledger, owner.id).filter((c) => c.status === 'active');
	const away = (owner: DemoUser) =>
		active(owner).find((c) => c.region_scope === 'other') ?? active(owner).find((c) => c.region_scope === 'province')!;
	const local = (owner: DemoUser) => active(owner).filter((c) => c.region_scope === 'local');

	for (const [n, person] of [...reps, managers[1]!].entries()) {
		// A business trip: a manager's own goes to the General Manager (销售经理须向总经理申请批准).
		const trip = away(person);
		const tripDay = recent[(n * 3 + 1) % recent.length]!;
		addVisit(ledger, {
			owner: person.id,
			customer: trip,
			date: tripDay,
			purpose: purposeFor(trip),
			channel: 'onsite',
			application: approvedApplication(tripDay, n * 3),
			outcome: 'carried_out',
		});
		if (n >= reps.length) continue;
		const call = local(person)[1] ?? trip;
		addVisit(ledger, {
			owner: person.id,
			customer: call,
			date: recent[(n * 5 + 3) % recent.length]!,
			purpose: 'payment_collection',
			channel: 'phone',
		});
	}

	// Went out without approval (不申请、不报备自行出门拜访均视作旷工): applied that morning, rejected once the manager heard of it.
	const unapproved = active(rep2).find((c) => c.region_scope === 'province')!;
	const day = recent.at(-2)!;
	addVisit(ledger, {
		owner: rep2.id,
		customer: unapproved,
		date: day,
		time: [10, 30],
		purpose: 'new_customer',
		channel: 'onsite',
		application: { status: 'pending', appliedAt: at(day, 8, 50) },
		unauthorized: true,
		outcome: 'carried_out',
	});

	// Applications for the coming days: one awaiting the manager, one just rejected.
	addVisit(ledger, {
		owner: rep4.id,
		customer: away(rep4),
		date: workdayOnOrAfter(addDays(clock.today, 2)),
		purpose: 'product_promotion',
		channel: 'onsite',
		application: { status: 'pending', appliedAt: recentMoment(clock, 1) },
	});
	addVisit(ledger, {
		owner: rep5.id,
		customer: away(rep5),
		date: workdaysAfter(clock.today, 3),
		purpose: 'market_research',
		channel: 'onsite',
		application: {
			status: 'rejected',
			appliedAt: recentMoment(clock, 3),
			decidedAt: recentMoment(clock, 0),
			comment: '本月差旅预算已用完，改为视频沟通',
		},
	});
	// A call booked for the next workday.
	addVisit(ledger, {
		owner: rep1.id,
		customer: local(rep1)[2]!,
		date: workdaysAfter(clock.today, 1),
		time: [10, 0],
		purpose: 'relationship',
		channel: 'phone',
	});

	// Checked in and not out: now, or on the last workday if the office is closed (forgot to check out).
	const openToday = workdayOnOrBefore(clock.today) === clock.today && chinaMinutes(clock.now) >= 10 * 60 + 30;
	const date = openToday ? clock.today : workdaysBefore(clock.today, 1);
	const start = openToday ? Math.min(chinaMinutes(clock.now) - 50, 16 * 60) : 15 * 60 + 30;
	const time: [number, number] = [Math.floor(start / 60), (start % 60) - (start % 5)];
	addVisit(ledger, {
		owner: rep1.id,
		customer: local(rep1)[0]!,
		date,
		time,
		purpose: 'relationship',
		channel: 'onsite',
		application: approvedApplication(date),
		outcome: 'in_progress',
	});
}

const EXPENSES: Record<ExpenseKind, { description: string; amount: [number, number] }> = {
	gift: { description: '拜访伴手礼（茶叶）', amount: [20, 60] },
	entertainment: { description: '与客户采购经理工作餐', amount: [30, 120] },
	travel: { description: '往返高铁票及住宿', amount: [60, 260] },
	materials: { description: '样品及产品宣传册', amount: [10, 50] },
};
const STATUSES: ExpenseStatus[] = ['pending', 'approved', 'rejected'];

interface ExpenseSpec {
	requester: DemoUser;
	visit?: number;
	planItem?: number;
	kind: ExpenseKind;
	status: ExpenseStatus;
	decidedAt?: string;
	/** Over the month's expense budget: only the General Manager decides. */
	overBudget?: { amount: number; description: string };
}

function addExpense(ledger: Ledger, spec: ExpenseSpec): void {
	const id = ledger.expenses.length + 1;
	const approver = spec.overBudget ? gm : supervisor(spec.requester);
	const decided = spec.status !== 'pending';
	const [low, high] = EXPENSES[spec.kind].amount;
	ledger.expenses.push({
		id,
		requester: spec.requester.id,
		visit: spec.visit ?? null,
		plan_item: spec.planItem ?? null,
		kind: spec.kind,
		amount: spec.overBudget?.amount ?? ledger.rnd.int(low, high) * 10,
		description: spec.overBudget?.description ?? EXPENSES[spec.kind].description,
		status: spec.status,
		approver: decided ? approver.id : null,
		decided_at: decided ? spec.decidedAt! : null,
		decision_comment: spec.status === 'rejected' ? EXPENSE_REJECTION : null,
		over_budget: spec.overBudget !== undefined,
	});
	if (decided)
		logTransition(
			ledger,
			'expense_requests',
			id,
			'pending',
			spec.status,
			approver.id,
			spec.decidedAt!,
			spec.status === 'rejected' ? EXPENSE_REJECTION : null,
		);
}

/**
 * Expense requests (费用申请) come before the spending: two per rep, one for a trip already
 * made, one for a coming plan item; one over the month's budget awaits the General Manager.
 */
function expenses(ledger: Ledger): void {
	const { clock } = ledger;
	for (const [n, rep] of reps.entries()) {
		// Travel costs, requested with the trip's application and decided before it.
		const trip = ledger.visits.find(
			(v) => v.owner === rep.id && v.requires_application && v.application_status === 'approved',
		)!;
		const requested = at(workdaysBefore(chinaDate(trip.scheduled_start), 2), 10, 40);
		addExpense(ledger, {
			requester: rep,
			visit: trip.id,
			kind: 'travel',
			status: n % 3 === 1 ? 'rejected' : 'approved',
			decidedAt: nextOfficeMoment(addMinutes(requested, 180), 10),
		});

		// A gift, a dinner or materials for a coming plan item (or the latest one).
		const mine = ledger.items.filter(
			(i) =>
				ledger.plans[i.plan - 1]!.owner === rep.id &&
				['approved', 'submitted'].includes(ledger.plans[i.plan - 1]!.status),
		);
		const item = mine.find((i) => i.planned_date > clock.today) ?? mine.at(-1)!;
		const kind = (['gift', 'entertainment', 'materials'] as const)[n % 3]!;
		addExpense(ledger, {
			requester: rep,
			planItem: item.id,
			kind,
			status: STATUSES[n % 3]!,
			decidedAt: recentMoment(clock, n % 3),
		});
	}

	const rep6 = reps[5]!;
	const dinner =
		ledger.visits.filter((v) => v.owner === rep6.id && v.status === 'scheduled').at(-1) ??
		ledger.visits.filter((v) => v.owner === rep6.id).at(-1)!;
	addExpense(ledger, {
		requester: rep6,
		visit: dinner.id,
		kind: 'entertainment',
		status: 'pending',
		overBudget: { amount: 6800, description: '年度大客户答谢宴，超出本月费用预算' },
	});
}

const OFFICE_WORK = [
	'整理客户档案，更新联系人信息',
	'电话回访老客户，跟进回款',
	'参加部门销售例会',
	'准备报价单和合同',
	'整理下周拜访计划',
	'与技术部沟通客户样品需求',
];
const OUTCOME_WORDS: Record<VisitStatus, string> = {
	completed: '已完成',
	in_progress: '进行中',
	missed: '未拜访',
	cancelled: '已取消',
	scheduled: '待拜访',
};

/** One report per rep for each of the last ten workdays before today, due at 20:00; a few late, a few forgotten. */
function dailyReports(ledger: Ledger): void {
	const { clock, rnd } = ledger;
	const days = Array.from({ length: 10 }, (_, n) => workdaysBefore(clock.today, 10 - n));
	for (const rep of reps) {
		for (const date of days) {
			const n = tick(ledger, 'daily report');
			if (n % 13 === 6) continue;
			const late = n % 8 === 3;
			const submittedAt = late ? at(date, 21, rnd.int(0, 50)) : at(date, rnd.int(17, 19), rnd.int(0, 50));
			const visits = ledger.visits.filter((v) => v.owner === rep.id && chinaDate(v.scheduled_start) === date);
			const visited = visits.map(
				(v) => `${ledger.customers[v.customer - 1]!.name}（${purposeLabel(v.purpose)}，${OUTCOME_WORDS[v.status]}）`,
			);
			ledger.dailyReports.push({
				id: ledger.dailyReports.length + 1,
				owner: rep.id,
				date,
				summary: `${visited.length ? `拜访：${visited.join('；')}。` : ''}其他：${rnd.pick(OFFICE_WORK)}。`,
				submitted_at: submittedAt,
				late,
			});
		}
	}
}
