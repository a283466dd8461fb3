/**
 * The KPI benchmark: GET /visit-kpi/summary against the hand-written query (kpi-sql.ts) and
 * against the generic items API (kpi-items.ts). All three must give the same numerator and
 * denominator for every KPI, this period and the one before, before anything is timed.
 */
import type { Knex } from 'knex';
import { kpiPeriod, kpiQuotaMonth } from '../../extensions/sales-visits/src/domain/kpi.ts';
import { zonedDate } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { loadSettings } from '../../extensions/sales-visits/src/flow/settings.ts';
import { alternate, getData, spreadOf, timed, type Spread } from './bench-kit.ts';
import type { Env } from './directus.ts';
import { kpiFromItems } from './kpi-items.ts';
import { kpiQuery, type KpiAsk } from './kpi-sql.ts';

/** Which of the query's columns each KPI divides (null: a count). */
const COLUMNS: Record<string, [string, string | null]> = {
	plan_on_time: ['plans_on_time', 'plans_submitted'],
	plan_completion: ['items_done', 'items'],
	unplanned_visits: ['unplanned', null],
	unauthorized_visits: ['unauthorized', null],
	report_on_time: ['reports_on_time', 'reports_due'],
	overdue_reports: ['reports_overdue', null],
	quota_compliance: ['quota_met', 'quota_required'],
	revisit_rate: ['revisits_done', 'revisits_due'],
	follow_up_completion: ['follow_ups_done', 'follow_ups_due'],
	complaint_response_on_time: ['complaints_on_time', 'complaints'],
	new_customers: ['customers_new', 'target_new'],
	churn_rate: ['customers_lost', 'customers_kept'],
	archive_completeness: ['customers_complete', 'customers_current'],
	expense_vs_budget: ['expenses', 'target_expenses'],
	sales_completion: ['signed', 'target_sales'],
	payment_collection: ['receivable_collected', 'receivable_due'],
	contract_settlement: ['settlements_done', 'settlements_due'],
	overdue_d0_30: ['aging_d0_30', null],
	overdue_d31_60: ['aging_d31_60', null],
	overdue_d61_90: ['aging_d61_90', null],
	overdue_over_90: ['aging_over_90', null],
	win_rate: ['opportunities_won', 'opportunities_closed'],
	weighted_pipeline: ['pipeline_weighted', null],
	quote_on_time: ['quotes_on_time', 'quotes_sent'],
	average_discount: ['quotes_discount', 'quotes_list'],
	lead_conversion: ['leads_converted', 'leads'],
	geofence_inside: ['check_ins_inside', 'check_ins'],
	visit_target_completion: ['visits_done', 'target_visits'],
	revisit_target_completion: ['revisits_made', 'target_revisits'],
	call_target_completion: ['calls', 'target_calls'],
	collection_target_completion: ['collected', 'target_collection'],
	periodic_report_on_time: ['periodic_on_time', 'periodic_due'],
	customer_satisfaction: ['revisits_satisfied', 'revisits_rated'],
	valid_complaints: ['complaints_valid', null],
	complaint_resolution_on_time: ['complaints_resolved_on_time', 'complaints'],
	reception_report_on_time: ['receptions_reported_on_time', 'receptions_reported'],
};

type Counts = { numerator: number; denominator: number | null } | null;

/** The KPIs that are snapshots as of now (profiles, the pipeline, the receivables' ages): no `before`. */
const SNAPSHOTS = new Set([
	'archive_completeness',
	'weighted_pipeline',
	'overdue_d0_30',
	'overdue_d31_60',
	'overdue_d61_90',
	'overdue_over_90',
]);

/** A KPI's counts in a window from the columns; snapshots have no history, so no `before`. */
function countsOf(totals: Record<string, number>, key: string, w: 'now' | 'before'): Counts {
	const [n, d] = COLUMNS[key]!;
	if (SNAPSHOTS.has(key)) return w === 'now' ? { numerator: totals[n]!, denominator: d ? totals[d]! : null } : null;
	return { numerator: totals[`${n}_${w}`]!, denominator: d ? totals[`${d}_${w}`]! : null };
}

const same = (a: number | null | undefined, b: number | null | undefined) =>
	(a ?? null) === (b ?? null) || (a != null && b != null && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a)));

/** Where the endpoint's KPIs and the columns disagree (none expected). */
export function kpiDifferences(
	api: { kpis: { key: string; numerator: number; denominator: number | null; previous: Counts }[] },
	totals: Record<string, number>,
): string[] {
	const out: string[] = [];
	if (api.kpis.length !== Object.keys(COLUMNS).length)
		out.push(`the endpoint reports ${api.kpis.length} KPIs, the baseline ${Object.keys(COLUMNS).length}`);
	for (const k of api.kpis) {
		if (!(k.key in COLUMNS)) {
			out.push(`${k.key}: no baseline`);
			continue;
		}
		for (const [w, theirs] of [
			['now', k],
			['before', k.previous],
		] as const) {
			const ours = countsOf(totals, k.key, w);
			if (!same(theirs?.numerator, ours?.numerator) || !same(theirs?.denominator, ours?.denominator)) {
				out.push(
					`${k.key} (${w}): endpoint ${theirs?.numerator}/${theirs?.denominator}, baseline ${ours?.numerator}/${ours?.denominator}`,
				);
			}
		}
	}
	return out;
}

export interface KpiFigures {
	endpoint: Spread;
	query: Spread;
	items: Spread;
	/** `key value` of each KPI, for the report. */
	values: string[];
}

export const kpiPath = (period: string, team: string | null) =>
	`/visit-kpi/summary?period=${period}&${team ? `scope=team&id=${team}` : 'scope=company'}`;

/** What the baselines need to compute `period` and the one before for `members` (null: the company). */
export async function kpiAskFor(db: Knex, period: string, members: string[] | null): Promise<KpiAsk> {
	const { timezone } = await loadSettings(db);
	const today = zonedDate(new Date(), timezone);
	const now = kpiPeriod(period)!;
	const before = kpiPeriod(now.previous)!;
	return {
		days: { now, before },
		quotaMonths: { now: kpiQuotaMonth(now, today), before: kpiQuotaMonth(before, today) },
		timezone,
		today,
		members,
	};
}

/** `key n/d` of each KPI of a summary. */
export const kpiValues = (answer: { kpis: { key: string; numerator: number; denominator: number | null }[] }) =>
	answer.kpis.map((k) => `${k.key} ${k.numerator}${k.denominator === null ? '' : `/${k.denominator}`}`);

/**
 * The summary of `period` for the company (`team` null) or a manager's team, checked three ways,
 * then timed three ways; the query runs on `sql` (the baselines' connection).
 */
export async function measureKpi(
	db: Knex,
	sql: Knex,
	env: Env,
	token: string,
	rounds: number,
	period: string,
	team: string | null,
): Promise<KpiFigures> {
	const members = team ? [team, ...(await db('directus_users').where('reports_to', team).pluck('id'))] : null;
	const ask = await kpiAskFor(db, period, members);
	const path = kpiPath(period, team);
	const endpoint = () => getData(env, token, path);
	const query = () => kpiQuery(sql, ask);
	const items = () => kpiFromItems(env, token, ask);

	const answer = await endpoint();
	for (const [name, totals] of [
		['hand-written query', await query()],
		['items API', await items()],
	] as const) {
		const wrong = kpiDifferences(answer, totals);
		if (wrong.length)
			throw new Error(`GET ${path} and the ${name} disagree on ${wrong.length} counts:\n${wrong.join('\n')}`);
	}
	const api: number[] = [];
	const own: number[] = [];
	const generic: number[] = [];
	await alternate(rounds, [
		async () => api.push((await timed(endpoint))[0]),
		async () => own.push((await timed(query))[0]),
		async () => generic.push((await timed(items))[0]),
	]);
	return { endpoint: spreadOf(api), query: spreadOf(own), items: spreadOf(generic), values: kpiValues(answer) };
}
