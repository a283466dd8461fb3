/**
 * The KPI counts, per owner: one GROUP BY owner over each source table, whose conditional
 * sums cover the period (`now`) and the one before (`before`) in the same pass. Column
 * `x_now` / `x_before` of a row is the count x of that owner in that window. Numbers are
 * cast with Number(): Postgres returns sums as strings.
 */
import type { Knex } from 'knex';
import { gradeFunnel, leadConversion, type GradeChange } from '../domain/leads.ts';
import { addDays, zonedInstant } from '../domain/zoned-time.ts';
import { complianceOf } from './compliance.ts';
import type { FlowContext } from './context.ts';
import { toIso, vendorValues } from './values.ts';

export const WINDOWS = ['now', 'before'] as const;
export type Window = (typeof WINDOWS)[number];
export type Days = { start: string; end: string };
export type OwnerCounts = Map<string, Record<string, number>>;

/** Half-open bounds of a window for timestamp columns and for date columns, as the vendor stores them. */
function bounds(db: Knex, days: Record<Window, Days>, timezone: string) {
	const v = vendorValues(db);
	const of = (w: Window) => ({
		instant: [
			v.instant(zonedInstant(days[w].start, timezone)),
			v.instant(zonedInstant(addDays(days[w].end, 1), timezone)),
		],
		date: [v.date(days[w].start), v.date(addDays(days[w].end, 1))],
	});
	return { now: of('now'), before: of('before') };
}
type Bounds = ReturnType<typeof bounds>;

/** `SUM(CASE WHEN column in the window AND cond THEN value ELSE 0 END) AS alias_w` for both windows. */
function sums(
	db: Knex,
	b: Bounds,
	alias: string,
	column: string,
	kind: 'instant' | 'date',
	cond = '',
	bindings: unknown[] = [],
	value = '1',
) {
	return WINDOWS.map((w) =>
		db.raw(
			`SUM(CASE WHEN ${column} >= ? AND ${column} < ?${cond ? ` AND ${cond}` : ''} THEN ${value} ELSE 0 END) AS ??`,
			[...b[w][kind], ...bindings, `${alias}_${w}`],
		),
	);
}

/** Only rows with `column` in either window: the two windows are adjacent, so one range (an index can serve it). */
const within = (b: Bounds, kind: 'instant' | 'date', column: string) => (q: Knex.QueryBuilder) =>
	q.where(column, '>=', b.before[kind][0]!).where(column, '<', b.now[kind][1]!);

/** Adds a pass's rows (grouped by `owner`) into the per-owner counts. */
function merge(into: OwnerCounts, rows: Record<string, unknown>[]) {
	for (const { owner, ...counts } of rows) {
		if (owner === null || owner === undefined) continue;
		const mine = into.get(String(owner)) ?? {};
		for (const [k, n] of Object.entries(counts)) mine[k] = Number(n ?? 0);
		into.set(String(owner), mine);
	}
}

/** Every pass, for `members` (null: everyone). */
export async function kpiCounts(
	ctx: FlowContext,
	members: string[] | null,
	days: Record<Window, Days>,
	quotaMonths: Record<Window, string>,
	timezone: string,
	today: string,
) {
	const db = ctx.database;
	const b = bounds(db, days, timezone);
	const mine = (q: Knex.QueryBuilder, column: string) => (members ? q.whereIn(column, members) : q);
	const no = false;
	const counts: OwnerCounts = new Map();

	const passes: Knex.QueryBuilder[] = [
		mine(
			db('visit_plans')
				.where(within(b, 'date', 'period_start'))
				.select(
					'owner',
					...sums(db, b, 'plans_submitted', 'period_start', 'date', 'submitted_at IS NOT NULL'),
					...sums(
						db,
						b,
						'plans_on_time',
						'period_start',
						'date',
						'submitted_at IS NOT NULL AND (submitted_late IS NULL OR submitted_late = ?)',
						[no],
					),
				),
			'owner',
		).groupBy('owner'),
		mine(
			db('visit_plan_items as i')
				.join('visit_plans as p', 'p.id', 'i.plan')
				.leftJoin('visits as v', 'v.id', 'i.visit')
				.where('p.status', 'approved')
				.where(within(b, 'date', 'i.planned_date'))
				.select(
					'p.owner',
					...sums(db, b, 'items', 'i.planned_date', 'date'),
					...sums(db, b, 'items_done', 'i.planned_date', 'date', "v.status = 'completed'"),
				),
			'p.owner',
		).groupBy('p.owner'),
		mine(
			db('visits')
				// Any of the dates counted in a window.
				.where((q) =>
					['scheduled_start', 'check_in_at', 'report_due_at'].reduce(
						(q, column) => q.orWhere(within(b, 'instant', column)),
						q,
					),
				)
				.select(
					'owner',
					...sums(db, b, 'unplanned', 'scheduled_start', 'instant', "plan_item IS NULL AND status <> 'cancelled'"),
					...sums(db, b, 'unauthorized', 'check_in_at', 'instant', 'unauthorized = ?', [true]),
					...sums(db, b, 'reports_due', 'report_due_at', 'instant'),
					...sums(
						db,
						b,
						'reports_on_time',
						'report_due_at',
						'instant',
						'report_submitted_at IS NOT NULL AND (report_late IS NULL OR report_late = ?)',
						[no],
					),
					...sums(db, b, 'reports_overdue', 'report_due_at', 'instant', "report_status = 'overdue'"),
					...sums(db, b, 'check_ins', 'check_in_at', 'instant', "channel = 'onsite'"),
					...sums(
						db,
						b,
						'check_ins_inside',
						'check_in_at',
						'instant',
						"channel = 'onsite' AND (outside_geofence IS NULL OR outside_geofence = ?)",
						[no],
					),
				),
			'owner',
		).groupBy('owner'),
		mine(
			db('revisits')
				.whereNot('status', 'cancelled')
				.where(within(b, 'date', 'due_date'))
				.select(
					'owner',
					...sums(db, b, 'revisits_due', 'due_date', 'date'),
					...sums(db, b, 'revisits_done', 'due_date', 'date', "status = 'done'"),
				),
			'owner',
		).groupBy('owner'),
		mine(
			db('follow_ups')
				.whereNot('status', 'cancelled')
				.where(within(b, 'date', 'due_date'))
				.select(
					'owner',
					...sums(db, b, 'follow_ups_due', 'due_date', 'date'),
					...sums(db, b, 'follow_ups_done', 'due_date', 'date', "status = 'done'"),
				),
			'owner',
		).groupBy('owner'),
		mine(
			db('complaints')
				.where(within(b, 'instant', 'received_at'))
				.select(
					'owner',
					...sums(db, b, 'complaints', 'received_at', 'instant'),
					...sums(
						db,
						b,
						'complaints_on_time',
						'received_at',
						'instant',
						'responded_at IS NOT NULL AND (response_late IS NULL OR response_late = ?)',
						[no],
					),
				),
			'owner',
		).groupBy('owner'),
		mine(
			db('sales_orders')
				.whereNot('status', 'cancelled')
				.where(within(b, 'date', 'signed_at'))
				.select(
					'owner',
					...sums(db, b, 'signed', 'signed_at', 'date', '', [], 'amount'),
					...sums(db, b, 'paid', 'signed_at', 'date', '', [], 'COALESCE(paid_amount, 0)'),
				),
			'owner',
		).groupBy('owner'),
		mine(
			db('expense_requests')
				.where('status', 'approved')
				.where(within(b, 'instant', 'date_created'))
				.select('requester as owner', ...sums(db, b, 'expenses', 'date_created', 'instant', '', [], 'amount')),
			'requester',
		).groupBy('requester'),
		mine(
			db('sales_targets')
				.where(within(b, 'date', 'period_start'))
				.select(
					'owner',
					...sums(db, b, 'target_sales', 'period_start', 'date', '', [], 'COALESCE(sales_amount, 0)'),
					...sums(db, b, 'target_new', 'period_start', 'date', '', [], 'COALESCE(new_customers, 0)'),
					...sums(db, b, 'target_expenses', 'period_start', 'date', '', [], 'COALESCE(expense_budget, 0)'),
				),
			'owner',
		).groupBy('owner'),
		customersPass(db, b, mine),
	];
	for (const rows of await Promise.all(passes)) merge(counts, rows);

	// Quota standing: the compliance report's own computation, for the months the windows report.
	const owners =
		members ??
		(await db('customers').distinct('owner').where('status', 'active').whereNotNull('owner')).map(
			(r: { owner: string }) => r.owner,
		);
	for (const w of WINDOWS) {
		const { reps } = await complianceOf(ctx, owners, quotaMonths[w], timezone, today);
		merge(
			counts,
			reps.map((r) => ({ owner: r.owner, [`quota_met_${w}`]: r.met, [`quota_required_${w}`]: r.with_requirement })),
		);
	}

	const funnel = await gradeChanges(db, mine, b.now.instant[1]);
	const iso = (w: Window) =>
		[
			zonedInstant(days[w].start, timezone).toISOString(),
			zonedInstant(addDays(days[w].end, 1), timezone).toISOString(),
		] as const;
	for (const [owner, changes] of funnel) {
		const row: Record<string, unknown> = { owner };
		for (const w of WINDOWS) {
			const { converted, leads } = leadConversion(changes, ...iso(w));
			Object.assign(row, { [`leads_converted_${w}`]: converted, [`leads_${w}`]: leads });
		}
		merge(counts, [row]);
	}
	return {
		counts,
		funnel: (owners: string[] | null) =>
			gradeFunnel(
				[...funnel].filter(([o]) => !owners || owners.includes(o)).flatMap(([, c]) => c),
				...iso('now'),
			),
	};
}

/**
 * Customers by owner: new (the first order not cancelled signed in the window, from one
 * GROUP BY customer of the orders), lost (churned_at in the window) against those not lost
 * before it began, and, as of now, the complete profiles among those not lost.
 */
function customersPass(db: Knex, b: Bounds, mine: (q: Knex.QueryBuilder, column: string) => Knex.QueryBuilder) {
	const firstOrders = db('sales_orders')
		.select('customer')
		.min({ first_signed: 'signed_at' })
		.whereNot('status', 'cancelled')
		.groupBy('customer')
		.as('f');
	const filled = ['tier', 'category', 'region_scope', 'province', 'city', 'address'].map(
		(f) => `COALESCE(c.${f}, '') <> ''`,
	);
	const complete = [
		...filled,
		'c.latitude IS NOT NULL',
		'c.longitude IS NOT NULL',
		'c.owner IS NOT NULL',
		'EXISTS (SELECT 1 FROM contacts k WHERE k.customer = c.id)',
	].join(' AND ');
	return mine(
		db('customers as c')
			.leftJoin(firstOrders, 'f.customer', 'c.id')
			.select(
				'c.owner',
				...sums(db, b, 'customers_new', 'f.first_signed', 'date'),
				...sums(db, b, 'customers_lost', 'c.churned_at', 'instant'),
				...WINDOWS.map((w) =>
					db.raw('SUM(CASE WHEN c.churned_at IS NULL OR c.churned_at >= ? THEN 1 ELSE 0 END) AS ??', [
						b[w].instant[0],
						`customers_kept_${w}`,
					]),
				),
				db.raw(`SUM(CASE WHEN c.status <> 'churned' AND ${complete} THEN 1 ELSE 0 END) AS customers_complete`),
				db.raw("SUM(CASE WHEN c.status <> 'churned' THEN 1 ELSE 0 END) AS customers_current"),
			),
		'c.owner',
	).groupBy('c.owner');
}

/** The grade history up to the period's end, by the customer's owner: what the funnel reads (one scan). */
async function gradeChanges(
	db: Knex,
	mine: (q: Knex.QueryBuilder, column: string) => Knex.QueryBuilder,
	end: Knex.Value,
): Promise<Map<string, GradeChange[]>> {
	const rows: {
		owner: string;
		customer: number;
		from_grade: string | null;
		to_grade: string | null;
		changed_at: unknown;
	}[] = await mine(
		db('lead_grade_changes as g')
			.join('customers as c', 'c.id', 'g.customer')
			.where('g.changed_at', '<', end)
			.select('c.owner', 'g.customer', 'g.from_grade', 'g.to_grade', 'g.changed_at'),
		'c.owner',
	);
	const by = new Map<string, GradeChange[]>();
	for (const r of rows) {
		const list = by.get(r.owner) ?? [];
		list.push({
			customer: Number(r.customer),
			from_grade: r.from_grade,
			to_grade: r.to_grade,
			changed_at: toIso(r.changed_at)!,
		} as GradeChange);
		by.set(r.owner, list);
	}
	return by;
}
