/**
 * The KPI benchmark's baseline: one hand-written PostgreSQL statement yielding every count
 * GET /visit-kpi/summary reports, for the period and the one before (columns `x_now`,
 * `x_before`), for the company or a list of owners. Each source table is read once, over the
 * two windows' span, with FILTERed aggregates for both; quota standing matches rules with
 * LATERAL … LIMIT 1; lead conversion takes each customer's grade at a window's start from an
 * ordered array_agg.
 */
import type { Knex } from 'knex';
import { SATISFIED_FROM } from '../../extensions/sales-visits/src/domain/care.ts';
import { periodOf, type QuotaPeriod } from '../../extensions/sales-visits/src/domain/quota.ts';
import { AGING_BUCKETS, agingDueDates } from '../../extensions/sales-visits/src/domain/receivable-kpis.ts';
import { addDays, zonedInstant } from '../../extensions/sales-visits/src/domain/zoned-time.ts';

export interface KpiAsk {
	days: Record<Window, { start: string; end: string }>;
	/** The month (`YYYY-MM-01`) whose quota standing each window reports. */
	quotaMonths: Record<Window, string>;
	timezone: string;
	/** The company's date today: the receivables' ages count from it. */
	today: string;
	/** Whose rows; null for the company. */
	members: string[] | null;
}
type Window = 'now' | 'before';
const WINDOWS: Window[] = ['now', 'before'];
const PERIODS: QuotaPeriod[] = ['month', 'quarter', 'half_year', 'year'];

/** Rows whose `column` falls in window `w` (`i`nstant or `d`ate bounds) and meet `cond`. */
const within = (w: Window, column: string, kind: 'i' | 'd', cond: string) =>
	`FILTER (WHERE ${column} >= :${w}_${kind}s AND ${column} < :${w}_${kind}e AND ${cond})`;
const both = (alias: string, column: string, kind: 'i' | 'd', cond = 'true') =>
	WINDOWS.map((w) => `count(*) ${within(w, column, kind, cond)} AS ${alias}_${w}`).join(', ');
const sum = (alias: string, column: string, kind: 'i' | 'd', expression: string, cond = 'true') =>
	WINDOWS.map((w) => `COALESCE(sum(${expression}) ${within(w, column, kind, cond)}, 0) AS ${alias}_${w}`).join(', ');
/** Rows in either window: they are adjacent, so one range, which an index can serve. */
const span = (column: string, kind: 'i' | 'd') => `${column} >= :before_${kind}s AND ${column} < :now_${kind}e`;
/** A quote approved (and since maybe sent, accepted or expired). */
const APPROVED = "status IN ('approved', 'sent', 'accepted', 'expired')";
const mine = (column: string) => `(:members::uuid[] IS NULL OR ${column} = ANY(:members::uuid[]))`;

export async function kpiQuery(db: Knex, ask: KpiAsk): Promise<Record<string, number>> {
	const bindings: Record<string, unknown> = { members: ask.members };
	for (const w of WINDOWS) {
		const { start, end } = ask.days[w];
		Object.assign(bindings, {
			[`${w}_is`]: zonedInstant(start, ask.timezone),
			[`${w}_ie`]: zonedInstant(addDays(end, 1), ask.timezone),
			[`${w}_ds`]: start,
			[`${w}_de`]: addDays(end, 1),
		});
	}
	const quotaWindows = WINDOWS.flatMap((w) =>
		PERIODS.map((p) => {
			const { start, end } = periodOf(p, ask.quotaMonths[w]);
			return [
				w,
				p,
				zonedInstant(start, ask.timezone).toISOString(),
				zonedInstant(addDays(end, 1), ask.timezone).toISOString(),
			] as const;
		}),
	);
	// All quota windows' span, so the visits are read by range once rather than joined whole.
	Object.assign(bindings, {
		quota_s: quotaWindows.map((q) => q[2]).sort()[0],
		quota_e: quotaWindows
			.map((q) => q[3])
			.sort()
			.at(-1),
	});
	bindings.today = ask.today;
	const aging = AGING_BUCKETS.map((b) => {
		const { from, to } = agingDueDates(b, ask.today);
		return `COALESCE(sum(s.amount - COALESCE(s.paid_amount, 0)) FILTER (WHERE s.status <> 'paid' AND s.amount > COALESCE(s.paid_amount, 0) AND s.due_date <= '${to}'${from ? ` AND s.due_date >= '${from}'` : ''}), 0) AS aging_${b}`;
	}).join(', ');
	const profile = ['tier', 'category', 'region_scope', 'province', 'city', 'address']
		.map((f) => `COALESCE(c.${f}, '') <> ''`)
		.join(' AND ');
	const { rows } = await db.raw(
		`WITH plans AS (SELECT ${both('plans_submitted', 'period_start', 'd', 'submitted_at IS NOT NULL')}, ${both('plans_on_time', 'period_start', 'd', 'submitted_at IS NOT NULL AND NOT submitted_late')}
			FROM visit_plans WHERE ${span('period_start', 'd')} AND ${mine('owner')}),
		items AS (SELECT ${both('items', 'i.planned_date', 'd')}, ${both('items_done', 'i.planned_date', 'd', "v.status = 'completed'")}
			FROM visit_plan_items i JOIN visit_plans p ON p.id = i.plan LEFT JOIN visits v ON v.id = i.visit WHERE p.status = 'approved' AND ${span('i.planned_date', 'd')} AND ${mine('p.owner')}),
		visit_counts AS (SELECT ${both('unplanned', 'scheduled_start', 'i', "plan_item IS NULL AND status <> 'cancelled'")}, ${both('unauthorized', 'check_in_at', 'i', 'unauthorized')},
				${both('reports_due', 'report_due_at', 'i')}, ${both('reports_on_time', 'report_due_at', 'i', 'report_submitted_at IS NOT NULL AND NOT report_late')},
				${both('reports_overdue', 'report_due_at', 'i', "report_status = 'overdue'")}, ${both('check_ins', 'check_in_at', 'i', "channel = 'onsite'")},
				${both('check_ins_inside', 'check_in_at', 'i', "channel = 'onsite' AND NOT outside_geofence")},
				${both('visits_done', 'check_out_at', 'i', "status = 'completed'")}, ${both('calls_visits', 'check_out_at', 'i', "status = 'completed' AND channel = 'phone'")}
			FROM visits WHERE (${span('scheduled_start', 'i')} OR ${span('check_in_at', 'i')} OR ${span('report_due_at', 'i')} OR ${span('check_out_at', 'i')}) AND ${mine('owner')}),
		care AS (SELECT ${both('revisits_due', 'due_date', 'd')}, ${both('revisits_done', 'due_date', 'd', "status = 'done'")} FROM revisits WHERE status <> 'cancelled' AND ${span('due_date', 'd')} AND ${mine('owner')}),
		made AS (SELECT ${both('revisits_made', 'done_at', 'i')}, ${both('calls_revisits', 'done_at', 'i', "channel = 'phone'")},
				${both('revisits_rated', 'done_at', 'i', 'satisfaction IS NOT NULL')}, ${both('revisits_satisfied', 'done_at', 'i', `satisfaction >= ${SATISFIED_FROM}`)} FROM revisits WHERE status = 'done' AND ${span('done_at', 'i')} AND ${mine('owner')}),
		follow AS (SELECT ${both('follow_ups_due', 'due_date', 'd')}, ${both('follow_ups_done', 'due_date', 'd', "status = 'done'")} FROM follow_ups WHERE status <> 'cancelled' AND ${span('due_date', 'd')} AND ${mine('owner')}),
		answered AS (SELECT ${both('complaints', 'received_at', 'i')}, ${both('complaints_on_time', 'received_at', 'i', 'responded_at IS NOT NULL AND NOT response_late')},
				${both('complaints_valid', 'received_at', 'i', 'valid')}, ${both('complaints_resolved_on_time', 'received_at', 'i', 'resolved_at IS NOT NULL AND NOT resolution_late')} FROM complaints WHERE ${span('received_at', 'i')} AND ${mine('owner')}),
		hosted AS (SELECT ${both('receptions_reported', 'report_due_at', 'i')}, ${both('receptions_reported_on_time', 'report_due_at', 'i', 'report_late IS NOT TRUE')}
			FROM receptions WHERE status = 'reported' AND ${span('report_due_at', 'i')} AND ${mine('host')}),
		orders AS (SELECT ${sum('signed', 'signed_at', 'd', 'amount')} FROM sales_orders WHERE status <> 'cancelled' AND ${span('signed_at', 'd')} AND ${mine('owner')}),
		spent AS (SELECT ${sum('expenses', 'date_created', 'i', 'amount')} FROM expense_requests WHERE status = 'approved' AND ${span('date_created', 'i')} AND ${mine('requester')}),
		targets AS (SELECT ${sum('target_sales', 'period_start', 'd', 'sales_amount')}, ${sum('target_new', 'period_start', 'd', 'new_customers')}, ${sum('target_expenses', 'period_start', 'd', 'expense_budget')},
				${sum('target_visits', 'period_start', 'd', 'visits')}, ${sum('target_revisits', 'period_start', 'd', 'revisits')}, ${sum('target_calls', 'period_start', 'd', 'calls')}, ${sum('target_collection', 'period_start', 'd', 'collection_amount')}
			FROM sales_targets WHERE period_type = 'month' AND status = 'approved' AND superseded_by IS NULL AND ${span('period_start', 'd')} AND ${mine('owner')}),
		paid AS (SELECT ${sum('collected', 'p.received_at', 'i', 'p.amount')} FROM payments p JOIN sales_orders o ON o.id = p."order" WHERE ${span('p.received_at', 'i')} AND ${mine('o.owner')}),
		periodic AS (SELECT ${both('periodic_due', 'due_at', 'i')}, ${both('periodic_on_time', 'due_at', 'i', 'submitted_at IS NOT NULL AND late IS NOT TRUE')} FROM periodic_reports WHERE ${span('due_at', 'i')} AND ${mine('owner')}),
		firsts AS (SELECT customer, min(signed_at) AS first_signed FROM sales_orders WHERE status <> 'cancelled' GROUP BY customer),
		book AS (SELECT ${both('customers_new', 'f.first_signed', 'd')}, ${both('customers_lost', 'c.churned_at', 'i')},
				count(*) FILTER (WHERE c.churned_at IS NULL OR c.churned_at >= :now_is) AS customers_kept_now, count(*) FILTER (WHERE c.churned_at IS NULL OR c.churned_at >= :before_is) AS customers_kept_before,
				count(*) FILTER (WHERE c.status <> 'churned' AND ${profile} AND c.latitude IS NOT NULL AND c.longitude IS NOT NULL AND c.owner IS NOT NULL AND EXISTS (SELECT 1 FROM contacts k WHERE k.customer = c.id)) AS customers_complete,
				count(*) FILTER (WHERE c.status <> 'churned') AS customers_current
			FROM customers c LEFT JOIN firsts f ON f.customer = c.id WHERE ${mine('c.owner')}),
		ruled AS (SELECT c.id, r.id AS rule, r.min_visits, r.period, r.channel
			FROM customers c JOIN directus_users u ON u.id = c.owner
			LEFT JOIN LATERAL (SELECT * FROM visit_quota_rules r
				WHERE r.active AND (r.tier IS NULL OR r.tier = c.tier) AND (r.category IS NULL OR r.category = c.category)
					AND (r.region_scope IS NULL OR r.region_scope = c.region_scope) AND (r.position IS NULL OR r.position = u.position)
				ORDER BY (r.tier IS NOT NULL)::int + (r.category IS NOT NULL)::int + (r.region_scope IS NOT NULL)::int + (r.position IS NOT NULL)::int DESC, r.priority DESC, r.id
				LIMIT 1) r ON true
			WHERE c.status = 'active' AND ${mine('c.owner')}),
		qw(win, period, s, e) AS (VALUES ${quotaWindows.map(([w, p, start, end]) => `('${w}', '${p}', '${start}'::timestamptz, '${end}'::timestamptz)`).join(', ')}),
		done AS (SELECT v.customer, qw.win, qw.period, count(*) AS n, count(*) FILTER (WHERE v.channel = 'onsite') AS onsite
			FROM visits v JOIN qw ON v.check_out_at >= qw.s AND v.check_out_at < qw.e
			WHERE v.status = 'completed' AND v.check_out_at >= :quota_s::timestamptz AND v.check_out_at < :quota_e::timestamptz AND v.customer IN (SELECT id FROM ruled) GROUP BY 1, 2, 3),
		quota AS (SELECT count(r.rule) AS quota_required_now, count(r.rule) AS quota_required_before,
				count(*) FILTER (WHERE COALESCE(CASE WHEN r.channel = 'onsite' THEN d.onsite ELSE d.n END, 0) >= r.min_visits) AS quota_met_now,
				count(*) FILTER (WHERE COALESCE(CASE WHEN r.channel = 'onsite' THEN b.onsite ELSE b.n END, 0) >= r.min_visits) AS quota_met_before
			FROM ruled r LEFT JOIN done d ON d.customer = r.id AND d.win = 'now' AND d.period = r.period LEFT JOIN done b ON b.customer = r.id AND b.win = 'before' AND b.period = r.period),
		grades AS (SELECT g.customer, g.to_grade, g.changed_at FROM lead_grade_changes g JOIN customers c ON c.id = g.customer WHERE g.changed_at < :now_ie AND ${mine('c.owner')}),
		held AS (SELECT w.win,
				bool_or(g.changed_at >= w.s AND g.changed_at < w.e AND g.to_grade IN ('H', 'A', 'B', 'C'))
					OR ((array_agg(g.to_grade ORDER BY g.changed_at DESC) FILTER (WHERE g.changed_at < w.s))[1] IN ('H', 'A', 'B', 'C')) AS lead,
				bool_or(g.changed_at >= w.s AND g.changed_at < w.e AND g.to_grade = 'O') AS ordered
			FROM grades g CROSS JOIN (VALUES ('now', :now_is::timestamptz, :now_ie::timestamptz), ('before', :before_is::timestamptz, :before_ie::timestamptz)) w(win, s, e)
			GROUP BY w.win, g.customer),
		leads AS (SELECT count(*) FILTER (WHERE lead AND win = 'now') AS leads_now, count(*) FILTER (WHERE lead AND ordered AND win = 'now') AS leads_converted_now,
				count(*) FILTER (WHERE lead AND win = 'before') AS leads_before, count(*) FILTER (WHERE lead AND ordered AND win = 'before') AS leads_converted_before FROM held),
		opps AS (SELECT ${both('opportunities_closed', 'closed_at', 'i', "stage IN ('won', 'lost')")}, ${both('opportunities_won', 'closed_at', 'i', "stage = 'won'")},
				COALESCE(sum(COALESCE(amount, 0) * COALESCE(probability, 0)) FILTER (WHERE stage IN ('lead', 'qualified', 'proposal', 'negotiation')), 0) / 100.0 AS pipeline_weighted
			FROM opportunities WHERE (stage IN ('lead', 'qualified', 'proposal', 'negotiation') OR ${span('closed_at', 'i')}) AND ${mine('owner')}),
		quoted AS (SELECT ${both('quotes_sent', 'sent_at', 'i')}, ${both('quotes_on_time', 'sent_at', 'i', 'sent_late IS NOT TRUE')},
				${sum('quotes_list', 'decided_at', 'i', 'COALESCE(list_total, 0)', APPROVED)}, ${sum('quotes_discount', 'decided_at', 'i', 'COALESCE(list_total, 0) - COALESCE(net_total, 0)', APPROVED)}
			FROM quotes WHERE (${span('sent_at', 'i')} OR ${span('decided_at', 'i')}) AND ${mine('owner')}),
		receivable AS (SELECT ${sum('receivable_due', 's.due_date', 'd', 's.amount')}, ${sum('receivable_collected', 's.due_date', 'd', 'COALESCE(s.paid_amount, 0)')}, ${aging}
			FROM payment_schedules s JOIN sales_orders o ON o.id = s."order"
			WHERE o.status <> 'cancelled' AND (${span('s.due_date', 'd')} OR s.status <> 'paid') AND ${mine('o.owner')}),
		last_due AS (SELECT "order", max(due_date) AS due FROM payment_schedules WHERE "order" IS NOT NULL GROUP BY 1),
		settled AS (SELECT ${both('settlements_due', 'l.due', 'd')}, ${both('settlements_done', 'l.due', 'd', "o.status = 'paid'")}
			FROM sales_orders o JOIN last_due l ON l."order" = o.id WHERE o.status <> 'cancelled' AND ${span('l.due', 'd')} AND ${mine('o.owner')})
		SELECT * FROM plans, items, visit_counts, care, made, follow, answered, hosted, orders, spent, targets, paid, periodic, book, quota, leads, opps, quoted, receivable, settled`,
		bindings,
	);
	// Postgres returns counts and sums as text.
	const out = Object.fromEntries(
		Object.entries(rows[0] as Record<string, unknown>).map(([k, v]) => [k, Number(v ?? 0)]),
	);
	// Calls: phone visits and phone revisits together.
	for (const w of WINDOWS) out[`calls_${w}`] = out[`calls_visits_${w}`]! + out[`calls_revisits_${w}`]!;
	return out;
}
