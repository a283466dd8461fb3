/**
 * The default list of every collection (directus_presets, bookmark and role null): a table of
 * the readable title, the state, who it belongs to and its deadline, sorted by what comes due
 * first or else by the newest. Users' own layouts are theirs and stay untouched.
 */
import type { PresetDefinition } from './presets.ts';

interface ListSpec {
	/** Columns in order; dotted paths show a related item (`visit.owner`). */
	fields: string[];
	sort: string[];
}

/** Keyed by collection; visit_settings is a singleton and has no list. */
export const lists: Record<string, ListSpec> = {
	visits: {
		fields: ['customer', 'scheduled_start', 'owner', 'status', 'application_status', 'report_status', 'report_due_at'],
		sort: ['-scheduled_start'],
	},
	visit_plans: {
		fields: ['owner', 'period_type', 'period_start', 'period_end', 'status', 'submit_due_at', 'coverage_short_count'],
		sort: ['-period_start'],
	},
	visit_plan_items: { fields: ['planned_date', 'customer', 'purpose', 'plan', 'visit'], sort: ['planned_date'] },
	visit_reports: {
		fields: ['visit', 'visit.owner', 'submitted_at', 'review_decision', 'reviewer', 'reviewed_at'],
		sort: ['-submitted_at'],
	},
	follow_ups: { fields: ['description', 'customer', 'owner', 'due_date', 'status', 'overdue'], sort: ['due_date'] },
	daily_reports: { fields: ['owner', 'date', 'submitted_at', 'late'], sort: ['-date'] },
	periodic_reports: {
		fields: ['owner', 'period_type', 'period_start', 'status', 'due_at', 'submitted_at', 'late'],
		sort: ['-period_start'],
	},
	expense_requests: {
		fields: ['kind', 'amount', 'requester', 'status', 'visit', 'over_budget', 'date_created'],
		sort: ['-date_created'],
	},
	receptions: { fields: ['customer', 'host', 'planned_at', 'status', 'report_due_at'], sort: ['-planned_at'] },
	reception_escorts: { fields: ['reception', 'user'], sort: ['-reception'] },
	customers: { fields: ['name', 'code', 'owner', 'status', 'tier', 'lead_grade', 'city'], sort: ['name'] },
	contacts: { fields: ['name', 'customer', 'title', 'phone', 'decision_role'], sort: ['customer', 'sort'] },
	revisits: { fields: ['customer', 'kind', 'owner', 'due_date', 'status', 'channel'], sort: ['due_date'] },
	complaints: {
		fields: ['customer', 'severity', 'owner', 'status', 'received_at', 'response_due_at', 'resolution_due_at'],
		sort: ['-received_at'],
	},
	opportunities: {
		fields: ['name', 'customer', 'owner', 'stage', 'amount', 'expected_close'],
		sort: ['expected_close'],
	},
	quotes: {
		fields: ['quote_no', 'customer', 'owner', 'status', 'due_at', 'net_total', 'valid_until'],
		sort: ['-date_created'],
	},
	quote_lines: {
		fields: ['quote', 'product', 'quantity', 'unit_price', 'discount_rate', 'net_amount'],
		sort: ['-quote'],
	},
	contracts: { fields: ['contract_no', 'customer', 'owner', 'amount', 'status', 'signed_at'], sort: ['-date_created'] },
	sales_orders: {
		fields: ['order_no', 'customer', 'owner', 'signed_at', 'amount', 'paid_amount', 'status'],
		sort: ['-signed_at'],
	},
	deliveries: { fields: ['order', 'order.owner', 'shipped_at', 'status', 'accepted_at'], sort: ['-shipped_at'] },
	payment_schedules: {
		fields: ['order', 'contract', 'due_date', 'amount', 'paid_amount', 'status'],
		sort: ['due_date'],
	},
	payments: { fields: ['order', 'amount', 'received_at', 'method', 'recorded_by'], sort: ['-received_at'] },
	products: { fields: ['code', 'name', 'unit', 'list_price', 'active'], sort: ['code'] },
	sales_targets: {
		fields: ['period_type', 'period_start', 'owner', 'team', 'status', 'sales_amount', 'collection_amount'],
		sort: ['-period_start'],
	},
	commission_statements: { fields: ['person', 'month', 'status', 'basis_amount', 'amount'], sort: ['-month'] },
	appraisals: {
		fields: ['person', 'period_type', 'period_start', 'score', 'level', 'status'],
		sort: ['-period_start'],
	},
	approval_log: {
		fields: ['at', 'collection', 'item', 'from_status', 'to_status', 'actor', 'comment'],
		sort: ['-at'],
	},
	lead_grade_changes: {
		fields: ['changed_at', 'customer', 'from_grade', 'to_grade', 'changed_by'],
		sort: ['-changed_at'],
	},
	work_calendar: { fields: ['date', 'is_workday', 'note', 'festival'], sort: ['-date'] },
	visit_quota_rules: {
		fields: ['name', 'tier', 'category', 'position', 'min_visits', 'period', 'channel', 'active'],
		sort: ['priority'],
	},
	discount_rules: { fields: ['max_discount_rate', 'approver_position', 'active'], sort: ['max_discount_rate'] },
	commission_rules: { fields: ['position', 'basis', 'active'], sort: ['position'] },
	appraisal_schemes: { fields: ['name', 'position', 'period_type'], sort: ['name'] },
	appraisal_items: { fields: ['scheme', 'kpi', 'weight', 'target', 'scoring'], sort: ['scheme'] },
};

/** The table as the Studio stores it: query and options under the layout's key. */
export const tabular = (collection: string): Pick<PresetDefinition, 'layout_query' | 'layout_options'> => {
	const { fields, sort } = lists[collection]!;
	return {
		layout_query: { tabular: { fields, sort, page: 1 } },
		layout_options: { tabular: { spacing: 'cozy' } },
	};
};

/** A collection's default list: the table, or (`layout` given) another layout with the table beside it. */
export const defaultList = (collection: string, other?: PresetDefinition): PresetDefinition => {
	const table = tabular(collection);
	return {
		bookmark: null,
		role: null,
		collection,
		layout: other?.layout ?? 'tabular',
		layout_query: { ...table.layout_query, ...other?.layout_query },
		layout_options: { ...table.layout_options, ...other?.layout_options },
	};
};
