/**
 * The KPI counts, per owner, read from the counters the database keeps (counters/): column
 * `x_now` / `x_before` of an owner's row is the count x in that window. Two reads, none over
 * the source tables' rows: the monthly counters of both windows, and the stocks (customers as
 * of now, those lost before each window for churn, quota standing in the month each window
 * reports, customers by latest grade). Lead conversion reads the grade history of the customers
 * regraded since the earlier window began, in SQL. Numbers are cast with Number(): Postgres
 * returns sums as strings.
 */
import type { Knex } from 'knex';
import { LEAD_GRADES } from '../domain/leads.ts';
import { addDays, zonedInstant } from '../domain/zoned-time.ts';
import { OPEN_STAGES } from '../domain/opportunities.ts';
import { AGING_BUCKETS, agingDueDates } from '../domain/receivable-kpis.ts';
import { pipelineMetric, RECEIVABLE_OPEN, STOCK } from '../counters/groups.ts';
import { dayKey } from '../counters/periods.ts';
import { COUNTERS } from '../counters/sql.ts';
import { vendorValues } from './values.ts';

export const WINDOWS = ['now', 'before'] as const;
export type Window = (typeof WINDOWS)[number];
export type Days = { start: string; end: string };
export type OwnerCounts = Map<string, Record<string, number>>;

const month = (day: string) => day.slice(0, 7);

/** Adds rows (`owner` and counts) into the per-owner counts. */
function merge(into: OwnerCounts, rows: Record<string, unknown>[]) {
	for (const row of rows) {
		if (row.owner === null || row.owner === undefined) continue;
		const mine = countsFor(into, String(row.owner));
		for (const k in row) if (k !== 'owner') mine[k] = (mine[k] ?? 0) + Number(row[k] ?? 0);
	}
}

function countsFor(into: OwnerCounts, owner: string): Record<string, number> {
	let mine = into.get(owner);
	if (!mine) into.set(owner, (mine = {}));
	return mine;
}

/** The pipeline's stocks: per open stage, how many, their amount and amount × probability (percent). */
export const PIPELINE_METRICS = OPEN_STAGES.flatMap((stage) =>
	(['count', 'amount', 'weighted'] as const).map((what) => pipelineMetric(what, stage)),
);

/** The owner a row counts for; everyone's rows add up under `ALL` when nobody's own counts are asked for. */
export const ALL = '*';

/**
 * The counts of `members` (null: everyone) in both windows, and the lead grade funnel of `now`.
 * The reads run side by side, each on a connection of its own: over counters their plans stay
 * far below Postgres' `jit_above_cost` (about 3,300 for the company of `npm run bench`, against
 * 100,000), so they need no `reading()` transaction to turn JIT off.
 */
export async function kpiCounts(
	db: Knex,
	members: string[] | null,
	days: Record<Window, Days>,
	quotaMonths: Record<Window, string>,
	timezone: string,
	perOwner: boolean,
	/** The company's date today: the receivables' ages count from it. */
	today: string,
) {
	// Without a line per person (the company's totals), rows are summed in SQL under ALL.
	const owner = (column: string) => (perOwner ? column : db.raw('? AS owner', [ALL]));
	const byOwner = (q: Knex.QueryBuilder, column: string) => (perOwner ? q.groupBy(column) : q);
	const mine = (q: Knex.QueryBuilder, column: string) => (members ? q.whereIn(column, members) : q);
	const within = (w: Window) => [month(days[w].start), month(days[w].end)];
	const counts: OwnerCounts = new Map();

	// How many people the company's totals cover: those who own customers (a stock each).
	const everyone = perOwner
		? null
		: db(COUNTERS).where({ month: STOCK, metric: 'customers' }).countDistinct({ n: 'owner' }).first();
	const [monthly, stocks, leads, covered] = await Promise.all([
		// One row per owner, month and metric: summed here, a GROUP BY of numerics cost more than the scan.
		mine(
			db(COUNTERS)
				// Quota standing is per month, not summed over a window: read with the stocks.
				.whereNot('metric', 'quota_met')
				.where('month', '>=', within('before')[0]!)
				.where('month', '<=', within('now')[1]!)
				.select(owner('owner'), 'month', 'metric', perOwner ? 'n' : db.raw('SUM(n) AS n'))
				.modify((q) => (perOwner ? q : q.groupBy('month', 'metric'))),
			'owner',
		),
		// Churn: customers not lost before a window began = all of them less those lost in earlier months.
		// Quota standing: customers meeting their rule in the month each window reports, against those with one now.
		mine(
			db(COUNTERS)
				.where((q) =>
					q
						.where('month', STOCK)
						.orWhere((q) => q.where('metric', 'customers_lost').where('month', '<', within('now')[0]!))
						// Open receivables by due day: aged against today.
						.orWhere('metric', RECEIVABLE_OPEN)
						.orWhere((q) =>
							q.where('metric', 'quota_met').whereIn('month', [...new Set(WINDOWS.map((w) => month(quotaMonths[w])))]),
						),
				)
				.select(
					owner('owner'),
					db.raw(`SUM(CASE WHEN month = '${STOCK}' AND metric = 'customers' THEN n ELSE 0 END) AS customers`),
					db.raw(`SUM(CASE WHEN metric = 'customers_current' THEN n ELSE 0 END) AS customers_current`),
					db.raw(`SUM(CASE WHEN metric = 'customers_complete' THEN n ELSE 0 END) AS customers_complete`),
					db.raw(`SUM(CASE WHEN metric = 'quota_required' THEN n ELSE 0 END) AS quota_required`),
					...AGING_BUCKETS.map((bucket) => {
						const { from, to } = agingDueDates(bucket, today);
						return db.raw(
							`SUM(CASE WHEN metric = ? AND month <= ?${from ? ' AND month >= ?' : ''} THEN n ELSE 0 END) AS ??`,
							[RECEIVABLE_OPEN, dayKey(to), ...(from ? [dayKey(from)] : []), `aging_${bucket}`],
						);
					}),
					db.raw(`SUM(CASE WHEN metric = ? AND month >= ? THEN n ELSE 0 END) AS aging_not_due`, [
						RECEIVABLE_OPEN,
						dayKey(today),
					]),
					...PIPELINE_METRICS.map((m) =>
						db.raw(`SUM(CASE WHEN month = '${STOCK}' AND metric = ? THEN n ELSE 0 END) AS ??`, [m, m]),
					),
					...LEAD_GRADES.map((g) =>
						db.raw(`SUM(CASE WHEN metric = ? THEN n ELSE 0 END) AS ??`, [`graded_${g}`, `graded_${g}`]),
					),
					...WINDOWS.map((w) =>
						db.raw(`SUM(CASE WHEN metric = 'quota_met' AND month = ? THEN n ELSE 0 END) AS ??`, [
							month(quotaMonths[w]),
							`quota_met_${w}`,
						]),
					),
					...WINDOWS.map((w) =>
						db.raw(`SUM(CASE WHEN metric = 'customers_lost' AND month < ? THEN n ELSE 0 END) AS ??`, [
							within(w)[0],
							`lost_${w}`,
						]),
					),
				),
			'owner',
		).modify((q) => byOwner(q, 'owner')),
		leadHistory(db, members, days, timezone, perOwner),
		everyone,
	]);
	const [from, to] = within('now');
	for (const { owner, month: m, metric, n } of monthly as Record<string, string>[]) {
		const mine = countsFor(counts, owner!);
		const key = m! >= from! && m! <= to! ? `${metric}_now` : `${metric}_before`;
		mine[key] = (mine[key] ?? 0) + Number(n);
	}
	merge(
		counts,
		stocks.map((s: Record<string, string>) => ({
			owner: s.owner,
			customers_current: s.customers_current,
			customers_complete: s.customers_complete,
			quota_required_now: s.quota_required,
			quota_required_before: s.quota_required,
			quota_met_now: s.quota_met_now,
			quota_met_before: s.quota_met_before,
			...Object.fromEntries(PIPELINE_METRICS.map((m) => [m, s[m]])),
			...Object.fromEntries([...AGING_BUCKETS, 'not_due'].map((b) => [`aging_${b}`, s[`aging_${b}`]])),
			...Object.fromEntries(WINDOWS.map((w) => [`customers_kept_${w}`, Number(s.customers) - Number(s[`lost_${w}`])])),
		})),
	);
	const byLead = leadCounts(stocks, leads);
	merge(
		counts,
		byLead.map(({ owner, ...r }) => ({
			owner,
			...Object.fromEntries(Object.entries(r).filter(([k]) => k.startsWith('leads'))),
		})),
	);
	return { counts, funnel: funnelOf(byLead), people: covered ? Number(covered.n) : (members?.length ?? counts.size) };
}

/**
 * Lead conversion and the grade funnel. A customer regraded since the earlier window began is
 * read from the grade history (each change holds its grade until the next; a grade counts in a
 * window when held at any moment of it, a customer converted when graded O inside it); every
 * other customer held its latest grade throughout both windows and converted in neither, so
 * they come from the `graded_*` stocks, less the regraded customers' latest grades.
 */
async function leadHistory(
	db: Knex,
	members: string[] | null,
	days: Record<Window, Days>,
	timezone: string,
	perOwner: boolean,
) {
	const v = vendorValues(db);
	const edges = Object.fromEntries(
		WINDOWS.map((w) => [
			w,
			[v.instant(zonedInstant(days[w].start, timezone)), v.instant(zonedInstant(addDays(days[w].end, 1), timezone))],
		]),
	) as Record<Window, [Knex.Value, Knex.Value]>;
	const bounds = (w: Window) => edges[w];
	const regraded = db('lead_grade_changes').distinct('customer').where('changed_at', '>=', bounds('before')[0]!);
	const spans = db('lead_grade_changes as g')
		.join('customers as c', 'c.id', 'g.customer')
		.whereIn('g.customer', regraded)
		.select(
			'g.customer',
			'c.owner',
			'g.to_grade as grade',
			'g.changed_at as since',
			db.raw('LEAD(g.changed_at) OVER (PARTITION BY g.customer ORDER BY g.changed_at, g.id) AS until'),
		);
	if (members) spans.whereIn('c.owner', members);
	const leadGrades = LEAD_GRADES.filter((g) => g !== 'O').map((g) => `'${g}'`);
	/** Held at some moment of the window: graded before its end, not regraded before its start. */
	const held = (w: Window) => db.raw('since < ? AND (until IS NULL OR until >= ?)', [bounds(w)[1], bounds(w)[0]]);
	const perCustomer = db
		.from(spans.as('s'))
		.whereNotNull('grade')
		.groupBy('owner', 'customer')
		.select(
			'owner',
			'customer',
			...WINDOWS.flatMap((w) => [
				db.raw(`MAX(CASE WHEN ? AND grade IN (${leadGrades.join(', ')}) THEN 1 ELSE 0 END) AS ??`, [
					held(w),
					`lead_${w}`,
				]),
				db.raw(`MAX(CASE WHEN grade = 'O' AND since >= ? AND since < ? THEN 1 ELSE 0 END) AS ??`, [
					...bounds(w),
					`ordered_${w}`,
				]),
			]),
			...LEAD_GRADES.flatMap((g) => [
				db.raw(`MAX(CASE WHEN ? AND grade = ? THEN 1 ELSE 0 END) AS ??`, [held('now'), g, `held_${g}`]),
				db.raw(`MAX(CASE WHEN until IS NULL AND grade = ? THEN 1 ELSE 0 END) AS ??`, [g, `latest_${g}`]),
			]),
		);
	return db
		.from(perCustomer.as('p'))
		.modify((q) => (perOwner ? q.groupBy('owner') : q))
		.select(
			perOwner ? 'owner' : db.raw('? AS owner', [ALL]),
			...WINDOWS.flatMap((w) => [
				db.raw('SUM(??) AS ??', [`lead_${w}`, `lead_${w}`]),
				db.raw('SUM(?? * ??) AS ??', [`lead_${w}`, `ordered_${w}`, `converted_${w}`]),
			]),
			...LEAD_GRADES.flatMap((g) => [
				db.raw('SUM(??) AS ??', [`held_${g}`, `held_${g}`]),
				db.raw('SUM(?? * ordered_now) AS ??', [`held_${g}`, `converted_${g}`]),
				db.raw('SUM(??) AS ??', [`latest_${g}`, `latest_${g}`]),
			]),
		) as Promise<Record<string, unknown>[]>;
}

/**
 * Per owner: the leads of each window and those converted, and per grade (this window) the
 * customers that held it and those of them graded O in it; the regraded customers' counts plus
 * the others' latest grades.
 */
function leadCounts(stocks: Record<string, unknown>[], regraded: Record<string, unknown>[]) {
	const active = new Map(regraded.map((r) => [String(r.owner), r]));
	const n = (row: Record<string, unknown> | undefined, key: string) => Number(row?.[key] ?? 0);
	return stocks.map((s) => {
		const r = active.get(String(s.owner));
		const quiet = Object.fromEntries(LEAD_GRADES.map((g) => [g, n(s, `graded_${g}`) - n(r, `latest_${g}`)]));
		const quietLeads = LEAD_GRADES.filter((g) => g !== 'O').reduce((sum, g) => sum + quiet[g]!, 0);
		return {
			owner: s.owner,
			...Object.fromEntries(
				WINDOWS.flatMap((w) => [
					[`leads_${w}`, quietLeads + n(r, `lead_${w}`)],
					[`leads_converted_${w}`, n(r, `converted_${w}`)],
				]),
			),
			...Object.fromEntries(
				LEAD_GRADES.flatMap((g) => [
					[`reached_${g}`, quiet[g]! + n(r, `held_${g}`)],
					[`converted_${g}`, g === 'O' ? quiet[g]! + n(r, `held_${g}`) : n(r, `converted_${g}`)],
				]),
			),
		};
	});
}

/** The grade funnel of `owners` (null: everyone) from the per-owner lead counts. */
const funnelOf = (leads: Record<string, unknown>[]) => (owners: string[] | null) =>
	LEAD_GRADES.map((grade) => {
		const mine = leads.filter((r) => !owners || owners.includes(String(r.owner)));
		const total = (key: string) => mine.reduce((sum, r) => sum + Number(r[key] ?? 0), 0);
		const reached = total(`reached_${grade}`);
		const converted = total(`converted_${grade}`);
		return { grade, reached, converted, conversion: reached ? converted / reached : null };
	});
