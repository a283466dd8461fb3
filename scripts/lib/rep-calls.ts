/**
 * A rep's small everyday calls, each against the hand-written SQL that reads the same rows and
 * against Directus's own floor for one authenticated request (GET /users/me), all as one rep
 * and alternating in one series: this week's visits, one customer's quota, the day's route,
 * the rep's own KPIs. Each call must give what its SQL gives before anything is timed.
 */
import type { Knex } from 'knex';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { addDays, weekday, zonedDate, zonedInstant } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { loadCalendar, loadSettings } from '../../extensions/sales-visits/src/flow/settings.ts';
import { alternate, getData, login, spreadOf, timed, type Spread } from './bench-kit.ts';
import { complianceQuery, lineDifference } from './compliance.ts';
import type { Env } from './directus.ts';
import { kpiAskFor, kpiDifferences } from './kpi.ts';
import { kpiQuery } from './kpi-sql.ts';

/** The generated users have no role and no password: the rep gets both from the administrator, as in the Studio. */
const REP_PASSWORD = 'bench-rep-password';

export interface RepCall {
	what: string;
	path: string;
	endpoint: Spread;
	query: Spread;
}

export interface RepFigures {
	email: string;
	/** GET /users/me as the rep. */
	floor: Spread;
	calls: RepCall[];
}

interface Call {
	what: string;
	path: string;
	/** The same rows from SQL, on the baselines' connection. */
	query: () => Promise<unknown>;
	/** Where the endpoint's answer and the query's differ; null when they agree. */
	differs: (answer: any, rows: any) => string | null;
}

const VISIT_FIELDS = ['id', 'customer', 'scheduled_start', 'status', 'channel', 'purpose'];
const idsOf = (rows: { id: number | string }[]) => JSON.stringify(rows.map((r) => Number(r.id)).sort((a, b) => a - b));
const sameIds = (api: { id: number }[], sql: { id: number }[]) =>
	idsOf(api) === idsOf(sql) ? null : `endpoint ${idsOf(api)}, query ${idsOf(sql)}`;

/** Makes the first rep a Sales Rep with a password, through Directus as the administrator; returns their id, e-mail and token. */
async function signInRep(db: Knex, env: Env, adminToken: string) {
	const rep: { id: string; email: string } = await db('directus_users')
		.where('position', 'rep')
		.orderBy('email')
		.first('id', 'email');
	const res = await fetch(`${env.PUBLIC_URL}/users/${rep.id}`, {
		method: 'PATCH',
		headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ role: roleByKey('sales_rep').roleId, password: REP_PASSWORD }),
	});
	if (!res.ok) throw new Error(`PATCH /users/${rep.id} answered ${res.status}: ${await res.text()}`);
	return { ...rep, token: await login(env, rep.email, REP_PASSWORD) };
}

export async function measureRepCalls(
	db: Knex,
	sql: Knex,
	env: Env,
	adminToken: string,
	samples: number,
	kpiPeriod: string,
): Promise<RepFigures> {
	const rep = await signInRep(db, env, adminToken);
	const { timezone } = await loadSettings(db);
	const calendar = await loadCalendar(db);
	const today = zonedDate(new Date(), timezone);
	const monday = addDays(today, -((weekday(today) + 6) % 7));
	const customer: { id: number } = await db('customers')
		.where({ owner: rep.id, status: 'active' })
		.orderBy('id')
		.first('id');
	const kpiAsk = await kpiAskFor(db, kpiPeriod, [rep.id]);
	const between = (from: string, days: number): [Date, Date] => [
		zonedInstant(from, timezone),
		zonedInstant(addDays(from, days), timezone),
	];
	const week = between(monday, 7);
	// The route of the rep's latest day with visits up to today, so that there is a route to work out.
	const latest: { at: Date | null } = await db('visits')
		.where('owner', rep.id)
		.whereNot('status', 'cancelled')
		.where('scheduled_start', '<', between(today, 1)[1])
		.first(db.raw('max(scheduled_start) AS at'));
	const routeDate = latest.at ? zonedDate(latest.at, timezone) : today;
	const day = between(routeDate, 1);
	const weekFilter = { scheduled_start: { _gte: week[0].toISOString(), _lt: week[1].toISOString() } };
	const calls: Call[] = [
		{
			what: "this week's visits",
			path: `/items/visits?fields=${VISIT_FIELDS.join(',')}&limit=-1&filter=${encodeURIComponent(JSON.stringify(weekFilter))}`,
			// The rep's read permission is their own visits.
			query: () =>
				sql('visits')
					.where('owner', rep.id)
					.where('scheduled_start', '>=', week[0])
					.where('scheduled_start', '<', week[1])
					.orderBy('id')
					.select(VISIT_FIELDS),
			differs: sameIds,
		},
		{
			what: "one customer's quota",
			path: `/visit-quotas/customers/${customer.id}`,
			query: () => complianceQuery(sql, timezone, calendar, rep.id),
			differs: (answer, rows) =>
				lineDifference(
					answer.line,
					rows.find((r: { id: number }) => Number(r.id) === customer.id),
				),
		},
		{
			what: "the day's route",
			path: `/visit-flow/route?date=${routeDate}`,
			query: () =>
				sql('visits as v')
					.leftJoin('customers as c', 'c.id', 'v.customer')
					.where('v.owner', rep.id)
					.whereNot('v.status', 'cancelled')
					.where('v.scheduled_start', '>=', day[0])
					.where('v.scheduled_start', '<', day[1])
					.orderBy('v.scheduled_start')
					.select('v.id', 'v.scheduled_start', 'v.status', 'v.channel', 'c.id as customer', 'c.name', 'c.address')
					.select('c.latitude', 'c.longitude'),
			differs: (answer, rows) =>
				sameIds(
					answer.stops.map((s: { visit: number }) => ({ id: s.visit })),
					rows,
				),
		},
		{
			what: 'own KPIs',
			path: `/visit-kpi/summary?period=${kpiPeriod}`,
			query: () => kpiQuery(sql, kpiAsk),
			differs: (answer, totals) => kpiDifferences(answer, totals).join('; ') || null,
		},
	];

	for (const call of calls) {
		const wrong = call.differs(await getData(env, rep.token, call.path), await call.query());
		if (wrong) throw new Error(`As ${rep.email}, GET ${call.path} and its query disagree: ${wrong}`);
	}
	const floor: number[] = [];
	const times = calls.map(() => ({ endpoint: [] as number[], query: [] as number[] }));
	await alternate(samples, [
		async () => floor.push((await timed(() => getData(env, rep.token, '/users/me')))[0]),
		...calls.flatMap((call, i) => [
			async () => times[i]!.endpoint.push((await timed(() => getData(env, rep.token, call.path)))[0]),
			async () => times[i]!.query.push((await timed(call.query))[0]),
		]),
	]);
	return {
		email: rep.email,
		floor: spreadOf(floor),
		calls: calls.map((call, i) => ({
			what: call.what,
			path: call.path,
			endpoint: spreadOf(times[i]!.endpoint),
			query: spreadOf(times[i]!.query),
		})),
	};
}
