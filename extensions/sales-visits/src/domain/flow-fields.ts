/**
 * Fields that only the server-side flows write: statuses, stamps, deciders and the
 * derived late/overdue flags. Permissions make them read-only for every role but
 * Administrator; the flow hooks (later) will refuse hand edits on every write path.
 */
export const flowOwnedFields = {
	customers: ['churned_at'],
	visit_plans: [
		'status',
		'submit_due_at',
		'submitted_at',
		'submitted_late',
		'approver',
		'decided_at',
		'decision_comment',
		'revision',
		'coverage_short_count',
		'coverage_shortfalls',
	],
	visit_plan_items: ['visit'],
	visits: [
		// Set only when an approved plan schedules the visit: a hand-set link would skip the application.
		'plan_item',
		'status',
		'requires_application',
		'application_status',
		'application_submitted_at',
		'application_late',
		'application_approver',
		'application_decided_at',
		'application_filed_at',
		'unauthorized',
		'check_in_at',
		'check_in_latitude',
		'check_in_longitude',
		'check_in_distance_m',
		'check_in_accuracy_m',
		'check_in_reason',
		'outside_geofence',
		'geofence_acknowledged_by',
		'geofence_acknowledged_at',
		'check_out_at',
		'report_due_at',
		'report_status',
		'report_submitted_at',
		'report_late',
		'report_reminded_at',
	],
	visit_reports: ['submitted_at', 'reviewer', 'reviewed_at', 'review_decision', 'review_comment'],
	follow_ups: ['status', 'completed_at', 'overdue'],
	daily_reports: ['submitted_at', 'late'],
	revisits: ['status', 'done_at', 'schedule_key'],
	complaints: ['status', 'response_due_at', 'responded_at', 'response_late', 'resolved_at'],
	expense_requests: ['status', 'approver', 'decided_at', 'decision_comment', 'over_budget'],
	opportunities: ['stage', 'lost_reason', 'stage_changed_at', 'closed_at'],
	quotes: [
		'status',
		'due_at',
		'list_total',
		'net_total',
		'max_discount_rate',
		'below_floor',
		'approver',
		'decided_at',
		'decision_comment',
		'sent_at',
		'sent_late',
	],
	// Copied from the product and derived from the unit price when the line is saved.
	quote_lines: ['list_price', 'discount_rate', 'net_amount'],
	// Set when the contract is signed (an order is linked to a contract by signing it only); the
	// status and the paid amount follow deliveries and payments.
	sales_orders: ['contract', 'status', 'paid_amount'],
	deliveries: ['status', 'accepted_at'],
	// A schedule reaches its order by signing; payments and the sweep keep the rest.
	payment_schedules: ['order', 'paid_amount', 'status'],
	// Every field: a payment is recorded through POST /visit-flow/orders/:id/payments only.
	payments: ['order', 'amount', 'received_at', 'method', 'recorded_by'],
	contracts: [
		'status',
		'legal_reviewer',
		'legal_reviewed_at',
		'finance_reviewer',
		'finance_reviewed_at',
		'over_credit',
		'signed_at',
		'decision_comment',
	],
	// Filled in by the server (the facts, the deadline) and stamped by submit and review.
	periodic_reports: ['status', 'due_at', 'facts', 'submitted_at', 'late', 'reviewer', 'review_comment'],
	// A target moves through POST /visit-flow/targets/:id/…; split and revise make its children and revisions.
	sales_targets: [
		'status',
		'parent',
		'revision',
		'previous',
		'superseded_by',
		'submitted_by',
		'approver',
		'confirmed_at',
	],
	// 考核结果: computed by POST /visit-appraisals/generate, moved by POST /visit-flow/appraisals/:id/….
	appraisals: ['status', 'score', 'level', 'item_scores', 'employee_confirmed_at', 'approver', 'decided_at'],
} as const satisfies Record<string, readonly string[]>;

export type FlowCollection = keyof typeof flowOwnedFields;

export const isFlowOwned = (collection: string, field: string): boolean =>
	(flowOwnedFields as Record<string, readonly string[]>)[collection]?.includes(field) ?? false;

/** While an item is in one of these states its owner may still edit its content. */
export const editableStatuses = {
	visit_plans: ['draft', 'rejected'],
	visits: ['scheduled'],
	expense_requests: ['pending'],
	/** Reports are editable until reviewed, and again once returned. */
	visit_reports: ['returned'],
	/** 审批后锁定: a quote and its lines change only as a draft (domain/quotes.ts quoteEditProblem). */
	quotes: ['draft'],
	/** What legal and finance reviewed is what is signed (domain/contracts.ts contractEditProblem). */
	contracts: ['draft'],
	/** Until the customer accepts or rejects it. */
	deliveries: ['shipped'],
	/** 周报 / 月报: written while a draft, and again once returned. */
	periodic_reports: ['draft', 'returned'],
	/** An approved target changes only as a new revision (POST /visit-flow/targets/:id/revise). */
	sales_targets: ['draft'],
	/** 考核结果: the manager comments while a draft or confirmed; an approved one is locked. */
	appraisals: ['draft', 'confirmed'],
} as const;
