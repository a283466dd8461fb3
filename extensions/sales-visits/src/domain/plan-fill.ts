/**
 * 按频次补齐: a month plan is filled from the owner's own book with what the coverage check
 * (coverage.ts) says is short, one item per missing visit, so that the plan covers every
 * customer's quota. Only the owner fills, only while the plan is theirs to edit (a draft, or a
 * rejected plan being reworked); a week plan has no check to fill from. The dates are spread
 * evenly over the period's working days (work calendar: no weekend, no public holiday, 调休
 * make-up days count), from today on when the period has begun, and a customer's visits of one
 * round come before anyone's second, so one customer's visits lie far apart.
 */
import type { Caller } from './approval.ts';
import { editableStatuses } from './flow-fields.ts';
import { stateLabel } from './flow-table.ts';
import { isWorkday, type WorkCalendar } from './work-days.ts';
import { refusal, type FlowRefusal } from './refusals.ts';
import { addDays } from './zoned-time.ts';

export interface FillablePlan {
	owner: string;
	status: string;
	period_type: string;
}

/** Why the caller may not fill the plan, or null. */
export function fillProblem(caller: Pick<Caller, 'id'>, plan: FillablePlan): FlowRefusal | null {
	if (caller.id !== plan.owner) return refusal(403, 'plan_fill_owner');
	if (!(editableStatuses.visit_plans as readonly string[]).includes(plan.status))
		return refusal(409, 'plan_locked', { status: stateLabel('plan', plan.status) });
	if (plan.period_type !== 'month') return refusal(422, 'plan_fill_month');
	return null;
}

/** Whether 按频次补齐 is offered: the caller may fill the plan and it leaves someone short now. */
export const fillOffered = (caller: Pick<Caller, 'id'>, plan: FillablePlan, liveShort: number): boolean =>
	fillProblem(caller, plan) === null && liveShort > 0;

/** A month has at most 31 days: the walk over the period is bounded whatever it is given. */
const MAX_DAYS = 31;

/** The working days of [start, end] on or after `today`; all of the period's when none is left. */
export function fillDays(start: string, end: string, today: string, calendar: WorkCalendar): string[] {
	const all: string[] = [];
	for (let d = start, n = 0; d <= end && n < MAX_DAYS; d = addDays(d, 1), n++) if (isWorkday(d, calendar)) all.push(d);
	const ahead = all.filter((d) => d >= today);
	return ahead.length ? ahead : all;
}

export interface Short {
	customer: number;
	short: number;
}

/** One item per missing visit, round by round, the k-th of n on the ⌊k·days/n⌋-th working day. */
export function fillItems(shortfalls: readonly Short[], days: readonly string[]): { customer: number; date: string }[] {
	if (days.length === 0) return [];
	const rounds = Math.max(0, ...shortfalls.map((s) => s.short));
	const order: number[] = [];
	for (let round = 0; round < rounds; round++) for (const s of shortfalls) if (s.short > round) order.push(s.customer);
	return order.map((customer, k) => ({ customer, date: days[Math.floor((k * days.length) / order.length)]! }));
}
