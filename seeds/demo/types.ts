/**
 * The demo rows, keyed by the API field names of schema/snapshot.json (no alias fields, no
 * date_created/date_updated). Enumerated columns take their types from the contract's
 * choice sets, so a value outside choices.ts does not compile.
 */
import type * as choices from '../../extensions/sales-visits/src/domain/choices.ts';
import type { RoleKey } from '../../extensions/sales-visits/src/domain/ownership.ts';
import type { ReportFacts } from '../../extensions/sales-visits/src/domain/periodic-reports.ts';
import type { CommissionLine, Tier as Tier_ } from '../../extensions/sales-visits/src/domain/commission.ts';

type Of<S> = S extends choices.ChoiceSet<infer V> ? V : never;

export type Tier = Of<typeof choices.customerTiers>;
export type Category = Of<typeof choices.customerCategories>;
export type Relationship = Of<typeof choices.customerRelationships>;
export type KeyAccountClass = Of<typeof choices.keyAccountClasses>;
export type RegionScope = Of<typeof choices.regionScopes>;
export type CustomerStatus = Of<typeof choices.customerStatuses>;
export type LeadGrade = Of<typeof choices.leadGrades>;
export type DecisionRole = Of<typeof choices.decisionRoles>;
export type Position = Of<typeof choices.positions>;
export type PeriodType = Of<typeof choices.periodTypes>;
export type PlanStatus = Of<typeof choices.planStatuses>;
export type Purpose = Of<typeof choices.visitPurposes>;
export type VisitChannel = Of<typeof choices.visitChannels>;
export type ApplicationStatus = Of<typeof choices.applicationStatuses>;
export type VisitStatus = Of<typeof choices.visitStatuses>;
export type ReportStatus = Of<typeof choices.reportStatuses>;
export type ReviewDecision = Of<typeof choices.reviewDecisions>;
export type FollowUpStatus = Of<typeof choices.followUpStatuses>;
export type RevisitKind = Of<typeof choices.revisitKinds>;
export type RevisitChannel = Of<typeof choices.revisitChannels>;
export type RevisitStatus = Of<typeof choices.revisitStatuses>;
export type ComplaintSeverity = Of<typeof choices.complaintSeverities>;
export type ComplaintStatus = Of<typeof choices.complaintStatuses>;
export type ComplaintCause = Of<typeof choices.complaintCauses>;
export type OrderStatus = Of<typeof choices.orderStatuses>;
export type DeliveryStatus = Of<typeof choices.deliveryStatuses>;
export type ScheduleStatus = Of<typeof choices.paymentScheduleStatuses>;
export type PaymentMethod = Of<typeof choices.paymentMethods>;
export type ExpenseKind = Of<typeof choices.expenseKinds>;
export type ExpenseStatus = Of<typeof choices.expenseStatuses>;
export type QuotaPeriod = Of<typeof choices.quotaPeriods>;
export type QuotaChannel = Of<typeof choices.quotaChannels>;
export type CustomerKind = Of<typeof choices.customerKinds>;
export type ApproverPosition = Of<typeof choices.approverPositions>;
export type OpportunityStage = Of<typeof choices.opportunityStages>;
export type LostReason = Of<typeof choices.lostReasons>;
export type QuoteStatus = Of<typeof choices.quoteStatuses>;
export type ContractStatus = Of<typeof choices.contractStatuses>;

/** The role each demo user gets (the access module maps keys to role ids). */
export type { RoleKey };

/** Timestamps are ISO 8601 UTC strings ending in `Z`; dates are `YYYY-MM-DD`. */
type Timestamp = string;
type DateOnly = string;
type UserId = string;

export interface DemoUser {
	id: UserId;
	email: string;
	first_name: string;
	last_name: string;
	title: string;
	role: RoleKey;
	position: Position | null;
	reports_to: UserId | null;
	employee_no: string;
	language: 'zh-CN';
	token?: string;
}

export interface Customer {
	id: number;
	name: string;
	code: string;
	owner: UserId;
	status: CustomerStatus;
	/** When a churned customer was lost (the server stamps it on status changes). */
	churned_at: string | null;
	tier: Tier;
	category: Category;
	relationship: Relationship;
	key_account_class: KeyAccountClass | null;
	lead_grade: LeadGrade | null;
	annual_purchase: number | null;
	kind: CustomerKind;
	/** Set by Finance; 0: no credit. */
	credit_limit: number;
	credit_days: number;
	region_scope: RegionScope;
	province: string;
	city: string;
	address: string;
	latitude: number;
	longitude: number;
}

export interface Contact {
	id: number;
	customer: number;
	name: string;
	title: string;
	phone: string;
	email: string | null;
	decision_role: DecisionRole;
	birthday: DateOnly | null;
	sort: number;
}

export interface VisitPlan {
	id: number;
	owner: UserId;
	period_type: PeriodType;
	period_start: DateOnly;
	period_end: DateOnly;
	status: PlanStatus;
	submit_due_at: Timestamp;
	submitted_at: Timestamp | null;
	submitted_late: boolean;
	approver: UserId | null;
	decided_at: Timestamp | null;
	decision_comment: string | null;
	revision: number;
}

export interface VisitPlanItem {
	id: number;
	plan: number;
	customer: number;
	planned_date: DateOnly;
	purpose: Purpose;
	objective: string;
	materials: string | null;
	estimated_expense: number;
	visit: number | null;
}

export interface Visit {
	id: number;
	owner: UserId;
	customer: number;
	plan_item: number | null;
	purpose: Purpose;
	channel: VisitChannel;
	scheduled_start: Timestamp;
	status: VisitStatus;
	travel: boolean;
	requires_application: boolean;
	application_status: ApplicationStatus;
	application_submitted_at: Timestamp | null;
	application_late: boolean;
	application_approver: UserId | null;
	application_decided_at: Timestamp | null;
	application_filed_at: Timestamp | null;
	unauthorized: boolean;
	check_in_at: Timestamp | null;
	check_in_latitude: number | null;
	check_in_longitude: number | null;
	check_in_distance_m: number | null;
	outside_geofence: boolean;
	check_out_at: Timestamp | null;
	report_due_at: Timestamp | null;
	report_status: ReportStatus;
	report_submitted_at: Timestamp | null;
	report_late: boolean;
}

export interface VisitReport {
	id: number;
	visit: number;
	summary: string;
	customer_feedback: string;
	outcome: string;
	participants: string;
	competitor_info: string | null;
	next_steps: string;
	submitted_at: Timestamp;
	reviewer: UserId | null;
	reviewed_at: Timestamp | null;
	review_decision: ReviewDecision | null;
	review_comment: string | null;
}

export interface FollowUp {
	id: number;
	visit: number | null;
	customer: number;
	owner: UserId;
	description: string;
	due_date: DateOnly;
	/** The reception whose report promised it (a visit's follow-ups have none). */
	reception?: number | null;
	status: FollowUpStatus;
	completed_at: Timestamp | null;
	overdue: boolean;
}

export interface DailyReport {
	id: number;
	owner: UserId;
	date: DateOnly;
	summary: string;
	submitted_at: Timestamp;
	late: boolean;
}

export interface Revisit {
	id: number;
	customer: number;
	kind: RevisitKind;
	channel: RevisitChannel;
	due_date: DateOnly;
	status: RevisitStatus;
	owner: UserId;
	done_at: Timestamp | null;
	satisfaction: number | null;
	notes: string | null;
	source_order: number | null;
	source_complaint: number | null;
	/** The key of a revisit the server schedules (see domain/care.ts); null for one entered by hand. */
	schedule_key: string | null;
}

export interface Complaint {
	id: number;
	customer: number;
	owner: UserId;
	received_at: Timestamp;
	description: string;
	severity: ComplaintSeverity;
	status: ComplaintStatus;
	response_due_at: Timestamp;
	responded_at: Timestamp | null;
	response_late: boolean;
	resolved_at: Timestamp | null;
	resolution: string | null;
	product: number | null;
	location: string | null;
	customer_request: string | null;
	cause: ComplaintCause | null;
	department: string | null;
	corrective_action: string | null;
	preventive_action: string | null;
	valid: boolean;
	resolution_due_at: Timestamp;
	resolution_late: boolean;
	escalated_at: Timestamp | null;
}

export interface SalesOrder {
	id: number;
	order_no: string;
	customer: number;
	owner: UserId;
	/** The contract whose signing made it; null for the orders from before the sales cycle. */
	contract: number | null;
	signed_at: DateOnly;
	amount: number;
	paid_amount: number;
	status: OrderStatus;
}

export interface Delivery {
	id: number;
	order: number;
	shipped_at: DateOnly;
	accepted_at: Timestamp | null;
	status: DeliveryStatus;
	notes: string | null;
}

/** An order's schedule (`order` set) or a contract's payment term before signing (`contract` set). */
export interface PaymentSchedule {
	id: number;
	order: number | null;
	contract: number | null;
	due_date: DateOnly;
	amount: number;
	paid_amount: number;
	status: ScheduleStatus;
}

export interface Payment {
	id: number;
	order: number;
	amount: number;
	received_at: Timestamp;
	method: PaymentMethod;
	recorded_by: UserId;
}

export interface ExpenseRequest {
	id: number;
	requester: UserId;
	visit: number | null;
	plan_item: number | null;
	/** 接待礼品: the reception it is for. */
	reception?: number | null;
	kind: ExpenseKind;
	amount: number;
	description: string;
	status: ExpenseStatus;
	approver: UserId | null;
	decided_at: Timestamp | null;
	decision_comment: string | null;
	over_budget: boolean;
}

export interface VisitQuotaRule {
	id: number;
	name: string;
	tier: Tier | null;
	category: Category | null;
	region_scope: RegionScope | null;
	position: Position | null;
	min_visits: number;
	period: QuotaPeriod;
	channel: QuotaChannel;
	priority: number;
	active: boolean;
}

export interface Product {
	id: number;
	code: string;
	name: string;
	unit: string;
	list_price: number;
	dealer_price: number;
	wholesale_price: number;
	floor_price: number;
	active: boolean;
}

export interface DiscountRule {
	id: number;
	max_discount_rate: number;
	approver_position: ApproverPosition;
	active: boolean;
}

export interface SalesTarget {
	id: number;
	period_type: 'year' | 'quarter' | 'month';
	/** A team's target: its manager. */
	team: UserId | null;
	/** A person's target; neither team nor owner: the company's. */
	owner: UserId | null;
	period_start: DateOnly;
	sales_amount: number;
	collection_amount: number | null;
	new_customers: number;
	visits: number;
	revisits: number;
	/** 电话拜访目标: set on the month targets. */
	calls?: number | null;
	expense_budget: number | null;
	status: 'draft' | 'submitted' | 'approved';
	parent: number | null;
	revision: number;
	submitted_by: UserId | null;
	approver: UserId | null;
	confirmed_at: Timestamp | null;
}

export interface LeadGradeChange {
	id: number;
	customer: number;
	from_grade: LeadGrade | null;
	to_grade: LeadGrade | null;
	changed_at: Timestamp;
	changed_by: UserId;
}

export interface Opportunity {
	id: number;
	customer: number;
	owner: UserId;
	name: string;
	stage: OpportunityStage;
	amount: number;
	probability: number;
	expected_close: DateOnly;
	source: string;
	competitors: string | null;
	lost_reason: LostReason | null;
	lost_analysis: string | null;
	stage_changed_at: Timestamp | null;
	closed_at: Timestamp | null;
}

export interface Quote {
	id: number;
	quote_no: string;
	opportunity: number;
	customer: number;
	owner: UserId;
	requested_at: Timestamp;
	due_at: Timestamp;
	valid_until: DateOnly;
	status: QuoteStatus;
	/** Decimal strings, as domain/quotes.ts quoteTotals gives them. */
	list_total: string;
	net_total: string;
	max_discount_rate: number;
	below_floor: boolean;
	approver: UserId | null;
	decided_at: Timestamp | null;
	decision_comment: string | null;
	sent_at: Timestamp | null;
	sent_late: boolean;
}

export interface Contract {
	id: number;
	contract_no: string;
	quote: number;
	opportunity: number;
	customer: number;
	owner: UserId;
	amount: string;
	status: ContractStatus;
	legal_reviewer: UserId | null;
	legal_reviewed_at: Timestamp | null;
	finance_reviewer: UserId | null;
	finance_reviewed_at: Timestamp | null;
	over_credit: boolean;
	signed_at: Timestamp | null;
	decision_comment: string | null;
}

export interface QuoteLine {
	id: number;
	quote: number;
	product: number;
	quantity: number;
	unit_price: number;
	list_price: string;
	discount_rate: number;
	net_amount: string;
}

export interface PeriodicReport {
	id: number;
	owner: UserId;
	period_type: 'week' | 'month';
	period_start: DateOnly;
	due_at: Timestamp;
	facts: ReportFacts;
	summary: string | null;
	next_plan: string | null;
	market_analysis: string | null;
	status: Of<typeof choices.periodicReportStatuses>;
	submitted_at: Timestamp | null;
	late: boolean;
	reviewer: UserId | null;
	review_comment: string | null;
}

export interface CommissionRule {
	id: number;
	position: Of<typeof choices.positions>;
	basis: Of<typeof choices.commissionBases>;
	tiers: Tier_[];
	active: boolean;
}

export interface CommissionStatement {
	id: number;
	person: UserId;
	month: DateOnly;
	status: Of<typeof choices.commissionStatementStatuses>;
	basis_amount: string;
	amount: string;
	lines: CommissionLine[];
	rule: number;
	approver: UserId | null;
	decided_at: Timestamp | null;
	paid_at: Timestamp | null;
}

export interface AppraisalScheme {
	id: number;
	name: string;
	position: 'rep' | 'manager';
	period_type: Of<typeof choices.appraisalPeriodTypes>;
	levels: {
		level: Of<typeof choices.appraisalLevels>;
		min: number;
		consequence?: { 'zh-CN': string; 'en-US': string };
	}[];
}

export interface AppraisalItemRow {
	id: number;
	scheme: number;
	kpi: string;
	weight: number;
	target: number;
	scoring: Of<typeof choices.appraisalScorings>;
	step_percent: number | null;
	step_points: number | null;
}

export interface Appraisal {
	id: number;
	person: UserId;
	scheme: number;
	period_start: DateOnly;
	period_type: Of<typeof choices.appraisalPeriodTypes>;
	score: number;
	level: Of<typeof choices.appraisalLevels>;
	item_scores: { kpi: string; value: number | null; target: number; points: number; weight: number }[];
	status: Of<typeof choices.appraisalStatuses>;
	employee_confirmed_at: Timestamp | null;
	manager_comment: string | null;
	approver: UserId | null;
	decided_at: Timestamp | null;
	date_created: Timestamp;
}

export interface ApprovalLogEntry {
	id: number;
	collection:
		| 'visit_plans'
		| 'visits'
		| 'expense_requests'
		| 'opportunities'
		| 'quotes'
		| 'contracts'
		| 'sales_orders'
		| 'deliveries'
		| 'payment_schedules'
		| 'periodic_reports'
		| 'sales_targets'
		| 'commission_statements'
		| 'appraisals'
		| 'receptions';
	item: string;
	from_status: string | null;
	to_status: string;
	/** Null for the sweeps' transitions. */
	actor: UserId | null;
	at: Timestamp;
	comment: string | null;
}

/** 客户接待: a customer's visit to the company (销售人员待客制度). */
export interface Reception {
	id: number;
	customer: number;
	host: UserId;
	status: Of<typeof choices.receptionStatuses>;
	planned_at: Timestamp;
	location: string;
	visitors: string;
	visitor_count: number;
	purpose: string;
	needs: string;
	budget: number;
	approver: UserId | null;
	arrived_at: Timestamp | null;
	left_at: Timestamp | null;
	report_due_at: Timestamp | null;
	report: string | null;
	report_late: boolean;
}

export interface ReceptionEscort {
	id: number;
	reception: number;
	user: UserId;
}

export interface DemoData {
	users: DemoUser[];
	customers: Customer[];
	contacts: Contact[];
	visit_plans: VisitPlan[];
	visit_plan_items: VisitPlanItem[];
	visits: Visit[];
	visit_reports: VisitReport[];
	follow_ups: FollowUp[];
	daily_reports: DailyReport[];
	revisits: Revisit[];
	complaints: Complaint[];
	sales_orders: SalesOrder[];
	expense_requests: ExpenseRequest[];
	visit_quota_rules: VisitQuotaRule[];
	products: Product[];
	discount_rules: DiscountRule[];
	opportunities: Opportunity[];
	quotes: Quote[];
	quote_lines: QuoteLine[];
	contracts: Contract[];
	deliveries: Delivery[];
	payment_schedules: PaymentSchedule[];
	payments: Payment[];
	sales_targets: SalesTarget[];
	approval_log: ApprovalLogEntry[];
	lead_grade_changes: LeadGradeChange[];
	periodic_reports: PeriodicReport[];
	commission_rules: CommissionRule[];
	commission_statements: CommissionStatement[];
	appraisal_schemes: AppraisalScheme[];
	appraisal_items: AppraisalItemRow[];
	appraisals: Appraisal[];
	receptions: Reception[];
	reception_escorts: ReceptionEscort[];
}
