/**
 * What the domain rules need to know about an item, read from its row: the same facts for the
 * transition that is taken and for the actions that are offered, so the two cannot disagree.
 */
import type { Knex } from 'knex';
import type { Person } from '../domain/approval.ts';
import { definitionOf, type AnyFlowKey } from '../domain/flow-table.ts';
import { submitProblem } from '../domain/plan-rules.ts';
import { reportSubmitProblem, type ReportContent } from '../domain/periodic-reports.ts';
import { quoteSubmitProblem } from '../domain/quotes.ts';
import { toCents } from '../domain/money.ts';
import type { FlowRefusal } from '../domain/refusals.ts';
import type { SalesFacts } from '../domain/sales-flows.ts';
import {
	amountsOf,
	AMOUNT_FIELDS,
	setterKey,
	splitSumProblem,
	targetLevel,
	type TargetFacts,
} from '../domain/targets.ts';
import type { VisitFacts } from '../domain/visit-rules.ts';
import { overBudget } from './budget.ts';
import type { Row } from './context.ts';
import { complaintFacts } from './care.ts';
import { contractFacts } from './contracts.ts';
import { coverageProblem, planShortfalls } from './coverage.ts';
import { editableStatuses } from '../domain/flow-fields.ts';
import { loadPerson } from './people.ts';
import { quoteLinesFacts } from './quote-data.ts';
import type { VisitSettings } from './settings.ts';
import { toDate, toIso } from './values.ts';

export interface LoadedFacts {
	/** ItemFacts, with what a sales flow adds. */
	facts: SalesFacts;
	owner: Person;
	/** The name of the owner's `reports_to`, for messages. */
	approverName: string | null;
}

/** Whether the caller can read a row (Directus permissions). */
export type Sees = (collection: string, id: number) => Promise<boolean>;

export async function loadFacts(
	knex: Knex,
	flow: AnyFlowKey,
	row: Row,
	settings: VisitSettings,
	sees: Sees,
	// The flows of one visit share its owner: the actions endpoint passes a loader that reads each person once.
	person: typeof loadPerson = loadPerson,
): Promise<LoadedFacts> {
	const definition = definitionOf(flow);
	// A delivery or a schedule is its order's owner's.
	// A target is its person's or its team manager's; the company's is nobody's.
	const ownerKey =
		definition.ownerField === 'order'
			? (await knex('sales_orders').where({ id: row.order }).first('owner'))?.owner
			: flow === 'target'
				? (row.owner ?? row.team)
				: row[definition.ownerField];
	const { language: _, ...owner } = ownerKey ? await person(knex, ownerKey) : COMPANY;
	const approverName = owner.reports_to ? (await person(knex, owner.reports_to)).name : null;
	const facts: SalesFacts = { id: Number(row.id), status: row[definition.statusField], owner };
	if (flow === 'plan')
		Object.assign(facts, {
			revision: Number(row.revision),
			submit_due_at: toIso(row.submit_due_at),
			coverage_short_count: Number(row.coverage_short_count ?? 0),
		});
	if (flow === 'plan' && row.status === 'draft')
		facts.submit_problem = (await planItemsProblem(knex, row)) ?? (await coverageProblem(knex, row, settings));
	if (flow === 'plan') {
		facts.period_type = row.period_type;
		// What 按频次补齐 would fill: only an editable month plan can be filled.
		if (row.period_type === 'month' && (editableStatuses.visit_plans as readonly string[]).includes(row.status))
			facts.live_short_count = (await planShortfalls(knex, row, settings.timezone)).length;
	}
	if (flow === 'application')
		Object.assign(facts, {
			visit_status: row.status,
			requires_application: Boolean(row.requires_application),
			scheduled_start: toIso(row.scheduled_start),
		});
	if (flow === 'reschedule')
		Object.assign(facts, {
			visit_status: row.status,
			scheduled_start: toIso(row.scheduled_start) ?? undefined,
			reschedule_to: toIso(row.reschedule_to),
		});
	if (flow === 'expense')
		facts.over_budget = await overBudget(knex, row as Parameters<typeof overBudget>[1], settings.timezone);
	if (flow === 'complaint') Object.assign(facts, await complaintFacts(knex, row));
	if (flow === 'revisit')
		Object.assign(facts, {
			channel: row.channel,
			reviewed_at: toIso(row.reviewed_at),
			escalated_visit:
				row.escalated_visit === null || row.escalated_visit === undefined ? null : Number(row.escalated_visit),
			customer_owner: (await knex('customers').where({ id: row.customer }).first('owner'))?.owner ?? null,
		});
	if (flow === 'visit' || flow === 'report') {
		const visit: Partial<VisitFacts> = {
			channel: row.channel,
			requires_application: Boolean(row.requires_application),
			application_status: row.application_status,
			report_due_at: toIso(row.report_due_at),
			scheduled_start: toIso(row.scheduled_start) ?? undefined,
			application_filed_at: toIso(row.application_filed_at),
		};
		if (flow === 'visit' && row.status === 'scheduled')
			visit.customer_visible = await sees('customers', Number(row.customer));
		if (flow === 'report' && row.report_status === 'submitted')
			visit.has_report = (await knex('visit_reports').where({ visit: row.id }).first('id')) !== undefined;
		Object.assign(facts, visit);
	}
	if (flow === 'opportunity') facts.lost_analysis = row.lost_analysis ?? null;
	if (flow === 'quote') {
		// The lines are priced again under the lock: who approves follows what is being submitted.
		const lines = await quoteLinesFacts(knex, row.id);
		facts.discount_approver = lines.approver;
		facts.due_at = toIso(row.due_at);
		if (row.status === 'draft') facts.submit_problem = lines.problem ?? quoteSubmitProblem(lines.lines.length);
	}
	if (flow === 'contract') Object.assign(facts, await contractFacts(knex, row));
	if (flow === 'periodic_report') {
		Object.assign(facts, { due_at: toIso(row.due_at), late: Boolean(row.late) });
		if (row.status === 'draft' || row.status === 'returned')
			facts.submit_problem = reportSubmitProblem(row as ReportContent);
	}
	// 考核: beside any General Manager, the level above the person's manager approves.
	if (flow === 'appraisal')
		facts.managers_manager = owner.reports_to
			? ((await knex('directus_users').where({ id: owner.reports_to }).first('reports_to'))?.reports_to ?? null)
			: null;
	if (flow === 'reception') facts.report_due_at = toIso(row.report_due_at);
	if (flow === 'target') facts.target = await targetFacts(knex, row, ownerKey ? owner : null, person);
	if (flow === 'target' && row.status === 'draft' && row.parent && !row.previous)
		facts.submit_problem = await splitSum(knex, row.parent);
	if (flow === 'order')
		facts.order = {
			amount: toCents(row.amount) ?? 0,
			paid_amount: toCents(row.paid_amount) ?? 0,
			status: row.status,
			delivered: row.status === 'delivered',
		};
	return { facts, owner, approverName };
}

/** The company's targets have no person: their owner in the facts has no id (notices name it in each language). */
const COMPANY = { id: '', name: '', position: null, reports_to: null, language: null };

async function targetFacts(
	knex: Knex,
	row: Row,
	subject: Person | null,
	person: typeof loadPerson,
): Promise<TargetFacts> {
	const level = targetLevel(row);
	const setter = setterKey(level, subject);
	const newer = await knex('sales_targets').where({ previous: row.id }).first('revision');
	return {
		level,
		setter: setter ? (({ language: _, ...p }) => p)(await person(knex, setter)) : null,
		submitted_by: row.submitted_by ?? null,
		confirmed_at: toIso(row.confirmed_at),
		newer_revision: newer ? Number(newer.revision) : null,
	};
}

/** The children a split made from `parent` (first revisions) against it. */
async function splitSum(knex: Knex, parent: unknown): Promise<FlowRefusal | null> {
	const total: Row | undefined = await knex('sales_targets').where({ id: parent }).first(AMOUNT_FIELDS);
	const children: Row[] = await knex('sales_targets').where({ parent }).whereNull('previous').select(AMOUNT_FIELDS);
	return total ? splitSumProblem(amountsOf(total), children.map(amountsOf)) : null;
}

/** A plan goes up with at least one item, each inside its period, for customers its owner serves. */
async function planItemsProblem(knex: Knex, plan: Row): Promise<FlowRefusal | null> {
	const items: { id: number; planned_date: unknown; customer_owner: string | null; customer_boss: string | null }[] =
		await knex('visit_plan_items as i')
			.join('customers as c', 'c.id', 'i.customer')
			.leftJoin('directus_users as u', 'u.id', 'c.owner')
			.where('i.plan', plan.id)
			.select('i.id', 'i.planned_date', 'c.owner as customer_owner', 'u.reports_to as customer_boss');
	return submitProblem(
		{ period_start: toDate(plan.period_start), period_end: toDate(plan.period_end) },
		items.map((i) => ({
			id: i.id,
			planned_date: toDate(i.planned_date),
			customer_allowed: i.customer_owner === plan.owner || i.customer_boss === plan.owner,
		})),
	);
}
