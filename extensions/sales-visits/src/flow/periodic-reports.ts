/**
 * 周报 / 月报 in the API shell: the figures of a person's period read from the rows they own,
 * a report's deadline and figures derived in the transaction of each write while it is the
 * owner's to edit (and once more when it is submitted, flow/sales-step.ts), a report created by
 * hand checked for its period and for a twin, and the sweep's drafts at the start of each period.
 */
import type { Accountability, Item } from '@directus/types';
import type { Knex } from 'knex';
import { editableStatuses } from '../domain/flow-fields.ts';
import { toId } from '../domain/input.ts';
import { periodicReportStatuses, reportPeriodTypes } from '../domain/choices.ts';
import {
	nextPeriodStart,
	periodicReportDueAt,
	periodStartOf,
	reportPeriodProblem,
	type ReportFacts,
} from '../domain/periodic-reports.ts';
import { relatedKey } from '../domain/ownership.ts';
import type { PeriodType } from '../domain/plan-rules.ts';
import { refusal, type FlowRefusal } from '../domain/refusals.ts';
import { zonedInstant } from '../domain/zoned-time.ts';
import { MARKS, PERIODIC_REPORTS } from '../setup/sweep-marks.ts';
import type { FlowContext } from './context.ts';
import { refusalError } from './errors.ts';
import { loadCaller, loadPerson } from './people.ts';
import { loadSettings, type VisitSettings } from './settings.ts';
import { toDate, vendorValues } from './values.ts';

const money = (value: unknown) => (Number(value ?? 0) || 0).toFixed(2);
const count = (row: { n?: unknown } | undefined) => Number(row?.n ?? 0);

/** The figures of `owner`'s period: what happened from its first day to the next period's, in the company's time zone. */
export async function reportFacts(
	knex: Knex,
	owner: string,
	type: PeriodType,
	start: string,
	timezone: string,
): Promise<ReportFacts> {
	const v = vendorValues(knex);
	const next = nextPeriodStart(type, start);
	const from = v.instant(zonedInstant(start, timezone));
	const to = v.instant(zonedInstant(next, timezone));
	const visits = await knex('visits')
		.where({ owner, status: 'completed' })
		.where('check_out_at', '>=', from)
		.where('check_out_at', '<', to)
		.first(knex.raw('count(*) as n'));
	const customers = await knex('customers')
		.where({ owner })
		.where('date_created', '>=', from)
		.where('date_created', '<', to)
		.first(knex.raw('count(*) as n'));
	const orders = await knex('sales_orders')
		.where({ owner })
		.whereNot('status', 'cancelled')
		.where('signed_at', '>=', v.date(start))
		.where('signed_at', '<', v.date(next))
		.first(knex.raw('count(*) as n'), knex.raw('sum(amount) as amount'));
	const collected = await knex('payments as p')
		.join('sales_orders as o', 'o.id', 'p.order')
		.where('o.owner', owner)
		.where('p.received_at', '>=', from)
		.where('p.received_at', '<', to)
		.first(knex.raw('sum(p.amount) as amount'));
	const moved = await knex('approval_log')
		.where({ collection: 'opportunities', actor: owner })
		.where('at', '>=', from)
		.where('at', '<', to)
		.first(knex.raw('count(*) as n'));
	return {
		visits: count(visits),
		new_customers: count(customers),
		orders: count(orders),
		order_amount: money(orders?.amount),
		collections: money(collected?.amount),
		opportunities_moved: count(moved),
	};
}

/** A report's deadline and figures, written while its owner may still edit it. */
export async function deriveReport(trx: Knex, key: string | number): Promise<void> {
	const row: { id: number; owner: string; period_type: PeriodType; period_start: unknown; status: string } | undefined =
		await trx('periodic_reports').where({ id: key }).first('id', 'owner', 'period_type', 'period_start', 'status');
	if (!row || !(editableStatuses.periodic_reports as readonly string[]).includes(row.status)) return;
	const settings = await loadSettings(trx);
	const start = toDate(row.period_start);
	await trx('periodic_reports')
		.where({ id: row.id })
		.update({
			due_at: vendorValues(trx).instant(periodicReportDueAt(row.period_type, start, settings)),
			facts: JSON.stringify(await reportFacts(trx, row.owner, row.period_type, start, settings.timezone)),
		});
}

/** What `GET /visit-flow/periodic-reports/:id/facts` answers. */
export interface ReportFactsView {
	id: number;
	status: string;
	/** true: computed now (the owner may still edit it); false: as submitted. */
	live: boolean;
	/** null: a report that went up without figures (none does today). */
	facts: ReportFacts | null;
}

/**
 * `GET /visit-flow/periodic-reports/:id/facts`: a draft's or returned report's figures computed
 * now by reportFacts (what its next save would write, so a sweep's draft shows them before its
 * first save), a submitted or approved one's as stored. The report is read as the caller: one
 * they may not read does not exist for them (404); the figures are those the report holds.
 */
export async function reportFactsAs(
	ctx: FlowContext,
	accountability: Accountability | null,
	rawId: unknown,
	acceptLanguage?: string,
): Promise<ReportFactsView> {
	const knex = ctx.database;
	const fail = async (problem: FlowRefusal) =>
		refusalError(problem, (await loadCaller(knex, accountability, acceptLanguage)).language);
	const id = toId(rawId);
	if (id === null) throw await fail(refusal(400, 'bad_request'));
	const items = new ctx.services.ItemsService<Item>('periodic_reports', {
		schema: await ctx.getSchema({ database: knex }),
		accountability,
		knex,
	});
	const fields = ['id', 'owner', 'period_type', 'period_start', 'status', 'facts'];
	const [seen] = await items.readByQuery({ filter: { id: { _eq: id } }, fields, limit: 1 }).catch(() => []);
	// No accountability would read as the system: nothing is readable without one.
	if (!seen || !accountability) throw await fail(refusal(404, 'not_found'));
	const row: { owner: string; period_type: PeriodType; period_start: unknown; status: string; facts: unknown } =
		await knex('periodic_reports').where({ id }).first('owner', 'period_type', 'period_start', 'status', 'facts');
	if ((editableStatuses.periodic_reports as readonly string[]).includes(row.status)) {
		const { timezone } = await loadSettings(knex);
		const facts = await reportFacts(knex, row.owner, row.period_type, toDate(row.period_start), timezone);
		return { id, status: row.status, live: true, facts };
	}
	const stored = typeof row.facts === 'string' ? JSON.parse(row.facts) : row.facts;
	return { id, status: row.status, live: false, facts: (stored as ReportFacts | null) ?? null };
}

/** A report created by hand: a period that starts a week or a month, and none yet for that person and period. */
export async function reportCreateProblem(
	knex: Knex,
	payload: Item,
	caller: string | null | undefined,
): Promise<FlowRefusal | null> {
	const problem = reportPeriodProblem(payload.period_type, payload.period_start);
	if (problem) return problem;
	const owner = relatedKey(payload.owner) ?? caller;
	if (!owner) return null;
	const twin = await knex('periodic_reports')
		.where({ owner: String(owner), period_type: payload.period_type })
		.where('period_start', vendorValues(knex).date(String(payload.period_start).slice(0, 10)))
		.first('id');
	if (!twin) return null;
	const person = await loadPerson(knex, String(owner));
	return refusal(409, 'periodic_report_exists', {
		owner: person.name,
		period: reportPeriodTypes[payload.period_type as PeriodType],
	});
}

/** A report whose owner may no longer edit it (submitted, approved). */
export async function lockedReportProblem(knex: Knex, keys: (string | number)[]): Promise<FlowRefusal | null> {
	const locked: { status: string } | undefined = await knex('periodic_reports')
		.whereIn('id', keys)
		.whereNotIn('status', editableStatuses.periodic_reports)
		.first('status');
	const status = periodicReportStatuses[locked?.status as keyof typeof periodicReportStatuses] ?? locked?.status;
	return locked ? refusal(409, 'periodic_report_locked', { status }) : null;
}

/**
 * 周报 / 月报 at the start of each period: a draft for every active rep who has none for the
 * current week and month, with its deadline (its figures fill in as it is saved and submitted).
 * Nothing is read unless the week, the month or the deadline settings moved on since the last
 * run (the stamp in sweep_marks); the unique index keeps it to one a person and period whoever
 * else writes one meanwhile.
 */
export async function createPeriodDrafts(
	trx: Knex.Transaction,
	today: string,
	settings: VisitSettings,
	now: Date,
): Promise<number> {
	const periods = (['week', 'month'] as const).map((type) => {
		const start = periodStartOf(type, today);
		return { type, start, due: periodicReportDueAt(type, start, settings) };
	});
	const stamp = JSON.stringify(periods.map((p) => [p.type, p.start, p.due.toISOString()]));
	const due = await trx(MARKS)
		.where('id', PERIODIC_REPORTS)
		.where((q) => q.where('dirty', true).orWhereNull('stamp').orWhereNot('stamp', stamp))
		.update({ dirty: false, stamp });
	if (!due) return 0;
	const pg = trx.client.config.client === 'pg';
	const v = vendorValues(trx);
	// Postgres types a bare parameter in a SELECT list as text: cast the date and the stamps.
	const typed = (type: string) => (pg ? `CAST(? AS ${type})` : '?');
	let added = 0;
	for (const period of periods) {
		const select = trx('directus_users as u')
			.select(
				'u.id',
				trx.raw('?', [period.type]),
				trx.raw(typed('date'), [v.date(period.start)]),
				trx.raw('?', ['draft']),
				trx.raw(typed('timestamp with time zone'), [v.instant(period.due)]),
				trx.raw(typed('timestamp with time zone'), [v.instant(now)]),
			)
			.where({ 'u.position': 'rep', 'u.status': 'active' })
			// Only the people without one: a conflicting row would still take a value of the id sequence on Postgres.
			.whereNotExists((q) =>
				q
					.select(trx.raw('1'))
					.from('periodic_reports as r')
					.whereRaw('r.owner = u.id')
					.where('r.period_type', period.type)
					.where('r.period_start', v.date(period.start)),
			);
		const result = await trx.raw(
			`INSERT INTO periodic_reports (owner, period_type, period_start, status, due_at, date_created) ${select.toQuery()} ON CONFLICT (owner, period_type, period_start) DO NOTHING RETURNING id`,
		);
		added += (pg ? result.rows : result).length;
	}
	return added;
}
