/**
 * What surrounds the benchmark company's visits (company.ts): month plans with their items,
 * report rows, follow-ups, sales orders, complaints, revisits, expense requests, monthly targets
 * and lead grade histories. Same rules: set-based, a function of the row number and today.
 */
import type { Knex } from 'knex';
import { localAt, spread, TODAY, TZ, type CompanySize } from './company.ts';

/** Plans cover this month and the 24 before, so every visit (730 days back) falls in one. */
const MONTHS = 25;

export async function generateRecords(db: Knex, size: CompanySize): Promise<void> {
	await plans(db, size);
	await reports(db);
	await followUps(db);
	await contacts(db);
	await commerce(db, size);
	await care(db, size);
	await leads(db);
}

/**
 * Plan (r − 1) · 25 + b + 1 is rep r's month plan b months back: approved, except this month's
 * of every tenth rep still submitted and of the next still a draft; every tenth came in late.
 * Visit n is planned when n mod 3 ≠ 0: plan item n in its owner's plan of its month, linked both
 * ways once that plan is approved.
 */
async function plans(db: Knex, size: CompanySize) {
	await db.raw(
		`INSERT INTO visit_plans (id, owner, period_type, period_start, period_end, status, submit_due_at, submitted_at, submitted_late, approver, decided_at, revision)
		SELECT (r - 1) * ${MONTHS} + b + 1, md5('bench-rep-' || r)::uuid, 'month', p.start, (p.start + interval '1 month' - interval '1 day')::date, p.status,
			${localAt('p.start', "interval '0 hours'")},
			CASE WHEN p.status <> 'draft' THEN ${localAt('p.start', "CASE WHEN p.late THEN interval '58 hours' ELSE interval '-62 hours' END")} END,
			p.status <> 'draft' AND p.late,
			m.reports_to,
			CASE WHEN p.status = 'approved' THEN ${localAt('p.start', "interval '70 hours'")} END,
			0
		FROM generate_series(1, ?) r CROSS JOIN generate_series(0, ${MONTHS - 1}) b
		JOIN directus_users m ON m.id = md5('bench-rep-' || r)::uuid
		CROSS JOIN LATERAL (SELECT (date_trunc('month', ${TODAY}) - b * interval '1 month')::date AS start,
			CASE WHEN b = 0 AND r % 10 = 0 THEN 'submitted' WHEN b = 0 AND r % 10 = 1 THEN 'draft' ELSE 'approved' END AS status,
			(r + b) % 10 = 0 AS late) p`,
		[size.reps],
	);
	await db.raw(
		`INSERT INTO visit_plan_items (id, plan, customer, planned_date, purpose, objective, visit)
		SELECT v.id, p.id, v.customer, d.day, v.purpose, '维护客户关系', CASE WHEN p.status = 'approved' THEN v.id END
		FROM visits v
		CROSS JOIN LATERAL (SELECT (v.scheduled_start AT TIME ZONE '${TZ}')::date AS day) d
		JOIN visit_plans p ON p.owner = v.owner AND p.period_start = date_trunc('month', d.day)::date
		WHERE v.id % 3 <> 0`,
	);
	await db.raw(`UPDATE visits v SET plan_item = i.id FROM visit_plan_items i WHERE i.visit = v.id`);
}

/** A report row for every visit whose report was handed in; the owner's manager reviewed the decided ones a day later. */
async function reports(db: Knex) {
	await db.raw(
		`INSERT INTO visit_reports (visit, summary, customer_feedback, next_steps, submitted_at, reviewer, reviewed_at, review_decision)
		SELECT v.id, '拜访纪要：沟通了本季度采购计划', '客户对交付满意', '下周发送报价', v.report_submitted_at, u.reports_to,
			CASE WHEN v.report_status IN ('approved', 'returned') THEN v.report_submitted_at + interval '1 day' END,
			CASE WHEN v.report_status IN ('approved', 'returned') THEN v.report_status END
		FROM visits v JOIN directus_users u ON u.id = v.owner
		WHERE v.report_submitted_at IS NOT NULL`,
	);
}

/** Every fifth completed visit promised something, due a week later: a tenth cancelled, a tenth and the fresh ones still open, the rest done (one in eight late). */
async function followUps(db: Knex) {
	await db.raw(
		`INSERT INTO follow_ups (id, visit, customer, owner, description, due_date, status, completed_at, overdue)
		SELECT v.id, v.id, v.customer, v.owner, '发送报价单', f.due, f.status,
			CASE WHEN f.status = 'done' THEN ${localAt('f.due', "CASE WHEN v.id % 8 = 0 THEN interval '3 days' ELSE interval '-2 days' END")} END,
			f.status = 'open' AND f.due < ${TODAY}
		FROM visits v
		CROSS JOIN LATERAL (SELECT (v.check_out_at AT TIME ZONE '${TZ}')::date + 7 AS due,
			CASE WHEN v.id % 50 = 0 THEN 'cancelled' WHEN v.id % 50 < 10 OR (v.check_out_at AT TIME ZONE '${TZ}')::date + 12 > ${TODAY} THEN 'open' ELSE 'done' END AS status) f
		WHERE v.status = 'completed' AND v.id % 5 = 0`,
	);
}

/** A decision maker for every customer but one in thirteen, and a coach for the key ones. */
async function contacts(db: Knex) {
	await db.raw(
		`INSERT INTO contacts (customer, name, title, phone, decision_role)
		SELECT c.id, '联系人' || c.id, '采购经理', '1380000' || lpad((c.id % 10000)::text, 4, '0'), 'decision_maker' FROM customers c WHERE c.id % 13 <> 0
		UNION ALL
		SELECT c.id, '助理' || c.id, '采购助理', NULL, 'coach' FROM customers c WHERE c.category = 'key'`,
	);
}

/**
 * Two orders per customer over the two years (order m: customer spread(m · 7)),
 * fresh ones signed, one in eleven cancelled, a quarter delivered and half paid, the rest paid.
 * Monthly targets for every rep; one expense request for each visit n with n mod 20 = 1.
 */
async function commerce(db: Knex, size: CompanySize) {
	await db.raw(
		`INSERT INTO sales_orders (id, order_no, customer, owner, signed_at, amount, paid_amount, status)
		SELECT m, 'SO' || m, c.id, c.owner, o.signed, o.amount,
			CASE o.status WHEN 'paid' THEN o.amount WHEN 'delivered' THEN o.amount / 2 ELSE 0 END, o.status
		FROM generate_series(1, ?) m
		JOIN customers c ON c.id = ${spread('m * 7', '?')}
		CROSS JOIN LATERAL (SELECT ${TODAY} - ((m * 7727) % 730)::int AS signed, 10000 + (m % 97) * 5000 AS amount,
			CASE WHEN (m * 7727) % 730 < 20 THEN 'signed' WHEN m % 11 = 6 THEN 'cancelled' WHEN m % 4 = 1 THEN 'delivered' ELSE 'paid' END AS status) o`,
		[size.customers * 2, size.customers],
	);
	await db.raw(
		`INSERT INTO sales_targets (owner, period_start, sales_amount, new_customers, visits, revisits, expense_budget)
		SELECT md5('bench-rep-' || r)::uuid, (date_trunc('month', ${TODAY}) - b * interval '1 month')::date, 600000 + (r % 5) * 100000, 2 + r % 3, 200, 20, 30000
		FROM generate_series(1, ?) r CROSS JOIN generate_series(0, ${MONTHS - 1}) b`,
		[size.reps],
	);
	await db.raw(
		`INSERT INTO expense_requests (id, requester, visit, plan_item, kind, amount, description, status, approver, decided_at, over_budget, date_created)
		SELECT v.id, v.owner, v.id, v.plan_item, (ARRAY['gift', 'entertainment', 'travel', 'materials'])[(v.id / 20) % 4 + 1], 200 + (v.id % 50) * 100, '拜访费用',
			e.status, u.reports_to, CASE WHEN e.status <> 'pending' THEN v.scheduled_start - interval '1 day' END, v.id % 1000 = 1, v.scheduled_start - interval '2 days'
		FROM visits v JOIN directus_users u ON u.id = v.owner
		CROSS JOIN LATERAL (SELECT CASE WHEN v.scheduled_start > now() - interval '3 days' THEN 'pending' WHEN v.id % 40 = 21 THEN 'rejected' ELSE 'approved' END AS status) e
		WHERE v.id % 20 = 1`,
	);
}

/**
 * One complaint per four customers (complaint m: customer spread(m · 11)), due an
 * answer in two hours: eight in ten answered in one, the rest in six; resolved two days later.
 * First revisits 30 days after each order that stands and 3 days after each resolved complaint:
 * past ones done, a tenth missed and a twentieth cancelled.
 */
async function care(db: Knex, size: CompanySize) {
	await db.raw(
		`INSERT INTO complaints (id, customer, owner, received_at, description, severity, status, response_due_at, responded_at, response_late, resolved_at, resolution)
		SELECT m, c.id, c.owner, k.received, '交货延迟', (ARRAY['low', 'medium', 'high', 'critical'])[m % 4 + 1],
			CASE WHEN k.responded > now() THEN 'open' WHEN k.resolved > now() THEN 'responded' WHEN m % 3 = 0 THEN 'resolved' ELSE 'closed' END,
			k.received + interval '2 hours',
			CASE WHEN k.responded <= now() THEN k.responded END,
			k.responded > k.received + interval '2 hours' AND k.received + interval '2 hours' < now(),
			CASE WHEN k.resolved <= now() THEN k.resolved END,
			CASE WHEN k.resolved <= now() THEN '已补发并致歉' END
		FROM generate_series(1, ?) m
		JOIN customers c ON c.id = ${spread('m * 11', '?')}
		CROSS JOIN LATERAL (SELECT ${localAt(`${TODAY} - ((m * 811) % 730)::int`, "interval '10 hours'")} AS received) r
		CROSS JOIN LATERAL (SELECT r.received, r.received + CASE WHEN m % 10 < 8 THEN interval '1 hour' ELSE interval '6 hours' END AS responded, r.received + interval '2 days' AS resolved) k`,
		[Math.ceil(size.customers / 4), size.customers],
	);
	const revisit = (n: string, due: string) =>
		`CASE WHEN ${due} >= ${TODAY} THEN 'scheduled' WHEN ${n} % 10 = 0 THEN 'missed' WHEN ${n} % 20 = 5 THEN 'cancelled' ELSE 'done' END`;
	await db.raw(
		`INSERT INTO revisits (customer, kind, channel, due_date, status, owner, done_at, satisfaction, source_order, schedule_key)
		SELECT o.customer, 'first_after_sale', 'phone', d.due, d.status, o.owner, CASE WHEN d.status = 'done' THEN ${localAt('d.due', "interval '-3 days 14 hours'")} END,
			CASE WHEN d.status = 'done' THEN 3 + o.id % 3 END, o.id, 'first_after_sale:order:' || o.id
		FROM sales_orders o CROSS JOIN LATERAL (SELECT o.signed_at + 30 AS due, ${revisit('o.id', 'o.signed_at + 30')} AS status) d
		WHERE o.status <> 'cancelled'`,
	);
	const resolvedDay = `(k.resolved_at AT TIME ZONE '${TZ}')::date`;
	await db.raw(
		`INSERT INTO revisits (customer, kind, channel, due_date, status, owner, done_at, satisfaction, source_complaint, schedule_key)
		SELECT k.customer, 'complaint', 'phone', d.due, d.status, k.owner, CASE WHEN d.status = 'done' THEN ${localAt('d.due', "interval '-1 day 15 hours'")} END,
			CASE WHEN d.status = 'done' THEN 2 + k.id % 4 END, k.id, 'complaint:' || k.id
		FROM complaints k CROSS JOIN LATERAL (SELECT ${resolvedDay} + 3 AS due, ${revisit('k.id', `${resolvedDay} + 3`)} AS status) d
		WHERE k.resolved_at IS NOT NULL`,
	);
}

/**
 * Each graded customer's history up the ladder C → B → A → H → O to its grade, starting at
 * some rung below it; the last change 1–700 days ago, each earlier one 8–29 days before.
 */
async function leads(db: Knex) {
	await db.raw(
		`INSERT INTO lead_grade_changes (customer, from_grade, to_grade, changed_at, changed_by)
		SELECT c.id, CASE WHEN s > c.id % (g.last + 1) THEN ladder[s] END, ladder[s + 1],
			${localAt(`${TODAY} - (1 + (c.id * 7) % 700) - (g.last - s) * (8 + (c.id % 22))`, "interval '10 hours'")}, c.owner
		FROM customers c
		CROSS JOIN LATERAL (SELECT ARRAY['C', 'B', 'A', 'H', 'O'] AS ladder, array_position(ARRAY['C', 'B', 'A', 'H', 'O'], c.lead_grade) - 1 AS last) g
		CROSS JOIN LATERAL generate_series(c.id % (g.last + 1), g.last) s
		WHERE c.lead_grade IS NOT NULL`,
	);
}
