/**
 * The public contract (shared/design/domain.md) written out independently of the
 * schema code, so that a drift in either shows up as a failing test.
 */
export const contractFields: Record<string, string[]> = {
	customers: ['name', 'code', 'tier', 'category', 'relationship', 'key_account_class', 'region_scope', 'province', 'city', 'address', 'latitude', 'longitude', 'owner', 'status', 'lead_grade', 'annual_purchase'],
	contacts: ['customer', 'name', 'title', 'phone', 'email', 'decision_role', 'birthday'],
	visit_plans: ['owner', 'period_type', 'period_start', 'period_end', 'status', 'submit_due_at', 'submitted_at', 'submitted_late', 'approver', 'decided_at', 'decision_comment', 'revision', 'items'],
	visit_plan_items: ['plan', 'customer', 'planned_date', 'purpose', 'objective', 'materials', 'estimated_expense', 'visit'],
	visits: ['owner', 'customer', 'plan_item', 'purpose', 'channel', 'scheduled_start', 'requires_application', 'application_status', 'application_filed_at', 'status', 'unauthorized', 'check_in_at', 'check_in_latitude', 'check_in_longitude', 'check_in_distance_m', 'outside_geofence', 'check_out_at', 'report_due_at', 'report_status', 'report_submitted_at', 'report_late'],
	visit_reports: ['visit', 'summary', 'customer_feedback', 'outcome', 'participants', 'competitor_info', 'next_steps', 'submitted_at', 'reviewer', 'reviewed_at', 'review_decision', 'review_comment'],
	follow_ups: ['visit', 'customer', 'owner', 'description', 'due_date', 'status', 'completed_at', 'overdue'],
	daily_reports: ['owner', 'date', 'summary', 'submitted_at', 'late'],
	revisits: ['customer', 'kind', 'channel', 'due_date', 'status', 'owner', 'done_at', 'satisfaction', 'notes', 'source_order', 'source_complaint'],
	complaints: ['customer', 'owner', 'received_at', 'description', 'severity', 'response_due_at', 'responded_at', 'resolved_at', 'resolution', 'status'],
	sales_orders: ['customer', 'owner', 'signed_at', 'amount', 'paid_amount', 'status'],
	expense_requests: ['requester', 'visit', 'plan_item', 'kind', 'amount', 'status', 'approver', 'decided_at', 'over_budget'],
	visit_quota_rules: ['name', 'tier', 'category', 'region_scope', 'position', 'min_visits', 'period', 'channel', 'priority', 'active'],
	sales_targets: ['owner', 'period_start', 'sales_amount', 'new_customers', 'visits', 'revisits', 'expense_budget'],
	approval_log: ['collection', 'item', 'from_status', 'to_status', 'actor', 'at', 'comment'],
	work_calendar: ['date', 'is_workday', 'note'],
	visit_settings: ['timezone', 'report_deadline_hours', 'report_deadline_workdays', 'daily_report_due_time', 'month_plan_due', 'week_plan_due_weekday', 'application_lead_hours', 'geofence_radius_m', 'reminder_before_due_hours', 'complaint_response_minutes', 'require_application_for_unplanned'],
	directus_users: ['reports_to', 'position', 'employee_no'],
};

export const domainCollections = Object.keys(contractFields).filter((c) => c !== 'directus_users');

export const demoUsers = {
	gm: 'gm@example.com',
	manager1: 'manager1@example.com',
	manager2: 'manager2@example.com',
	rep1: 'rep1@example.com',
	rep4: 'rep4@example.com',
	assistant: 'assistant@example.com',
	service: 'service@example.com',
} as const;
