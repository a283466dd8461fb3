/**
 * A sales cycle transition inside a flow transaction (domain/sales-flows.ts): the route picks
 * the table's action, `decideSales` authorizes it and says what it stamps, and a submitted
 * quote carries the totals of the lines it was submitted with, a submitted weekly or monthly
 * report its period's figures, a signed contract makes its order and wins its opportunity, and
 * an accepted delivery delivers its order.
 */
import type { Knex } from 'knex';
import type { Caller } from '../domain/approval.ts';
import { quoteTotals } from '../domain/quotes.ts';
import {
	decideSales,
	salesFlows,
	salesRouteAction,
	type SalesFacts,
	type SalesFlowKey,
} from '../domain/sales-flows.ts';
import { Refused } from './errors.ts';
import { signContract } from './contracts.ts';
import { deliverOrder } from './deliveries.ts';
import { reportFacts } from './periodic-reports.ts';
import { quoteLinesFacts } from './quote-data.ts';
import { supersedePrevious } from './targets.ts';
import type { VisitSettings } from './settings.ts';
import { toDate } from './values.ts';
import { zonedDate } from '../domain/zoned-time.ts';
import type { ActionRequest, Row, Writer } from './context.ts';

interface SalesStepContext {
	trx: Knex.Transaction;
	flow: SalesFlowKey;
	request: ActionRequest;
	row: Row;
	/** Read by flow/facts.ts, as for the actions offered. */
	facts: SalesFacts;
	caller: Caller;
	settings: VisitSettings;
	approverName: string | null;
	now: Date;
	writer: Writer;
}

/** Writes the transition and its approval_log row; returns where it led and its comment. */
export async function salesStep(ctx: SalesStepContext): Promise<{ to: string; comment: string | null }> {
	const { trx, flow, request, row, facts, now } = ctx;
	const routed = salesRouteAction(flow, request.action, facts, request.body);
	if ('code' in routed) throw new Refused(routed);
	const decision = decideSales({
		flow,
		action: routed.action,
		item: facts,
		caller: ctx.caller,
		comment: request.comment ?? null,
		now,
		approverName: ctx.approverName,
		details: request.body,
		stageProbabilities: ctx.settings.stage_probabilities,
		receptionReportHours: ctx.settings.reception_report_hours,
		today: zonedDate(now, ctx.settings.timezone),
	});
	if (!decision.ok) throw new Refused(decision.refusal);
	// Totals saved with each line may lag a concurrent edit; the ones approved are those of the lines read under lock.
	if (flow === 'quote' && request.action === 'submit')
		Object.assign(decision.patch, quoteTotals((await quoteLinesFacts(trx, row.id)).lines));
	// A report goes up with its period's figures as they stand now.
	if (flow === 'periodic_report' && decision.to === 'submitted')
		decision.patch.facts = await reportFacts(
			trx,
			row.owner,
			row.period_type,
			toDate(row.period_start),
			ctx.settings.timezone,
		);

	await ctx.writer(salesFlows[flow].collection).updateOne(row.id, decision.patch);
	await ctx.writer('approval_log').createOne(decision.log);
	// 接待报告的承诺事项: the host's follow-ups, in the report's transaction.
	if (flow === 'reception' && decision.followUps)
		await ctx.writer('follow_ups').createMany(
			decision.followUps.map((p) => ({
				reception: row.id,
				customer: row.customer,
				owner: row.host,
				description: p.description,
				due_date: p.due_date,
				status: 'open',
			})),
		);
	if (flow === 'contract' && decision.to === 'signed')
		await signContract(trx, ctx.writer, row, ctx.caller, ctx.settings, now);
	if (flow === 'target' && routed.action === 'approve') await supersedePrevious(trx, row);
	if (flow === 'delivery' && decision.to === 'accepted')
		await deliverOrder(trx, ctx.writer, row.order, ctx.caller, now);
	return { to: decision.to, comment: decision.log.comment };
}
