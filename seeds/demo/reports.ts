/**
 * 周报 / 月报 of the demo's reps: this week's and this month's drafts (what the sweep would have
 * made), last week's submitted or returned, the weeks before approved (a few late) and last
 * month's in every state, with the figures the server fills in and one log row per transition.
 */
import {
	nextPeriodStart,
	periodicReportDueAt,
	periodStartOf,
	type ReportFacts,
} from '../../extensions/sales-visits/src/domain/periodic-reports.ts';
import { reps, users } from './people.ts';
import { addDays, at, chinaDate, workdayOnOrAfter, workdayOnOrBefore, type Clock } from './time.ts';
import type { ApprovalLogEntry, Payment, PeriodicReport, SalesOrder, Visit } from './types.ts';

type Log = Omit<ApprovalLogEntry, 'id'>;

const SETTINGS = { timezone: 'Asia/Shanghai', weekly_report_due: '18:00:00', monthly_report_due_day: 5 };

interface Rows {
	visits: Visit[];
	orders: SalesOrder[];
	payments: Payment[];
	log: Log[];
}

/** The period's figures as the server counts them (flow/periodic-reports.ts): the demo's customers all predate it. */
function factsOf(rows: Rows, owner: string, type: 'week' | 'month', start: string): ReportFacts {
	const end = nextPeriodStart(type, start);
	const inPeriod = (instant: string | null) =>
		instant !== null && chinaDate(instant) >= start && chinaDate(instant) < end;
	const orders = rows.orders.filter(
		(o) => o.owner === owner && o.status !== 'cancelled' && o.signed_at >= start && o.signed_at < end,
	);
	const mine = new Set(rows.orders.filter((o) => o.owner === owner).map((o) => o.id));
	const cents = (amounts: number[]) => (amounts.reduce((sum, a) => sum + Math.round(a * 100), 0) / 100).toFixed(2);
	return {
		visits: rows.visits.filter((v) => v.owner === owner && v.status === 'completed' && inPeriod(v.check_out_at)).length,
		new_customers: 0,
		orders: orders.length,
		order_amount: cents(orders.map((o) => o.amount)),
		collections: cents(rows.payments.filter((p) => mine.has(p.order) && inPeriod(p.received_at)).map((p) => p.amount)),
		opportunities_moved: rows.log.filter((l) => l.collection === 'opportunities' && l.actor === owner && inPeriod(l.at))
			.length,
	};
}

const SUMMARIES = [
	'本周重点跟进华东区两家大客户的年度采购，完成样品测试安排。',
	'完成老客户回访与回款跟进，新增一个意向客户。',
	'参加行业展会，收集竞品价格信息，整理客户需求。',
];
const PLANS = ['下周拜访重点客户并推进报价。', '跟进合同审批与回款计划。'];
const MARKET = '华东区域需求回暖，竞品下调报价约 5%，建议对重点客户维持价格并加强售后服务。';

export function makePeriodicReports(clock: Clock, rows: Rows): { reports: PeriodicReport[]; log: Log[] } {
	const reports: PeriodicReport[] = [];
	const log: Log[] = [];
	const week = periodStartOf('week', clock.today);
	const month = periodStartOf('month', clock.today);
	const lastMonth = periodStartOf('month', addDays(month, -1));
	const states = ['submitted', 'returned', 'approved'] as const;
	// This week's and this month's: drafts. Last week's and month's: submitted when their time has come.
	// Older ones: in every state by rep, or approved.
	const periods: { type: 'week' | 'month'; start: string; state: (r: number) => 'draft' | (typeof states)[number] }[] =
		[
			{ type: 'week', start: week, state: () => 'draft' },
			{ type: 'month', start: month, state: () => 'draft' },
			{ type: 'week', start: addDays(week, -7), state: () => 'submitted' },
			{ type: 'week', start: addDays(week, -14), state: (r) => states[r % 3]! },
			{ type: 'week', start: addDays(week, -21), state: () => 'approved' },
			{ type: 'month', start: lastMonth, state: () => 'submitted' },
			{ type: 'month', start: periodStartOf('month', addDays(lastMonth, -1)), state: (r) => states[(r + 1) % 3]! },
		];
	for (const [r, rep] of reps.entries()) {
		const boss = users.find((u) => u.id === rep.reports_to)!.id;
		for (const [p, { type, start, state: stateOf }] of periods.entries()) {
			const id = reports.length + 1;
			const due = periodicReportDueAt(type, start, SETTINGS).toISOString();
			const report: PeriodicReport = {
				id,
				owner: rep.id,
				period_type: type,
				period_start: start,
				due_at: due,
				facts: factsOf(rows, rep.id, type, start),
				summary: null,
				next_plan: null,
				market_analysis: null,
				status: 'draft',
				submitted_at: null,
				late: false,
				reviewer: null,
				review_comment: null,
			};
			reports.push(report);
			const state = stateOf(r);
			if (state === 'draft') continue;
			// Late for every third rep.
			const late = (r + p) % 3 === 0;
			// On time on the last workday by the deadline, late on the first workday after it.
			const dueDay = type === 'week' ? addDays(start, 4) : chinaDate(due);
			const submitted = late
				? at(workdayOnOrAfter(addDays(dueDay, 1)), 10)
				: at(workdayOnOrBefore(dueDay), type === 'week' ? 16 : 11);
			if (submitted > clock.now) continue;
			Object.assign(report, {
				summary: SUMMARIES[(r + p) % SUMMARIES.length],
				next_plan: PLANS[(r + p) % PLANS.length],
				market_analysis: type === 'month' ? MARKET : null,
				status: 'submitted',
				submitted_at: submitted,
				late,
			});
			log.push(entry(id, 'draft', 'submitted', rep.id, submitted, null));
			if (state === 'submitted') continue;
			const decided = at(workdayOnOrAfter(addDays(chinaDate(submitted), 1)), 9, 30);
			if (decided > clock.now) continue;
			const comment = state === 'returned' ? '请补充重点客户的竞争对手情况' : null;
			Object.assign(report, { status: state, reviewer: boss, review_comment: comment });
			log.push(entry(id, 'submitted', state, boss, decided, comment));
		}
	}
	return { reports, log };
}

const entry = (item: number, from: string, to: string, actor: string, when: string, comment: string | null): Log => ({
	collection: 'periodic_reports',
	item: String(item),
	from_status: from,
	to_status: to,
	actor,
	at: when,
	comment,
});
