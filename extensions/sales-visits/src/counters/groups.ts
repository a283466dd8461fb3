/**
 * The KPI counters (domain/kpi.ts's counts), defined once: each group is a source table (with
 * what it joins) whose rows add `value` to a metric of their owner in the local month of a date
 * column, or to a stock that is not dated. The database keeps them up to date on every write
 * (triggers.ts) and can recompute them from scratch (rebuild.ts); the summary reads them.
 *
 * SQL here is portable (SQLite and Postgres): booleans compare with `= true`/`= false`, a
 * dated metric names the column and whether it holds an instant or a date.
 */
import { SATISFIED_FROM } from '../domain/care.ts';
import { LEAD_GRADES } from '../domain/leads.ts';
import { OPEN_STAGES } from '../domain/opportunities.ts';

/**
 * Where a metric counts: the local month of an instant or of a date, a month the rows name
 * (`bucket`), the day of a date (`day`: kept by day, read by ranges of days), or the stock as of now.
 */
export type At = { instant: string } | { date: string } | { bucket: string } | { day: string } | 'stock';

export interface Metric {
	name: string;
	at: At;
	/** Only rows meeting it count. */
	when?: string;
	/** What a row adds: 1 unless said. */
	value?: string;
}

/** A table this group's rows read, and which of the group's rows a changed row of it touches. */
export interface Read {
	/** SQL selecting the group's keys (`k`) a row touches; `$` is the row (NEW or OLD). */
	keys: string;
	/** The columns whose change can move a count: other updates fire nothing. */
	columns: string[];
	/** The keys are the changed row itself: its own row lock already makes writers of it take turns. */
	own?: boolean;
}

export interface Group {
	name: string;
	/** `owner`: kpi_counters by owner and month; `customer`: kpi_customer_counters by customer and quota period. */
	by: 'owner' | 'customer';
	from: string;
	key: string;
	owner: string;
	customer?: string;
	metrics: Metric[];
	reads: Record<string, Read>;
}

/** The stock's bucket: counts not in any month (customers as of now). */
export const STOCK = 'stock';

const self = (columns: string[]): Read => ({ keys: 'SELECT $.id AS k', columns, own: true });
/** A customer's latest grade in the history (ties: the later row). */
const LATEST_GRADE =
	'(SELECT g.to_grade FROM lead_grade_changes g WHERE g.customer = c.id ORDER BY g.changed_at DESC, g.id DESC LIMIT 1)';

/** A visit counts toward quotas only while completed: others touch nothing there. */
const COMPLETED = "$.status = 'completed'";
const QUOTA_VISIT_COLUMNS = ['customer', 'status', 'channel', 'check_out_at'];

/**
 * The quota rule that applies to customer `c` (owner `u`): the first active rule that matches,
 * ranked as domain/quota.ts ranks them (more conditions, then higher priority, then lower id).
 */
export const RULE_OF_CUSTOMER = `(SELECT r2.id FROM visit_quota_rules r2 WHERE r2.active = true
	AND (r2.tier IS NULL OR r2.tier = c.tier) AND (r2.category IS NULL OR r2.category = c.category)
	AND (r2.region_scope IS NULL OR r2.region_scope = c.region_scope) AND (r2.position IS NULL OR r2.position = u.position)
	ORDER BY ${['tier', 'category', 'region_scope', 'position'].map((f) => `CASE WHEN r2.${f} IS NULL THEN 0 ELSE 1 END`).join(' + ')} DESC, r2.priority DESC, r2.id
	LIMIT 1)`;

/** What moves a customer's quota standing besides its own row and its completed visits. */
const QUOTA_READS: Record<string, Read> = {
	customers: self(['owner', 'status', 'tier', 'category', 'region_scope']),
	visits: { keys: `SELECT $.customer AS k WHERE ${COMPLETED}`, columns: QUOTA_VISIT_COLUMNS },
	directus_users: { keys: 'SELECT id AS k FROM customers WHERE owner = $.id', columns: ['position'] },
	visit_quota_rules: {
		keys: 'SELECT id AS k FROM customers',
		columns: ['active', 'tier', 'category', 'region_scope', 'position', 'min_visits', 'period', 'channel', 'priority'],
	},
};
const notLate = (column: string) => `(${column} IS NULL OR ${column} = false)`;

/** A schedule counts while its order is not cancelled. */
const LIVE_ORDER = "o.status <> 'cancelled'";
/** The due date of an order's last schedule: when it is due to be settled in full. */
const LAST_DUE = '(SELECT MAX(s.due_date) FROM payment_schedules s WHERE s."order" = o.id)';
/** The open amounts of the schedules by due day (kept by day: read against today for the aging). */
export const RECEIVABLE_OPEN = 'receivable_open';

/** The month targets a person is measured against (domain/targets.ts): approved, not replaced by a newer revision. */
const CURRENT_TARGET = "t.period_type = 'month' AND t.status = 'approved' AND t.superseded_by IS NULL";
/** A quote that was approved (and may since have been sent, accepted or expired): its discount stands. */
const APPROVED_QUOTE = "q.status IN ('approved', 'sent', 'accepted', 'expired')";

/** The stock metric of the open opportunities in `stage`: how many, their amount, amount × probability (percent). */
export const pipelineMetric = (what: 'count' | 'amount' | 'weighted', stage: string) => `pipeline_${what}_${stage}`;

export const GROUPS: Group[] = [
	{
		name: 'visits',
		by: 'owner',
		from: 'visits v',
		key: 'v.id',
		owner: 'v.owner',
		metrics: [
			{
				name: 'unplanned',
				at: { instant: 'v.scheduled_start' },
				when: "v.plan_item IS NULL AND v.status <> 'cancelled'",
			},
			{ name: 'unauthorized', at: { instant: 'v.check_in_at' }, when: 'v.unauthorized = true' },
			{ name: 'reports_due', at: { instant: 'v.report_due_at' } },
			{
				name: 'reports_on_time',
				at: { instant: 'v.report_due_at' },
				when: `v.report_submitted_at IS NOT NULL AND ${notLate('v.report_late')}`,
			},
			{ name: 'reports_overdue', at: { instant: 'v.report_due_at' }, when: "v.report_status = 'overdue'" },
			{ name: 'check_ins', at: { instant: 'v.check_in_at' }, when: "v.channel = 'onsite'" },
			{
				name: 'check_ins_inside',
				at: { instant: 'v.check_in_at' },
				when: `v.channel = 'onsite' AND ${notLate('v.outside_geofence')}`,
			},
			// Against the month's visit and call targets: completed visits by check-out, the phone ones apart.
			{ name: 'visits_done', at: { instant: 'v.check_out_at' }, when: "v.status = 'completed'" },
			{
				name: 'calls_visits',
				at: { instant: 'v.check_out_at' },
				when: "v.status = 'completed' AND v.channel = 'phone'",
			},
		],
		reads: {
			visits: self([
				'owner',
				'plan_item',
				'status',
				'scheduled_start',
				'unauthorized',
				'check_in_at',
				'report_due_at',
				'report_submitted_at',
				'report_late',
				'report_status',
				'channel',
				'outside_geofence',
				'check_out_at',
			]),
			// Deleting a plan item unlinks its visit (ON DELETE SET NULL), which makes it unplanned.
			visit_plan_items: { keys: 'SELECT id AS k FROM visits WHERE plan_item = $.id', columns: [] },
		},
	},
	{
		// Completed visits per customer in each quota period (compliance, and quota standing below).
		name: 'customer_visits',
		by: 'customer',
		from: 'visits v',
		key: 'v.id',
		owner: 'v.owner',
		customer: 'v.customer',
		metrics: [
			{ name: 'done', at: { instant: 'v.check_out_at' }, when: "v.status = 'completed'" },
			{
				name: 'done_onsite',
				at: { instant: 'v.check_out_at' },
				when: "v.status = 'completed' AND v.channel = 'onsite'",
			},
		],
		reads: { visits: { keys: `SELECT $.id AS k WHERE ${COMPLETED}`, columns: QUOTA_VISIT_COLUMNS, own: true } },
	},
	{
		name: 'plans',
		by: 'owner',
		from: 'visit_plans p',
		key: 'p.id',
		owner: 'p.owner',
		metrics: [
			{ name: 'plans_submitted', at: { date: 'p.period_start' }, when: 'p.submitted_at IS NOT NULL' },
			{
				name: 'plans_on_time',
				at: { date: 'p.period_start' },
				when: `p.submitted_at IS NOT NULL AND ${notLate('p.submitted_late')}`,
			},
		],
		reads: { visit_plans: self(['owner', 'period_start', 'submitted_at', 'submitted_late']) },
	},
	{
		// A plan's items count for the plan's owner once it is approved; done when their visit is completed.
		name: 'plan_items',
		by: 'owner',
		from: 'visit_plan_items i JOIN visit_plans p ON p.id = i.plan LEFT JOIN visits v ON v.id = i.visit',
		key: 'i.id',
		owner: 'p.owner',
		metrics: [
			{ name: 'items', at: { date: 'i.planned_date' }, when: "p.status = 'approved'" },
			{ name: 'items_done', at: { date: 'i.planned_date' }, when: "p.status = 'approved' AND v.status = 'completed'" },
		],
		reads: {
			visit_plan_items: self(['plan', 'planned_date', 'visit']),
			visit_plans: { keys: 'SELECT id AS k FROM visit_plan_items WHERE plan = $.id', columns: ['owner', 'status'] },
			visits: { keys: 'SELECT id AS k FROM visit_plan_items WHERE visit = $.id', columns: ['status'] },
		},
	},
	{
		name: 'revisits',
		by: 'owner',
		from: 'revisits r',
		key: 'r.id',
		owner: 'r.owner',
		metrics: [
			{ name: 'revisits_due', at: { date: 'r.due_date' }, when: "r.status <> 'cancelled'" },
			{ name: 'revisits_done', at: { date: 'r.due_date' }, when: "r.status = 'done'" },
			// Against the month's revisit and call targets: revisits done, by when they were done, the phone ones apart.
			{ name: 'revisits_made', at: { instant: 'r.done_at' }, when: "r.status = 'done'" },
			{ name: 'calls_revisits', at: { instant: 'r.done_at' }, when: "r.status = 'done' AND r.channel = 'phone'" },
			// 客户满意度: revisits done with a score recorded, and those scored 满意 or better, by when they were done.
			{
				name: 'revisits_rated',
				at: { instant: 'r.done_at' },
				when: "r.status = 'done' AND r.satisfaction IS NOT NULL",
			},
			{
				name: 'revisits_satisfied',
				at: { instant: 'r.done_at' },
				when: `r.status = 'done' AND r.satisfaction >= ${SATISFIED_FROM}`,
			},
		],
		reads: { revisits: self(['owner', 'due_date', 'status', 'done_at', 'channel', 'satisfaction']) },
	},
	{
		name: 'follow_ups',
		by: 'owner',
		from: 'follow_ups f',
		key: 'f.id',
		owner: 'f.owner',
		metrics: [
			{ name: 'follow_ups_due', at: { date: 'f.due_date' }, when: "f.status <> 'cancelled'" },
			{ name: 'follow_ups_done', at: { date: 'f.due_date' }, when: "f.status = 'done'" },
		],
		reads: { follow_ups: self(['owner', 'due_date', 'status']) },
	},
	{
		name: 'complaints',
		by: 'owner',
		from: 'complaints c',
		key: 'c.id',
		owner: 'c.owner',
		metrics: [
			{ name: 'complaints', at: { instant: 'c.received_at' } },
			{
				name: 'complaints_on_time',
				at: { instant: 'c.received_at' },
				when: `c.responded_at IS NOT NULL AND ${notLate('c.response_late')}`,
			},
			{ name: 'complaints_valid', at: { instant: 'c.received_at' }, when: 'c.valid = true' },
			{
				name: 'complaints_resolved_on_time',
				at: { instant: 'c.received_at' },
				when: `c.resolved_at IS NOT NULL AND ${notLate('c.resolution_late')}`,
			},
		],
		reads: {
			complaints: self([
				'owner',
				'received_at',
				'responded_at',
				'response_late',
				'valid',
				'resolved_at',
				'resolution_late',
			]),
		},
	},
	{
		name: 'orders',
		by: 'owner',
		from: 'sales_orders o',
		key: 'o.id',
		owner: 'o.owner',
		metrics: [{ name: 'signed', at: { date: 'o.signed_at' }, when: "o.status <> 'cancelled'", value: 'o.amount' }],
		reads: { sales_orders: self(['owner', 'signed_at', 'status', 'amount']) },
	},
	{
		// Closed in the month (win rate); open ones by stage as of now (the pipeline), weighted as amount × probability
		// in percent, divided by 100 when read: exact in the counters' two decimals whatever the sum.
		name: 'opportunities',
		by: 'owner',
		from: 'opportunities p',
		key: 'p.id',
		owner: 'p.owner',
		metrics: [
			{ name: 'opportunities_closed', at: { instant: 'p.closed_at' }, when: "p.stage IN ('won', 'lost')" },
			{ name: 'opportunities_won', at: { instant: 'p.closed_at' }, when: "p.stage = 'won'" },
			...OPEN_STAGES.flatMap((stage): Metric[] => [
				{ name: pipelineMetric('count', stage), at: 'stock', when: `p.stage = '${stage}'` },
				{
					name: pipelineMetric('amount', stage),
					at: 'stock',
					when: `p.stage = '${stage}'`,
					value: 'COALESCE(p.amount, 0)',
				},
				{
					name: pipelineMetric('weighted', stage),
					at: 'stock',
					when: `p.stage = '${stage}'`,
					value: 'COALESCE(p.amount, 0) * COALESCE(p.probability, 0)',
				},
			]),
		],
		reads: { opportunities: self(['owner', 'stage', 'closed_at', 'amount', 'probability']) },
	},
	{
		// Sent in the month (on time or not); approved in the month, by decided_at, with their list and net totals.
		name: 'quotes',
		by: 'owner',
		from: 'quotes q',
		key: 'q.id',
		owner: 'q.owner',
		metrics: [
			{ name: 'quotes_sent', at: { instant: 'q.sent_at' } },
			{ name: 'quotes_on_time', at: { instant: 'q.sent_at' }, when: notLate('q.sent_late') },
			{
				name: 'quotes_list',
				at: { instant: 'q.decided_at' },
				when: APPROVED_QUOTE,
				value: 'COALESCE(q.list_total, 0)',
			},
			{
				name: 'quotes_discount',
				at: { instant: 'q.decided_at' },
				when: APPROVED_QUOTE,
				value: 'COALESCE(q.list_total, 0) - COALESCE(q.net_total, 0)',
			},
		],
		reads: { quotes: self(['owner', 'status', 'sent_at', 'sent_late', 'decided_at', 'list_total', 'net_total']) },
	},
	{
		// An order's schedules (not its contract's drafts), orders not cancelled: due and collected by due month
		// (合同回款率), and what is still open by due day (aging, read against today).
		name: 'schedules',
		by: 'owner',
		from: 'payment_schedules s JOIN sales_orders o ON o.id = s."order"',
		key: 's.id',
		owner: 'o.owner',
		metrics: [
			{ name: 'receivable_due', at: { date: 's.due_date' }, when: LIVE_ORDER, value: 's.amount' },
			{
				name: 'receivable_collected',
				at: { date: 's.due_date' },
				when: LIVE_ORDER,
				value: 'COALESCE(s.paid_amount, 0)',
			},
			{
				name: RECEIVABLE_OPEN,
				at: { day: 's.due_date' },
				when: `${LIVE_ORDER} AND s.status <> 'paid' AND s.amount > COALESCE(s.paid_amount, 0)`,
				value: 's.amount - COALESCE(s.paid_amount, 0)',
			},
		],
		reads: {
			// "order" is a keyword: quoted wherever the triggers name the column.
			payment_schedules: self(['"order"', 'due_date', 'amount', 'paid_amount', 'status']),
			sales_orders: {
				keys: 'SELECT id AS k FROM payment_schedules WHERE "order" = $.id',
				columns: ['owner', 'status'],
			},
		},
	},
	{
		// 销售合同结算: an order is due to settle in the month its last schedule falls due; settled once paid.
		name: 'settlements',
		by: 'owner',
		from: 'sales_orders o',
		key: 'o.id',
		owner: 'o.owner',
		metrics: [
			{ name: 'settlements_due', at: { date: LAST_DUE }, when: "o.status <> 'cancelled'" },
			{ name: 'settlements_done', at: { date: LAST_DUE }, when: "o.status = 'paid'" },
		],
		reads: {
			sales_orders: self(['owner', 'status']),
			payment_schedules: { keys: 'SELECT $."order" AS k', columns: ['"order"', 'due_date'] },
		},
	},
	{
		name: 'expenses',
		by: 'owner',
		from: 'expense_requests e',
		key: 'e.id',
		owner: 'e.requester',
		metrics: [
			{ name: 'expenses', at: { instant: 'e.date_created' }, when: "e.status = 'approved'", value: 'e.amount' },
		],
		reads: { expense_requests: self(['requester', 'date_created', 'status', 'amount']) },
	},
	{
		name: 'targets',
		by: 'owner',
		from: 'sales_targets t',
		key: 't.id',
		owner: 't.owner',
		// A person's month targets as approved: not a draft or one up for approval, not one a newer approved revision replaced.
		metrics: [
			{
				name: 'target_sales',
				at: { date: 't.period_start' },
				when: CURRENT_TARGET,
				value: 'COALESCE(t.sales_amount, 0)',
			},
			{
				name: 'target_new',
				at: { date: 't.period_start' },
				when: CURRENT_TARGET,
				value: 'COALESCE(t.new_customers, 0)',
			},
			{
				name: 'target_expenses',
				at: { date: 't.period_start' },
				when: CURRENT_TARGET,
				value: 'COALESCE(t.expense_budget, 0)',
			},
			...(
				[
					['target_visits', 'visits'],
					['target_revisits', 'revisits'],
					['target_calls', 'calls'],
					['target_collection', 'collection_amount'],
				] as const
			).map(([name, column]): Metric => ({
				name,
				at: { date: 't.period_start' },
				when: CURRENT_TARGET,
				value: `COALESCE(t.${column}, 0)`,
			})),
		],
		reads: {
			sales_targets: self([
				'owner',
				'period_start',
				'sales_amount',
				'new_customers',
				'expense_budget',
				'visits',
				'revisits',
				'calls',
				'collection_amount',
				'period_type',
				'status',
				'superseded_by',
			]),
		},
	},
	{
		// New (first order not cancelled signed in the month), lost (churned_at), and as of now: owned, current, complete.
		name: 'customers',
		by: 'owner',
		from: 'customers c',
		key: 'c.id',
		owner: 'c.owner',
		metrics: [
			{
				name: 'customers_new',
				at: {
					date: "(SELECT MIN(o.signed_at) FROM sales_orders o WHERE o.customer = c.id AND o.status <> 'cancelled')",
				},
			},
			{ name: 'customers_lost', at: { instant: 'c.churned_at' } },
			// The grade the history last gave (the lead funnel: a customer not regraded since holds it throughout).
			...LEAD_GRADES.map((g): Metric => ({ name: `graded_${g}`, at: 'stock', when: `${LATEST_GRADE} = '${g}'` })),
			{ name: 'customers', at: 'stock' },
			{ name: 'customers_current', at: 'stock', when: "c.status <> 'churned'" },
			{
				name: 'customers_complete',
				at: 'stock',
				when: [
					"c.status <> 'churned'",
					...['tier', 'category', 'region_scope', 'province', 'city', 'address'].map(
						(f) => `COALESCE(c.${f}, '') <> ''`,
					),
					'c.latitude IS NOT NULL',
					'c.longitude IS NOT NULL',
					'EXISTS (SELECT 1 FROM contacts k WHERE k.customer = c.id)',
				].join(' AND '),
			},
		],
		reads: {
			customers: self([
				'owner',
				'status',
				'churned_at',
				'tier',
				'category',
				'region_scope',
				'province',
				'city',
				'address',
				'latitude',
				'longitude',
			]),
			sales_orders: { keys: 'SELECT $.customer AS k', columns: ['customer', 'signed_at', 'status'] },
			contacts: { keys: 'SELECT $.customer AS k', columns: ['customer'] },
			lead_grade_changes: { keys: 'SELECT $.customer AS k', columns: ['customer', 'to_grade', 'changed_at'] },
		},
	},
	{
		// 回款: what Finance recorded as received for the person's orders, by when it arrived (against the collection target).
		name: 'payments',
		by: 'owner',
		from: 'payments p JOIN sales_orders o ON o.id = p."order"',
		key: 'p.id',
		owner: 'o.owner',
		metrics: [{ name: 'collected', at: { instant: 'p.received_at' }, value: 'COALESCE(p.amount, 0)' }],
		reads: {
			payments: self(['"order"', 'received_at', 'amount']),
			sales_orders: { keys: 'SELECT id AS k FROM payments WHERE "order" = $.id', columns: ['owner'] },
		},
	},
	{
		// 周报 / 月报: due in the month of their due time; on time when first submitted by it.
		name: 'periodic_reports',
		by: 'owner',
		from: 'periodic_reports pr',
		key: 'pr.id',
		owner: 'pr.owner',
		metrics: [
			{ name: 'periodic_due', at: { instant: 'pr.due_at' } },
			{
				name: 'periodic_on_time',
				at: { instant: 'pr.due_at' },
				when: `pr.submitted_at IS NOT NULL AND ${notLate('pr.late')}`,
			},
		],
		reads: { periodic_reports: self(['owner', 'due_at', 'submitted_at', 'late']) },
	},
	{
		// 客户接待: reported receptions by the month of their report deadline; on time when not reported late.
		name: 'receptions',
		by: 'owner',
		from: 'receptions rc',
		key: 'rc.id',
		owner: 'rc.host',
		metrics: [
			{ name: 'receptions_reported', at: { instant: 'rc.report_due_at' }, when: "rc.status = 'reported'" },
			{
				name: 'receptions_reported_on_time',
				at: { instant: 'rc.report_due_at' },
				when: `rc.status = 'reported' AND ${notLate('rc.report_late')}`,
			},
		],
		reads: { receptions: self(['host', 'status', 'report_due_at', 'report_late']) },
	},
	// Quota standing reads the customer counters above, so it comes after them (triggers add back in this order).
	{
		// Active customers a rule applies to, as of now.
		name: 'quota_required',
		by: 'owner',
		from: `customers c JOIN directus_users u ON u.id = c.owner`,
		key: 'c.id',
		owner: 'c.owner',
		metrics: [{ name: 'quota_required', at: 'stock', when: `c.status = 'active' AND ${RULE_OF_CUSTOMER} IS NOT NULL` }],
		reads: QUOTA_READS,
	},
	{
		// In every month of each period its rule counts in, an active customer with enough completed visits in that period.
		name: 'quota_met',
		by: 'owner',
		from: `customers c JOIN directus_users u ON u.id = c.owner
			JOIN visit_quota_rules r ON r.id = ${RULE_OF_CUSTOMER}
			JOIN kpi_customer_counters k ON k.customer = c.id AND k.metric = CASE WHEN r.channel = 'onsite' THEN 'done_onsite' ELSE 'done' END
			JOIN kpi_periods p ON p.period = k.period AND p.kind = r.period`,
		key: 'c.id',
		owner: 'c.owner',
		metrics: [{ name: 'quota_met', at: { bucket: 'p.month' }, when: "c.status = 'active' AND k.n >= r.min_visits" }],
		reads: QUOTA_READS,
	},
];

/** Every table a group reads, with the groups reading it. */
export function readers(): Map<string, Group[]> {
	const by = new Map<string, Group[]>();
	for (const g of GROUPS) for (const table of Object.keys(g.reads)) by.set(table, [...(by.get(table) ?? []), g]);
	return by;
}
