import { describe, expect, it } from 'vitest';
import * as choices from '../../extensions/sales-visits/src/domain/choices.ts';
import type { FlowDefinition } from '../../extensions/sales-visits/src/domain/approval.ts';
import { priceOrderProblem } from '../../extensions/sales-visits/src/domain/prices.ts';
import {
	lineFields,
	priceLine,
	quoteApprover,
	quoteTotals,
	type PricedLine,
} from '../../extensions/sales-visits/src/domain/quotes.ts';
import { overCredit } from '../../extensions/sales-visits/src/domain/contracts.ts';
import { agingBucket } from '../../extensions/sales-visits/src/domain/receivables.ts';
import { salesFlows } from '../../extensions/sales-visits/src/domain/sales-flows.ts';
import { DEMO_PASSWORD, INTEGRATOR_TOKEN, demoData, type DemoData } from '../../seeds/demo.ts';
import { isWorkday, workCalendar } from '../../extensions/sales-visits/src/setup/work-calendar.ts';
import { snapshotFieldsByCollection } from './snapshot-fields.ts';

/**
 * A Sunday afternoon, a Monday morning before the office opens, a Friday evening, New
 * Year's night (a holiday and the first of a month) and the middle of Spring Festival.
 */
const anchors = [
	'2026-11-22T06:00:00Z',
	'2026-11-23T00:30:00Z',
	'2027-03-05T10:00:00Z',
	'2026-12-31T16:30:00Z',
	'2027-02-09T03:00:00Z',
];

type Row = Record<string, any>;
const values = (set: choices.ChoiceSet<string>) => Object.keys(set);
const distinct = <T>(rows: T[], f: (r: T) => unknown) => new Set(rows.map(f));
const byId = <T extends { id: unknown }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));

const CST = 8 * 3_600_000;
const localDate = (iso: string) => new Date(Date.parse(iso) + CST).toISOString().slice(0, 10);
const localMinutes = (iso: string) => Math.floor(((Date.parse(iso) + CST) % 86_400_000) / 60_000);
const HOURS = 3_600_000;

/** Which choice set each enumerated column takes its values from. */
const enums: Record<string, Record<string, choices.ChoiceSet<string>>> = {
	users: { position: choices.positions },
	customers: {
		tier: choices.customerTiers,
		category: choices.customerCategories,
		relationship: choices.customerRelationships,
		key_account_class: choices.keyAccountClasses,
		region_scope: choices.regionScopes,
		status: choices.customerStatuses,
		lead_grade: choices.leadGrades,
		kind: choices.customerKinds,
	},
	contacts: { decision_role: choices.decisionRoles },
	visit_plans: { period_type: choices.periodTypes, status: choices.planStatuses },
	visit_plan_items: { purpose: choices.visitPurposes },
	visits: {
		purpose: choices.visitPurposes,
		channel: choices.visitChannels,
		application_status: choices.applicationStatuses,
		status: choices.visitStatuses,
		report_status: choices.reportStatuses,
	},
	visit_reports: { review_decision: choices.reviewDecisions },
	receptions: { status: choices.receptionStatuses },
	follow_ups: { status: choices.followUpStatuses },
	revisits: { kind: choices.revisitKinds, channel: choices.revisitChannels, status: choices.revisitStatuses },
	complaints: {
		severity: choices.complaintSeverities,
		status: choices.complaintStatuses,
		cause: choices.complaintCauses,
	},
	sales_orders: { status: choices.orderStatuses },
	expense_requests: { kind: choices.expenseKinds, status: choices.expenseStatuses },
	lead_grade_changes: { from_grade: choices.leadGrades, to_grade: choices.leadGrades },
	discount_rules: { approver_position: choices.approverPositions },
	opportunities: { stage: choices.opportunityStages, lost_reason: choices.lostReasons },
	quotes: { status: choices.quoteStatuses },
	contracts: { status: choices.contractStatuses },
	deliveries: { status: choices.deliveryStatuses },
	payment_schedules: { status: choices.paymentScheduleStatuses },
	payments: { method: choices.paymentMethods },
	periodic_reports: { period_type: choices.reportPeriodTypes, status: choices.periodicReportStatuses },
	commission_rules: { position: choices.positions, basis: choices.commissionBases },
	commission_statements: { status: choices.commissionStatementStatuses },
	appraisal_schemes: { position: choices.positions, period_type: choices.appraisalPeriodTypes },
	appraisal_items: { kpi: choices.appraisalKpis, scoring: choices.appraisalScorings },
	appraisals: {
		period_type: choices.appraisalPeriodTypes,
		status: choices.appraisalStatuses,
		level: choices.appraisalLevels,
	},
	visit_quota_rules: {
		tier: choices.customerTiers,
		category: choices.customerCategories,
		region_scope: choices.regionScopes,
		position: choices.positions,
		period: choices.quotaPeriods,
		channel: choices.quotaChannels,
	},
};

/** Foreign keys: column → collection it points at. */
const references: Record<string, Record<string, string>> = {
	users: { reports_to: 'users' },
	customers: { owner: 'users' },
	contacts: { customer: 'customers' },
	visit_plans: { owner: 'users', approver: 'users' },
	visit_plan_items: { plan: 'visit_plans', customer: 'customers', visit: 'visits' },
	visits: { owner: 'users', customer: 'customers', plan_item: 'visit_plan_items' },
	visit_reports: { visit: 'visits', reviewer: 'users' },
	follow_ups: { visit: 'visits', customer: 'customers', owner: 'users', reception: 'receptions' },
	receptions: { customer: 'customers', host: 'users', approver: 'users' },
	reception_escorts: { reception: 'receptions', user: 'users' },
	daily_reports: { owner: 'users' },
	revisits: { customer: 'customers', owner: 'users', source_order: 'sales_orders', source_complaint: 'complaints' },
	complaints: { customer: 'customers', owner: 'users' },
	sales_orders: { customer: 'customers', owner: 'users', contract: 'contracts' },
	expense_requests: {
		requester: 'users',
		visit: 'visits',
		plan_item: 'visit_plan_items',
		reception: 'receptions',
		approver: 'users',
	},
	sales_targets: { owner: 'users', team: 'users', parent: 'sales_targets', submitted_by: 'users', approver: 'users' },
	approval_log: { actor: 'users' },
	lead_grade_changes: { customer: 'customers', changed_by: 'users' },
	opportunities: { customer: 'customers', owner: 'users' },
	quotes: { opportunity: 'opportunities', customer: 'customers', owner: 'users', approver: 'users' },
	quote_lines: { quote: 'quotes', product: 'products' },
	contracts: {
		quote: 'quotes',
		opportunity: 'opportunities',
		customer: 'customers',
		owner: 'users',
		legal_reviewer: 'users',
		finance_reviewer: 'users',
	},
	deliveries: { order: 'sales_orders' },
	payment_schedules: { order: 'sales_orders', contract: 'contracts' },
	payments: { order: 'sales_orders', recorded_by: 'users' },
	periodic_reports: { owner: 'users', reviewer: 'users' },
	commission_statements: { person: 'users', approver: 'users', rule: 'commission_rules' },
	appraisal_items: { scheme: 'appraisal_schemes' },
	appraisals: { person: 'users', scheme: 'appraisal_schemes', approver: 'users' },
};

/** Every from→to of a transition table. */
function tableTransitions(definition: FlowDefinition<string>): string[] {
	return Object.values(definition.actions).flatMap((t) => t.from.map((from) => `${from}→${t.to}`));
}

/** The state machines' transitions, as approval_log may record them. */
const transitions: Record<string, string[]> = {
	visit_plans: ['draft→submitted', 'submitted→approved', 'submitted→rejected', 'rejected→draft', 'approved→draft'],
	visits: ['not_required→pending', 'pending→approved', 'pending→rejected'],
	expense_requests: ['pending→approved', 'pending→rejected'],
	opportunities: tableTransitions(salesFlows.opportunity),
	quotes: tableTransitions(salesFlows.quote),
	contracts: tableTransitions(salesFlows.contract),
	sales_orders: tableTransitions(salesFlows.order),
	deliveries: tableTransitions(salesFlows.delivery),
	payment_schedules: tableTransitions(salesFlows.payment_schedule),
	periodic_reports: tableTransitions(salesFlows.periodic_report),
	sales_targets: tableTransitions(salesFlows.target),
	commission_statements: tableTransitions(salesFlows.commission_statement),
	appraisals: tableTransitions(salesFlows.appraisal),
	receptions: tableTransitions(salesFlows.reception),
};

/** The referential and state checks every anchor must pass. */
function checkIntegrity(data: DemoData, anchor: string) {
	const rows = data as unknown as Record<string, Row[]>;
	const now = new Date(anchor).toISOString();
	const today = localDate(now);
	const users = byId(data.users);
	const boss = (id: string) => users.get(id)!.reports_to;

	for (const [collection, columns] of Object.entries(references)) {
		for (const [column, target] of Object.entries(columns)) {
			const ids = distinct(rows[target]!, (r) => r.id);
			for (const row of rows[collection]!) {
				if (row[column] !== null && row[column] !== undefined)
					expect(ids.has(row[column]), `${collection}.${column} = ${row[column]}`).toBe(true);
			}
		}
	}
	for (const entry of data.approval_log)
		expect(
			distinct(rows[entry.collection]!, (r) => String(r.id)),
			`approval_log ${entry.collection} ${entry.item}`,
		).toContain(entry.item);

	for (const [collection, columns] of Object.entries(enums)) {
		for (const [column, set] of Object.entries(columns)) {
			for (const row of rows[collection]!)
				if (row[column] !== null) expect(values(set), `${collection}.${column}`).toContain(row[column]);
		}
	}

	// 周报 / 月报: one a person and period, reviewed by the supervisor, submitted with what it needs and late after its due time.
	expect(
		distinct(data.periodic_reports, (r) => `${r.owner}|${r.period_type}|${r.period_start}`).size,
		'periodic_reports (owner, period)',
	).toBe(data.periodic_reports.length);
	for (const r of data.periodic_reports) {
		if (r.status === 'draft') expect(r.submitted_at, `report ${r.id}`).toBeNull();
		else {
			expect(r.submitted_at! <= now, `report ${r.id} submitted in the past`).toBe(true);
			expect(r.late, `report ${r.id} late`).toBe(r.submitted_at! > r.due_at);
			expect(r.summary, `report ${r.id}`).toBeTruthy();
			if (r.period_type === 'month') expect(r.market_analysis, `report ${r.id}`).toBeTruthy();
		}
		if (r.status === 'approved' || r.status === 'returned') expect(r.reviewer).toBe(boss(r.owner));
		if (r.status === 'returned') expect(r.review_comment).toBeTruthy();
	}

	// Plans: periods, deadlines, decisions by the supervisor, items inside the period on the owner's customers.
	const plans = byId(data.visit_plans);
	for (const plan of data.visit_plans) {
		const [y, m] = plan.period_start.split('-').map(Number) as [number, number];
		if (plan.period_type === 'month') {
			expect(plan.period_start.endsWith('-01')).toBe(true);
			expect(plan.period_end).toBe(new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10));
		} else {
			expect(new Date(`${plan.period_start}T00:00:00Z`).getUTCDay(), 'a week starts on Monday').toBe(1);
			expect(Date.parse(plan.period_end) - Date.parse(plan.period_start)).toBe(6 * 24 * HOURS);
		}
		// Due by the end of the day before the period: the prior month's last day, or the Sunday before.
		expect(localDate(plan.submit_due_at)).toBe(
			new Date(Date.parse(plan.period_start) - 24 * HOURS).toISOString().slice(0, 10),
		);
		expect(plan.submitted_at !== null).toBe(plan.status !== 'draft');
		expect(plan.submitted_late).toBe(plan.submitted_at !== null && plan.submitted_at > plan.submit_due_at);
		const decided = plan.status === 'approved' || plan.status === 'rejected';
		expect(plan.decided_at !== null).toBe(decided);
		expect(plan.approver).toBe(decided ? boss(plan.owner) : null);
		if (decided) expect(plan.decided_at! > plan.submitted_at!).toBe(true);
		if (plan.status === 'rejected') expect(plan.decision_comment).toBeTruthy();
		expect(plan.revision).toBeGreaterThanOrEqual(1);
	}
	const customers = byId(data.customers);
	const visits = byId(data.visits);
	for (const item of data.visit_plan_items) {
		const plan = plans.get(item.plan)!;
		expect(
			item.planned_date >= plan.period_start && item.planned_date <= plan.period_end,
			`item ${item.id} in its period`,
		).toBe(true);
		expect(isWorkday(item.planned_date)).toBe(true);
		expect(customers.get(item.customer)!.owner).toBe(plan.owner);
		expect(item.visit !== null, `item ${item.id}`).toBe(plan.status === 'approved');
		if (item.visit !== null)
			expect(visits.get(item.visit)).toMatchObject({
				plan_item: item.id,
				owner: plan.owner,
				customer: item.customer,
				purpose: item.purpose,
			});
		expect(item.estimated_expense).toBeGreaterThanOrEqual(0);
	}
	for (const v of data.visits)
		if (v.plan_item !== null) expect(data.visit_plan_items.find((i) => i.id === v.plan_item)!.visit).toBe(v.id);

	// Visits: state, check-in, geofence and report deadline agree.
	const reports = new Map(data.visit_reports.map((r) => [r.visit, r]));
	for (const v of data.visits) {
		const label = `visit ${v.id}`;
		expect(v.check_in_at !== null, label).toBe(v.status === 'in_progress' || v.status === 'completed');
		expect(v.check_out_at !== null, label).toBe(v.status === 'completed');
		expect(v.check_in_latitude !== null, label).toBe(v.check_in_at !== null && v.channel === 'onsite');
		expect(v.check_in_distance_m !== null).toBe(v.check_in_latitude !== null);
		expect(v.outside_geofence).toBe((v.check_in_distance_m ?? 0) > 500);
		if (v.status === 'scheduled')
			expect(v.scheduled_start > now || localDate(v.scheduled_start) === today, label).toBe(true);
		if (v.status === 'missed' || v.status === 'completed') expect(v.scheduled_start < now).toBe(true);
		expect(v.report_due_at !== null).toBe(v.status === 'completed');
		if (v.report_due_at) expect(Date.parse(v.report_due_at) - Date.parse(v.check_out_at!)).toBe(48 * HOURS);
		expect(v.report_status === 'not_due').toBe(v.status !== 'completed');
		if (v.report_status === 'pending') expect(v.report_due_at! > now, label).toBe(true);
		if (v.report_status === 'overdue') expect(v.report_due_at! <= now, label).toBe(true);
		const reported = ['submitted', 'approved', 'returned'].includes(v.report_status);
		expect(v.report_submitted_at !== null, label).toBe(reported);
		expect(v.report_late).toBe(v.report_submitted_at !== null && v.report_submitted_at > v.report_due_at!);
		expect(reports.has(v.id), label).toBe(reported);
		if (v.requires_application) expect(v.application_status).not.toBe('not_required');
		else expect(v.application_status).toBe('not_required');
		expect(v.application_filed_at !== null).toBe(v.application_status === 'approved');
		// Check-in needs an approved application; going out without one is flagged.
		if (v.check_in_at && v.requires_application)
			expect(v.application_status === 'approved' || v.unauthorized, label).toBe(true);
		if (v.unauthorized) expect(v.application_status).not.toBe('approved');
		for (const stamp of [v.check_in_at, v.check_out_at, v.report_submitted_at, v.application_filed_at])
			if (stamp) expect(stamp <= now, label).toBe(true);
		if (v.check_in_at)
			expect(v.check_in_at >= v.application_filed_at! || !v.requires_application || v.unauthorized).toBe(true);
	}
	for (const r of data.visit_reports) {
		const v = visits.get(r.visit)!;
		expect(r.submitted_at).toBe(v.report_submitted_at);
		expect(r.review_decision ?? 'submitted').toBe(v.report_status);
		expect(r.reviewer).toBe(r.review_decision ? boss(v.owner) : null);
		expect(r.reviewed_at !== null).toBe(r.review_decision !== null);
		if (r.reviewed_at) expect(r.reviewed_at > r.submitted_at && r.reviewed_at <= now).toBe(true);
		if (r.review_decision === 'returned') expect(r.review_comment).toBeTruthy();
		expect(r.summary.length).toBeGreaterThan(10);
	}

	// Follow-ups, daily reports, complaints, revisits, orders, expenses.
	for (const f of data.follow_ups) {
		expect(f.completed_at !== null).toBe(f.status === 'done');
		expect(f.overdue).toBe(f.status === 'open' && f.due_date < today);
		if (f.visit !== null) expect(visits.get(f.visit)).toMatchObject({ owner: f.owner, customer: f.customer });
	}
	for (const d of data.daily_reports) {
		expect(users.get(d.owner)!.position).toBe('rep');
		expect(isWorkday(d.date)).toBe(true);
		expect(d.submitted_at <= now).toBe(true);
		expect(localDate(d.submitted_at)).toBe(d.date);
		expect(d.late).toBe(localMinutes(d.submitted_at) > 20 * 60);
	}
	for (const c of data.complaints) {
		expect(Date.parse(c.response_due_at) - Date.parse(c.received_at)).toBe(120 * 60_000);
		expect(c.responded_at !== null).toBe(c.status !== 'open');
		expect(c.resolved_at !== null).toBe(c.status === 'resolved' || c.status === 'closed');
		expect(c.resolution !== null).toBe(c.resolved_at !== null);
		expect(c.response_late).toBe((c.responded_at ?? now) > c.response_due_at);
		for (const stamp of [c.received_at, c.responded_at, c.resolved_at]) if (stamp) expect(stamp <= now).toBe(true);
		// 投诉关闭: a closed complaint has its cause and, when valid, its corrective action; the deadline per severity.
		if (c.status === 'closed') {
			expect(c.cause).not.toBeNull();
			if (c.valid) expect(c.corrective_action).toBeTruthy();
		}
		const resolution = { low: 4320, medium: 1440, high: 480, critical: 240 }[c.severity];
		expect(Date.parse(c.resolution_due_at) - Date.parse(c.received_at)).toBe(resolution * 60_000);
		expect(c.resolution_late).toBe(c.resolved_at !== null && c.resolved_at > c.resolution_due_at);
		expect(c.escalated_at).toBeNull();
	}
	const orders = byId(data.sales_orders);
	const complaints = byId(data.complaints);
	for (const r of data.revisits) {
		expect(r.done_at !== null).toBe(r.status === 'done');
		if (r.done_at) expect(r.done_at <= now).toBe(true);
		if (r.status === 'done') expect(r.satisfaction).toBeGreaterThanOrEqual(1);
		if (r.status === 'done') expect(r.satisfaction).toBeLessThanOrEqual(5);
		else expect(r.satisfaction).toBeNull();
		if (r.status === 'missed') expect(r.due_date < today).toBe(true);
		if (r.status === 'scheduled') expect(r.due_date >= today).toBe(true);
		if (r.source_order !== null) expect(orders.get(r.source_order)!.customer).toBe(r.customer);
		if (r.source_complaint !== null) expect(complaints.get(r.source_complaint)!.customer).toBe(r.customer);
		expect(r.kind === 'first_after_sale').toBe(r.source_order !== null);
		expect(r.kind === 'complaint').toBe(r.source_complaint !== null);
		// What the server schedules carries the key it would give it; maintenance is entered by hand.
		if (r.kind === 'first_after_sale') expect(r.schedule_key).toBe(`first_after_sale:order:${r.source_order}`);
		if (r.kind === 'complaint') expect(r.schedule_key).toBe(`complaint:${r.source_complaint}`);
		if (r.kind === 'periodic_phone' || r.kind === 'key_account_onsite')
			expect(r.schedule_key).toMatch(
				new RegExp(`^${r.kind}:customer:${r.customer}:${r.due_date.slice(0, 4)}-(Q|H)\\d$`),
			);
		if (r.kind === 'maintenance') expect(r.schedule_key).toBeNull();
	}
	const keys = data.revisits.flatMap((r) => (r.schedule_key ? [r.schedule_key] : []));
	expect(new Set(keys).size, 'schedule keys are unique').toBe(keys.length);
	for (const o of data.sales_orders) {
		expect(o.order_no).toMatch(new RegExp(`^SO${o.signed_at.slice(0, 7).replace('-', '')}-\\d{4}$`));
		expect(o.paid_amount).toBeGreaterThanOrEqual(0);
		expect(o.paid_amount).toBeLessThanOrEqual(o.amount);
		if (o.status === 'paid') expect(o.paid_amount).toBe(o.amount);
		expect(o.signed_at <= today).toBe(true);
		expect(customers.get(o.customer)!.owner).toBe(o.owner);
		// 合同订单: signing made it, with the contract's customer, owner, amount and date.
		if (o.contract !== null) {
			const c = data.contracts.find((c) => c.id === o.contract)!;
			expect(c.signed_at, `order ${o.id}'s contract is signed`).not.toBeNull();
			expect([o.customer, o.owner, cents(o.amount), o.signed_at], `order ${o.id}`).toEqual([
				c.customer,
				c.owner,
				cents(c.amount),
				localDate(c.signed_at!),
			]);
		}
	}
	const items = byId(data.visit_plan_items);
	for (const e of data.expense_requests) {
		expect(
			[e.visit, e.plan_item, e.reception ?? null].filter((x) => x !== null),
			`expense ${e.id} is for a visit, a plan item or a reception`,
		).toHaveLength(1);
		if (e.reception) expect(data.receptions[e.reception - 1]!.host).toBe(e.requester);
		if (e.visit !== null) expect(visits.get(e.visit)!.owner).toBe(e.requester);
		if (e.plan_item !== null) expect(plans.get(items.get(e.plan_item)!.plan)!.owner).toBe(e.requester);
		expect(e.amount).toBeGreaterThan(0);
		expect(e.decided_at !== null).toBe(e.status !== 'pending');
		expect(e.approver).toBe(
			e.status === 'pending'
				? null
				: e.over_budget
					? data.users.find((u) => u.position === 'general_manager')!.id
					: boss(e.requester),
		);
	}

	// The approval log holds each transition of plans, applications and expenses, and nothing else.
	const logged = (collection: string, item: number, from: string, to: string, at?: string | null) =>
		data.approval_log.some(
			(l) =>
				l.collection === collection &&
				l.item === String(item) &&
				l.from_status === from &&
				l.to_status === to &&
				(at === undefined || l.at === at),
		);
	for (const l of data.approval_log) {
		expect(transitions[l.collection], l.collection).toContain(`${l.from_status}→${l.to_status}`);
		expect(l.at <= now).toBe(true);
	}
	for (const p of data.visit_plans) {
		if (p.submitted_at)
			expect(logged('visit_plans', p.id, 'draft', 'submitted', p.submitted_at), `plan ${p.id} submitted`).toBe(true);
		if (p.decided_at)
			expect(logged('visit_plans', p.id, 'submitted', p.status, p.decided_at), `plan ${p.id} decided`).toBe(true);
		expect(logged('visit_plans', p.id, 'approved', 'draft')).toBe(p.revision > 1);
	}
	for (const v of data.visits) {
		expect(logged('visits', v.id, 'not_required', 'pending')).toBe(v.requires_application);
		if (v.application_status === 'approved' || v.application_status === 'rejected')
			expect(logged('visits', v.id, 'pending', v.application_status)).toBe(true);
	}
	for (const e of data.expense_requests)
		if (e.decided_at) expect(logged('expense_requests', e.id, 'pending', e.status, e.decided_at)).toBe(true);
	expect(data.approval_log.length).toBe(
		data.visit_plans.reduce(
			(n, p) => n + (p.submitted_at ? 1 : 0) + (p.decided_at ? 1 : 0) + (p.revision > 1 ? 3 : 0),
			0,
		) +
			data.visits.reduce(
				(n, v) =>
					n + (v.requires_application ? 1 : 0) + (['approved', 'rejected'].includes(v.application_status) ? 1 : 0),
				0,
			) +
			data.expense_requests.filter((e) => e.decided_at).length +
			data.opportunities.filter((o) => o.stage !== 'lead').length +
			data.quotes.reduce(
				(n, q) =>
					n +
					(q.status === 'draft' ? 0 : 1) +
					(q.approver ? 1 : 0) +
					(q.sent_at ? 1 : 0) +
					(q.status === 'accepted' || q.status === 'expired' ? 1 : 0),
				0,
			) +
			// Submitted, then one row per review taken (a General Manager's when over credit), signed, terminated.
			data.contracts.reduce(
				(n, c) =>
					n +
					(c.status === 'draft' ? 0 : 1) +
					(c.legal_reviewed_at ? 1 : 0) +
					(c.finance_reviewed_at ? 1 : 0) +
					(c.over_credit && c.status !== 'pending_gm' ? 1 : 0) +
					(c.signed_at ? 1 : 0) +
					(c.status === 'terminated' ? 1 : 0),
				0,
			) +
			// Each order, delivery and schedule: the chain of steps from its first state (checked below).
			data.approval_log.filter((l) => RECEIVABLES.includes(l.collection)).length +
			// A reception: each step it took (a chain from requested, checked below).
			data.approval_log.filter((l) => l.collection === 'receptions').length +
			// A report: submitted, then reviewed.
			data.periodic_reports.reduce((n, r) => n + (r.submitted_at ? 1 : 0) + (r.reviewer ? 1 : 0), 0) +
			// A target: submitted, approved, confirmed, each by its setter, approver and person.
			data.sales_targets.reduce(
				(n, t) => n + (t.submitted_by ? 1 : 0) + (t.approver ? 1 : 0) + (t.confirmed_at ? 1 : 0),
				0,
			) +
			// 提成单: approved by a General Manager, paid by Finance.
			data.commission_statements.reduce((n, s) => n + (s.decided_at ? 1 : 0) + (s.paid_at ? 1 : 0), 0) +
			// An appraisal: confirmed by the person, then decided by a General Manager.
			data.appraisals.reduce((n, a) => n + (a.employee_confirmed_at ? 1 : 0) + (a.decided_at ? 1 : 0), 0),
	);
	for (const a of data.appraisals) {
		if (a.employee_confirmed_at)
			expect(logged('appraisals', a.id, 'draft', 'confirmed', a.employee_confirmed_at)).toBe(true);
		if (a.decided_at) expect(logged('appraisals', a.id, 'confirmed', a.status, a.decided_at)).toBe(true);
	}
	// 考核: each scheme's weights add up to 100; one appraisal a person, scheme and period.
	for (const scheme of data.appraisal_schemes)
		expect(
			data.appraisal_items.filter((i) => i.scheme === scheme.id).reduce((n, i) => n + i.weight, 0),
			scheme.name,
		).toBe(100);
	expect(distinct(data.appraisals, (a) => `${a.person}|${a.scheme}|${a.period_start}`).size).toBe(
		data.appraisals.length,
	);
	for (const s of data.commission_statements) {
		if (s.decided_at) expect(logged('commission_statements', s.id, 'draft', 'approved', s.decided_at)).toBe(true);
		if (s.paid_at) expect(logged('commission_statements', s.id, 'approved', 'paid', s.paid_at)).toBe(true);
		expect(s.status).toBe(s.paid_at ? 'paid' : s.decided_at ? 'approved' : 'draft');
	}
	expect(
		distinct(data.commission_statements, (s) => `${s.person}|${s.month}`).size,
		'commission_statements (person, month)',
	).toBe(data.commission_statements.length);
	for (const r of data.periodic_reports) {
		if (r.submitted_at) expect(logged('periodic_reports', r.id, 'draft', 'submitted', r.submitted_at)).toBe(true);
		if (r.reviewer) expect(logged('periodic_reports', r.id, 'submitted', r.status)).toBe(true);
	}
	for (const t of data.sales_targets) {
		if (t.submitted_by) expect(logged('sales_targets', t.id, 'draft', 'submitted'), `target ${t.id}`).toBe(true);
		if (t.approver) expect(logged('sales_targets', t.id, 'submitted', 'approved'), `target ${t.id}`).toBe(true);
		if (t.confirmed_at) expect(logged('sales_targets', t.id, 'approved', 'approved', t.confirmed_at)).toBe(true);
	}
	checkReceivables(data, now, today, logged);
	for (const c of data.contracts) {
		if (c.legal_reviewed_at)
			expect(
				logged(
					'contracts',
					c.id,
					'legal_review',
					c.status === 'rejected' ? 'rejected' : 'finance_review',
					c.legal_reviewed_at,
				),
			).toBe(true);
		if (c.finance_reviewed_at)
			expect(
				logged('contracts', c.id, 'finance_review', c.over_credit ? 'pending_gm' : 'approved', c.finance_reviewed_at),
			).toBe(true);
		if (c.signed_at)
			expect(logged('contracts', c.id, 'approved', 'signed', c.signed_at), `contract ${c.id}`).toBe(true);
	}
	for (const q of data.quotes) {
		if (q.approver)
			expect(logged('quotes', q.id, 'pending', q.status === 'rejected' ? 'rejected' : 'approved', q.decided_at)).toBe(
				true,
			);
		if (q.sent_at) expect(logged('quotes', q.id, 'approved', 'sent', q.sent_at)).toBe(true);
	}
	expect(data.approval_log.map((l) => l.id)).toEqual(data.approval_log.map((_, n) => n + 1));

	// People stamp things on workdays, in (or just around) office hours, Shanghai time.
	const human = [
		...data.visits.flatMap((v) => [v.check_in_at, v.check_out_at, v.report_submitted_at, v.application_filed_at]),
		...data.visit_plans.flatMap((p) => [p.submitted_at, p.decided_at]),
		...data.visit_reports.map((r) => r.reviewed_at),
		...data.follow_ups.map((f) => f.completed_at),
		...data.daily_reports.map((d) => d.submitted_at),
		...data.revisits.map((r) => r.done_at),
		...data.expense_requests.map((e) => e.decided_at),
		...data.approval_log.map((l) => l.at),
		...data.visits.map((v) => v.scheduled_start),
		...data.complaints.flatMap((c) => [c.received_at, c.responded_at, c.resolved_at]),
		...data.deliveries.map((d) => d.accepted_at),
		...data.payments.map((p) => p.received_at),
		...data.receptions.flatMap((r) => [r.arrived_at, r.left_at]),
	].filter((s): s is string => s !== null);
	const days = [
		...data.follow_ups.map((f) => f.due_date),
		...data.revisits.map((r) => r.due_date),
		...data.sales_orders.map((o) => o.signed_at),
	];
	for (const day of days) expect(isWorkday(day), `${day} is a workday`).toBe(true);
	for (const stamp of human) {
		expect(stamp, 'ISO 8601 UTC').toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		expect(isWorkday(localDate(stamp)), `${stamp} on a workday`).toBe(true);
		expect(localMinutes(stamp), `${stamp} in working hours`).toBeGreaterThanOrEqual(8 * 60);
		expect(localMinutes(stamp), `${stamp} in working hours`).toBeLessThan(22 * 60);
	}
}

const RECEIVABLES: string[] = ['sales_orders', 'deliveries', 'payment_schedules'];

/**
 * 客户接待 in every state, each logged as one chain of steps from its request, stamped as it
 * went; escorts, a gift for one, a report on time whose promises are follow-ups of its host's,
 * one reported late.
 */
function checkReceptions(data: DemoData, now: string) {
	expect(distinct(data.receptions, (r) => r.status)).toEqual(new Set(values(choices.receptionStatuses)));
	const customers = byId(data.customers);
	for (const r of data.receptions) {
		expect(customers.get(r.customer)!.owner, `reception ${r.id} host`).toBe(r.host);
		const steps = data.approval_log.filter((l) => l.collection === 'receptions' && l.item === String(r.id));
		let state = 'requested';
		for (const step of steps) {
			expect(step.from_status, `reception ${r.id} log`).toBe(state);
			state = step.to_status;
		}
		expect(state, `reception ${r.id} ends where it is`).toBe(r.status);
		const reached = (s: string) => steps.some((l) => l.to_status === s);
		expect(r.arrived_at !== null, `reception ${r.id} arrived`).toBe(reached('arrived'));
		expect(r.left_at !== null && r.report_due_at !== null, `reception ${r.id} left`).toBe(reached('held'));
		expect(r.report !== null, `reception ${r.id} reported`).toBe(reached('reported'));
		if (r.arrived_at) expect(r.arrived_at <= now).toBe(true);
		const reported = steps.find((l) => l.to_status === 'reported');
		expect(r.report_late, `reception ${r.id} late`).toBe(reported ? reported.at > r.report_due_at! : false);
		if (r.left_at) expect(Date.parse(r.report_due_at!) - Date.parse(r.left_at)).toBe(24 * HOURS);
	}
	const reported = data.receptions.filter((r) => r.status === 'reported');
	expect(distinct(reported, (r) => r.report_late)).toEqual(new Set([true, false]));
	const promised = data.follow_ups.filter((f) => f.reception);
	expect(promised.length).toBeGreaterThan(1);
	for (const f of promised) {
		const r = data.receptions[f.reception! - 1]!;
		expect(r.status).toBe('reported');
		expect([f.owner, f.customer, f.visit]).toEqual([r.host, r.customer, null]);
	}
	expect(data.reception_escorts.length).toBeGreaterThan(0);
	for (const e of data.reception_escorts) expect(data.receptions[e.reception - 1]!.host).not.toBe(e.user);
	expect(data.expense_requests.filter((e) => e.reception && e.kind === 'gift')).toHaveLength(1);
}
const cents = (amount: number | string) => Math.round(Number(amount) * 100);
const sumCents = (amounts: (number | string)[]) => amounts.reduce<number>((n, a) => n + cents(a), 0);

/**
 * Orders, deliveries, schedules and payments agree: an order's schedules add up to its amount
 * and their paid amounts to its paid amount, as do its payments; a schedule is paid exactly when
 * paid in full and overdue only past its due date; each item's log is one chain of steps from
 * its first state to the one it is in; contract terms add up to the contract.
 */
function checkReceivables(
	data: DemoData,
	now: string,
	today: string,
	logged: (collection: string, id: number, from: string, to: string) => boolean,
) {
	const chain = (collection: string, id: number, first: string, last: string) => {
		const steps = data.approval_log.filter((l) => l.collection === collection && l.item === String(id));
		let state = first;
		for (const step of steps) {
			expect(step.from_status, `${collection} ${id} log`).toBe(state);
			state = step.to_status;
		}
		expect(state, `${collection} ${id} ends where it is`).toBe(last);
	};
	const finance = data.users.find((u) => u.position === 'finance')!.id;
	for (const o of data.sales_orders) {
		const schedules = data.payment_schedules.filter((s) => s.order === o.id);
		const payments = data.payments.filter((p) => p.order === o.id);
		const accepted = data.deliveries.filter((d) => d.order === o.id && d.status === 'accepted');
		if (o.status === 'cancelled') {
			expect(schedules.length + payments.length, `cancelled order ${o.id}`).toBe(0);
			continue;
		}
		expect(sumCents(schedules.map((s) => s.amount)), `order ${o.id} schedules`).toBe(cents(o.amount));
		expect(sumCents(schedules.map((s) => s.paid_amount)), `order ${o.id} allocated`).toBe(cents(o.paid_amount));
		expect(sumCents(payments.map((p) => p.amount)), `order ${o.id} payments`).toBe(cents(o.paid_amount));
		// 验收 delivers an order; a paid one may have been paid before it was delivered.
		if (o.status !== 'paid') expect(accepted.length > 0, `order ${o.id} accepted`).toBe(o.status === 'delivered');
		if (logged('sales_orders', o.id, 'signed', 'delivered')) expect(accepted.length).toBeGreaterThan(0);
		chain('sales_orders', o.id, 'signed', o.status);
	}
	for (const p of data.payments) {
		expect(p.recorded_by).toBe(finance);
		expect(p.received_at <= now).toBe(true);
		expect(p.amount).toBeGreaterThan(0);
	}
	for (const d of data.deliveries) {
		expect(d.accepted_at !== null, `delivery ${d.id}`).toBe(d.status === 'accepted');
		expect(d.shipped_at <= today).toBe(true);
		chain('deliveries', d.id, 'shipped', d.status);
	}
	for (const s of data.payment_schedules) {
		// A contract's terms before signing; an order's schedule after, keeping the contract signing made the order from.
		expect(s.order !== null || s.contract !== null, `schedule ${s.id}: an order's or a contract's`).toBe(true);
		if (s.order !== null)
			expect(data.sales_orders.find((o) => o.id === s.order)!.contract, `schedule ${s.id}`).toBe(s.contract);
		expect(s.paid_amount).toBeLessThanOrEqual(s.amount);
		expect(s.status === 'paid', `schedule ${s.id}`).toBe(s.amount > 0 && cents(s.paid_amount) === cents(s.amount));
		if (s.status === 'overdue') expect(s.due_date < today, `schedule ${s.id} overdue`).toBe(true);
		chain('payment_schedules', s.id, 'open', s.status);
	}
	for (const c of data.contracts) {
		const terms = data.payment_schedules.filter((s) => s.contract === c.id);
		if (terms.length > 0) expect(sumCents(terms.map((t) => t.amount)), `contract ${c.id} terms`).toBe(cents(c.amount));
	}
}

/** Every state the issue asks to see, whatever the anchor. */
function checkCoverage(data: DemoData, anchor: string) {
	const today = localDate(new Date(anchor).toISOString());
	checkReceptions(data, new Date(anchor).toISOString());
	expect(distinct(data.deliveries, (d) => d.status)).toEqual(new Set(values(choices.deliveryStatuses)));
	expect(distinct(data.payment_schedules, (s) => s.status)).toEqual(new Set(values(choices.paymentScheduleStatuses)));
	// Overdue receivables of every age (账龄), and schedules partly paid.
	const overdue = data.payment_schedules.filter((s) => s.status === 'overdue');
	expect(distinct(overdue, (s) => agingBucket(s.due_date, today))).toEqual(new Set(values(choices.agingBuckets)));
	expect(data.payment_schedules.some((s) => s.paid_amount > 0 && s.paid_amount < s.amount)).toBe(true);
	expect(distinct(data.visit_plans, (p) => p.status)).toEqual(new Set(values(choices.planStatuses)));
	// 周报 / 月报 in every state, of both kinds, some late.
	for (const type of values(choices.reportPeriodTypes))
		expect(
			distinct(
				data.periodic_reports.filter((r) => r.period_type === type),
				(r) => r.status,
			),
			type,
		).toEqual(new Set(values(choices.periodicReportStatuses)));
	expect(data.periodic_reports.some((r) => r.late)).toBe(true);
	expect(distinct(data.visit_plans, (p) => p.period_type)).toEqual(new Set(values(choices.periodTypes)));
	expect(distinct(data.visits, (v) => v.status)).toEqual(new Set(values(choices.visitStatuses)));
	const onTime = data.visits.filter((v) => ['submitted', 'approved'].includes(v.report_status) && !v.report_late);
	expect(
		distinct(onTime, (v) => v.report_status),
		'on time',
	).toEqual(new Set(['submitted', 'approved']));
	expect(
		data.visits.some((v) => v.report_late),
		'late',
	).toBe(true);
	for (const state of ['overdue', 'returned', 'not_due'])
		expect(
			distinct(data.visits, (v) => v.report_status),
			state,
		).toContain(state);
	expect(distinct(data.visits, (v) => v.channel)).toEqual(new Set(values(choices.visitChannels)));
	expect(distinct(data.visits, (v) => v.application_status)).toEqual(new Set(values(choices.applicationStatuses)));
	expect(data.visits.filter((v) => v.unauthorized)).toHaveLength(1);
	expect(data.visits.some((v) => v.outside_geofence)).toBe(true);
	expect(data.visits.some((v) => v.plan_item === null && v.status === 'completed')).toBe(true);
	expect(data.visit_plans.filter((p) => p.revision === 2)).toHaveLength(1);
	expect(data.visit_plans.some((p) => p.submitted_late)).toBe(true);
	expect(distinct(data.revisits, (r) => r.kind)).toEqual(new Set(values(choices.revisitKinds)));
	expect(distinct(data.revisits, (r) => r.status)).toEqual(new Set(values(choices.revisitStatuses)));
	expect(distinct(data.complaints, (c) => c.status)).toEqual(new Set(values(choices.complaintStatuses)));
	expect(distinct(data.complaints, (c) => c.severity)).toEqual(new Set(values(choices.complaintSeverities)));
	expect(
		data.complaints.some((c) => c.responded_at !== null && c.responded_at > c.response_due_at),
		'a late response',
	).toBe(true);
	expect(distinct(data.sales_orders, (o) => o.status)).toEqual(new Set(values(choices.orderStatuses)));
	expect(distinct(data.expense_requests, (e) => e.status)).toEqual(new Set(values(choices.expenseStatuses)));
	expect(distinct(data.expense_requests, (e) => e.kind)).toEqual(new Set(values(choices.expenseKinds)));
	expect(data.expense_requests.filter((e) => e.over_budget)).toHaveLength(1);
	expect(distinct(data.follow_ups, (f) => f.status)).toEqual(new Set(values(choices.followUpStatuses)));
	expect(
		data.follow_ups.some((f) => f.overdue),
		'an overdue follow-up',
	).toBe(true);
	expect(data.daily_reports.some((d) => d.late)).toBe(true);
	expect(data.daily_reports.some((d) => !d.late)).toBe(true);
}

/**
 * 签订合同即赢单: every won opportunity has one signed contract (the one that won it signed first),
 * each signed or terminated contract one order of its customer, owner, amount and date, its terms
 * the order's schedules, and its log from submission to signing; one contract is terminated.
 */
function checkWon(data: DemoData) {
	const byContract = (id: number) => data.sales_orders.filter((o) => o.contract === id);
	const log = (collection: string, id: number) =>
		data.approval_log.filter((l) => l.collection === collection && l.item === String(id));
	const gm = data.users.find((u) => u.position === 'general_manager')!.id;
	const won = data.opportunities.filter((o) => o.stage === 'won');
	expect(won.length).toBe(data.users.filter((u) => u.role === 'sales_rep').length);
	for (const o of won) {
		const signed = data.contracts.filter((c) => c.opportunity === o.id && c.status === 'signed');
		expect(signed, `opportunity ${o.id}: one signed contract`).toHaveLength(1);
		// Won by the first signing on it, as the signer's; no other path to won.
		const first = data.contracts
			.filter((c) => c.opportunity === o.id && c.signed_at !== null)
			.sort((a, b) => a.signed_at!.localeCompare(b.signed_at!))[0]!;
		expect([o.closed_at, o.stage_changed_at]).toEqual([first.signed_at, first.signed_at]);
		expect(
			log('opportunities', o.id).map((l) => [l.to_status, l.at, l.actor]),
			`opportunity ${o.id} log`,
		).toEqual([['won', first.signed_at, first.owner]]);
	}
	// No opportunity that is not won has a signed contract.
	for (const c of data.contracts.filter((c) => c.signed_at !== null))
		expect(data.opportunities.find((o) => o.id === c.opportunity)!.stage).toBe('won');

	const signed = data.contracts.filter((c) => c.status === 'signed');
	const terminated = data.contracts.filter((c) => c.status === 'terminated');
	expect(signed.length).toBeGreaterThan(0);
	expect(terminated.length).toBeGreaterThan(0);
	expect(signed.some((c) => c.over_credit) && signed.some((c) => !c.over_credit), 'credit both ways').toBe(true);
	for (const c of [...signed, ...terminated]) {
		const orders = byContract(c.id);
		expect(orders, `contract ${c.id}: one order`).toHaveLength(1);
		const order = orders[0]!;
		expect([order.customer, order.owner, cents(order.amount), order.signed_at]).toEqual([
			c.customer,
			c.owner,
			cents(c.amount),
			localDate(c.signed_at!),
		]);
		// The terms (30 / 60 / 10 %) are the order's schedules and add up to the contract.
		const schedules = data.payment_schedules.filter((s) => s.contract === c.id);
		expect(schedules.length).toBe(3);
		for (const s of schedules) expect(s.order).toBe(order.id);
		expect(sumCents(schedules.map((s) => s.amount))).toBe(cents(c.amount));
		expect(schedules.map((s) => Math.round((cents(s.amount) * 100) / cents(c.amount)))).toEqual([30, 60, 10]);
		// Its history: submitted, Legal, Finance, a General Manager when over credit, signed (then terminated).
		const steps = log('contracts', c.id);
		expect(steps.map((l) => `${l.from_status}→${l.to_status}`)).toEqual([
			'draft→legal_review',
			'legal_review→finance_review',
			...(c.over_credit ? ['finance_review→pending_gm', 'pending_gm→approved'] : ['finance_review→approved']),
			'approved→signed',
			...(c.status === 'terminated' ? ['signed→terminated'] : []),
		]);
		for (const [a, b] of steps.slice(1).map((l, n) => [steps[n]!, l] as const)) expect(a.at < b.at).toBe(true);
		if (c.over_credit) expect(steps.find((l) => l.from_status === 'pending_gm')!.actor).toBe(gm);
		expect(steps.find((l) => l.to_status === 'signed')!.actor).toBe(c.owner);
	}
	// 合同终止 by the owner's manager, with the reason on the contract and in the log.
	for (const c of terminated) {
		const end = log('contracts', c.id).at(-1)!;
		expect(end.actor).toBe(data.users.find((u) => u.id === c.owner)!.reports_to);
		expect(end.comment).toBe(c.decision_comment);
		expect(end.comment!.length).toBeGreaterThan(10);
	}
}

/** 信用额度 at finance review: what the customer owed then (orders made by then, less payments received), plus the contract, over the limit. */
function checkCredit(data: DemoData) {
	const contracts = byId(data.contracts);
	const customers = byId(data.customers);
	for (const c of data.contracts.filter((c) => c.signed_at !== null)) {
		const at = c.finance_reviewed_at!;
		// The orders made by then (a contract's at its signing moment), not cancelled, less what was paid before.
		const owed = data.sales_orders
			.filter((o) => o.customer === c.customer && o.status !== 'cancelled')
			.filter((o) => (o.contract === null ? o.signed_at <= localDate(at) : contracts.get(o.contract)!.signed_at! < at))
			.reduce(
				(n, o) =>
					n +
					cents(o.amount) -
					sumCents(data.payments.filter((p) => p.order === o.id && p.received_at < at).map((p) => p.amount)),
				0,
			);
		expect(c.over_credit, `contract ${c.id}`).toBe(
			overCredit(owed, cents(c.amount), customers.get(c.customer)!.credit_limit),
		);
	}
}

describe.each(anchors)('demo data anchored at %s', (anchor) => {
	const data = demoData(new Date(anchor));
	const rows = data as unknown as Record<string, Row[]>;
	const now = new Date(anchor).toISOString();

	it('is the same every time for the same anchor', () => {
		expect(demoData(new Date(anchor))).toEqual(data);
	});

	it('is consistent: references, enums, state machines, deadlines, approval log, working hours', () => {
		checkIntegrity(data, anchor);
	});

	it('fills every NOT NULL column and only the snapshot’s columns', () => {
		for (const [collection, fields] of Object.entries(snapshotFieldsByCollection)) {
			for (const row of rows[collection] ?? []) {
				for (const f of fields.filter((f) => f.required && !f.hasDefault))
					expect(row[f.field] ?? null, `${collection}.${f.field}`).not.toBeNull();
				for (const key of Object.keys(row))
					expect(
						fields.map((f) => f.field),
						`${collection}.${key}`,
					).toContain(key);
			}
		}
		for (const collection of Object.keys(data).filter((c) => c !== 'users'))
			expect(snapshotFieldsByCollection, collection).toHaveProperty(collection);
	});

	it('shows each rep’s contracts in every state of review, from a sent or accepted quote, reviewed by Legal and Finance', () => {
		const reviewers = (position: string) => data.users.find((u) => u.position === position)!.id;
		const quotes = byId(data.quotes);
		for (const rep of data.users.filter((u) => u.role === 'sales_rep'))
			expect(new Set(data.contracts.filter((c) => c.owner === rep.id).map((c) => c.status))).toEqual(
				new Set([
					'draft',
					'legal_review',
					'finance_review',
					'pending_gm',
					'approved',
					'rejected',
					'signed',
					...(data.contracts.some((c) => c.owner === rep.id && c.status === 'terminated') ? ['terminated'] : []),
				]),
			);
		for (const c of data.contracts) {
			const quote = quotes.get(c.quote)!;
			expect(['sent', 'accepted']).toContain(quote.status);
			expect([quote.customer, quote.opportunity, quote.owner]).toEqual([c.customer, c.opportunity, c.owner]);
			expect(c.contract_no).toMatch(/^CT\d{6}-\d{4}$/);
			expect(c.legal_reviewer === null || c.legal_reviewer === reviewers('legal')).toBe(true);
			expect(c.finance_reviewer === null || c.finance_reviewer === reviewers('finance')).toBe(true);
			// Over credit: waiting on a General Manager, or approved by one before it was signed.
			const gmApproved = data.approval_log.some(
				(l) => l.collection === 'contracts' && l.item === String(c.id) && l.from_status === 'pending_gm',
			);
			expect(c.over_credit, `contract ${c.id}`).toBe(c.status === 'pending_gm' || gmApproved);
			expect(c.decision_comment !== null).toBe(c.status === 'rejected' || c.status === 'terminated');
			expect(c.signed_at !== null).toBe(c.status === 'signed' || c.status === 'terminated');
		}
	});

	it('wins every won opportunity by a signed contract whose order and schedules match it, and terminates one', () => {
		checkWon(data);
	});

	it('checks credit at finance review as the server does: what the customer owed then, with this contract, over the limit', () => {
		checkCredit(data);
	});

	it('shows each rep’s opportunities in every stage and quotes in every status, priced by the rules', () => {
		const today = localDate(now);
		const boss = (id: string) => data.users.find((u) => u.id === id)!.reports_to;
		const gm = data.users.find((u) => u.position === 'general_manager')!.id;
		const reps = data.users.filter((u) => u.role === 'sales_rep');
		for (const rep of reps) {
			expect(new Set(data.opportunities.filter((o) => o.owner === rep.id).map((o) => o.stage))).toEqual(
				new Set(values(choices.opportunityStages)),
			);
			expect(new Set(data.quotes.filter((q) => q.owner === rep.id).map((q) => q.status))).toEqual(
				new Set(values(choices.quoteStatuses)),
			);
		}
		for (const o of data.opportunities)
			expect(o.lost_reason !== null && o.lost_analysis !== null).toBe(o.stage === 'lost');
		const products = byId(data.products);
		for (const q of data.quotes) {
			const priced = data.quote_lines
				.filter((l) => l.quote === q.id)
				.map((l) => {
					const line = priceLine(l, products.get(l.product)!) as PricedLine;
					expect(lineFields(line)).toEqual({
						list_price: l.list_price,
						discount_rate: l.discount_rate,
						net_amount: l.net_amount,
					});
					return line;
				});
			expect(priced.length, q.quote_no).toBeGreaterThan(0);
			const { below_floor, list_total, max_discount_rate, net_total } = q;
			expect({ below_floor, list_total, max_discount_rate, net_total }).toEqual(quoteTotals(priced));
			// Approved by whom the rules name: nobody within the rep's authority, else the manager (or a General Manager).
			const approver = quoteApprover(priced, data.discount_rules);
			if (q.status === 'approved' || q.status === 'rejected')
				expect(q.approver, q.quote_no).toBe(approver === 'none' ? null : approver === 'manager' ? boss(q.owner) : gm);
			if (q.status === 'expired') expect(q.valid_until < today).toBe(true);
		}
	});

	it('has a lead grade history ending at each customer’s grade, with leads that ordered', () => {
		for (const c of data.customers) {
			const changes = data.lead_grade_changes.filter((change) => change.customer === c.id);
			expect(changes.at(-1)?.to_grade ?? null, c.code).toBe(c.lead_grade);
			changes.forEach((change, n) => expect(change.from_grade, c.code).toBe(n === 0 ? null : changes[n - 1]!.to_grade));
			for (const change of changes) expect(change.changed_at < new Date(anchor).toISOString()).toBe(true);
		}
		// The funnel has conversions: leads graded H/A/B/C before they ordered.
		expect(data.lead_grade_changes.filter((c) => c.to_grade === 'O' && c.from_grade !== null).length).toBeGreaterThan(
			5,
		);
	});

	it('shows every state of each state machine', () => {
		checkCoverage(data, anchor);
	});

	it('has a plan of a manager approved by the General Manager, and the rest by the manager', () => {
		const users = byId(data.users);
		const gm = data.users.find((u) => u.email === 'gm@example.com')!;
		expect(
			data.visit_plans.some(
				(p) => users.get(p.owner)!.position === 'manager' && p.status === 'approved' && p.approver === gm.id,
			),
		).toBe(true);
		for (const rep of data.users.filter((u) => u.position === 'rep')) {
			expect(
				data.visit_plans.some((p) => p.owner === rep.id),
				rep.email,
			).toBe(true);
			expect(
				data.visits.some((v) => v.owner === rep.id && v.status === 'completed'),
				rep.email,
			).toBe(true);
			expect(
				data.expense_requests.some((e) => e.requester === rep.id),
				rep.email,
			).toBe(true);
			expect(
				data.visit_reports.some((r) => data.visits[r.visit - 1]!.owner === rep.id),
				rep.email,
			).toBe(true);
		}
		// The API tests check in to one of rep1's scheduled visits.
		const rep1 = data.users.find((u) => u.email === 'rep1@example.com')!;
		expect(data.visits.some((v) => v.owner === rep1.id && v.status === 'scheduled')).toBe(true);
	});

	it('keeps the unique columns unique', () => {
		const unique = (rows: Row[], f: (r: Row) => unknown, what: string) =>
			expect(distinct(rows, f).size, what).toBe(rows.length);
		unique(data.customers, (c) => c.code, 'customers.code');
		unique(data.customers, (c) => c.name, 'customers.name');
		unique(data.products, (p) => p.code, 'products.code');
		unique(data.sales_orders, (o) => o.order_no, 'sales_orders.order_no');
		unique(data.visit_reports, (r) => r.visit, 'visit_reports.visit');
		unique(data.daily_reports, (r) => `${r.owner}|${r.date}`, 'daily_reports (owner, date)');
		unique(
			data.sales_targets.filter((t) => t.status === 'approved'),
			(t) => `${t.team}|${t.owner}|${t.period_type}|${t.period_start}`,
			'approved sales_targets (team, owner, period)',
		);
		unique(data.users, (u) => u.employee_no, 'users.employee_no');
		unique(data.users, (u) => u.email, 'users.email');
		for (const [collection, list] of Object.entries(rows)) {
			if (collection !== 'users')
				expect(
					list.map((r) => r.id),
					collection,
				).toEqual(list.map((_, n) => n + 1));
		}
	});

	it('stamps only the past, except what is due or scheduled', () => {
		const past = [
			...data.visit_plans.flatMap((p) => [p.submitted_at, p.decided_at]),
			...data.visit_reports.flatMap((r) => [r.submitted_at, r.reviewed_at]),
			...data.follow_ups.map((f) => f.completed_at),
			...data.expense_requests.map((e) => e.decided_at),
		];
		for (const stamp of past) if (stamp) expect(stamp <= now).toBe(true);
	});
});

describe('demo company', () => {
	const data = demoData(new Date(anchors[0]!));

	it('has the staff and reporting lines of the issue', () => {
		const by = Object.fromEntries(data.users.map((u) => [u.email.split('@')[0], u]));
		expect(Object.keys(by).sort()).toEqual([
			'assistant',
			'finance',
			'gm',
			'integrator',
			'legal',
			'manager1',
			'manager2',
			'rep1',
			'rep2',
			'rep3',
			'rep4',
			'rep5',
			'rep6',
			'service',
		]);
		expect(by.gm).toMatchObject({ role: 'general_manager', position: 'general_manager', reports_to: null });
		for (const m of ['manager1', 'manager2'])
			expect(by[m]).toMatchObject({ role: 'sales_manager', position: 'manager', reports_to: by.gm!.id });
		for (const r of ['rep1', 'rep2', 'rep3'])
			expect(by[r]).toMatchObject({ role: 'sales_rep', position: 'rep', reports_to: by.manager1!.id });
		for (const r of ['rep4', 'rep5', 'rep6'])
			expect(by[r]).toMatchObject({ role: 'sales_rep', position: 'rep', reports_to: by.manager2!.id });
		expect(by.assistant).toMatchObject({ role: 'sales_assistant', position: 'assistant', reports_to: by.gm!.id });
		expect(by.service).toMatchObject({ role: 'customer_service', position: 'service', reports_to: by.gm!.id });
		expect(by.finance).toMatchObject({ role: 'finance', position: 'finance', reports_to: by.gm!.id });
		expect(by.legal).toMatchObject({ role: 'legal', position: 'legal', reports_to: by.gm!.id });
		expect(by.integrator).toMatchObject({ role: 'integrator', position: null, token: INTEGRATOR_TOKEN });
		expect(INTEGRATOR_TOKEN.length).toBeGreaterThanOrEqual(32);
		expect(DEMO_PASSWORD).toBe('demo-password');
		for (const u of data.users) {
			expect(u.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
			expect(u.language).toBe('zh-CN');
			expect(u.last_name + u.first_name).toMatch(/\p{Script=Han}/u);
		}
		// Users and customers do not depend on the anchor, but for when the churned were lost.
		const later = demoData(new Date(anchors[2]!));
		const timeless = (cs: typeof data.customers) => cs.map(({ churned_at: _, ...c }) => c);
		expect(later.users).toEqual(data.users);
		expect(timeless(later.customers)).toEqual(timeless(data.customers));
		for (const c of data.customers) expect(c.churned_at === null, c.code).toBe(c.status !== 'churned');
		expect(
			data.customers.every((c) => c.churned_at === null || c.churned_at < new Date(anchors[0]!).toISOString()),
		).toBe(true);
		expect(later.contacts).toEqual(data.contacts);
	});

	it('spreads about 120 customers over every class, in real places', () => {
		const { customers } = data;
		expect(customers.length).toBeGreaterThanOrEqual(110);
		expect(customers.length).toBeLessThanOrEqual(130);
		for (const [column, set] of Object.entries(enums.customers!)) {
			const expected = new Set<unknown>(values(set));
			if (column === 'key_account_class' || column === 'lead_grade') expected.add(null);
			expect(
				distinct(customers, (c) => (c as Row)[column]),
				column,
			).toEqual(expected);
		}
		expect(customers.filter((c) => c.key_account_class === null).length).toBeGreaterThan(customers.length / 2);
		expect(customers.filter((c) => c.status === 'active').length).toBeGreaterThan(customers.length * 0.8);
		for (const c of customers) {
			expect(c.code).toMatch(/^C\d{4}$/);
			expect(c.name).toMatch(/^\p{Script=Han}+有限公司$/u);
			if (c.region_scope === 'local') expect([c.province, c.city]).toEqual(['浙江省', '杭州市']);
			if (c.region_scope === 'province') expect(c.province === '浙江省' && c.city !== '杭州市').toBe(true);
			if (c.region_scope === 'other') expect(c.province).not.toBe('浙江省');
			expect(c.address.startsWith(c.province)).toBe(true);
			for (const n of [c.latitude, c.longitude]) expect(Math.round(n * 1e6) / 1e6).toBe(n);
			expect(c.annual_purchase === null || c.annual_purchase >= 0).toBe(true);
		}
		// Each city's customers lie within about 5 km of one another's centre.
		for (const city of distinct(customers, (c) => c.city)) {
			const here = customers.filter((c) => c.city === city);
			const lat = here.reduce((s, c) => s + c.latitude, 0) / here.length;
			const lng = here.reduce((s, c) => s + c.longitude, 0) / here.length;
			for (const c of here)
				expect(
					Math.hypot((c.latitude - lat) * 111, (c.longitude - lng) * 111 * Math.cos((lat * Math.PI) / 180)),
					`${c.name}`,
				).toBeLessThan(7);
		}
		const hangzhou = customers.filter((c) => c.city === '杭州市');
		expect(Math.abs(hangzhou[0]!.latitude - 30.27)).toBeLessThan(0.06);
		expect(Math.abs(hangzhou[0]!.longitude - 120.16)).toBeLessThan(0.06);

		const owners = data.users.filter((u) => u.position === 'rep' || u.position === 'manager');
		for (const u of owners)
			expect(customers.filter((c) => c.owner === u.id).length, u.email).toBeGreaterThan(u.position === 'rep' ? 10 : 1);
		expect(distinct(customers, (c) => c.owner)).toEqual(new Set(owners.map((u) => u.id)));
	});

	it('gives every customer one to three contacts with phones', () => {
		for (const c of data.customers) {
			const mine = data.contacts.filter((k) => k.customer === c.id);
			expect(mine.length).toBeGreaterThanOrEqual(1);
			expect(mine.length).toBeLessThanOrEqual(3);
		}
		for (const k of data.contacts) expect(k.phone).toMatch(/^1[3-9]\d{9}$/);
		expect(distinct(data.contacts, (k) => k.decision_role)).toEqual(new Set(values(choices.decisionRoles)));
		expect(data.contacts.some((k) => k.birthday !== null)).toBe(true);
	});

	it('sells some twenty products of one maker at three price levels in order, the floor under them all', () => {
		const { products } = data;
		expect(products.length).toBeGreaterThanOrEqual(15);
		expect(products.length).toBeLessThanOrEqual(25);
		for (const p of products) {
			expect(p.name, p.code).toMatch(/\p{Script=Han}/u);
			expect(p.unit, p.code).toMatch(/^\p{Script=Han}$/u);
			expect(priceOrderProblem(p), p.code).toBeNull();
			expect(p.floor_price, p.code).toBeLessThan(p.wholesale_price);
			expect(p.wholesale_price, p.code).toBeLessThan(p.dealer_price);
			expect(p.dealer_price, p.code).toBeLessThan(p.list_price);
			for (const price of [p.list_price, p.dealer_price, p.wholesale_price, p.floor_price])
				expect(price % 10, p.code).toBe(0);
		}
		expect(distinct(products, (p) => p.active)).toEqual(new Set([true, false]));
		expect(distinct(products, (p) => p.code.split('-')[0])).toEqual(new Set(['ZF']));
	});

	it('lets the rep, the manager and the General Manager decide ever larger discounts', () => {
		const rules = [...data.discount_rules]
			.filter((r) => r.active)
			.sort((a, b) => a.max_discount_rate - b.max_discount_rate);
		expect(rules.map((r) => [r.max_discount_rate, r.approver_position])).toEqual([
			[5, 'none'],
			[15, 'manager'],
			[100, 'general_manager'],
		]);
	});

	it('has end users and dealers, and credit terms for the customers who buy', () => {
		const { customers } = data;
		const dealers = customers.filter((c) => c.kind === 'dealer');
		expect(dealers.length).toBeGreaterThan(customers.length / 10);
		expect(dealers.length).toBeLessThan(customers.length / 2);
		for (const c of customers) {
			expect(c.credit_limit, c.code).toBeGreaterThanOrEqual(0);
			expect(c.credit_limit % 10_000, c.code).toBe(0);
			if (c.relationship !== 'existing' || c.status === 'churned')
				expect([c.credit_limit, c.credit_days], c.code).toEqual([0, 0]);
			expect(c.credit_days === 0, c.code).toBe(c.credit_limit === 0);
		}
		const credited = customers.filter((c) => c.credit_limit > 0);
		expect(credited.length).toBeGreaterThan(customers.length / 4);
		expect(distinct(credited, (c) => c.credit_days)).toEqual(new Set([30, 60, 90]));
		expect(credited.some((c) => c.kind === 'dealer')).toBe(true);
	});

	it('has the policy’s quota rules and monthly targets around the anchor', () => {
		const rule = (scope: string) =>
			data.visit_quota_rules.find((r) => r.region_scope === scope && r.tier === null && r.category === null)!;
		expect(rule('local')).toMatchObject({ min_visits: 1, period: 'month', active: true });
		expect(rule('province')).toMatchObject({ min_visits: 1, period: 'quarter', active: true });
		expect(rule('other')).toMatchObject({ min_visits: 1, period: 'half_year', active: true });
		const tierA = data.visit_quota_rules.find((r) => r.tier === 'A' && r.region_scope === null)!;
		expect(tierA.min_visits).toBe(2);
		expect(tierA.priority).toBeGreaterThan(rule('local').priority);
		expect(data.visit_quota_rules.filter((r) => !r.active)).toHaveLength(1);

		const months = ['2026-10-01', '2026-11-01', '2026-12-01'];
		for (const u of data.users.filter((u) => u.position === 'rep' || u.position === 'manager')) {
			expect(
				data.sales_targets
					.filter((t) => t.owner === u.id && t.period_type === 'month' && t.status === 'approved')
					.map((t) => t.period_start)
					.sort(),
				u.email,
			).toEqual(months);
		}
		for (const t of data.sales_targets)
			for (const n of [t.sales_amount, t.new_customers, t.visits, t.revisits, t.expense_budget ?? 0])
				expect(n).toBeGreaterThanOrEqual(0);
		// This year broken down: each parent's children add up to it, in every state the flow has.
		const targets = byId(data.sales_targets);
		for (const parent of data.sales_targets) {
			const children = data.sales_targets.filter((t) => t.parent === parent.id);
			if (children.length === 0) continue;
			for (const f of ['sales_amount', 'collection_amount', 'new_customers', 'visits', 'revisits'] as const)
				expect(
					children.reduce((sum, c) => sum + Math.round(Number(c[f]) * 100), 0),
					`${parent.id}.${f}`,
				).toBe(Math.round(Number(parent[f]) * 100));
			expect(targets.get(parent.id)!.status).toBe('approved');
		}
		expect(distinct(data.sales_targets, (t) => t.status)).toEqual(new Set(['draft', 'submitted', 'approved']));
		expect(data.sales_targets.some((t) => t.confirmed_at !== null)).toBe(true);
		expect(data.sales_targets.filter((t) => t.team === null && t.owner === null)).toHaveLength(1);
	});

	it('covers last month and this month up to the anchor, and plans ahead', () => {
		// Anchored on Sunday 2026-11-22 (14:00 in Shanghai).
		const periods = distinct(
			data.visit_plans.filter((p) => p.period_type === 'month'),
			(p) => p.period_start,
		);
		expect(periods).toEqual(new Set(['2026-10-01', '2026-11-01', '2026-12-01']));
		const weeks = distinct(
			data.visit_plans.filter((p) => p.period_type === 'week'),
			(p) => p.period_start,
		);
		expect(weeks).toEqual(new Set(['2026-11-09', '2026-11-16', '2026-11-23']));
		const done = data.visits
			.filter((v) => v.check_in_at)
			.map((v) => localDate(v.check_in_at!))
			.sort();
		expect(done[0]! >= '2026-10-01' && done.at(-1)! <= '2026-11-22').toBe(true);
		expect(data.visits.some((v) => v.scheduled_start > '2026-11-23')).toBe(true);
	});
});

describe('two anchors far apart', () => {
	it('both yield consistent data that moves with the anchor', () => {
		const a = demoData(new Date('2026-11-22T06:00:00Z'));
		const b = demoData(new Date('2027-03-05T02:00:00Z'));
		checkIntegrity(a, '2026-11-22T06:00:00Z');
		checkIntegrity(b, '2027-03-05T02:00:00Z');
		expect(a.visit_plans.map((p) => p.period_start)).not.toEqual(b.visit_plans.map((p) => p.period_start));
		expect(b.visit_plans.every((p) => p.period_start >= '2027-02-01')).toBe(true);
	});
});

/** Every eleven days and some hours from February 2026 to December 2027: all weekdays, hours, holidays. */
const sweep = Array.from({ length: 62 }, (_, n) =>
	new Date(Date.parse('2026-02-01T00:00:00Z') + n * (11 * 24 + 5) * HOURS + n * 7 * 60_000).toISOString(),
);

describe.each(sweep)('demo data anchored at %s (sweep)', (anchor) => {
	it('is consistent and shows every state', () => {
		const data = demoData(new Date(anchor));
		checkIntegrity(data, anchor);
		checkCoverage(data, anchor);
		checkWon(data);
		checkCredit(data);
	});
});

describe('work calendar', () => {
	it('knows the 2026 holidays and make-up workdays', () => {
		expect(isWorkday('2026-02-17')).toBe(false); // 春节
		expect(isWorkday('2026-02-14')).toBe(true); // Saturday, 调休上班
		expect(isWorkday('2026-02-28')).toBe(true); // Saturday, 调休上班
		expect(isWorkday('2026-10-05')).toBe(false); // 国庆节
		expect(isWorkday('2026-10-10')).toBe(true); // Saturday, 调休上班
		expect(isWorkday('2026-09-20')).toBe(true); // Sunday, 调休上班
		expect(isWorkday('2026-01-04')).toBe(true); // Sunday, 调休上班
		expect(isWorkday('2026-05-05')).toBe(false); // 劳动节
		expect(isWorkday('2026-11-25')).toBe(true); // an ordinary Wednesday
		expect(isWorkday('2026-11-28')).toBe(false); // an ordinary Saturday
		expect(isWorkday('2026-11-29')).toBe(false); // an ordinary Sunday
	});

	it('lists whole holiday blocks and the make-up days of the State Council notice', () => {
		const off = (year: string) =>
			workCalendar.filter((d) => d.date.startsWith(year) && !d.is_workday).map((d) => d.date);
		const on = (year: string) => workCalendar.filter((d) => d.date.startsWith(year) && d.is_workday).map((d) => d.date);
		expect(off('2026')).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
		expect(on('2026')).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
		expect(off('2026')).toContain('2026-02-15');
		expect(off('2026')).toContain('2026-02-23');
		expect(off('2026')).toContain('2026-06-21');
	});

	it('projects 2027 and says so', () => {
		expect(isWorkday('2027-02-06')).toBe(false); // 春节 (初一)
		expect(isWorkday('2027-02-05')).toBe(false); // 除夕
		expect(isWorkday('2027-10-07')).toBe(false);
		expect(isWorkday('2027-06-09')).toBe(false); // 端午
		expect(isWorkday('2027-09-15')).toBe(false); // 中秋
		for (const d of workCalendar.filter((d) => d.date.startsWith('2027'))) expect(d.note).toMatch(/（预计）$/);
		for (const d of workCalendar.filter((d) => d.date.startsWith('2026'))) expect(d.note).not.toContain('预计');
	});

	it('has one entry a day named in Chinese only, make-up days only on weekends, and a pure helper', () => {
		expect(distinct(workCalendar, (d) => d.date).size).toBe(workCalendar.length);
		expect(distinct(workCalendar, (d) => d.date.slice(0, 4))).toEqual(new Set(['2026', '2027']));
		for (const d of workCalendar) {
			expect(d.note).toMatch(/^[\p{Script=Han}（）]+$/u);
			expect(d.note.includes('调休上班')).toBe(d.is_workday);
			if (d.is_workday) expect([0, 6]).toContain(new Date(`${d.date}T00:00:00Z`).getUTCDay());
		}
		expect(isWorkday('2026-02-17', [])).toBe(true); // an ordinary Tuesday without the calendar
		expect(isWorkday('2026-11-25', [{ date: '2026-11-25', is_workday: false, note: '测试 / Test' }])).toBe(false);
	});
});
