/**
 * Takes one transition for a caller: authorizes it by the domain rules, locks the row, writes
 * the stamps, the approval_log row and what comes with it (a month plan's coverage check, an
 * approved plan's visits, a report and its follow-ups, a resolved complaint's revisit) in one
 * transaction, then notifies. Endpoints, the Studio panels and an Administrator's hand edits of
 * a status all come through here.
 */
import type { Knex } from 'knex';
import { decide, fileApplication, type Caller } from '../domain/approval.ts';
import { submittedShort } from '../domain/coverage.ts';
import { definitionOf, isSalesFlow } from '../domain/flow-table.ts';
import { acknowledgeProblem, escalationVisit, type VisitFacts } from '../domain/visit-rules.ts';
import type { Language } from '../domain/language.ts';
import type { FlowRefusal } from '../domain/refusals.ts';
import { workdayAfter } from '../domain/work-days.ts';
import { zonedDate, zonedInstant } from '../domain/zoned-time.ts';
import { clearDataCache } from './cache.ts';
import { scheduleComplaintRevisit } from './care.ts';
import { loadFacts } from './facts.ts';
import type { ActionRequest, FlowContext, Row, Writer } from './context.ts';
import { coveragePatch } from './coverage.ts';
import { asDirectusError, Refused } from './errors.ts';
import { fieldWorkStep } from './field-work.ts';
import { salesStep } from './sales-step.ts';
import { notifyTransition, type Notice } from './notify.ts';
import { seesAs } from './readable.ts';
import { loadCaller, loadPerson } from './people.ts';
import { loadCalendar, loadSettings } from './settings.ts';
import { toDate, toIso } from './values.ts';
import { flowAccountability, inFlowTransaction, lockVisible } from './writer.ts';

/**
 * Takes the action for the caller and returns the item as the caller now sees it, with what the
 * caller should be told beyond “done” (a month plan submitted with customers left short).
 */
export async function takeAction(
	ctx: FlowContext,
	request: ActionRequest,
): Promise<{ item: Record<string, unknown>; outcome: Outcome | null }> {
	const { language } = await loadCaller(ctx.database, request.accountability, request.acceptLanguage);
	const [notice] = await takeActions(ctx, [request], language);
	const short = notice?.flow === 'plan' && notice.action === 'submit' ? submittedShort(notice.shortfalls ?? 0) : null;
	const outcome: Outcome | null = short ? { level: 'warning', message: short[language], messages: short } : null;
	return { item: await readAsCaller(ctx, request), outcome };
}

/** A transition's message to the caller, in their language and in both. */
export interface Outcome {
	level: 'warning';
	message: string;
	messages: Record<Language, string>;
}

/** Transitions in one transaction, all or nothing (an Administrator's batch edit of a status), then their notices. */
export async function takeActions(ctx: FlowContext, requests: ActionRequest[], language: Language): Promise<Notice[]> {
	const notices = await inFlowTransaction(ctx.database, async (trx) => {
		const done: Notice[] = [];
		for (const request of requests) done.push(await transition(ctx, trx, request));
		return done;
	}).catch(asDirectusError(language));
	// A plan's visit links and a complaint's revisit are written with SQL, after ItemsService last cleared the cache.
	await clearDataCache(ctx);
	for (const notice of notices) await notifyTransition(ctx, notice);
	return notices;
}

async function readAsCaller(
	ctx: FlowContext,
	{ flow, id, accountability }: ActionRequest,
): Promise<Record<string, unknown>> {
	const schema = await ctx.getSchema();
	const items = new ctx.services.ItemsService(definitionOf(flow).collection, {
		schema,
		accountability,
		knex: ctx.database,
	});
	return items.readOne(id);
}

async function transition(ctx: FlowContext, trx: Knex.Transaction, request: ActionRequest): Promise<Notice> {
	const { flow, id, action, accountability } = request;
	const definition = definitionOf(flow);
	const schema = await ctx.getSchema({ database: trx });
	const { caller } = await loadCaller(trx, accountability, request.acceptLanguage);

	await lockVisible(ctx, trx, schema, definition.collection, id, accountability);

	const row = await trx(definition.collection).where({ id }).first();
	const settings = await loadSettings(trx);
	const sees = seesAs(ctx, accountability, trx);
	const { facts, owner, approverName } = await loadFacts(trx, flow, row, settings, sees);
	const writer = (collection: string) =>
		new ctx.services.ItemsService(collection, {
			schema,
			accountability: flowAccountability(accountability),
			knex: trx,
		});
	const now = new Date();

	if (flow === 'visit' || flow === 'report') {
		const step = await fieldWorkStep({
			trx,
			request: { ...request, flow },
			row,
			facts: facts as VisitFacts,
			caller,
			settings,
			approverName,
			now,
			writer,
		});
		return { flow, action, id, owner, caller, to: step.to, comment: step.log.comment, needsGeneralManager: false };
	}

	if (isSalesFlow(flow)) {
		const step = await salesStep({ trx, flow, request, row, facts, caller, settings, approverName, now, writer });
		// A quote needs a General Manager for a price under the floor or a discount beyond a manager's;
		// a target is approved a level above its setter, whom a General Manager may stand in for.
		const needsGeneralManager =
			(flow === 'quote' && facts.discount_approver === 'general_manager') || flow === 'target' || flow === 'appraisal';
		const setter = facts.target?.setter ?? null;
		return { flow, action, id, owner, caller, to: step.to, comment: step.comment, needsGeneralManager, setter };
	}

	const decision = decide({
		flow,
		action,
		item: facts,
		caller,
		comment: request.comment ?? null,
		now,
		applicationLeadHours: settings.application_lead_hours,
		approverName,
		details: request.body,
	});
	if (!decision.ok) throw new Refused(decision.refusal);
	if (flow === 'plan' && action === 'submit' && row.period_type === 'month')
		Object.assign(decision.patch, await coveragePatch(trx, row, settings));
	if (flow === 'expense') decision.patch.over_budget = facts.over_budget;
	// 回访报告: due the next working day after the revisit is done (the company's date, the work calendar).
	if (flow === 'revisit' && action === 'done')
		decision.patch.report_due_at = workdayAfter(zonedDate(now, settings.timezone), await loadCalendar(trx));
	// 需上门拜访: the on-site visit for the customer's owner, made in this transaction and linked to the revisit.
	const escalation =
		flow === 'revisit' && action === 'escalate'
			? await escalate(trx, writer, row, facts.customer_owner!, request.body ?? {}, settings, now)
			: null;
	if (escalation) decision.patch.escalated_visit = escalation.visit;

	await writer(definition.collection).updateOne(id, decision.patch);
	await writer('approval_log').createOne(decision.log);
	if (flow === 'plan' && action === 'approve') await scheduleVisits(trx, writer, row, settings.timezone);
	if (flow === 'complaint' && action === 'resolve') await scheduleComplaintRevisit(trx, row, settings, now);

	return {
		flow,
		action,
		id,
		owner,
		caller,
		to: decision.to,
		comment: decision.log.comment,
		needsGeneralManager: facts.over_budget === true,
		shortfalls: Number(decision.patch.coverage_short_count ?? 0),
		...(escalation ? { escalation } : {}),
	};
}

/** Creates the on-site visit a phone revisit asks for (domain/visit-rules.ts escalationVisit). */
async function escalate(
	trx: Knex.Transaction,
	writer: Writer,
	revisit: Row,
	owner: string,
	body: Record<string, unknown>,
	settings: Awaited<ReturnType<typeof loadSettings>>,
	now: Date,
): Promise<NonNullable<Notice['escalation']>> {
	const planned = escalationVisit({
		customer: Number(revisit.customer),
		owner,
		start: body.scheduled_start,
		now,
		timezone: settings.timezone,
		calendar: await loadCalendar(trx),
		require_application_for_unplanned: settings.require_application_for_unplanned,
	});
	if ('refusal' in planned) throw new Refused(planned.refusal);
	const visit = Number(await writer('visits').createOne(planned.visit));
	const customer = await trx('customers').where({ id: revisit.customer }).first('name');
	return {
		visit,
		owner,
		customer: String(customer?.name ?? revisit.customer),
		start: String(planned.visit.scheduled_start),
	};
}

/** One scheduled visit per item that has none yet (a revision keeps the visits it had), linked both ways. */
async function scheduleVisits(trx: Knex.Transaction, writer: Writer, plan: Row, timezone: string) {
	const items: { id: number; customer: number; planned_date: unknown; purpose: string | null }[] = await trx(
		'visit_plan_items',
	)
		.where({ plan: plan.id })
		.whereNull('visit')
		.select('id', 'customer', 'planned_date', 'purpose');
	if (items.length === 0) return;
	await writer('visits').createMany(
		items.map((item) => ({
			owner: plan.owner,
			customer: item.customer,
			plan_item: item.id,
			purpose: item.purpose ?? 'relationship',
			channel: 'onsite',
			scheduled_start: zonedInstant(toDate(item.planned_date), timezone, 9).toISOString(),
		})),
	);
	// One statement links every new visit back to its item.
	await trx('visit_plan_items')
		.where({ plan: plan.id })
		.whereNull('visit')
		.update({ visit: trx('visits').select('id').where('plan_item', trx.ref('visit_plan_items.id')).limit(1) });
}

type Stamping = Omit<ActionRequest, 'flow' | 'action'>;

/**
 * A stamp on a visit that is not a status change: `check` sees the locked row and the
 * caller, `stamp` is what gets written.
 */
async function stampVisit(
	ctx: FlowContext,
	request: Stamping,
	check: (caller: Caller, row: Row, trx: Knex.Transaction) => Promise<FlowRefusal | null>,
	stamp: (caller: Caller, now: string) => Record<string, unknown>,
) {
	const { caller, language } = await loadCaller(ctx.database, request.accountability, request.acceptLanguage);
	await inFlowTransaction(ctx.database, async (trx) => {
		const schema = await ctx.getSchema({ database: trx });
		await lockVisible(ctx, trx, schema, 'visits', request.id, request.accountability);
		const problem = await check(caller, await trx('visits').where({ id: request.id }).first(), trx);
		if (problem) throw new Refused(problem);
		const writer = new ctx.services.ItemsService('visits', {
			schema,
			accountability: flowAccountability(request.accountability),
			knex: trx,
		});
		await writer.updateOne(request.id, stamp(caller, new Date().toISOString()));
	}).catch(asDirectusError(language));
	return readAsCaller(ctx, { ...request, flow: 'visit', action: 'stamp' });
}

/** The assistant files (报备) an approved application. */
export const fileVisitApplication = (ctx: FlowContext, request: Stamping) =>
	stampVisit(
		ctx,
		request,
		async (caller, row) => fileApplication(caller, row.application_status, toIso(row.application_filed_at)),
		(_, now) => ({ application_filed_at: now }),
	);

/** The supervisor acknowledges a check-in outside the geofence (soft mode). */
export const acknowledgeOutsideCheckIn = (ctx: FlowContext, request: Stamping) =>
	stampVisit(
		ctx,
		request,
		async (caller, row, trx) => {
			const owner = await loadPerson(trx, row.owner);
			const approverName = owner.reports_to ? (await loadPerson(trx, owner.reports_to)).name : null;
			return acknowledgeProblem(
				caller,
				owner,
				Boolean(row.outside_geofence),
				toIso(row.geofence_acknowledged_at),
				approverName,
			);
		},
		(caller, now) => ({ geofence_acknowledged_by: caller.id || null, geofence_acknowledged_at: now }),
	);
