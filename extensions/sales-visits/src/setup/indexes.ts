/**
 * The indexes a snapshot cannot express (single-column ones are `indexed: true` in
 * schema/collections.ts): composites for a team's or a rep's rows by date, and partial ones
 * over the open rows each deadline sweep reads (flow/sweeps.ts), so an idle sweep reads an
 * empty index range instead of every open row. Postgres and SQLite both take partial indexes.
 *
 * Created on every setup. When a schema change makes SQLite rebuild a table, Knex copies its
 * indexes (WHERE included) to the new one, unlike its triggers (setup/grade-history.ts).
 */
import type { Knex } from 'knex';

export interface IndexSpec {
	name: string;
	table: string;
	columns: string[];
	/** The rows it covers; the same SQL on both databases (FALSE is a keyword of SQLite too). */
	where?: string;
	/** A rule over several columns that a snapshot cannot express either. */
	unique?: boolean;
}

export const INDEXES: IndexSpec[] = [
	// A team's or a rep's visits in a window (KPIs, compliance, the route, this week's visits); also lookups by owner alone.
	{ name: 'visits_owner_scheduled_start_index', table: 'visits', columns: ['owner', 'scheduled_start'] },
	{ name: 'visits_owner_check_in_at_index', table: 'visits', columns: ['owner', 'check_in_at'] },
	{ name: 'visits_owner_report_due_at_index', table: 'visits', columns: ['owner', 'report_due_at'] },
	{ name: 'visits_owner_check_out_at_index', table: 'visits', columns: ['owner', 'check_out_at'] },
	// A customer's grade history up to a date (the lead funnel).
	{
		name: 'lead_grade_changes_customer_changed_at_index',
		table: 'lead_grade_changes',
		columns: ['customer', 'changed_at'],
	},
	// The customers regraded since a date (the lead funnel reads only their history), without reading the rows.
	{
		name: 'lead_grade_changes_changed_at_customer_index',
		table: 'lead_grade_changes',
		columns: ['changed_at', 'customer'],
	},
	// The daily-report rule's "already told" lookup, and the Studio's notifications of an item.
	{
		name: 'directus_notifications_collection_item_index',
		table: 'directus_notifications',
		columns: ['collection', 'item'],
	},
	// The sweep rules' open rows by deadline: overdue reports and report reminders, missed visits,
	// overdue follow-ups, missed revisits, late complaints.
	{
		name: 'visits_pending_report_due_index',
		table: 'visits',
		columns: ['report_due_at'],
		where: "report_status = 'pending'",
	},
	{
		name: 'visits_scheduled_start_open_index',
		table: 'visits',
		columns: ['scheduled_start'],
		where: "status = 'scheduled'",
	},
	// The expiry sweep's sent quotes by last valid day.
	{
		name: 'quotes_sent_valid_until_index',
		table: 'quotes',
		columns: ['valid_until'],
		where: "status = 'sent'",
	},
	// The overdue sweep's open schedules by due date.
	{
		name: 'payment_schedules_open_due_index',
		table: 'payment_schedules',
		columns: ['due_date'],
		where: "status = 'open'",
	},
	// A rep's or a team's quotes, opportunities and contracts by state (the lists, the actions' approvers, the KPIs).
	{ name: 'quotes_owner_status_index', table: 'quotes', columns: ['owner', 'status'] },
	{ name: 'opportunities_owner_stage_index', table: 'opportunities', columns: ['owner', 'stage'] },
	{ name: 'contracts_owner_status_index', table: 'contracts', columns: ['owner', 'status'] },
	{
		name: 'follow_ups_open_due_index',
		table: 'follow_ups',
		columns: ['due_date'],
		where: "status = 'open' AND overdue = FALSE",
	},
	{ name: 'revisits_scheduled_due_index', table: 'revisits', columns: ['due_date'], where: "status = 'scheduled'" },
	{
		name: 'complaints_open_response_due_index',
		table: 'complaints',
		columns: ['response_due_at'],
		where: "status = 'open' AND response_late = FALSE",
	},
	// The escalation sweep's unresolved, not yet escalated complaints by resolution deadline.
	{
		name: 'complaints_unescalated_resolution_due_index',
		table: 'complaints',
		columns: ['resolution_due_at'],
		where: "status IN ('open', 'responded') AND escalated_at IS NULL",
	},
	// 周报 / 月报: one a person and period, whoever writes it (the sweep, the rep, an import).
	{
		name: 'periodic_reports_owner_period_unique',
		table: 'periodic_reports',
		columns: ['owner', 'period_type', 'period_start'],
		unique: true,
	},
	// 考核结果: one a person, scheme and period, whoever writes it (generate, the sweep).
	{
		name: 'appraisals_person_scheme_period_unique',
		table: 'appraisals',
		columns: ['person', 'scheme', 'period_start'],
		unique: true,
	},
	// The reminder sweep's drafts by deadline.
	{
		name: 'periodic_reports_draft_due_index',
		table: 'periodic_reports',
		columns: ['due_at'],
		where: "status = 'draft'",
	},
	// The reminder sweep's held receptions by report deadline.
	{
		name: 'receptions_held_report_due_index',
		table: 'receptions',
		columns: ['report_due_at'],
		where: "status = 'held'",
	},
	// 提成单: one a person and month, whoever generates it (the sweep, the endpoint, two instances at once).
	{
		name: 'commission_statements_person_month_unique',
		table: 'commission_statements',
		columns: ['person', 'month'],
		unique: true,
	},
];

const create = (knex: Knex, index: IndexSpec) =>
	knex.raw(
		`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ?? ON ?? (${index.columns.map(() => '??').join(', ')})${index.where ? ` WHERE ${index.where}` : ''}`,
		[index.name, index.table, ...index.columns],
	);

export async function applyIndexes(knex: Knex): Promise<void> {
	for (const index of INDEXES) await create(knex, index);
}
