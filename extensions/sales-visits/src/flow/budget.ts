/** Whether an expense request takes its requester's month over budget (sales_targets.expense_budget). */
import type { Knex } from 'knex';
import { isOverBudget } from '../domain/approval.ts';
import { zonedDate } from '../domain/zoned-time.ts';
import { toDate, toInstant } from './values.ts';

type Stamp = string | number | Date | null;

const monthOf = (stamp: Stamp, timezone: string) => zonedDate(toInstant(stamp) ?? new Date(), timezone).slice(0, 7);

/**
 * The month's approved requests (this one excluded) plus this one, against the month's
 * target. The month is the request's, in the settings' zone. Months are picked out in code
 * because SQLite and Postgres store dates and timestamps differently (a person has a few
 * targets and requests a month).
 */
export async function overBudget(
	knex: Knex,
	request: { id: number; requester: string; amount: number | string; date_created: Stamp },
	timezone: string,
): Promise<boolean> {
	const month = monthOf(request.date_created, timezone);
	const targets: { period_start: unknown; expense_budget: number | string | null }[] = await knex('sales_targets')
		.select('period_start', 'expense_budget')
		// The month's approved target; a newer approved revision replaces an older one.
		.where({ owner: request.requester, period_type: 'month', status: 'approved' })
		.whereNull('superseded_by');
	const target = targets.find((t) => toDate(t.period_start) === `${month}-01`);
	if (!target || target.expense_budget === null) return false;
	const approved: { amount: number | string; date_created: Stamp }[] = await knex('expense_requests')
		.select('amount', 'date_created')
		.where({ requester: request.requester, status: 'approved' })
		.whereNot({ id: request.id });
	const spent = approved
		.filter((r) => monthOf(r.date_created, timezone) === month)
		.reduce((sum, r) => sum + Number(r.amount), 0);
	return isOverBudget(spent, Number(request.amount), Number(target.expense_budget));
}
