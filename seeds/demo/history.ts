/**
 * A month and a half of field work up to the anchor day, in every state the flows know:
 * plans (draft, submitted, approved, rejected, a revision), visits (planned and not,
 * scheduled to missed), reports (on time, late, overdue, returned), follow-ups, daily
 * reports, orders, complaints, revisits, expense requests and the approval log.
 */
import { isWorkday } from '../work-calendar.ts';
import type { DemoCustomer } from './customers.ts';
import { byLogin, reps, users, type DemoUser } from './people.ts';
import type { Random } from './random.ts';
import { addDays, addMinutes, at, daysBetween, monthEnd, monthStart, weekStart } from './time.ts';

const PURPOSES = ['relationship', 'product_promotion', 'payment_collection', 'market_research', 'competitor_intel', 'new_customer', 'coverage'] as const;
const OBJECTIVES: Record<(typeof PURPOSES)[number], string> = {
	relationship: '回访关键联系人，了解近期采购计划',
	product_promotion: '介绍新款产品并安排样品试用',
	payment_collection: '核对对账单，催收上月货款',
	market_research: '了解区域市场需求与价格水平',
	competitor_intel: '了解竞争对手报价与服务情况',
	new_customer: '初次拜访，建立联系并收集客户资料',
	coverage: '走访客户，提高区域覆盖率',
};
const GEOFENCE_M = 500;
const REPORT_HOURS = 48;

const supervisor = (u: DemoUser) => users.find((x) => x.id === u.reports_to)!;

/** Great-circle distance in metres. */
function distance(lat1: number, lng1: number, lat2: number, lng2: number): number {
	const rad = Math.PI / 180;
	const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
	return Math.round(2 * 6_371_000 * Math.asin(Math.sqrt(a)));
}

export function makeHistory(rnd: Random, today: string, now: string, customers: DemoCustomer[]) {
	const plans: any[] = [];
	const items: any[] = [];
	const visits: any[] = [];
	const reports: any[] = [];
	const followUps: any[] = [];
	const expenses: any[] = [];
	const log: any[] = [];
	const ownCustomers = (u: DemoUser) => customers.filter((c) => c.owner === u.id && c.status !== 'churned');
	const logEntry = (collection: string, item: number, from: string | null, to: string, actor: string, when: string, comment: string | null = null) =>
		log.push({ id: log.length + 1, collection, item: String(item), from_status: from, to_status: to, actor, at: when, comment });

	const workdaysIn = (from: string, to: string) => daysBetween(from, to).filter((d) => isWorkday(d));

	/** One plan with its items; approved plans get their visits. */
	function plan(owner: DemoUser, period: 'month' | 'week', start: string, status: 'draft' | 'submitted' | 'approved' | 'rejected', options: { late?: boolean; revision?: number } = {}) {
		const end = period === 'month' ? monthEnd(start) : addDays(start, 6);
		const due = period === 'month' ? at(addDays(start, -1), 23, 59) : at(addDays(start, -1), 23, 59);
		const submittedAt = status === 'draft' ? null : options.late ? addMinutes(due, 60 * 10) : at(addDays(start, period === 'month' ? -3 : -2), 17, 30);
		const approver = supervisor(owner);
		const decidedAt = status === 'approved' || status === 'rejected' ? addMinutes(submittedAt!, 60 * 15) : null;
		const id = plans.length + 1;
		plans.push({
			id,
			owner: owner.id,
			period_type: period,
			period_start: start,
			period_end: end,
			status,
			submit_due_at: due,
			submitted_at: submittedAt,
			submitted_late: Boolean(options.late && submittedAt),
			approver: decidedAt ? approver.id : null,
			decided_at: decidedAt,
			decision_comment: status === 'rejected' ? '计划拜访的A类客户不足，请补充后重新提交' : status === 'approved' && rnd.chance(0.3) ? '同意，注意回款跟进' : null,
			revision: options.revision ?? 1,
		});
		if (options.revision === 2) {
			logEntry('visit_plans', id, 'draft', 'submitted', owner.id, addMinutes(submittedAt!, -60 * 72));
			logEntry('visit_plans', id, 'submitted', 'approved', approver.id, addMinutes(submittedAt!, -60 * 60));
			logEntry('visit_plans', id, 'approved', 'draft', owner.id, addMinutes(submittedAt!, -60 * 24), '客户临时变更，修订计划');
		}
		if (submittedAt) logEntry('visit_plans', id, 'draft', 'submitted', owner.id, submittedAt);
		if (decidedAt) logEntry('visit_plans', id, 'submitted', status, approver.id, decidedAt, plans.at(-1).decision_comment);

		const days = workdaysIn(start, end);
		const mine = ownCustomers(owner);
		const count = period === 'month' ? Math.min(mine.length, rnd.int(6, 9)) : Math.min(mine.length, rnd.int(3, 4));
		for (let n = 0; n < count; n++) {
			const purpose = PURPOSES[(id + n) % PURPOSES.length]!;
			const item = {
				id: items.length + 1,
				plan: id,
				customer: mine[(id * 3 + n) % mine.length]!.id,
				planned_date: days[Math.floor(((n + 0.5) * days.length) / count)]!,
				purpose,
				objective: OBJECTIVES[purpose],
				materials: purpose === 'product_promotion' ? '产品手册、样品' : null,
				estimated_expense: rnd.pick([0, 0, 100, 200, 300, 500]),
				visit: null as number | null,
			};
			items.push(item);
			if (status === 'approved') item.visit = visit(owner, item.customer, item.planned_date, purpose, item.id);
		}
		return id;
	}

	/** A visit whose state follows from its date relative to the anchor day. */
	function visit(owner: DemoUser, customerId: number, date: string, purpose: string, planItem: number | null, extra: Record<string, unknown> = {}) {
		const id = visits.length + 1;
		const customer = customers.find((c) => c.id === customerId)!;
		const channel = id % 9 === 0 ? 'phone' : id % 13 === 0 ? 'video' : 'onsite';
		const scheduledStart = at(date, 9 + (id % 8), id % 2 ? 30 : 0);
		const row: Record<string, any> = {
			id,
			owner: owner.id,
			customer: customerId,
			plan_item: planItem,
			purpose,
			channel,
			scheduled_start: scheduledStart,
			requires_application: false,
			application_status: 'not_required',
			application_filed_at: null,
			status: 'scheduled',
			unauthorized: false,
			check_in_at: null,
			check_in_latitude: null,
			check_in_longitude: null,
			check_in_distance_m: null,
			outside_geofence: false,
			check_out_at: null,
			report_due_at: null,
			report_status: 'not_due',
			report_submitted_at: null,
			report_late: false,
			...extra,
		};
		visits.push(row);
		const past = scheduledStart < now && date < today;
		if (date === today && scheduledStart < now && id % 2 === 0) checkIn(row, customer);
		else if (past && id % 11 === 5) row.status = 'missed';
		else if (past && id % 11 === 8) row.status = 'cancelled';
		else if (past) complete(row, customer);
		return id;
	}

	function checkIn(row: Record<string, any>, customer: DemoCustomer) {
		row.status = 'in_progress';
		row.check_in_at = addMinutes(row.scheduled_start, 5 + (row.id % 20));
		if (row.channel !== 'onsite') return;
		// Mostly at the door; every seventh from well outside the geofence.
		const away = row.id % 7 === 0 ? 0.006 + 0.004 * rnd.next() : 0.0015 * (rnd.next() - 0.5);
		row.check_in_latitude = Math.round((customer.latitude + away) * 1e6) / 1e6;
		row.check_in_longitude = Math.round((customer.longitude + 0.0015 * (rnd.next() - 0.5)) * 1e6) / 1e6;
		row.check_in_distance_m = distance(customer.latitude, customer.longitude, row.check_in_latitude, row.check_in_longitude);
		row.outside_geofence = row.check_in_distance_m > GEOFENCE_M;
	}

	/** Check-out, then the report in one of its states, reviewed by the owner's supervisor. */
	function complete(row: Record<string, any>, customer: DemoCustomer) {
		checkIn(row, customer);
		row.status = 'completed';
		row.check_out_at = addMinutes(row.check_in_at, 45 + (row.id % 5) * 15);
		row.report_due_at = addMinutes(row.check_out_at, REPORT_HOURS * 60);
		const dueHasPassed = row.report_due_at < now;
		const onTime = addMinutes(row.check_out_at, 60 * (3 + (row.id % 18)));
		const late = addMinutes(row.report_due_at, 60 * (4 + (row.id % 20)));
		const plotline = row.id % 8;
		if (!dueHasPassed) {
			// Still within the deadline: some reports are in, some not yet.
			if (plotline % 2 === 0 && onTime < now) submit(row, onTime, false, null);
			else row.report_status = 'pending';
		} else if (plotline === 5) row.report_status = 'overdue';
		else if (plotline === 6 && late < now) submit(row, late, true, 'approved');
		else if (plotline === 7 && late < now) submit(row, late, true, null);
		else if (plotline === 4) submit(row, onTime, false, 'returned');
		else if (plotline === 2) submit(row, onTime, false, null);
		else submit(row, onTime, false, 'approved');
	}

	function submit(row: Record<string, any>, when: string, late: boolean, decision: 'approved' | 'returned' | null) {
		const reviewer = supervisor(users.find((u) => u.id === row.owner)!);
		const reviewedAt = decision ? addMinutes(when, 60 * 20) : null;
		if (reviewedAt && reviewedAt > now) decision = null;
		row.report_status = decision ?? 'submitted';
		row.report_submitted_at = when;
		row.report_late = late;
		const customer = customers.find((c) => c.id === row.customer)!;
		const reportId = reports.length + 1;
		reports.push({
			id: reportId,
			visit: row.id,
			summary: `${row.channel === 'onsite' ? '上门' : row.channel === 'phone' ? '电话' : '视频'}拜访${customer.name}，${OBJECTIVES[row.purpose as keyof typeof OBJECTIVES]}。`,
			customer_feedback: rnd.pick(['对现有产品质量满意，希望缩短交货周期', '价格偏高，希望年度框架协议给予优惠', '对新产品感兴趣，要求提供样品测试', '上批货物有少量包装破损，需跟进处理']),
			outcome: rnd.pick(['客户同意下月试单', '已确认回款时间', '需再次拜访技术负责人', '获得竞争对手报价信息']),
			participants: rnd.pick(['采购经理、技术总监', '总经理', '采购专员', '设备主管、财务主管']),
			competitor_info: rnd.chance(0.5) ? rnd.pick(['竞争对手报价低约5%，账期60天', '对手近期更换了区域代理', '对手在推广同类新品']) : null,
			next_steps: rnd.pick(['一周内提交报价单', '安排技术交流会', '寄送样品并电话跟进', '下月初再次拜访']),
			submitted_at: when,
			reviewer: decision ? reviewer.id : null,
			reviewed_at: decision ? reviewedAt : null,
			review_decision: decision,
			review_comment: decision === 'returned' ? '客户反馈和下一步计划写得太笼统，请补充具体内容' : decision === 'approved' && rnd.chance(0.3) ? '很好，按计划跟进' : null,
		});
		if (reportId % 2 === 1) followUp(row, when);
	}

	function followUp(row: Record<string, any>, from: string) {
		const n = followUps.length;
		const due = addDays(from.slice(0, 10), 7);
		const state = n % 4 === 0 ? 'done' : n % 9 === 4 ? 'cancelled' : 'open';
		followUps.push({
			id: n + 1,
			visit: row.id,
			customer: row.customer,
			owner: row.owner,
			description: rnd.pick(['发送正式报价单', '安排样品寄送', '确认回款到账', '约技术负责人交流', '提供竞品对比资料']),
			due_date: due,
			status: state,
			completed_at: state === 'done' ? (at(addDays(from.slice(0, 10), 3), 16) < now ? at(addDays(from.slice(0, 10), 3), 16) : from) : null,
			overdue: state === 'open' && due < today,
		});
	}

	const thisMonth = monthStart(today);
	const lastMonth = monthStart(today, -1);
	const nextMonth = monthStart(today, 1);
	const thisWeek = weekStart(today);
	const [rep1, rep2, rep3, rep4, rep5, rep6] = reps as [DemoUser, DemoUser, DemoUser, DemoUser, DemoUser, DemoUser];
	const manager1 = byLogin('manager1');
	const manager2 = byLogin('manager2');

	for (const rep of reps) plan(rep, 'month', lastMonth, 'approved', { late: rep === rep3, revision: rep === rep6 ? 2 : 1 });
	plan(manager1, 'month', lastMonth, 'approved');
	for (const rep of [rep1, rep2, rep4, rep5]) plan(rep, 'month', thisMonth, 'approved');
	plan(manager2, 'month', thisMonth, 'approved');
	plan(rep3, 'month', thisMonth, 'rejected');
	plan(rep6, 'month', thisMonth, 'submitted', { late: true });
	plan(rep1, 'month', nextMonth, 'submitted');
	plan(rep4, 'month', nextMonth, 'submitted');
	for (const rep of [rep2, rep3, rep5, rep6]) plan(rep, 'month', nextMonth, 'draft');
	plan(manager1, 'month', nextMonth, 'submitted');
	plan(rep3, 'week', thisWeek, 'approved');
	plan(rep6, 'week', thisWeek, 'approved');
	plan(rep1, 'week', addDays(thisWeek, 7), 'draft');
	plan(rep2, 'week', addDays(thisWeek, 7), 'rejected');
	plan(rep4, 'week', addDays(thisWeek, 7), 'submitted');
	plan(rep5, 'week', addDays(thisWeek, 7), 'draft');

	// Unplanned visits: out-of-office ones need an approved application (拜访申请).
	const recent = workdaysIn(addDays(today, -20), addDays(today, -1));
	for (const [n, rep] of reps.entries()) {
		const mine = ownCustomers(rep);
		const far = mine.find((c) => c.region_scope === 'other') ?? mine[0]!;
		const date = recent[(n * 3) % recent.length]!;
		const appliedAt = at(addDays(date, -3), 10);
		const id = visit(rep, far.id, date, 'relationship', null, {
			requires_application: true,
			application_status: 'approved',
			application_filed_at: addMinutes(appliedAt, 60 * 2),
		});
		logEntry('visits', id, 'pending', 'approved', supervisor(rep).id, addMinutes(appliedAt, 60 * 3));
		visit(rep, mine[mine.length - 1]!.id, recent[(n * 5 + 2) % recent.length]!, 'coverage', null);
	}
	// Carried out without an approved application: 视作旷工.
	const unauthorized = visit(rep2, ownCustomers(rep2).find((c) => c.region_scope !== 'local')!.id, recent.at(-3)!, 'new_customer', null, {
		requires_application: true,
		application_status: 'pending',
	});
	const carriedOut = visits[unauthorized - 1];
	if (carriedOut.status !== 'completed') complete(carriedOut, customers.find((c) => c.id === carriedOut.customer)!);
	carriedOut.unauthorized = true;
	// Applications for the coming days: one awaiting the manager, one rejected.
	const upcoming = workdaysIn(addDays(today, 2), addDays(today, 14));
	visit(rep4, ownCustomers(rep4).at(-2)!.id, upcoming[0]!, 'product_promotion', null, { requires_application: true, application_status: 'pending' });
	const rejected = visit(rep5, ownCustomers(rep5).at(-2)!.id, upcoming[1]!, 'market_research', null, { requires_application: true, application_status: 'rejected' });
	logEntry('visits', rejected, 'pending', 'rejected', rep5.reports_to!, at(today, 9), '本月差旅预算已用完，改为电话沟通');

	// A visit going on right now.
	const ongoing = visits[visit(rep1, ownCustomers(rep1)[0]!.id, today, 'relationship', null) - 1];
	ongoing.scheduled_start = addMinutes(now, -45);
	checkIn(ongoing, customers.find((c) => c.id === ongoing.customer)!);

	// Expense requests on visits and plan items (礼品/应酬/差旅/物料).
	const kinds = ['gift', 'entertainment', 'travel', 'materials'] as const;
	for (const [n, rep] of reps.entries()) {
		const myVisits = visits.filter((v) => v.owner === rep.id);
		const myItems = items.filter((i) => plans[i.plan - 1].owner === rep.id);
		for (let k = 0; k < 2; k++) {
			const status = (['pending', 'approved', 'rejected', 'approved'] as const)[(n + k) % 4]!;
			const onVisit = k === 0 && myVisits.length > 0;
			const createdAt = at(addDays(today, -10 + n + k), 11);
			const id = expenses.length + 1;
			const overBudget = n === 5 && k === 1;
			expenses.push({
				id,
				requester: rep.id,
				visit: onVisit ? myVisits[0]!.id : null,
				plan_item: onVisit ? null : (myItems[0]?.id ?? null),
				kind: kinds[(n + k) % kinds.length],
				amount: overBudget ? 6800 : rnd.pick([200, 350, 500, 800, 1200]),
				description: overBudget ? '年度大客户答谢宴，超出本月费用预算' : rnd.pick(['拜访伴手礼', '与采购经理工作午餐', '往返高铁票及住宿', '产品样品及宣传册']),
				status: overBudget ? 'pending' : status,
				approver: !overBudget && status !== 'pending' ? supervisor(rep).id : null,
				decided_at: !overBudget && status !== 'pending' ? addMinutes(createdAt, 60 * 5) : null,
				over_budget: overBudget,
			});
			if (!overBudget && status !== 'pending') logEntry('expense_requests', id, 'pending', status, supervisor(rep).id, addMinutes(createdAt, 60 * 5));
		}
	}

	// Daily reports (工作日报) for the last two weeks of workdays, due at 20:00.
	const dailyReports: any[] = [];
	let day = 0;
	for (const rep of reps) {
		for (const date of workdaysIn(addDays(today, -14), addDays(today, -1))) {
			if (++day % 11 === 0) continue; // forgotten
			const n = dailyReports.length;
			const nextMorning = at(addDays(date, 1), 9, 10);
			const late = n % 7 === 3 && nextMorning < now;
			dailyReports.push({
				id: n + 1,
				owner: rep.id,
				date,
				summary: rnd.pick(['上午拜访两家客户，下午整理报价', '电话回访老客户，跟进回款', '参加区域销售例会，准备下周计划', '陪同技术人员现场交流']),
				submitted_at: late ? nextMorning : at(date, 19, 30),
				late,
			});
		}
	}

	return { plans, items, visits, reports, followUps, expenses, dailyReports, log };
}
