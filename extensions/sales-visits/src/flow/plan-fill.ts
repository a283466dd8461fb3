/**
 * `POST /visit-flow/plans/:id/fill` (按频次补齐, domain/plan-fill.ts): in one transaction, under
 * the plan's lock, the coverage check of the plan as it stands and one insert of an item per
 * missing visit, for the owner's own customers only. A second call finds nothing short and adds
 * nothing.
 */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import type { OfferedAction } from '../domain/action-model.ts';
import { fillDays, fillItems, fillProblem } from '../domain/plan-fill.ts';
import { zonedDate } from '../domain/zoned-time.ts';
import { clearDataCache } from './cache.ts';
import type { ActionRequest, FlowContext, Row } from './context.ts';
import { actionsFor } from './actions.ts';
import { planCoverageAs, planShortfalls, type PlanCoverageView } from './coverage.ts';
import { asDirectusError, Refused } from './errors.ts';
import { loadCaller } from './people.ts';
import { loadCalendar, loadSettings } from './settings.ts';
import { toDate, vendorValues } from './values.ts';
import { inFlowTransaction, lockVisible } from './writer.ts';

/** Rows per INSERT: far below every vendor's limit on bound values. */
const CHUNK = 200;

export async function fillPlan(
	ctx: FlowContext,
	request: Omit<ActionRequest, 'flow' | 'action'>,
): Promise<{ id: number; added: number }> {
	const { caller, language } = await loadCaller(ctx.database, request.accountability, request.acceptLanguage);
	const added = await inFlowTransaction(ctx.database, async (trx) => {
		const schema = await ctx.getSchema({ database: trx });
		await lockVisible(ctx, trx, schema, 'visit_plans', request.id, request.accountability);
		const plan: Row = await trx('visit_plans').where({ id: request.id }).first();
		const problem = fillProblem(caller, { owner: plan.owner, status: plan.status, period_type: plan.period_type });
		if (problem) throw new Refused(problem);
		return addShortItems(trx, plan);
	}).catch(asDirectusError(language));
	// Written with SQL: the items API must not answer from a cache that predates them.
	if (added > 0) await clearDataCache(ctx);
	return { id: request.id, added };
}

async function addShortItems(trx: Knex.Transaction, plan: Row): Promise<number> {
	const { timezone } = await loadSettings(trx);
	const shortfalls = await planShortfalls(trx, plan, timezone);
	if (shortfalls.length === 0) return 0;
	const days = fillDays(
		toDate(plan.period_start),
		toDate(plan.period_end),
		zonedDate(new Date(), timezone),
		await loadCalendar(trx),
	);
	const v = vendorValues(trx);
	const now = v.instant(new Date());
	const rows = fillItems(shortfalls, days).map((item) => ({
		plan: plan.id,
		customer: item.customer,
		planned_date: v.date(item.date),
		purpose: 'coverage',
		date_created: now,
	}));
	for (let i = 0; i < rows.length; i += CHUNK) await trx('visit_plan_items').insert(rows.slice(i, i + CHUNK));
	// The plan changed with its items: its form (and the panels that follow its date_updated) read it again.
	if (rows.length) await trx('visit_plans').where({ id: plan.id }).update({ date_updated: now });
	return rows.length;
}

/**
 * `GET /visit-flow/plans/:id/coverage`: the check with what the caller may do from its table,
 * 按频次补齐 (`plan.fill`) while the server offers it (the actions endpoint's own rule).
 */
export async function coverageWithFill(
	ctx: FlowContext,
	accountability: Accountability | null,
	rawId: unknown,
	acceptLanguage?: string,
): Promise<PlanCoverageView & { actions: OfferedAction[] }> {
	const view = await planCoverageAs(ctx, accountability, rawId, acceptLanguage);
	const { actions } = await actionsFor(ctx, accountability, 'visit_plans', view.id, acceptLanguage);
	return { ...view, actions: actions.filter((a) => a.key === 'plan.fill') };
}
