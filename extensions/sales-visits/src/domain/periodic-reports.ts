/**
 * Weekly and monthly reports (周报 / 月报): which period a day falls in, when its report is due,
 * what a report must hold to go up and whether it went up late. Pure: flow/periodic-reports.ts
 * reads the rows and writes what these say.
 */
import { isIsoDate } from './input.ts';
import { periodEnd, type PeriodType } from './plan-rules.ts';
import { refusal, type FlowRefusal } from './refusals.ts';
import { addDays, endOfDay, weekday, zonedInstant } from './zoned-time.ts';

export interface ReportDueSettings {
	timezone: string;
	/** `HH:MM[:SS]` on the Friday of the week (每周五汇报). */
	weekly_report_due: string;
	/** The day of the next month by whose end a month's report is in (每月 5 号以前提交市场分析报告). */
	monthly_report_due_day: number;
}

/** The first day of the week (Monday) or month that `date` (YYYY-MM-DD) falls in. */
export function periodStartOf(type: PeriodType, date: string): string {
	if (type === 'month') return `${date.slice(0, 7)}-01`;
	return addDays(date, -((weekday(date) + 6) % 7));
}

/** Why `start` cannot begin a report's period of `type`, or null: weeks start on Monday, months on the 1st. */
export function reportPeriodProblem(type: unknown, start: unknown): FlowRefusal | null {
	if ((type !== 'week' && type !== 'month') || typeof start !== 'string') return refusal(400, 'periodic_report_period');
	const date = start.slice(0, 10);
	return isIsoDate(date) && periodStartOf(type, date) === date ? null : refusal(400, 'periodic_report_period');
}

/** The first day after the period that starts on `start`. */
export const nextPeriodStart = (type: PeriodType, start: string): string => addDays(periodEnd(type, start), 1);

/**
 * 每周五汇报, 每月 5 号以前提交市场分析报告: a week's report is due on its Friday at
 * `weekly_report_due`; a month's by the end of day `monthly_report_due_day` of the next month
 * (a day past the month's last is its last), in the company's time zone.
 */
export function periodicReportDueAt(type: PeriodType, start: string, settings: ReportDueSettings): Date {
	if (type === 'week') {
		const [h = 18, m = 0, s = 0] = settings.weekly_report_due.split(':').map(Number);
		return zonedInstant(addDays(start, 4), settings.timezone, h, m, s);
	}
	const next = nextPeriodStart('month', start);
	const day = Math.min(Math.max(1, Math.trunc(settings.monthly_report_due_day) || 1), 31);
	const last = periodEnd('month', next);
	const due = addDays(next, day - 1);
	return endOfDay(due > last ? last : due, settings.timezone);
}

/** A report is late when it first goes up after its due time; a resubmission after a return keeps that answer. */
export function submittedLate(now: Date, dueAt: string | null, status: string, wasLate: boolean): boolean {
	if (status === 'returned') return wasLate;
	return dueAt !== null && now.getTime() > Date.parse(dueAt);
}

export interface ReportContent {
	period_type: string;
	summary: string | null;
	market_analysis: string | null;
}

const filled = (value: string | null) => typeof value === 'string' && value.trim() !== '';

/** A report goes up with its summary; a month's (月报) with its market analysis (市场分析) too. */
export function reportSubmitProblem(report: ReportContent): FlowRefusal | null {
	if (!filled(report.summary)) return refusal(422, 'periodic_report_summary');
	if (report.period_type === 'month' && !filled(report.market_analysis))
		return refusal(422, 'periodic_report_market_analysis');
	return null;
}

/** What the server fills in from the period's rows the owner owns. Amounts in yuan with two decimals. */
export interface ReportFacts {
	/** Completed visits checked out in the period. */
	visits: number;
	/** Customers the owner holds that were created in the period. */
	new_customers: number;
	/** Orders of the owner signed in the period (not cancelled), and their amount. */
	orders: number;
	order_amount: string;
	/** Payments received in the period on the owner's orders. */
	collections: string;
	/** Stage changes of opportunities that the owner made in the period (approval_log). */
	opportunities_moved: number;
}
