/**
 * Quota compliance (`GET /visit-quotas/compliance?period=YYYY-MM&owner=…`): for each customer
 * the rule that applies, required and completed visits in the rule's period around the month,
 * and its standing; per rep, coverage = customers met / customers with a requirement.
 *
 * Whose customers: the owners the caller may read customers of (one permission-scoped GROUP BY
 * through Directus). Rule matching (counters/groups.ts RULE_OF_CUSTOMER) and each customer's
 * completed visits, by anyone, come from one query over the customers and their counters, not
 * from the visits.
 */
import type { Accountability } from '@directus/types';
import { monthOfPeriod } from '../domain/input.ts';
import type { Language } from '../domain/language.ts';
import type { OwnedCollection } from '../domain/ownership.ts';
import type { ReadReach } from '../domain/read-reach.ts';
import { periodOf, standing, type QuotaPeriod, type QuotaStatus } from '../domain/quota.ts';
import { RULE_OF_CUSTOMER } from '../counters/groups.ts';
import { periodKey } from '../counters/periods.ts';
import { CUSTOMER_COUNTERS } from '../counters/sql.ts';
import { refusal } from '../domain/refusals.ts';
import { workdaysBetween } from '../domain/work-days.ts';
import { addDays, zonedDate, zonedInstant } from '../domain/zoned-time.ts';
import { refusalError } from './errors.ts';
import { loadCaller, nameOf, type UserName } from './people.ts';
import { loadRules, visibleOwners, type OwnedCustomer } from './quota-data.ts';
import { readReaches } from './readable.ts';
import { reading } from './reporting.ts';
import { loadCalendar, loadSettings } from './settings.ts';
import type { FlowContext } from './context.ts';
import { vendorValues } from './values.ts';

type Reaches = Map<OwnedCollection, ReadReach | null>;

const PERIODS: QuotaPeriod[] = ['month', 'quarter', 'half_year', 'year'];
/** Recent pace: completed visits per working day over this many days. */
const PACE_DAYS = 30;

/** What a quota counts: the caller must read all of it for the owners shown. */
export const QUOTA_READS = ['customers', 'visits'] as const satisfies readonly OwnedCollection[];

export async function compliance(
	ctx: FlowContext,
	accountability: Accountability | null,
	query: Record<string, unknown>,
	acceptLanguage?: string,
) {
	const db = ctx.database;
	const [{ language }, settings, reaches] = await Promise.all([
		loadCaller(db, accountability, acceptLanguage),
		loadSettings(db),
		accountability && !accountability.admin ? readReaches(db, accountability, QUOTA_READS) : null,
	]);
	return complianceAs(ctx, accountability, query, { language, timezone: settings.timezone, reaches });
}

/** compliance() for a caller whose language, time zone and readReaches() of QUOTA_READS are loaded. */
export async function complianceAs(
	ctx: FlowContext,
	accountability: Accountability | null,
	query: Record<string, unknown>,
	{ language, timezone, reaches }: { language: Language; timezone: string; reaches: Reaches | null },
) {
	const today = zonedDate(new Date(), timezone);
	const month = query.period === undefined ? `${today.slice(0, 7)}-01` : monthOfPeriod(query.period);
	if (!month) throw refusalError(refusal(400, 'quota_period'), language);

	const owners = await visibleOwners(ctx, accountability, query.owner, language, QUOTA_READS, reaches);
	return { period: month.slice(0, 7), ...(await complianceOf(ctx, owners, month, timezone, today)) };
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
	const paceFrom = addDays(today, -PACE_DAYS);

	// Independent reads side by side.
	const [calendar, ruleList, rows, paced, names] = await Promise.all([
		loadCalendar(db),
		loadRules(db),
		// Each active customer with the rule that applies and its completed visits in that rule's period, from the counters.
		(owners.length
			? reading(db, (db) =>
					db('customers as c')
						.join('directus_users as u', 'u.id', 'c.owner')
						.leftJoin(db.raw(`visit_quota_rules r ON r.id = ${RULE_OF_CUSTOMER}`))
						.leftJoin(
							db.raw(
								`${CUSTOMER_COUNTERS} k ON k.customer = c.id AND k.metric = CASE WHEN r.channel = 'onsite' THEN 'done_onsite' ELSE 'done' END AND k.period = CASE r.period ${PERIODS.map(() => 'WHEN ? THEN ?').join(' ')} END`,
								PERIODS.flatMap((p) => [p, periodKey[p](month)]),
							),
						)
						.whereIn('c.owner', owners)
						.where('c.status', 'active')
						.select(
							'c.id',
							'c.name',
							'c.owner',
							'c.tier',
							'c.category',
							'c.region_scope',
							'u.position as owner_position',
							'r.id as rule',
							'k.n as done',
						)
						.orderBy('c.id'),
				)
			: []) as Promise<(OwnedCustomer & { rule: number | null; done: number | string | null })[]>,
		// The owners' recent pace, in one GROUP BY.
		(owners.length
			? db('visits')
					.select('owner')
					.count({ n: '*' })
					.where('status', 'completed')
					.whereIn('owner', owners)
					.where('check_out_at', '>=', instant(paceFrom))
					.where('check_out_at', '<', instant(today))
					.groupBy('owner')
			: []) as Promise<{ owner: string; n: number | string }[]>,
		(owners.length
			? db('directus_users').whereIn('id', owners).select('id', 'first_name', 'last_name', 'email')
			: []) as Promise<UserName[]>,
	]);
	const rules = new Map(ruleList.map((r) => [r.id, r]));
	const recentWorkdays = Math.max(1, workdaysBetween(paceFrom, addDays(today, -1), calendar));
	const pace = new Map(paced.map((p) => [p.owner, Number(p.n) / recentWorkdays]));

	const lines = rows.map(({ rule: id, done, ...c }) => {
		const rule = id === null ? null : (rules.get(Number(id)) ?? null);
		return { c, rule, window: rule ? windows[rule.period] : null, done: Number(done ?? 0) };
	});
	// Four periods at most: the working days left in each are counted once, not per customer.
	const counted = new Map<string, number>();
	const workdaysLeft = (from: string, to: string) => {
		const key = `${from} ${to}`;
		if (!counted.has(key)) counted.set(key, workdaysBetween(from, to, calendar));
		return counted.get(key)!;
	};
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
		const left = today > window.end ? 0 : workdaysLeft(today < window.start ? window.start : today, window.end);
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

	const people = new Map(names.map((u) => [u.id, nameOf(u)]));
	const byOwner = new Map<string, typeof result>();
	for (const r of result) {
		const list = byOwner.get(r.owner);
		if (list) list.push(r);
		else byOwner.set(r.owner, [r]);
	}
	const reps = owners.map((id) => {
		const mine = byOwner.get(id) ?? [];
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
