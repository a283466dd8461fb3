/**
 * The compliance benchmark's baseline: one hand-written PostgreSQL query that yields the same
 * numbers as GET /visit-quotas/compliance, and the check that both agree.
 */
import type { Knex } from 'knex';
import { periodOf, type QuotaPeriod } from '../../extensions/sales-visits/src/domain/quota.ts';
import { isWorkday, type WorkCalendar } from '../../extensions/sales-visits/src/domain/work-days.ts';
import { addDays, zonedDate, zonedInstant } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { loadCalendar, loadSettings } from '../../extensions/sales-visits/src/flow/settings.ts';
import { alternate, getData, spreadOf, timed, type Spread } from './bench-kit.ts';
import type { Env } from './directus.ts';

const workdaysBetween = (from: string, to: string, calendar: WorkCalendar) => {
	let n = 0;
	for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkday(d, calendar)) n++;
	return n;
};

/**
 * The same numbers as the endpoint in one statement: the most specific matching rule per
 * customer (LATERAL … LIMIT 1), completed visits per customer and period, the owners' pace
 * and backlog, the standing and each rep's coverage as window functions. The calendar
 * arithmetic (working days left in each period, in the pace window) comes in as parameters.
 * `owner`: that rep's customers only (their backlog is all a line's standing depends on).
 * Parameters are planned with their values, so `? IS NULL OR …` costs nothing when null.
 */
export async function complianceQuery(db: Knex, timezone: string, calendar: WorkCalendar, owner: string | null = null) {
	const today = zonedDate(new Date(), timezone);
	const instant = (day: string) => zonedInstant(day, timezone);
	const periods: QuotaPeriod[] = ['month', 'quarter', 'half_year', 'year'];
	const windows = periods.map((p) => {
		const { start, end } = periodOf(p, today);
		return [
			p,
			instant(start),
			instant(addDays(end, 1)),
			today > end ? 0 : workdaysBetween(today < start ? start : today, end, calendar),
		] as const;
	});
	const paceFrom = addDays(today, -30);
	const recent = Math.max(1, workdaysBetween(paceFrom, addDays(today, -1), calendar));
	const { rows } = await db.raw(
		`WITH w(period, starts, ends, days_left) AS (VALUES ${windows.map(() => '(?, ?::timestamptz, ?::timestamptz, ?::int)').join(', ')}),
		ruled AS (
			SELECT c.id, c.owner, r.id AS rule, r.min_visits, r.period, r.channel
			FROM customers c JOIN directus_users u ON u.id = c.owner
			LEFT JOIN LATERAL (
				SELECT * FROM visit_quota_rules r
				WHERE r.active AND (r.tier IS NULL OR r.tier = c.tier) AND (r.category IS NULL OR r.category = c.category)
					AND (r.region_scope IS NULL OR r.region_scope = c.region_scope) AND (r.position IS NULL OR r.position = u.position)
				ORDER BY (r.tier IS NOT NULL)::int + (r.category IS NOT NULL)::int + (r.region_scope IS NOT NULL)::int + (r.position IS NOT NULL)::int DESC, r.priority DESC, r.id
				LIMIT 1) r ON true
			WHERE c.status = 'active' AND (?::uuid IS NULL OR c.owner = ?::uuid)),
		done AS (
			SELECT v.customer, w.period, count(*) AS n, count(*) FILTER (WHERE v.channel = 'onsite') AS onsite
			FROM visits v JOIN w ON v.check_out_at >= w.starts AND v.check_out_at < w.ends
			WHERE v.status = 'completed' AND (?::uuid IS NULL OR v.customer IN (SELECT id FROM ruled)) GROUP BY v.customer, w.period),
		pace AS (
			SELECT owner, count(*)::float8 / ? AS per_day FROM visits
			WHERE status = 'completed' AND check_out_at >= ?::timestamptz AND check_out_at < ?::timestamptz AND (?::uuid IS NULL OR owner = ?::uuid) GROUP BY owner),
		owed AS (
			SELECT r.*, w.days_left, w.ends, GREATEST(0, r.min_visits - COALESCE(CASE WHEN r.channel = 'onsite' THEN d.onsite ELSE d.n END, 0)) AS remaining,
				COALESCE(CASE WHEN r.channel = 'onsite' THEN d.onsite ELSE d.n END, 0) AS done
			FROM ruled r LEFT JOIN w ON w.period = r.period LEFT JOIN done d ON d.customer = r.id AND d.period = r.period),
		stood AS (
			SELECT o.*, CASE WHEN o.rule IS NULL THEN NULL WHEN o.remaining = 0 THEN 'met' WHEN o.days_left = 0 AND o.ends <= ?::timestamptz THEN 'missed'
				WHEN o.remaining <= o.days_left AND SUM(o.remaining) OVER (PARTITION BY o.owner) <= COALESCE(p.per_day, 0) * o.days_left THEN 'on_track' ELSE 'at_risk' END AS status
			FROM owed o LEFT JOIN pace p ON p.owner = o.owner)
		SELECT id, owner, rule, COALESCE(min_visits, 0) AS required, CASE WHEN rule IS NULL THEN 0 ELSE done END AS done, CASE WHEN rule IS NULL THEN 0 ELSE remaining END AS remaining, status,
			count(rule) OVER (PARTITION BY owner) AS with_requirement, count(*) FILTER (WHERE status = 'met') OVER (PARTITION BY owner) AS met
		FROM stood ORDER BY id`,
		[...windows.flat(), owner, owner, owner, recent, instant(paceFrom), instant(today), owner, owner, instant(today)],
	);
	return rows as {
		id: number;
		owner: string;
		rule: number | null;
		required: number;
		done: string;
		remaining: string;
		status: string | null;
		with_requirement: string;
		met: string;
	}[];
}

type QueryLine = Awaited<ReturnType<typeof complianceQuery>>[number];

/** How the endpoint's line of a customer and the query's differ; null when they agree. */
export function lineDifference(c: any, r: QueryLine | undefined): string | null {
	const mine = [c.rule?.id ?? null, c.required, c.done, c.remaining, c.status];
	const theirs = r && [r.rule, Number(r.required), Number(r.done), Number(r.remaining), r.status];
	return JSON.stringify(mine) === JSON.stringify(theirs)
		? null
		: `customer ${c.customer}: endpoint ${JSON.stringify(mine)}, query ${JSON.stringify(theirs)}`;
}

/** Where the endpoint and the query disagree (none expected). */
export function complianceDifferences(api: any, sql: QueryLine[]): string[] {
	const out: string[] = [];
	const byId = new Map(sql.map((r) => [Number(r.id), r]));
	if (api.customers.length !== sql.length) out.push(`customers: endpoint ${api.customers.length}, query ${sql.length}`);
	for (const c of api.customers) {
		const wrong = lineDifference(c, byId.get(c.customer));
		if (wrong) out.push(wrong);
	}
	const reps = new Map(sql.map((r) => [r.owner, r]));
	for (const rep of api.reps) {
		const r = reps.get(rep.owner);
		if (r && (Number(r.met) !== rep.met || Number(r.with_requirement) !== rep.with_requirement))
			out.push(`rep ${rep.owner}: endpoint ${rep.met}/${rep.with_requirement}, query ${r.met}/${r.with_requirement}`);
	}
	return out;
}

export interface ComplianceFigures {
	/** Customers by standing, e.g. `met 12039`. */
	standings: string[];
	customers: number;
	endpoint: Spread;
	query: Spread;
}

/** Refuses unless the endpoint and the query (on `sql`, the baselines' connection) agree, then times both `rounds` times, alternating. */
export async function measureCompliance(
	db: Knex,
	sql: Knex,
	env: Env,
	token: string,
	rounds: number,
): Promise<ComplianceFigures> {
	const { timezone } = await loadSettings(db);
	const calendar = await loadCalendar(db);
	const endpoint = () => getData(env, token, '/visit-quotas/compliance');
	const query = () => complianceQuery(sql, timezone, calendar);

	const answer = await endpoint();
	const wrong = complianceDifferences(answer, await query());
	if (wrong.length)
		throw new Error(
			`The compliance endpoint and the query disagree on ${wrong.length} lines, e.g.\n${wrong.slice(0, 5).join('\n')}`,
		);
	const tally = new Map<string, number>();
	for (const c of answer.customers) tally.set(String(c.status), (tally.get(String(c.status)) ?? 0) + 1);

	const api: number[] = [];
	const own: number[] = [];
	await alternate(rounds, [
		async () => api.push((await timed(endpoint))[0]),
		async () => own.push((await timed(query))[0]),
	]);
	return {
		standings: [...tally].map(([status, n]) => `${status} ${n}`),
		customers: answer.customers.length,
		endpoint: spreadOf(api),
		query: spreadOf(own),
	};
}
