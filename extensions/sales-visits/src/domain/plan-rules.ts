/**
 * Rules of the visit plans (拜访计划): their periods, when they are due and what a plan
 * must hold before it can be submitted.
 */
import { isIsoDate } from './input.ts';
import type { FlowRefusal } from './refusals.ts';
import { refusal } from './refusals.ts';
import { workdayBefore, type WorkCalendar } from './work-days.ts';
import { addDays, endOfDay, weekday } from './zoned-time.ts';

export type PeriodType = 'month' | 'week';

export interface PlanSettings {
	timezone: string;
	/** `last_day_of_prior_month` or `last_workday_of_prior_month`. */
	month_plan_due: string;
	/** 0 = Sunday … 6 = Saturday, as stored (a string in the choice list). */
	week_plan_due_weekday: string | number;
}

/** The last day of the period that starts on `start`. */
export function periodEnd(type: PeriodType, start: string): string {
	if (type === 'week') return addDays(start, 6);
	const [y, m] = start.split('-').map(Number) as [number, number];
	return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** A plan's period start as given: a date, or for a month plan its month (`YYYY-MM`), which starts on the 1st. */
export const periodStartOf = (type: PeriodType, value: unknown): string =>
	type === 'month' && typeof value === 'string' && /^\d{4}-\d{2}$/.test(value) ? `${value}-01` : String(value);

/** Why `start` cannot begin a period of `type`, or null: months start on the 1st, weeks on Monday. */
export function periodStartProblem(type: PeriodType, start: string): FlowRefusal | null {
	if (!isIsoDate(start)) return refusal(400, 'period_invalid');
	if (type === 'month' && !start.endsWith('-01')) return refusal(400, 'period_month_start');
	if (type === 'week' && weekday(start) !== 1) return refusal(400, 'period_week_start');
	return null;
}

/**
 * When a plan is due (每月底提出次月拜访计划书; 在周日前制订出第二周的工作计划): the end of
 * the last (working) day before a month, or of the configured weekday before a week, in the
 * settings' time zone.
 */
export function submitDueAt(type: PeriodType, start: string, settings: PlanSettings, calendar: WorkCalendar): Date {
	let day: string;
	if (type === 'month') {
		day =
			settings.month_plan_due === 'last_workday_of_prior_month' ? workdayBefore(start, calendar) : addDays(start, -1);
	} else {
		const due = Number(settings.week_plan_due_weekday);
		day = addDays(start, -1);
		// Seven steps at most: a weekday the settings do not know falls back to the day before.
		for (let n = 0; n < 6 && weekday(day) !== due; n++) day = addDays(day, -1);
		if (weekday(day) !== due) day = addDays(start, -1);
	}
	return endOfDay(day, settings.timezone);
}

export interface PlanItemFacts {
	id: number;
	planned_date: string;
	/** Whether the plan's owner may visit this customer (their own, or a team member's for a manager). */
	customer_allowed: boolean;
}

/** What keeps a plan from being submitted, or null. */
export function submitProblem(
	plan: { period_start: string; period_end: string },
	items: PlanItemFacts[],
): FlowRefusal | null {
	if (items.length === 0) return refusal(422, 'plan_empty');
	const outside = items.filter((i) => i.planned_date < plan.period_start || i.planned_date > plan.period_end);
	if (outside.length)
		return refusal(422, 'plan_item_outside', {
			items: outside.map((i) => i.id).join(', '),
			from: plan.period_start,
			to: plan.period_end,
		});
	const foreign = items.filter((i) => !i.customer_allowed);
	if (foreign.length) return refusal(422, 'plan_item_customer', { items: foreign.map((i) => i.id).join(', ') });
	return null;
}
