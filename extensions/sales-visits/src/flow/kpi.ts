/**
 * `GET /visit-kpi/summary?period=YYYY-MM|YYYY-Qn|YYYY&scope=rep|team|company&id=…[&by=owner]`:
 * the KPIs (domain/kpi.ts) of a person, a team (the manager and their direct reports) or the
 * company, for the period and the one before, with the lead grade funnel.
 *
 * Whom the caller may see: the owners of the visits Directus lets them read (one
 * permission-scoped GROUP BY), their direct reports and themself; whoever may read the
 * visits of every owner, or every row of another collection a KPI is computed from (Finance,
 * customer service: domain/kpi-scope.ts), sees everything, the company included. A KPI
 * computed from a collection the caller may not read for those people is listed `withheld`,
 * without numbers.
 * The counts come from the counters the database keeps (kpi-data.ts), not from the source rows.
 */
import type { Accountability } from '@directus/types';
import { monthlyChampions } from '../domain/commission.ts';
import { isPeriodYear } from '../domain/input.ts';
import { kpiAsk, mayAsk, readsEveryones } from '../domain/kpi-scope.ts';
import { AGING_BUCKETS } from '../domain/receivable-kpis.ts';
import type { AgingBucket } from '../domain/receivables.ts';
import {
	AGING_SOURCES,
	FUNNEL_SOURCES,
	PIPELINE_SOURCES,
	kpiLight,
	kpiPeriod,
	kpiQuotaMonth,
	kpiReading,
	kpis,
	kpiValue,
	withheldReading,
	type KpiCounts,
	type KpiDefinition,
	type KpiKey,
} from '../domain/kpi.ts';
import { OPEN_STAGES } from '../domain/opportunities.ts';
import { OWNER_PATHS, type OwnedCollection } from '../domain/ownership.ts';
import { pipelineMetric } from '../counters/groups.ts';
import { refusal } from '../domain/refusals.ts';
import { zonedDate } from '../domain/zoned-time.ts';
import { refusalError } from './errors.ts';
import { kpiCounts, type Window } from './kpi-data.ts';
import { loadCaller, nameOf, type UserName } from './people.ts';
import type { ReadReach } from '../domain/read-reach.ts';
import { readableCollections, readReaches } from './readable.ts';
import { loadSettings } from './settings.ts';
import type { FlowContext } from './context.ts';

type Totals = Record<string, number>;

/** What the signed amounts are read from: the sales completion KPI's sources. */
const SALES_SOURCES = (kpis as readonly KpiDefinition[]).find((k) => k.key === 'sales_completion')!.sources;

/**
 * 月度销售冠军 of a month period, among the people listed (those the caller may see): the highest
 * signed amount, every one of a tie (domain/commission.ts monthlyChampions). None for a quarter
 * or a year, or when the caller may not read what the amounts come from.
 */
function salesChampions(
	key: string,
	readable: boolean,
	people: { id: string; name: string; signed: number }[],
): { owner: string; name: string; signed: number }[] {
	if (!readable || !/^\d{4}-\d{2}$/.test(key)) return [];
	return monthlyChampions(people.map((p) => ({ ...p, signed: Math.round(p.signed * 100) }))).map((c) => ({
		owner: c.id,
		name: c.name,
		signed: c.signed / 100,
	}));
}
const ratio =
	(numerator: string, denominator: string) =>
	(t: Totals, w: Window): KpiCounts => ({
		numerator: t[`${numerator}_${w}`] ?? 0,
		denominator: t[`${denominator}_${w}`] ?? 0,
	});
const count =
	(numerator: string) =>
	(t: Totals, w: Window): KpiCounts => ({ numerator: t[`${numerator}_${w}`] ?? 0, denominator: null });

/** Which counts (kpi-data.ts's columns) each KPI divides; null when a window has no history. */
export const READ: Record<KpiKey, (t: Totals, w: Window) => KpiCounts | null> = {
	plan_on_time: ratio('plans_on_time', 'plans_submitted'),
	plan_completion: ratio('items_done', 'items'),
	unplanned_visits: count('unplanned'),
	unauthorized_visits: count('unauthorized'),
	report_on_time: ratio('reports_on_time', 'reports_due'),
	overdue_reports: count('reports_overdue'),
	quota_compliance: ratio('quota_met', 'quota_required'),
	revisit_rate: ratio('revisits_done', 'revisits_due'),
	follow_up_completion: ratio('follow_ups_done', 'follow_ups_due'),
	complaint_response_on_time: ratio('complaints_on_time', 'complaints'),
	new_customers: ratio('customers_new', 'target_new'),
	churn_rate: ratio('customers_lost', 'customers_kept'),
	// Profiles have no history: as of now, nothing to compare with.
	archive_completeness: (t, w) =>
		w === 'now' ? { numerator: t.customers_complete ?? 0, denominator: t.customers_current ?? 0 } : null,
	expense_vs_budget: ratio('expenses', 'target_expenses'),
	sales_completion: ratio('signed', 'target_sales'),
	payment_collection: ratio('receivable_collected', 'receivable_due'),
	contract_settlement: ratio('settlements_done', 'settlements_due'),
	// Open receivables by age: as of today only.
	...(Object.fromEntries(
		AGING_BUCKETS.map((b) => [
			`overdue_${b}`,
			(t: Totals, w: Window) => (w === 'now' ? { numerator: t[`aging_${b}`] ?? 0, denominator: null } : null),
		]),
	) as Record<`overdue_${AgingBucket}`, (t: Totals, w: Window) => KpiCounts | null>),
	win_rate: ratio('opportunities_won', 'opportunities_closed'),
	// Open opportunities have no history: as of now only.
	weighted_pipeline: (t, w) => (w === 'now' ? { numerator: pipelineOf(t).weighted, denominator: null } : null),
	quote_on_time: ratio('quotes_on_time', 'quotes_sent'),
	average_discount: ratio('quotes_discount', 'quotes_list'),
	lead_conversion: ratio('leads_converted', 'leads'),
	geofence_inside: ratio('check_ins_inside', 'check_ins'),
	visit_target_completion: ratio('visits_done', 'target_visits'),
	revisit_target_completion: ratio('revisits_made', 'target_revisits'),
	// Calls are phone visits and phone revisits together.
	call_target_completion: (t, w) => ({
		numerator: (t[`calls_visits_${w}`] ?? 0) + (t[`calls_revisits_${w}`] ?? 0),
		denominator: t[`target_calls_${w}`] ?? 0,
	}),
	collection_target_completion: ratio('collected', 'target_collection'),
	periodic_report_on_time: ratio('periodic_on_time', 'periodic_due'),
	customer_satisfaction: ratio('revisits_satisfied', 'revisits_rated'),
	valid_complaints: count('complaints_valid'),
	complaint_resolution_on_time: ratio('complaints_resolved_on_time', 'complaints'),
	reception_report_on_time: ratio('receptions_reported_on_time', 'receptions_reported'),
};

/** The open opportunities by stage from the pipeline stocks; weighted = Σ amount × probability / 100. */
function pipelineByStage(t: Totals) {
	return OPEN_STAGES.map((stage) => ({
		stage,
		count: t[pipelineMetric('count', stage)] ?? 0,
		amount: t[pipelineMetric('amount', stage)] ?? 0,
		weighted: (t[pipelineMetric('weighted', stage)] ?? 0) / 100,
	}));
}
const pipelineOf = (t: Totals) =>
	pipelineByStage(t).reduce((all, s) => ({ count: all.count + s.count, weighted: all.weighted + s.weighted }), {
		count: 0,
		weighted: 0,
	});

const sum = (rows: Totals[]): Totals => {
	const total: Totals = {};
	for (const row of rows) for (const [k, n] of Object.entries(row)) total[k] = (total[k] ?? 0) + n;
	return total;
};

/**
 * Whose visits the caller may read, and whether that is everybody who has visits. Where the
 * caller's read permissions on visits say it by the owner alone (`reach`; null: none at all),
 * from them (their reports' are added by the caller); otherwise one permission-scoped GROUP BY
 * through Directus and one indexed EXISTS per person rather than a scan of the visits.
 */
async function visitOwners(
	ctx: FlowContext,
	accountability: Accountability | null,
	admin: boolean,
	reach: ReadReach | null | undefined,
) {
	const db = ctx.database;
	if (admin) return { readable: new Set<string>(), seesAll: true };
	// No read permission on visits at all (Finance, Legal, customer service): nobody's visits.
	if (reach === null) return { readable: new Set<string>(), seesAll: false };
	if (reach && !reach.other)
		return {
			readable: new Set<string>(reach.own && accountability?.user ? [accountability.user] : []),
			// With no visits yet, nobody sees all.
			seesAll: reach.everyone && Boolean(await db('visits').first('id')),
		};
	const visits = new ctx.services.ItemsService<{ owner: string }>('visits', {
		schema: await ctx.getSchema(),
		accountability,
		knex: db,
	});
	// Refused (no read permission on visits): nobody's visits, as above.
	const readable = new Set<string>(
		(await visits.readByQuery({ aggregate: { count: ['*'] }, group: ['owner'], limit: -1 }).catch(() => [])).map(
			(g) => g.owner,
		),
	);
	const unseen = await db('directus_users as u')
		.whereNotIn('u.id', [...readable])
		.whereExists((q) => q.select(db.raw('1')).from('visits as v').whereRaw('v.owner = u.id'))
		.first('u.id');
	return { readable, seesAll: readable.size > 0 && !unseen };
}

const OWNED = Object.keys(OWNER_PATHS) as OwnedCollection[];

export async function kpiSummary(
	ctx: FlowContext,
	accountability: Accountability | null,
	query: Record<string, unknown>,
	acceptLanguage?: string,
) {
	const db = ctx.database;
	const user = accountability?.user;
	// Independent reads side by side: each is one indexed query.
	const [{ caller, language }, settings, reaches, reports] = await Promise.all([
		loadCaller(db, accountability, acceptLanguage),
		loadSettings(db),
		accountability && !accountability.admin ? readReaches(db, accountability, OWNED) : null,
		user ? db('directus_users').where('reports_to', user).pluck('id') : ([] as string[]),
	]);
	const today = zonedDate(new Date(), settings.timezone);
	const period = kpiPeriod(query.period ?? today.slice(0, 7));
	if (!period || !isPeriodYear(Number(period.start.slice(0, 4))))
		throw refusalError(refusal(400, 'kpi_period'), language);
	const previous = kpiPeriod(period.previous)!;

	if (!caller.id && !caller.admin) throw refusalError(refusal(403, 'kpi_forbidden'), language);

	const { readable, seesAll: readsAllVisits } = await visitOwners(
		ctx,
		accountability,
		caller.admin,
		reaches?.get('visits'),
	);
	const seesAll = readsAllVisits || (reaches !== null && readsEveryones(reaches));
	const visible = new Set([...readable, ...reports]);

	const ask = kpiAsk(query, caller, seesAll);
	if ('code' in ask) throw refusalError(ask, language);
	let members: string[] | null = null;
	let name: string;
	if (ask.id === null) {
		name = (await db('directus_settings').first('project_name'))?.project_name ?? '';
	} else {
		const [person, team] = await Promise.all([
			// The caller's own name is known already.
			ask.id === caller.id
				? caller.name
				: db('directus_users')
						.where('id', ask.id)
						.first('id', 'first_name', 'last_name', 'email')
						.then((p?: UserName) => p && nameOf(p))
						.catch(() => undefined),
			ask.scope === 'team' ? db('directus_users').where('reports_to', ask.id).pluck('id') : ([] as string[]),
		]);
		if (person === undefined) throw refusalError(refusal(404, 'kpi_person'), language);
		name = person;
		members = [ask.id, ...team];
	}
	if (!mayAsk(members, caller.id, visible, seesAll)) throw refusalError(refusal(403, 'kpi_forbidden'), language);

	const days = { now: period, before: previous };
	const quotaMonths = { now: kpiQuotaMonth(period, today), before: kpiQuotaMonth(previous, today) };
	const [{ counts, funnel, people }, allowed] = await Promise.all([
		kpiCounts(
			ctx.database,
			members,
			days,
			quotaMonths,
			settings.timezone,
			members !== null || query.by === 'owner',
			today,
		),
		readableCollections(ctx, accountability, members, OWNED, reaches),
	]);
	const shown = (needs: readonly OwnedCollection[]) => needs.every((s) => allowed.has(s));
	const owners = members ?? [...counts.keys()];
	const totals = sum(owners.map((o) => counts.get(o) ?? {}));

	const grades = shown(FUNNEL_SOURCES) ? funnel(members) : [];
	const data: Record<string, unknown> = {
		period: { key: period.key, start: period.start, end: period.end },
		previous: { key: previous.key, start: previous.start, end: previous.end },
		scope: ask.scope,
		id: ask.id,
		name,
		people,
		kpis: (kpis as readonly KpiDefinition[]).map((k) =>
			shown(k.sources)
				? kpiReading(k, READ[k.key as KpiKey](totals, 'now')!, READ[k.key as KpiKey](totals, 'before'))
				: withheldReading(k),
		),
		funnel: {
			withheld: !shown(FUNNEL_SOURCES),
			grades: grades.map(({ grade, reached }) => ({ grade, reached })),
			conversions: grades
				.filter((g) => g.grade !== 'O')
				.map((g) => ({ from: g.grade, to: 'O', converted: g.converted, of: g.reached, rate: g.conversion })),
		},
		// The open opportunities by stage as of now (the pipeline panel).
		pipeline: {
			withheld: !shown(PIPELINE_SOURCES),
			stages: shown(PIPELINE_SOURCES) ? pipelineByStage(totals) : [],
		},
		// Open receivables by age as of today, and those not yet due (the aging panel).
		receivables: {
			withheld: !shown(AGING_SOURCES),
			as_of: today,
			aging: shown(AGING_SOURCES)
				? AGING_BUCKETS.map((bucket) => ({ bucket, amount: totals[`aging_${bucket}`] ?? 0 }))
				: [],
			not_due: shown(AGING_SOURCES) ? (totals.aging_not_due ?? 0) : null,
		},
	};
	if (query.by === 'owner') {
		const names = new Map(
			(owners.length
				? await db('directus_users').whereIn('id', owners).select('id', 'first_name', 'last_name', 'email')
				: []
			).map((u: UserName) => [u.id, nameOf(u)]),
		);
		data.by_owner = owners.map((owner) => {
			const mine = counts.get(owner) ?? {};
			const readings = (kpis as readonly KpiDefinition[]).map((k) => {
				if (!shown(k.sources))
					return [k.key, { numerator: null, denominator: null, value: null, light: null, withheld: true }];
				const { numerator, denominator } = READ[k.key as KpiKey](mine, 'now')!;
				const value = kpiValue(k, numerator, denominator);
				return [k.key, { numerator, denominator, value, light: kpiLight(k, value), withheld: false }];
			});
			return { owner, name: names.get(owner) ?? owner, kpis: Object.fromEntries(readings) };
		});
		data.champions = salesChampions(
			period.key,
			shown(SALES_SOURCES),
			owners.map((owner) => ({
				id: owner,
				name: names.get(owner) ?? owner,
				signed: counts.get(owner)?.signed_now ?? 0,
			})),
		);
	}
	return data;
}
