/**
 * Fields derived when an item is saved: a plan's submission deadline, whether a visit needs
 * an application, whether an expense request is over budget, when a daily report came in. Written after the save, by
 * the flow writer, since the people who save these items may not write flow-owned fields.
 */
import type { Accountability } from '@directus/types';
import { submitDueAt, type PeriodType } from '../domain/plan-rules.ts';
import { requiresApplication } from '../domain/visit-rules.ts';
import { zonedInstant } from '../domain/zoned-time.ts';
import { overBudget } from './budget.ts';
import { notifyAwaiting } from './notify.ts';
import { loadPerson } from './people.ts';
import { loadCalendar, loadSettings } from './settings.ts';
import { toDate, toIso } from './values.ts';
import type { FlowContext } from './context.ts';
import { flowAccountability, inFlowTransaction } from './writer.ts';

async function write(
	ctx: FlowContext,
	accountability: Accountability | null,
	collection: string,
	id: number | string,
	patch: Record<string, unknown>,
) {
	await inFlowTransaction(ctx.database, async (trx) => {
		const items = new ctx.services.ItemsService(collection, {
			schema: await ctx.getSchema({ database: trx }),
			accountability: flowAccountability(accountability),
			knex: trx,
		});
		await items.updateOne(id, patch);
	});
}

/** 每月底提出次月拜访计划书; weekly plans by the configured weekday. */
export async function deriveSubmitDue(
	ctx: FlowContext,
	accountability: Accountability | null,
	ids: (number | string)[],
) {
	const settings = await loadSettings(ctx.database);
	const calendar = await loadCalendar(ctx.database);
	for (const plan of await ctx
		.database('visit_plans')
		.whereIn('id', ids)
		.select('id', 'period_type', 'period_start', 'submit_due_at')) {
		const start = toDate(plan.period_start);
		const due = submitDueAt(plan.period_type as PeriodType, start, settings, calendar).toISOString();
		if (!plan.submit_due_at || toIso(plan.submit_due_at) !== due)
			await write(ctx, accountability, 'visit_plans', plan.id, { submit_due_at: due });
	}
}

/**
 * Going out to a customer outside an approved plan, or on a trip, is applied for first
 * (出门拜访须填写拜访申请单); a phone or video call is not going out.
 */
export async function deriveRequiresApplication(
	ctx: FlowContext,
	accountability: Accountability | null,
	ids: (number | string)[],
) {
	const settings = await loadSettings(ctx.database);
	const visits = await ctx
		.database('visits')
		.whereIn('id', ids)
		.where({ application_status: 'not_required' })
		.select('id', 'plan_item', 'channel', 'travel', 'requires_application');
	for (const visit of visits) {
		const requires = requiresApplication(visit, settings.require_application_for_unplanned);
		if (requires !== Boolean(visit.requires_application))
			await write(ctx, accountability, 'visits', visit.id, { requires_application: requires });
	}
}

/** A new expense request: over budget or not, and its approver hears of it. */
export async function deriveExpense(ctx: FlowContext, accountability: Accountability | null, id: number | string) {
	const row = await ctx.database('expense_requests').where({ id }).first();
	if (!row) return;
	const over = await overBudget(ctx.database, row, (await loadSettings(ctx.database)).timezone);
	if (over) await write(ctx, accountability, 'expense_requests', id, { over_budget: true });
	await notifyAwaiting(ctx, 'expense', Number(id), await loadPerson(ctx.database, row.requester), over);
}

/** A daily report is submitted when it is saved; late after `daily_report_due_time` on its day. */
export async function deriveDailyReport(ctx: FlowContext, accountability: Accountability | null, id: number | string) {
	const row = await ctx.database('daily_reports').where({ id }).first('date', 'submitted_at');
	if (!row || row.submitted_at) return;
	const settings = await loadSettings(ctx.database);
	const [h, m] = settings.daily_report_due_time.split(':').map(Number) as [number, number];
	const now = new Date();
	await write(ctx, accountability, 'daily_reports', id, {
		submitted_at: now.toISOString(),
		late: now > zonedInstant(toDate(row.date), settings.timezone, h, m),
	});
}
