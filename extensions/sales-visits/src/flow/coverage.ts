/**
 * The data of the plan-time coverage check (domain/coverage.ts), read in the submit's
 * transaction and for the plan form's table: the owner's active customers, one GROUP BY over
 * their visits (completed and still to come, per period length and channel) and one over the
 * plan's unscheduled items.
 */
import type { Accountability, Item } from '@directus/types';
import type { Knex } from 'knex';
import { editableStatuses } from '../domain/flow-fields.ts';
import { toId } from '../domain/input.ts';
import { coverageShortfalls, type CountKey, type PeriodCounts, type Shortfall } from '../domain/coverage.ts';
import { periodOf, type QuotaPeriod } from '../domain/quota.ts';
import { refusal, type FlowRefusal } from '../domain/refusals.ts';
import { addDays, zonedInstant } from '../domain/zoned-time.ts';
import type { FlowContext, Row } from './context.ts';
import { refusalError } from './errors.ts';
import { loadCaller } from './people.ts';
import { activeCustomers, loadRules } from './quota-data.ts';
import { loadSettings, type VisitSettings } from './settings.ts';
import { toDate, vendorValues } from './values.ts';

const PERIODS: QuotaPeriod[] = ['month', 'quarter', 'half_year', 'year'];
const UPCOMING = ['scheduled', 'in_progress'];

export async function planShortfalls(trx: Knex, plan: Row, timezone: string): Promise<Shortfall[]> {
	const month = `${toDate(plan.period_start).slice(0, 7)}-01`;
	const customers = await activeCustomers(trx, [plan.owner]);
	if (customers.length === 0) return [];
	const v = vendorValues(trx);
	const instant = (day: string) => v.instant(zonedInstant(day, timezone));
	const year = periodOf('year', month);

	// For each period length and channel: completed (by check-out) and upcoming (by schedule) visits.
	const sums = PERIODS.flatMap((period) => {
		const { start, end } = periodOf(period, month);
		const range = [instant(start), instant(addDays(end, 1))];
		return (['any', 'onsite'] as const).flatMap((channel) => {
			const onsite = channel === 'onsite' ? " AND channel = 'onsite'" : '';
			return [
				trx.raw(
					`SUM(CASE WHEN status = 'completed' AND check_out_at >= ? AND check_out_at < ?${onsite} THEN 1 ELSE 0 END) AS ??`,
					[...range, `${period}_${channel}_done`],
				),
				trx.raw(
					`SUM(CASE WHEN status IN ('scheduled', 'in_progress') AND scheduled_start >= ? AND scheduled_start < ?${onsite} THEN 1 ELSE 0 END) AS ??`,
					[...range, `${period}_${channel}_scheduled`],
				),
			];
		});
	});
	const yearRange = [instant(year.start), instant(addDays(year.end, 1))] as const;
	const visits: Record<string, unknown>[] = await trx('visits')
		.select('customer', ...sums)
		.where('owner', plan.owner)
		.where((q) =>
			q
				.where((done) => done.where('status', 'completed').whereBetween('check_out_at', yearRange))
				.orWhere((upcoming) => upcoming.whereIn('status', UPCOMING).whereBetween('scheduled_start', yearRange)),
		)
		.groupBy('customer');
	const counted = new Map(visits.map((row) => [Number(row.customer), row]));

	// An item that already has a visit (a revised plan's) counts through that visit.
	const items: { customer: number; n: number | string }[] = await trx('visit_plan_items')
		.where({ plan: plan.id })
		.whereNull('visit')
		.select('customer')
		.count({ n: '*' })
		.groupBy('customer');
	const planned = new Map(items.map((i) => [Number(i.customer), Number(i.n)]));

	const rules = await loadRules(trx);
	return coverageShortfalls(
		month,
		rules,
		customers.map((c) => {
			const row = counted.get(c.id) ?? {};
			const counts: Partial<Record<CountKey, PeriodCounts>> = {};
			for (const period of PERIODS) {
				for (const channel of ['any', 'onsite'] as const) {
					counts[`${period}_${channel}`] = {
						done: Number(row[`${period}_${channel}_done`] ?? 0),
						scheduled: Number(row[`${period}_${channel}_scheduled`] ?? 0),
					};
				}
			}
			return { ...c, counts, planned: planned.get(c.id) ?? 0 };
		}),
	);
}

/** How many names a refusal lists before “…”. */
const NAMED = 5;

/** With `plan_coverage_check` = `block`, a month plan that leaves customers short is not submitted. */
export async function coverageProblem(knex: Knex, plan: Row, settings: VisitSettings): Promise<FlowRefusal | null> {
	if (plan.period_type !== 'month' || settings.plan_coverage_check !== 'block') return null;
	const shortfalls = await planShortfalls(knex, plan, settings.timezone);
	if (shortfalls.length === 0) return null;
	const names = shortfalls.slice(0, NAMED).map((s) => s.name);
	const more = shortfalls.length > NAMED ? '…' : '';
	return refusal(422, 'plan_coverage_short', {
		count: String(shortfalls.length),
		customers: { 'zh-CN': names.join('、') + more, 'en-US': names.join(', ') + more },
	});
}

/** What a month plan's submission writes about coverage (the shortfalls it was submitted with). */
export async function coveragePatch(trx: Knex, plan: Row, settings: VisitSettings): Promise<Record<string, unknown>> {
	const shortfalls = await planShortfalls(trx, plan, settings.timezone);
	return { coverage_shortfalls: shortfalls, coverage_short_count: shortfalls.length };
}

/** What `GET /visit-flow/plans/:id/coverage` answers. */
export interface PlanCoverageView {
	id: number;
	status: string;
	/** Only month plans are checked. */
	checked: boolean;
	/** true: computed now (an editable plan: what submitting it would save); false: as last submitted. */
	live: boolean;
	/** null: a plan not yet submitted with a check (a week plan, or one from before the check). */
	shortfalls: Shortfall[] | null;
}

/**
 * `GET /visit-flow/plans/:id/coverage`: an editable (draft or rejected) month plan's shortfalls computed now, any other's
 * as its last submission saved them. The plan is read as the caller: one they may not read does
 * not exist for them (404).
 */
export async function planCoverageAs(
	ctx: FlowContext,
	accountability: Accountability | null,
	rawId: unknown,
	acceptLanguage?: string,
): Promise<PlanCoverageView> {
	const knex = ctx.database;
	const fail = async (problem: FlowRefusal) =>
		refusalError(problem, (await loadCaller(knex, accountability, acceptLanguage)).language);
	const id = toId(rawId);
	if (id === null) throw await fail(refusal(400, 'bad_request'));
	const plans = new ctx.services.ItemsService<Item>('visit_plans', {
		schema: await ctx.getSchema({ database: knex }),
		accountability,
		knex,
	});
	const [seen] = await plans.readByQuery({ filter: { id: { _eq: id } }, fields: ['id'], limit: 1 }).catch(() => []);
	// No accountability would read as the system: nothing is readable without one.
	if (!seen || !accountability) throw await fail(refusal(404, 'not_found'));
	const plan: Row = await knex('visit_plans').where({ id }).first();
	const checked = plan.period_type === 'month';
	if (checked && (editableStatuses.visit_plans as readonly string[]).includes(plan.status)) {
		const { timezone } = await loadSettings(knex);
		const shortfalls = await planShortfalls(knex, plan, timezone);
		return { id, status: plan.status, checked, live: true, shortfalls };
	}
	const stored =
		typeof plan.coverage_shortfalls === 'string' ? JSON.parse(plan.coverage_shortfalls) : plan.coverage_shortfalls;
	return {
		id,
		status: plan.status,
		checked,
		live: false,
		shortfalls: checked ? ((stored as Shortfall[] | null) ?? null) : null,
	};
}
