/**
 * What the guard hook refuses on the generic items API (REST, GraphQL, batch, imports,
 * Studio forms): hand-set flow-owned fields, content edits of locked plans, plan items and
 * decided expense requests, an expense request for no visit or plan item or for both, reports
 * written outside their flow, edits of quotes and their lines past draft (报价单审批后锁定) and of contracts past draft. An
 * Administrator's status edit that is a valid transition of the visit half is carried out by the
 * flow instead; the sales cycle's move only through its endpoints. Daily reports start from the day's visits. Nothing here runs for the flows' own writes.
 */
import { ForbiddenError } from '@directus/errors';
import type { Accountability, Item } from '@directus/types';
import type { Knex } from 'knex';
import { collections } from '../schema/collections.ts';
import { actionsBetween, flows, type FlowKey } from '../domain/approval.ts';
import { targetStatuses, visitStatuses, type Label } from '../domain/choices.ts';
import { editableStatuses, flowOwnedFields } from '../domain/flow-fields.ts';
import { periodEnd, periodStartOf, periodStartProblem, type PeriodType } from '../domain/plan-rules.ts';
import { tiersProblem } from '../domain/commission.ts';
import { contractEditProblem } from '../domain/contracts.ts';
import { quoteEditProblem } from '../domain/quotes.ts';
import { signedOrderEditProblem } from '../domain/receivables.ts';
import { relatedKey } from '../domain/ownership.ts';
import { refusal, type FlowRefusal } from '../domain/refusals.ts';
import { addDays, zonedDate, zonedInstant } from '../domain/zoned-time.ts';
import { refusalError } from './errors.ts';
import { loadCaller } from './people.ts';
import { lockedReportProblem, reportCreateProblem } from './periodic-reports.ts';
import { appraisalItemProblem, lockedAppraisalProblem, schemeProblem } from './appraisals.ts';
import { loadSettings } from './settings.ts';
import type { FlowContext } from './context.ts';
import { takeActions } from './transitions.ts';
import { toDate, vendorValues } from './values.ts';

/** The collections whose flow-owned fields the flows keep. */
const GUARDED = [
	'visit_plans',
	'visit_plan_items',
	'visits',
	'visit_reports',
	'follow_ups',
	'daily_reports',
	'expense_requests',
	'revisits',
	'complaints',
	'opportunities',
	'quotes',
	'quote_lines',
	'contracts',
	'sales_orders',
	'deliveries',
	'payment_schedules',
	'payments',
	'periodic_reports',
	'sales_targets',
	'commission_rules',
	'commission_statements',
	'appraisals',
	'appraisal_schemes',
	'appraisal_items',
	'receptions',
] as const;
type Guarded = (typeof GUARDED)[number];
export const isGuarded = (collection: string): collection is Guarded =>
	(GUARDED as readonly string[]).includes(collection);

const specs = new Map(collections.map((c) => [c.collection, new Map(c.fields.map((f) => [f.field, f]))]));

export const fieldLabel = (collection: string, field: string): Label => {
	const t =
		(specs.get(collection)?.get(field)?.meta.translations as { language: string; translation: string }[] | undefined) ??
		[];
	const of = (language: string) => t.find((x) => x.language === language)?.translation ?? field;
	return { 'zh-CN': of('zh-CN'), 'en-US': of('en-US') };
};

const columnDefault = (collection: string, field: string): unknown =>
	specs.get(collection)?.get(field)?.schema?.default_value ?? null;

/** Where each flow's actions are, for messages that tell the caller what to do instead. */
const hints: Record<
	| FlowKey
	| 'opportunity'
	| 'quote'
	| 'contract'
	| 'delivery'
	| 'payment'
	| 'target'
	| 'daily_report'
	| 'periodic_report'
	| 'commission'
	| 'appraisal'
	| 'reception',
	string
> = {
	plan: 'POST /visit-flow/plans/:id/submit | approve | reject | revise',
	application: 'POST /visit-flow/visits/:id/application | application/approve | application/reject',
	reschedule: 'POST /visit-flow/visits/:id/reschedule | reschedule/approve | reschedule/reject',
	expense: 'POST /visit-flow/expenses/:id/approve | reject',
	visit: 'POST /visit-flow/visits/:id/check-in | check-out | cancel',
	report: 'POST /visit-flow/visits/:id/report | report/review',
	follow_up: 'POST /visit-flow/follow-ups/:id/complete | cancel',
	revisit: 'POST /visit-flow/revisits/:id/done | cancel | review | escalate',
	complaint: 'POST /visit-flow/complaints/:id/respond | resolve | close',
	opportunity: 'POST /visit-flow/opportunities/:id/advance | lose',
	quote: 'POST /visit-flow/quotes/:id/submit | approve | reject | send | accept',
	contract: 'POST /visit-flow/contracts/:id/submit | approve | reject | sign | terminate',
	delivery: 'POST /visit-flow/deliveries/:id/accept | reject',
	payment: 'POST /visit-flow/orders/:id/payments',
	target: 'POST /visit-targets/split · POST /visit-flow/targets/:id/submit | approve | reject | confirm | revise',
	daily_report: 'POST /items/daily_reports',
	periodic_report: 'POST /visit-flow/periodic-reports/:id/submit | review',
	commission:
		'POST /visit-flow/commission/generate?month=YYYY-MM · POST /visit-flow/commission-statements/:id/approve | pay',
	appraisal: 'POST /visit-appraisals/generate · POST /visit-flow/appraisals/:id/confirm | approve | return',
	reception: 'POST /visit-flow/receptions/:id/approve | reject | arrive | leave | report | cancel',
};
const hintOf: Record<Guarded, keyof typeof hints> = {
	visit_plans: 'plan',
	visit_plan_items: 'plan',
	visits: 'visit',
	visit_reports: 'report',
	follow_ups: 'follow_up',
	daily_reports: 'daily_report',
	expense_requests: 'expense',
	revisits: 'revisit',
	complaints: 'complaint',
	opportunities: 'opportunity',
	quotes: 'quote',
	quote_lines: 'quote',
	contracts: 'contract',
	sales_orders: 'payment',
	deliveries: 'delivery',
	payment_schedules: 'payment',
	payments: 'payment',
	periodic_reports: 'periodic_report',
	sales_targets: 'target',
	commission_rules: 'commission',
	commission_statements: 'commission',
	appraisals: 'appraisal',
	appraisal_schemes: 'appraisal',
	appraisal_items: 'appraisal',
	receptions: 'reception',
};

/**
 * The flow-owned fields a caller may not write by hand. An Administrator still corrects an
 * order's status and paid amount (orders imported from another system, history fixed by hand);
 * everyone else moves them through deliveries and payments.
 */
const flowFields = (collection: Guarded, accountability?: Accountability | null): readonly string[] =>
	collection === 'sales_orders' && accountability?.admin
		? []
		: ((flowOwnedFields as Record<string, readonly string[]>)[collection] ?? []);

export interface GuardContext extends FlowContext {
	database: Knex;
	accountability: Accountability | null;
}

async function refuse(ctx: GuardContext, r: FlowRefusal): Promise<never> {
	const { language } = await loadCaller(ctx.database, ctx.accountability);
	throw refusalError(r, language);
}

/** A create may not set flow-owned fields (beyond their defaults); plan items go only into editable plans. */
export async function guardCreate(ctx: GuardContext, collection: Guarded, payload: Item): Promise<Item> {
	if (collection === 'payments') await refuse(ctx, refusal(403, 'payment_by_endpoint'));
	if (collection === 'commission_statements') await refuse(ctx, refusal(403, 'commission_by_generate'));
	if (collection === 'commission_rules') {
		const problem = tiersProblem(payload.tiers);
		if (problem) await refuse(ctx, problem);
	}
	if (collection === 'payment_schedules') await requireOwnDraftTerms(ctx, [relatedKey(payload.contract)]);
	for (const field of flowFields(collection, ctx.accountability)) {
		const value = payload[field];
		if (value === undefined || value === null || value === columnDefault(collection, field)) continue;
		await refuse(ctx, refusal(403, 'hand_create', { field: fieldLabel(collection, field) }));
	}
	if (collection === 'visit_plans' && payload.period_start != null) {
		// The end is the server's: a month plan may be given by its start or its month alone.
		const type = (payload.period_type ?? columnDefault(collection, 'period_type')) as PeriodType;
		const start = periodStartOf(type, payload.period_start);
		const problem = periodStartProblem(type, start);
		if (problem) await refuse(ctx, problem);
		return { ...payload, period_start: start, period_end: periodEnd(type, start) };
	}
	if (collection === 'visit_plan_items' && payload.plan) await requireEditablePlans(ctx, [payload.plan]);
	if (collection === 'revisits' && payload.contact != null) await requireContactOfCustomer(ctx, null, payload);
	if (collection === 'quote_lines') await requireDraftQuotes(ctx, [relatedKey(payload.quote)]);
	if (collection === 'expense_requests' && !forOneTarget(payload)) await refuse(ctx, refusal(400, 'expense_target'));
	if (collection === 'expense_requests' && payload.reception)
		await requireHostedReception(ctx, relatedKey(payload.reception), relatedKey(payload.requester));
	if (collection === 'visit_reports') await refuse(ctx, refusal(403, 'report_by_endpoint'));
	if (collection === 'periodic_reports') {
		const problem = await reportCreateProblem(ctx.database, payload, ctx.accountability?.user);
		if (problem) await refuse(ctx, problem);
	}
	if (collection === 'appraisals') await refuse(ctx, refusal(403, 'appraisal_by_generate'));
	if (collection === 'appraisal_schemes' || collection === 'appraisal_items') {
		const problem =
			collection === 'appraisal_schemes'
				? schemeProblem(payload)
				: await appraisalItemProblem(ctx.database, null, payload);
		if (problem) await refuse(ctx, problem);
	}
	if (collection === 'daily_reports' && !payload.summary?.trim?.() && payload.date)
		return { ...payload, summary: await daySummary(ctx, String(payload.date)) };
	return payload;
}

/** An expense request is for exactly one visit or one plan item (a nested object counts as one). */
const forOneTarget = ({ visit, plan_item, reception }: Item): boolean =>
	[visit, plan_item, reception].filter((v) => v !== undefined && v !== null).length === 1;

/** 接待礼品: an expense for a reception is its host's to request (an Administrator's import passes). */
async function requireHostedReception(ctx: GuardContext, reception: unknown, requester: unknown): Promise<void> {
	if (!ctx.accountability || ctx.accountability.admin || reception === null) return;
	const who = requester ?? ctx.accountability.user;
	const row = await ctx
		.database('receptions')
		.where({ id: String(reception) })
		.first('host');
	if (!row || row.host !== who) await refuse(ctx, refusal(403, 'reception_expense_host'));
}

/** A daily report starts from the day's visits (当天工作结束后需向销售经理发送日报). */
async function daySummary(ctx: GuardContext, date: string): Promise<string> {
	const user = ctx.accountability?.user;
	const { timezone } = await loadSettings(ctx.database);
	const { language } = await loadCaller(ctx.database, ctx.accountability);
	const v = vendorValues(ctx.database);
	const visits: { status: string; name: string }[] = user
		? await ctx
				.database('visits as v')
				.join('customers as c', 'c.id', 'v.customer')
				.where('v.owner', user)
				.where('v.scheduled_start', '>=', v.instant(zonedInstant(date, timezone)))
				.where('v.scheduled_start', '<', v.instant(zonedInstant(addDays(date, 1), timezone)))
				.orderBy('v.scheduled_start')
				.select('v.status', 'c.name')
		: [];
	const lines = visits.map(
		(visit) =>
			`- ${visit.name}（${visitStatuses[visit.status as keyof typeof visitStatuses]?.[language] ?? visit.status}）`,
	);
	return lines.length > 0 ? lines.join('\n') : language === 'zh-CN' ? '今日无客户拜访' : 'No customer visits today';
}

/**
 * An update may not touch flow-owned fields, except an Administrator's status change that
 * is a valid transition for every key: the flow takes it, with its stamps and log.
 */
export async function guardUpdate(
	ctx: GuardContext,
	collection: Guarded,
	keys: (string | number)[],
	payload: Item,
): Promise<Item> {
	if (!ctx.accountability?.admin) await requireVisible(ctx, collection, keys);
	const touched = flowFields(collection, ctx.accountability).filter((f) => f in payload);
	if (touched.length > 0) return takeStatusEdit(ctx, collection, keys, payload, touched);

	if (collection === 'visit_plans') await requireEditablePlans(ctx, keys);
	if (collection === 'revisits' && ('contact' in payload || 'customer' in payload))
		await requireContactOfCustomer(ctx, keys, payload);
	if (collection === 'visit_plan_items')
		await requireEditablePlans(ctx, [...(await plansOf(ctx, keys)), ...(payload.plan ? [payload.plan] : [])]);
	if (collection === 'visits') await requirePlanVisitKept(ctx, keys, payload);
	if (collection === 'quotes') await requireDraftQuotes(ctx, keys);
	if (collection === 'contracts') await requireDraftContracts(ctx, keys);
	if (collection === 'periodic_reports') {
		const problem = await lockedReportProblem(ctx.database, keys);
		if (problem) await refuse(ctx, problem);
	}
	if (collection === 'sales_targets' && !ctx.accountability?.admin) await requireDraftTargets(ctx, keys);
	if (collection === 'commission_rules' && 'tiers' in payload) {
		const problem = tiersProblem(payload.tiers);
		if (problem) await refuse(ctx, problem);
	}
	if (collection === 'appraisals' && !ctx.accountability?.admin) {
		const problem = await lockedAppraisalProblem(ctx.database, keys);
		if (problem) await refuse(ctx, problem);
	}
	if (collection === 'appraisal_schemes' || collection === 'appraisal_items') {
		const problem =
			collection === 'appraisal_schemes'
				? schemeProblem(payload)
				: await appraisalItemProblem(ctx.database, keys, payload);
		if (problem) await refuse(ctx, problem);
	}
	if (collection === 'sales_orders' && !ctx.accountability?.admin) {
		const signed = await ctx.database('sales_orders').whereIn('id', keys).whereNotNull('contract').first('id');
		const problem = signedOrderEditProblem(Object.keys(payload), signed !== undefined);
		if (problem) await refuse(ctx, problem);
	}
	if (collection === 'payment_schedules')
		await requireOwnDraftTerms(ctx, [
			...(await contractsOf(ctx, keys)),
			...('contract' in payload ? [relatedKey(payload.contract)] : []),
		]);
	if (collection === 'quote_lines')
		await requireDraftQuotes(ctx, [
			...(await quotesOf(ctx, keys)),
			...('quote' in payload ? [relatedKey(payload.quote)] : []),
		]);
	if (collection === 'expense_requests') {
		const decided = await ctx
			.database('expense_requests')
			.whereIn('id', keys)
			.whereNotIn('status', editableStatuses.expense_requests)
			.first('status');
		if (decided)
			await refuse(
				ctx,
				refusal(409, 'expense_locked', { status: flows.expense.statuses[decided.status] ?? decided.status }),
			);
		if ('visit' in payload || 'plan_item' in payload || 'reception' in payload) {
			const rows: Item[] = await ctx
				.database('expense_requests')
				.whereIn('id', keys)
				.select('visit', 'plan_item', 'reception', 'requester');
			if (rows.some((row) => !forOneTarget({ ...row, ...payload }))) await refuse(ctx, refusal(400, 'expense_target'));
			if (payload.reception)
				for (const row of rows)
					await requireHostedReception(
						ctx,
						relatedKey(payload.reception),
						relatedKey(payload.requester ?? row.requester),
					);
		}
	}
	if (collection === 'visit_plans' && ['period_type', 'period_start', 'period_end'].some((f) => f in payload))
		return withPeriodEnd(ctx, keys, payload);
	return payload;
}

export async function guardDelete(ctx: GuardContext, collection: Guarded, keys: (string | number)[]): Promise<void> {
	if (!ctx.accountability?.admin) await requireVisible(ctx, collection, keys);
	if (collection === 'visit_plans') await requireEditablePlans(ctx, keys);
	if (collection === 'visit_plan_items') await requireEditablePlans(ctx, await plansOf(ctx, keys));
	if (collection === 'quotes') await requireDraftQuotes(ctx, keys);
	if (collection === 'quote_lines') await requireDraftQuotes(ctx, await quotesOf(ctx, keys));
	if (collection === 'contracts') await requireDraftContracts(ctx, keys);
	if (collection === 'sales_targets' && !ctx.accountability?.admin) await requireDraftTargets(ctx, keys);
	if (collection === 'appraisals' && !ctx.accountability?.admin) {
		const problem = await lockedAppraisalProblem(ctx.database, keys);
		if (problem) await refuse(ctx, problem);
	}
	if (collection === 'payment_schedules') await requireOwnDraftTerms(ctx, await contractsOf(ctx, keys));
}

/**
 * An approved target changes only as a new revision, and one up for approval not at all; an
 * Administrator still corrects history by hand.
 */
async function requireDraftTargets(ctx: GuardContext, targets: (string | number)[]) {
	const locked = await ctx
		.database('sales_targets')
		.whereIn('id', targets)
		.whereNotIn('status', editableStatuses.sales_targets)
		.first('status');
	if (locked)
		await refuse(
			ctx,
			refusal(409, 'target_locked', { status: targetStatuses[locked.status as 'approved'] ?? locked.status }),
		);
}

/** The contracts that payment schedules belong to; an order's schedule (no contract) counts as none. */
const contractsOf = async (ctx: GuardContext, schedules: (string | number)[]): Promise<(number | null)[]> =>
	(await ctx.database('payment_schedules').whereIn('id', schedules).distinct('contract')).map(
		(s: { contract: number | null }) => s.contract,
	);

/**
 * 付款条款随合同拟定: a payment schedule written by hand is a term of a draft contract of the
 * caller's (an Administrator's: of anyone's); an order's schedule comes from signing only.
 */
async function requireOwnDraftTerms(ctx: GuardContext, contracts: (string | number | null)[]) {
	if (contracts.some((c) => c === null)) await refuse(ctx, refusal(400, 'terms_contract'));
	const ids = contracts as (string | number)[];
	await requireDraftContracts(ctx, ids);
	if (ctx.accountability?.admin) return;
	const others = await ctx
		.database('contracts')
		.whereIn('id', ids)
		.whereNot('owner', ctx.accountability?.user ?? '')
		.first('id');
	if (others) await refuse(ctx, refusal(403, 'terms_owner'));
}

/** The plans that plan items belong to. */
const plansOf = async (ctx: GuardContext, items: (string | number)[]): Promise<number[]> =>
	(await ctx.database('visit_plan_items').whereIn('id', items).distinct('plan')).map((p: { plan: number }) => p.plan);

/** The quotes that quote lines belong to. */
const quotesOf = async (ctx: GuardContext, lines: (string | number)[]): Promise<number[]> =>
	(await ctx.database('quote_lines').whereIn('id', lines).distinct('quote')).map((q: { quote: number }) => q.quote);

/** 报价单审批后锁定: a quote and its lines change while it is a draft (a line for a new quote has none yet). */
async function requireDraftQuotes(ctx: GuardContext, quotes: (string | number | null)[]) {
	const ids = quotes.filter((q): q is string | number => q !== null);
	if (ids.length === 0) return;
	const locked = await ctx
		.database('quotes')
		.whereIn('id', ids)
		.whereNotIn('status', editableStatuses.quotes)
		.first('status');
	const problem = locked ? quoteEditProblem(locked.status) : null;
	if (problem) await refuse(ctx, problem);
}

/** What legal and finance reviewed is what is signed: a contract changes while it is a draft. */
async function requireDraftContracts(ctx: GuardContext, contracts: (string | number)[]) {
	const locked = await ctx
		.database('contracts')
		.whereIn('id', contracts)
		.whereNotIn('status', editableStatuses.contracts)
		.first('status');
	const problem = locked ? contractEditProblem(locked.status) : null;
	if (problem) await refuse(ctx, problem);
}

async function takeStatusEdit(
	ctx: GuardContext,
	collection: Guarded,
	keys: (string | number)[],
	payload: Item,
	touched: string[],
) {
	const flow =
		(Object.keys(flows) as FlowKey[]).find(
			(f) => flows[f].collection === collection && touched.includes(flows[f].statusField),
		) ?? null;
	const statusField = flow ? flows[flow].statusField : null;
	const commentField = flow === 'application' ? null : 'decision_comment';
	const handEdited = touched.find((f) => f !== statusField && f !== commentField);
	if (!flow || handEdited || !ctx.accountability?.admin) {
		const field = handEdited ?? touched[0]!;
		await refuse(
			ctx,
			refusal(403, 'hand_edit', { field: fieldLabel(collection, field), actions: hints[flow ?? hintOf[collection]] }),
		);
	}
	const definition = flows[flow!];
	if (Object.keys(payload).some((f) => f !== definition.statusField && f !== commentField))
		await refuse(ctx, refusal(400, 'transition_alone'));

	const rows: { id: number; status: string }[] = await ctx
		.database(collection)
		.whereIn('id', keys)
		.select('id', `${definition.statusField} as status`);
	const to = String(payload[definition.statusField]);
	const { language } = await loadCaller(ctx.database, ctx.accountability);
	const requests = rows.map((row) => {
		const [action] = row.status === to ? [] : actionsBetween(flow!, row.status, to);
		if (!action)
			throw refusalError(
				refusal(409, 'transition', {
					action: definition.statuses[to] ?? to,
					from: definition.statuses[row.status] ?? row.status,
					status: definition.statuses[row.status] ?? row.status,
				}),
				language,
			);
		return {
			flow: flow!,
			id: Number(row.id),
			action,
			comment: commentField ? (payload[commentField] ?? null) : null,
			accountability: ctx.accountability,
		};
	});
	await takeActions(ctx, requests, language);
	// The flow wrote everything; the generic update has nothing left to write.
	return {};
}

/**
 * 不得擅自更改拜访计划: a visit an approved plan scheduled keeps its customer, channel and day;
 * the time may move within the day. A change of day is a reschedule the supervisor decides.
 */
async function requirePlanVisitKept(ctx: GuardContext, keys: (string | number)[], payload: Item) {
	const fixed = (['customer', 'channel', 'scheduled_start'] as const).filter((f) => f in payload);
	if (fixed.length === 0) return;
	const rows: Item[] = await ctx
		.database('visits')
		.whereIn('id', keys)
		.whereNotNull('plan_item')
		.select('customer', 'channel', 'scheduled_start');
	if (rows.length === 0) return;
	const { timezone } = await loadSettings(ctx.database);
	const dayOf = (value: unknown) => (value ? zonedDate(new Date(value as string), timezone) : null);
	for (const row of rows) {
		const changed = fixed.find((field) =>
			field === 'scheduled_start'
				? dayOf(payload.scheduled_start) !== dayOf(row.scheduled_start)
				: String(relatedKey(payload[field]) ?? '') !== String(row[field] ?? ''),
		);
		if (changed)
			await refuse(
				ctx,
				refusal(409, 'plan_visit_fixed', {
					field: fieldLabel('visits', changed),
					actions: 'POST /visit-flow/visits/:id/reschedule',
				}),
			);
	}
}

async function requireEditablePlans(ctx: GuardContext, planIds: (string | number)[]) {
	if (planIds.length === 0) return;
	const locked = await ctx
		.database('visit_plans')
		.whereIn('id', planIds)
		.whereNotIn('status', editableStatuses.visit_plans)
		.first('status');
	if (locked)
		await refuse(ctx, refusal(409, 'plan_locked', { status: flows.plan.statuses[locked.status] ?? locked.status }));
}

/** Refusal messages must not tell a caller about rows they may not read: those get Directus' own 403. */
async function requireVisible(ctx: GuardContext, collection: string, keys: (string | number)[]) {
	const items = new ctx.services.ItemsService(collection, {
		schema: await ctx.getSchema(),
		accountability: ctx.accountability,
		knex: ctx.database,
	});
	const seen = await items.readByQuery({ filter: { id: { _in: keys } }, fields: ['id'], limit: -1 }).catch(() => []);
	if (seen.length !== new Set(keys.map(String)).size) throw new ForbiddenError();
}

/**
 * A plan's period end follows its type and start, whatever the payload says of it. Plans changed
 * together must share the new end; an end sent alone keeps each plan's own.
 */
async function withPeriodEnd(ctx: GuardContext, keys: (string | number)[], payload: Item) {
	const current = await ctx.database('visit_plans').whereIn('id', keys).select('period_type', 'period_start');
	const ends = new Set<string>();
	let start: string | undefined;
	for (const row of current) {
		const type = (payload.period_type ?? row.period_type) as PeriodType;
		start = 'period_start' in payload ? periodStartOf(type, payload.period_start) : toDate(row.period_start);
		const problem = periodStartProblem(type, start);
		if (problem) await refuse(ctx, problem);
		ends.add(periodEnd(type, start));
	}
	const { period_end: _, ...rest } = payload;
	const moved = 'period_type' in payload || 'period_start' in payload;
	if (ends.size > 1 && moved) await refuse(ctx, refusal(400, 'period_batch'));
	if (ends.size !== 1) return rest;
	return { ...rest, ...('period_start' in payload ? { period_start: start } : {}), period_end: [...ends][0] };
}

/** A revisit's contact is one of its customer's contacts (on create, and when either changes). */
async function requireContactOfCustomer(ctx: GuardContext, keys: (string | number)[] | null, payload: Item) {
	const rows: Item[] = keys
		? (await ctx.database('revisits').whereIn('id', keys).select('customer', 'contact')).map((r: Item) => ({
				customer: 'customer' in payload ? relatedKey(payload.customer) : r.customer,
				contact: 'contact' in payload ? relatedKey(payload.contact) : r.contact,
			}))
		: [{ customer: relatedKey(payload.customer), contact: relatedKey(payload.contact) }];
	const pairs = rows.filter((r) => r.contact !== null && r.contact !== undefined);
	if (pairs.length === 0) return;
	const contacts = new Map(
		(
			await ctx
				.database('contacts')
				.whereIn(
					'id',
					pairs.map((r) => r.contact),
				)
				.select('id', 'customer')
		).map((c: Item) => [String(c.id), String(c.customer)]),
	);
	if (pairs.some((r) => contacts.get(String(r.contact)) !== String(r.customer)))
		await refuse(ctx, refusal(422, 'revisit_contact_customer'));
}
