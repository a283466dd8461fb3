/**
 * Quota compliance (`GET /visit-quotas/compliance?period=YYYY-MM&owner=…`): for each customer
 * the rule that applies, required and completed visits in the rule's period around the month,
 * and its standing; per rep, coverage = customers met / customers with a requirement.
 *
 * Whose customers: the owners the caller may read customers of (one permission-scoped GROUP BY
 * through Directus). The counting is one GROUP BY over visits for all four period lengths at
 * once; rule matching is the pure module's.
 */
import type { Accountability } from '@directus/types';
import { monthOfPeriod } from '../domain/input.ts';
import { applicableRule, periodOf, standing, type QuotaPeriod, type QuotaStatus } from '../domain/quota.ts';
import { refusal } from '../domain/refusals.ts';
import { workdaysBetween } from '../domain/work-days.ts';
import { addDays, zonedDate, zonedInstant } from '../domain/zoned-time.ts';
import { refusalError } from './errors.ts';
import { loadCaller, nameOf, type UserName } from './people.ts';
import { activeCustomers, loadRules, visibleOwners } from './quota-data.ts';
import { loadCalendar, loadSettings } from './settings.ts';
import type { FlowContext } from './context.ts';
import { vendorValues } from './values.ts';

const PERIODS: QuotaPeriod[] = ['month', 'quarter', 'half_year', 'year'];
/** Recent pace: completed visits per working day over this many days. */
const PACE_DAYS = 30;

export async function compliance(
	ctx: FlowContext,
	accountability: Accountability | null,
	query: Record<string, unknown>,
	acceptLanguage?: string,
) {
	const { language } = await loadCaller(ctx.database, accountability, acceptLanguage);
	const settings = await loadSettings(ctx.database);
	const today = zonedDate(new Date(), settings.timezone);
	const month = query.period === undefined ? `${today.slice(0, 7)}-01` : monthOfPeriod(query.period);
	if (!month) throw refusalError(refusal(400, 'quota_period'), language);

	const owners = await visibleOwners(ctx, accountability, query.owner, language, ['customers', 'visits']);
	return { period: month.slice(0, 7), ...(await complianceOf(ctx, owners, month, settings.timezone, today)) };
}

/** The owners' customers and reps against their quotas in the month (`YYYY-MM-01`), judged on `today`. */
export async function complianceOf(ctx: FlowContext, owners: string[], month: string, timezone: string, today: string) {
	const db = ctx.database;
	const v = vendorValues(db);
	const windows = Object.fromEntries(PERIODS.map((p) => [p, periodOf(p, month)])) as Record<
		QuotaPeriod,
		{ start: string; end: string }
	>;
	const instant = (day: string) => v.instant(zonedInstant(day, timezone));
	const calendar = await loadCalendar(db);

	const rules = await loadRules(db);
	const rows = await activeCustomers(db, owners);

	// One pass over the visits: for each customer, completed visits in each period, any channel and on site.
	const counted = (period: QuotaPeriod, onsite: boolean) => {
		const { start, end } = windows[period];
		return db.raw(
			`SUM(CASE WHEN check_out_at >= ? AND check_out_at < ?${onsite ? " AND channel = 'onsite'" : ''} THEN 1 ELSE 0 END) AS ??`,
			[instant(start), instant(addDays(end, 1)), `${period}_${onsite ? 'onsite' : 'any'}`],
		);
	};
	const done = owners.length
		? await db('visits')
				.select('customer', ...PERIODS.flatMap((p) => [counted(p, false), counted(p, true)]))
				.where('status', 'completed')
				.whereIn('owner', owners)
				.where('check_out_at', '>=', instant(windows.year.start))
				.where('check_out_at', '<', instant(addDays(windows.year.end, 1)))
				.groupBy('customer')
		: [];
	const doneBy = new Map(done.map((d: Record<string, unknown>) => [Number(d.customer), d]));

	// The owners' recent pace, in one GROUP BY.
	const paceFrom = addDays(today, -PACE_DAYS);
	const paced: { owner: string; n: number | string }[] = owners.length
		? await db('visits')
				.select('owner')
				.count({ n: '*' })
				.where('status', 'completed')
				.whereIn('owner', owners)
				.where('check_out_at', '>=', instant(paceFrom))
				.where('check_out_at', '<', instant(today))
				.groupBy('owner')
		: [];
	const recentWorkdays = Math.max(1, workdaysBetween(paceFrom, addDays(today, -1), calendar));
	const pace = new Map(paced.map((p) => [p.owner, Number(p.n) / recentWorkdays]));

	const lines = rows.map((c) => {
		const rule = applicableRule(rules, c);
		if (!rule) return { c, rule: null, window: null, done: 0 };
		const counts = doneBy.get(c.id) ?? {};
		return {
			c,
			rule,
			window: windows[rule.period],
			done: Number(counts[`${rule.period}_${rule.channel === 'onsite' ? 'onsite' : 'any'}`] ?? 0),
		};
	});
	const backlog = new Map<string, number>();
	for (const l of lines)
		if (l.rule) backlog.set(l.c.owner, (backlog.get(l.c.owner) ?? 0) + Math.max(0, l.rule.min_visits - l.done));

	const result = lines.map(({ c, rule, window, done }) => {
		if (!rule || !window)
			return {
				customer: c.id,
				name: c.name,
				owner: c.owner,
				tier: c.tier,
				rule: null,
				period: null,
				required: 0,
				done: 0,
				remaining: 0,
				status: null as QuotaStatus | null,
			};
		const left =
			today > window.end ? 0 : workdaysBetween(today < window.start ? window.start : today, window.end, calendar);
		const s = standing(rule.min_visits, done, window, today, left, pace.get(c.owner) ?? 0, backlog.get(c.owner) ?? 0);
		return {
			customer: c.id,
			name: c.name,
			owner: c.owner,
			tier: c.tier,
			rule: { id: rule.id, name: rule.name, min_visits: rule.min_visits, period: rule.period, channel: rule.channel },
			period: window,
			...s,
		};
	});

	const people = new Map(
		(owners.length
			? await db('directus_users').whereIn('id', owners).select('id', 'first_name', 'last_name', 'email')
			: []
		).map((u: UserName) => [u.id, nameOf(u)]),
	);
	const reps = owners.map((id) => {
		const mine = result.filter((r) => r.owner === id);
		const withRequirement = mine.filter((r) => r.rule !== null);
		const met = withRequirement.filter((r) => r.status === 'met').length;
		return {
			owner: id,
			name: people.get(id) ?? id,
			customers: mine.length,
			with_requirement: withRequirement.length,
			met,
			at_risk: withRequirement.filter((r) => r.status === 'at_risk').length,
			missed: withRequirement.filter((r) => r.status === 'missed').length,
			coverage: withRequirement.length ? met / withRequirement.length : null,
		};
	});
	return { today, customers: result, reps };
}
