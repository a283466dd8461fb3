import { describe, expect, it } from 'vitest';
import * as choices from '../../extensions/sales-visits/src/domain/choices.ts';
import { demoData } from '../../seeds/demo.ts';
import { isWorkday, workCalendar } from '../../seeds/work-calendar.ts';
import { snapshotFieldsByCollection } from './snapshot-fields.ts';

const anchors = ['2026-11-22T06:00:00Z', '2026-11-23T01:00:00Z', '2027-03-05T10:00:00Z'];

/** Which choice set each enumerated column takes its values from. */
const enums: Record<string, Record<string, choices.ChoiceSet<string>>> = {
	customers: { tier: choices.customerTiers, category: choices.customerCategories, relationship: choices.customerRelationships, key_account_class: choices.keyAccountClasses, region_scope: choices.regionScopes, status: choices.customerStatuses, lead_grade: choices.leadGrades },
	contacts: { decision_role: choices.decisionRoles },
	visit_plans: { period_type: choices.periodTypes, status: choices.planStatuses },
	visit_plan_items: { purpose: choices.visitPurposes },
	visits: { purpose: choices.visitPurposes, channel: choices.visitChannels, application_status: choices.applicationStatuses, status: choices.visitStatuses, report_status: choices.reportStatuses },
	visit_reports: { review_decision: choices.reviewDecisions },
	follow_ups: { status: choices.followUpStatuses },
	revisits: { kind: choices.revisitKinds, channel: choices.revisitChannels, status: choices.revisitStatuses },
	complaints: { severity: choices.complaintSeverities, status: choices.complaintStatuses },
	sales_orders: { status: choices.orderStatuses },
	expense_requests: { kind: choices.expenseKinds, status: choices.expenseStatuses },
	visit_quota_rules: { tier: choices.customerTiers, category: choices.customerCategories, region_scope: choices.regionScopes, position: choices.positions, period: choices.quotaPeriods, channel: choices.quotaChannels },
};

/** Foreign keys: column → collection it points at. */
const references: Record<string, Record<string, string>> = {
	customers: { owner: 'users' },
	contacts: { customer: 'customers' },
	visit_plans: { owner: 'users', approver: 'users' },
	visit_plan_items: { plan: 'visit_plans', customer: 'customers', visit: 'visits' },
	visits: { owner: 'users', customer: 'customers', plan_item: 'visit_plan_items' },
	visit_reports: { visit: 'visits', reviewer: 'users' },
	follow_ups: { visit: 'visits', customer: 'customers', owner: 'users' },
	daily_reports: { owner: 'users' },
	revisits: { customer: 'customers', owner: 'users', source_order: 'sales_orders', source_complaint: 'complaints' },
	complaints: { customer: 'customers', owner: 'users' },
	sales_orders: { customer: 'customers', owner: 'users' },
	expense_requests: { requester: 'users', visit: 'visits', plan_item: 'visit_plan_items', approver: 'users' },
	sales_targets: { owner: 'users' },
	approval_log: { actor: 'users' },
};

const distinct = <T>(rows: T[], f: (r: T) => unknown) => new Set(rows.map(f));

describe.each(anchors)('demo data anchored at %s', (anchor) => {
	const data = demoData(new Date(anchor));
	const rows = data as unknown as Record<string, any[]>;

	it('is the same every time for the same anchor', () => {
		expect(demoData(new Date(anchor))).toEqual(data);
	});

	it('points every reference at an existing row', () => {
		for (const [collection, columns] of Object.entries(references)) {
			for (const [column, target] of Object.entries(columns)) {
				const ids = distinct(rows[target]!, (r) => r.id);
				for (const row of rows[collection]!) {
					if (row[column] !== null) expect(ids.has(row[column]), `${collection}.${column} = ${row[column]}`).toBe(true);
				}
			}
		}
	});

	it('uses only the contract’s values and sets every NOT NULL column', () => {
		for (const [collection, columns] of Object.entries(enums)) {
			for (const [column, set] of Object.entries(columns)) {
				for (const row of rows[collection]!) if (row[column] !== null) expect(Object.keys(set), `${collection}.${column}`).toContain(row[column]);
			}
		}
		for (const [collection, fields] of Object.entries(snapshotFieldsByCollection)) {
			for (const row of rows[collection] ?? []) {
				for (const f of fields.filter((f) => f.required && !f.hasDefault)) expect(row[f.field] ?? null, `${collection}.${f.field}`).not.toBeNull();
				for (const key of Object.keys(row)) expect(fields.map((f) => f.field), `${collection}.${key}`).toContain(key);
			}
		}
	});

	it('covers every state the issue asks for', () => {
		expect(distinct(data.visit_plans, (p) => p.status)).toEqual(new Set(['draft', 'submitted', 'approved', 'rejected']));
		expect(distinct(data.visits, (v) => v.status)).toEqual(new Set(['scheduled', 'in_progress', 'completed', 'cancelled', 'missed']));
		const reports = distinct(data.visits, (v) => `${v.report_status}${v.report_late ? ' late' : ''}`);
		for (const state of ['approved', 'submitted late', 'overdue', 'returned']) expect(reports, state).toContain(state);
		expect(data.visits.some((v) => v.unauthorized)).toBe(true);
		expect(data.visits.some((v) => v.outside_geofence)).toBe(true);
		expect(data.visit_plans.some((p) => p.revision === 2)).toBe(true);
		expect(distinct(data.revisits, (r) => r.kind).size).toBe(5);
		expect(distinct(data.revisits, (r) => r.status).size).toBe(4);
		expect(distinct(data.complaints, (c) => c.status).size).toBe(4);
		expect(distinct(data.sales_orders, (o) => o.status).size).toBe(4);
		expect(distinct(data.expense_requests, (e) => e.status).size).toBe(3);
		expect(data.expense_requests.some((e) => e.over_budget)).toBe(true);
		expect(distinct(data.follow_ups, (f) => f.status).size).toBe(3);
	});

	it('spreads about 120 customers over every class, in range and uniquely coded', () => {
		expect(data.customers.length).toBeGreaterThanOrEqual(110);
		expect(data.customers.length).toBeLessThanOrEqual(130);
		for (const [column, set] of Object.entries(enums.customers!)) {
			if (column === 'status' || column === 'lead_grade' || column === 'key_account_class') continue;
			expect(distinct(data.customers, (c) => c[column as keyof (typeof data.customers)[number]]), column).toEqual(new Set(Object.keys(set)));
		}
		expect(distinct(data.customers, (c) => c.key_account_class)).toEqual(new Set([null, ...Object.keys(choices.keyAccountClasses)]));
		expect(distinct(data.customers, (c) => c.code).size).toBe(data.customers.length);
		for (const c of data.customers) {
			expect(c.latitude).toBeGreaterThan(18);
			expect(c.latitude).toBeLessThan(54);
			expect(c.longitude).toBeGreaterThan(73);
			expect(c.longitude).toBeLessThan(135);
		}
	});

	it('keeps plans consistent: items inside the period on the owner’s customers, visits linked both ways', () => {
		for (const item of data.visit_plan_items) {
			const plan = data.visit_plans.find((p) => p.id === item.plan)!;
			expect(item.planned_date >= plan.period_start && item.planned_date <= plan.period_end).toBe(true);
			expect(data.customers.find((c) => c.id === item.customer)!.owner).toBe(plan.owner);
			expect(item.visit !== null).toBe(plan.status === 'approved');
			if (item.visit) expect(data.visits.find((v) => v.id === item.visit)!.plan_item).toBe(item.id);
		}
		for (const plan of data.visit_plans) expect(plan.submitted_late).toBe(plan.submitted_at !== null && plan.submitted_at > plan.submit_due_at);
	});

	it('keeps visits consistent with their status and the 500 m geofence', () => {
		const now = new Date(anchor).toISOString();
		for (const v of data.visits) {
			expect(v.check_in_at !== null).toBe(v.status === 'in_progress' || v.status === 'completed');
			expect(v.check_out_at !== null).toBe(v.status === 'completed');
			if (v.check_in_distance_m !== null) expect(v.outside_geofence).toBe(v.check_in_distance_m > 500);
			if (v.report_due_at) expect(Date.parse(v.report_due_at) - Date.parse(v.check_out_at!)).toBe(48 * 3_600_000);
			if (v.report_submitted_at) expect(v.report_late).toBe(v.report_submitted_at > v.report_due_at!);
			if (v.report_status === 'overdue') expect(v.report_due_at! < now).toBe(true);
			for (const stamp of [v.check_in_at, v.check_out_at, v.report_submitted_at]) if (stamp) expect(stamp <= now).toBe(true);
		}
		expect(distinct(data.visit_reports, (r) => r.visit).size).toBe(data.visit_reports.length);
	});

	it('has one daily report per rep and day, and unique order numbers', () => {
		expect(distinct(data.daily_reports, (r) => `${r.owner}|${r.date}`).size).toBe(data.daily_reports.length);
		expect(distinct(data.sales_orders, (o) => o.order_no).size).toBe(data.sales_orders.length);
		for (const o of data.sales_orders) expect(o.paid_amount).toBeLessThanOrEqual(o.amount);
	});
});

describe('work calendar', () => {
	it('knows the 2026 holidays and make-up workdays', () => {
		expect(isWorkday('2026-02-17')).toBe(false); // 春节
		expect(isWorkday('2026-02-14')).toBe(true); // Saturday, 调休上班
		expect(isWorkday('2026-10-05')).toBe(false);
		expect(isWorkday('2026-10-10')).toBe(true);
		expect(isWorkday('2026-11-25')).toBe(true); // an ordinary Wednesday
		expect(isWorkday('2026-11-28')).toBe(false); // an ordinary Saturday
	});

	it('covers 2026 and 2027 with one entry a day', () => {
		expect(distinct(workCalendar, (d) => d.date).size).toBe(workCalendar.length);
		expect(distinct(workCalendar, (d) => d.date.slice(0, 4))).toEqual(new Set(['2026', '2027']));
		for (const d of workCalendar.filter((d) => d.is_workday)) expect([0, 6]).toContain(new Date(`${d.date}T00:00:00Z`).getUTCDay());
	});
});
