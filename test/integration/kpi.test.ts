/**
 * The KPI summary over HTTP, on a crafted team (a new manager and two new reps) whose every
 * count for a month P and the month before, Q, is worked out by hand below; who may ask for
 * what; and the churn stamp the churn rate reads. P lies in a year no other test uses, so the
 * sweeps leave its rows alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { Client, targets } from './client.ts';
import { backdate, dateValue, insertRow, setColumns } from './db.ts';
import { eventually, refusedWith } from './expect.ts';
import { yearOf } from './years.ts';

const YEAR = yearOf('kpi.test.ts');
const P = `${YEAR}-03`;
const Q = `${YEAR}-02`;
/** Noon in Shanghai of day `d` of month `m`, plus `hours`. */
const noon = (m: string, d: number, hours = 0) =>
	new Date(Date.parse(`${m}-${String(d).padStart(2, '0')}T04:00:00Z`) + hours * 3_600_000);
const day = (m: string, d: number) => `${m}-${String(d).padStart(2, '0')}`;

describe.each(targets)('KPI summary on $name', (target) => {
	let admin: Client;
	let users: Record<string, string>;
	let requireApplication: boolean;
	const people: Record<'m' | 'a' | 'b', { id: string; client: Client }> = {} as any;
	const c: Record<string, number> = {};

	async function makeUser(key: 'm' | 'a' | 'b', role: 'sales_manager' | 'sales_rep', reportsTo: string) {
		const email = `kpi-${key}-${target.name}-${Date.now()}@example.com`;
		const created = await admin.post('/users', {
			email,
			password: 'demo-password',
			role: roleByKey(role).roleId,
			position: role === 'sales_rep' ? 'rep' : 'manager',
			reports_to: reportsTo,
			first_name: key.toUpperCase(),
			last_name: '考核',
			language: 'zh-CN',
		});
		expect(created.status, JSON.stringify(created.body)).toBe(200);
		people[key] = { id: created.body.data.id, client: await Client.login(target.url, email) };
	}

	let n = 0;
	async function makeCustomer(key: string, owner: string, extra: Record<string, unknown> = {}, contact = true) {
		const res = await admin.post('/items/customers', {
			name: `考核测试客户${target.name}${n}${Date.now()}有限公司`,
			code: `K${Date.now() % 100000}${n++}`.slice(0, 12),
			tier: 'C',
			category: 'ordinary',
			relationship: 'existing',
			region_scope: 'local',
			province: '浙江省',
			city: '杭州市',
			address: '测试路1号',
			latitude: 30.25,
			longitude: 120.15,
			owner,
			...extra,
			...(contact ? { contacts: [{ name: '王经理', phone: '13800000000' }] } : {}),
		});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		c[key] = res.body.data.id;
	}

	const row = (table: string, values: Record<string, unknown>) => insertRow(target, table, values);
	const date = (m: string, d: number) => dateValue(target, day(m, d));

	/**
	 * Customers (all C类本市: 1 on-site visit a month; with a contact unless said):
	 *   a1 complete · a2 no contact · a3 churned in P (through the API) · a4 churned in Q
	 *   b1 complete · b2 complete · b3 no province
	 * Orders (owner, customer, signed, amount, paid):
	 *   o1 A a1 P-05 100000 60000 · o2 A a1 Q-10 50000 50000 · o3 A a2 P-12 30000 cancelled
	 *   o4 A a2 P-20 20000 10000 · o5 B b1 P-08 80000 80000 · o6 B b2 Q-15 40000 20000
	 *   first orders: a1 Q, a2 P (o3 cancelled), b1 P, b2 Q
	 *   each with one payment schedule due the day it was signed, paid as far as the order is
	 * Targets (sales, new customers, expense budget): A P 100000/2/5000, Q 100000/1/5000;
	 *   B P 100000/1/4000, Q 50000/1/4000; M P 50000/1/1000.
	 * Expenses approved: A 3000 in P (through the API), 2000 in Q; B 4500 in P; B 1000 pending in P.
	 * Plans: A P approved on time (items: P-05 done, P-06 not done, P-25 no visit); A Q approved
	 *   late (item Q-10 done); A Q week approved on time (item Q-17 no visit); B P submitted
	 *   late, not approved (its item does not count); B P week draft; B Q approved on time (item Q-20 done).
	 * Visits: see below, each with what it counts for.
	 * Revisits: A P-10 done, P-11 scheduled, P-12 cancelled; B Q-10 done, Q-11 missed, P-20 done.
	 * Follow-ups: A P-08 done, P-09 open, Q-15 done; B P-09 done, Q-09 cancelled.
	 * Complaints: A P-03 answered on time, P-04 late; B Q-04 on time, Q-05 open.
	 * Grades: a1 C → A (P-03) → O (P-20); a2 B (P-10); b1 H → O; b2 C (Jan).
	 */
	beforeAll(async () => {
		admin = await Client.admin(target);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		requireApplication = (await admin.data('/items/visit_settings')).require_application_for_unplanned;
		await admin.patch('/items/visit_settings', { require_application_for_unplanned: false });

		await makeUser('m', 'sales_manager', users.gm!);
		await makeUser('a', 'sales_rep', people.m.id);
		await makeUser('b', 'sales_rep', people.m.id);
		const [A, B, M] = [people.a.id, people.b.id, people.m.id];

		await makeCustomer('a1', A);
		await makeCustomer('a2', A, {}, false);
		await makeCustomer('a3', A);
		await makeCustomer('a4', A);
		await makeCustomer('b1', B);
		await makeCustomer('b2', B);
		await makeCustomer('b3', B, { province: null });
		await setColumns(target, 'customers', c.a4!, {
			status: 'churned',
			churned_at: target.env.DB_CLIENT === 'pg' ? noon(Q, 14) : noon(Q, 14).getTime(),
		});

		for (const o of [
			{ owner: A, customer: c.a1, signed_at: date(P, 5), amount: 100000, paid_amount: 60000, status: 'signed' },
			{ owner: A, customer: c.a1, signed_at: date(Q, 10), amount: 50000, paid_amount: 50000, status: 'paid' },
			{ owner: A, customer: c.a2, signed_at: date(P, 12), amount: 30000, paid_amount: 0, status: 'cancelled' },
			{ owner: A, customer: c.a2, signed_at: date(P, 20), amount: 20000, paid_amount: 10000, status: 'delivered' },
			{ owner: B, customer: c.b1, signed_at: date(P, 8), amount: 80000, paid_amount: 80000, status: 'paid' },
			{ owner: B, customer: c.b2, signed_at: date(Q, 15), amount: 40000, paid_amount: 20000, status: 'signed' },
		]) {
			const order = await row('sales_orders', { ...o, order_no: `KPI${target.name}${Date.now()}${n++}` });
			// One schedule each, due the day the order was signed, paid as far as the order is.
			await row('payment_schedules', {
				order,
				due_date: o.signed_at,
				amount: o.amount,
				paid_amount: o.paid_amount,
				status: o.paid_amount >= o.amount ? 'paid' : 'open',
			});
		}

		for (const [owner, month, sales_amount, new_customers, expense_budget] of [
			[A, P, 100000, 2, 5000],
			[A, Q, 100000, 1, 5000],
			[B, P, 100000, 1, 4000],
			[B, Q, 50000, 1, 4000],
			[M, P, 50000, 1, 1000],
		] as const)
			await row('sales_targets', { owner, period_start: date(month, 1), sales_amount, new_customers, expense_budget });

		const plan = (
			owner: string,
			period_type: string,
			start: [string, number],
			end: [string, number],
			status: string,
			late: boolean | null,
		) =>
			row('visit_plans', {
				owner,
				period_type,
				period_start: date(...start),
				period_end: date(...end),
				status,
				submitted_at: late === null ? null : noon(Q, 1),
				submitted_late: late ?? false,
			});
		const item = (plan: number, customer: number, planned: [string, number]) =>
			row('visit_plan_items', { plan, customer, planned_date: date(...planned), purpose: 'relationship' });
		const pAP = await plan(A, 'month', [P, 1], [P, 31], 'approved', false);
		const pAQ = await plan(A, 'month', [Q, 1], [Q, 28], 'approved', true);
		const pAQweek = await plan(A, 'week', [Q, 16], [Q, 22], 'approved', false);
		const pBP = await plan(B, 'month', [P, 1], [P, 31], 'submitted', true);
		await plan(B, 'week', [P, 9], [P, 15], 'draft', null);
		const pBQ = await plan(B, 'month', [Q, 1], [Q, 28], 'approved', false);
		const i1 = await item(pAP, c.a1!, [P, 5]);
		const i2 = await item(pAP, c.a1!, [P, 6]);
		await item(pAP, c.a2!, [P, 25]);
		const i5 = await item(pAQ, c.a2!, [Q, 10]);
		await item(pAQweek, c.a1!, [Q, 17]);
		await item(pBP, c.b1!, [P, 7]);
		const i7 = await item(pBQ, c.b1!, [Q, 20]);

		/** A visit done on day d of month m: checked in at noon, out an hour later, its report due two days on. */
		const visit = async (owner: string, customer: number, m: string, d: number, v: Record<string, unknown>) => {
			const done = v.status === 'completed';
			const id = await row('visits', {
				owner,
				customer,
				purpose: 'relationship',
				channel: 'onsite',
				scheduled_start: noon(m, d),
				...(done ? { check_in_at: noon(m, d), check_out_at: noon(m, d, 1), report_due_at: noon(m, d + 2) } : {}),
				...v,
			});
			if (v.plan_item) await setColumns(target, 'visit_plan_items', v.plan_item as number, { visit: id });
			return id;
		};
		// vA1 planned, inside, report on time                → P: item done, report on time, check-in inside, a1 quota met
		await visit(A, c.a1!, P, 5, {
			plan_item: i1,
			status: 'completed',
			outside_geofence: false,
			report_status: 'submitted',
			report_submitted_at: noon(P, 6),
			report_late: false,
		});
		// vA2 planned, not done yet                          → P: item not done
		await visit(A, c.a1!, P, 6, { plan_item: i2, status: 'scheduled' });
		// vA3 planned, outside, report late                  → Q: item done, report late, check-in outside, a2 quota met
		await visit(A, c.a2!, Q, 10, {
			plan_item: i5,
			status: 'completed',
			outside_geofence: true,
			report_status: 'submitted',
			report_submitted_at: noon(Q, 13),
			report_late: true,
		});
		// vA5 unplanned, unauthorized, report overdue        → P: unplanned, unauthorized, overdue, check-in inside
		await visit(A, c.a1!, P, 16, {
			status: 'completed',
			unauthorized: true,
			outside_geofence: false,
			report_status: 'overdue',
		});
		// vA6 unplanned but cancelled                         → nothing
		await visit(A, c.a1!, P, 17, { status: 'cancelled' });
		// vB1 planned, inside, report approved on time       → Q: item done, report on time, check-in inside, b1 quota met
		await visit(B, c.b1!, Q, 20, {
			plan_item: i7,
			status: 'completed',
			outside_geofence: false,
			report_status: 'approved',
			report_submitted_at: noon(Q, 21),
			report_late: false,
		});
		// vB2 unplanned, outside, report late                 → P: unplanned, check-in outside, report late, b2 quota met
		await visit(B, c.b2!, P, 10, {
			status: 'completed',
			outside_geofence: true,
			report_status: 'submitted',
			report_submitted_at: noon(P, 13),
			report_late: true,
		});
		// vB3 unplanned video call, unauthorized, overdue     → Q: unplanned, unauthorized, overdue; no check-in on site
		await visit(B, c.b3!, Q, 5, {
			channel: 'video',
			status: 'completed',
			unauthorized: true,
			report_status: 'overdue',
		});
		// vB4 unplanned phone call, report still pending      → P: unplanned, report due not on time; not on site
		await visit(B, c.b1!, P, 26, { channel: 'phone', status: 'completed', report_status: 'pending' });

		// vA4 unplanned, through the API                      → P: unplanned; its expense is A's 3000 in P
		const vA4 = await people.a.client.post('/items/visits', {
			customer: c.a2,
			purpose: 'relationship',
			channel: 'phone',
			scheduled_start: noon(P, 15).toISOString(),
		});
		expect(vA4.status, JSON.stringify(vA4.body)).toBe(200);
		const expense = await people.a.client.post('/items/expense_requests', {
			visit: vA4.body.data.id,
			kind: 'gift',
			amount: 3000,
		});
		expect(expense.status, JSON.stringify(expense.body)).toBe(200);
		await setColumns(target, 'expense_requests', expense.body.data.id, { status: 'approved' });
		await backdate(target, 'expense_requests', expense.body.data.id, 'date_created', noon(P, 6));
		for (const [requester, amount, status, at] of [
			[A, 2000, 'approved', noon(Q, 6)],
			[B, 4500, 'approved', noon(P, 7)],
			[B, 1000, 'pending', noon(P, 8)],
		] as const)
			await row('expense_requests', { requester, kind: 'travel', amount, status, date_created: at });

		for (const [owner, customer, m, d, status, satisfaction] of [
			[A, c.a1, P, 10, 'done', 5],
			[A, c.a2, P, 11, 'scheduled', null],
			[A, c.a1, P, 12, 'cancelled', null],
			[B, c.b1, Q, 10, 'done', 3],
			[B, c.b2, Q, 11, 'missed', null],
			[B, c.b1, P, 20, 'done', 4],
		] as const)
			await row('revisits', {
				owner,
				customer,
				kind: 'periodic_phone',
				channel: 'phone',
				due_date: date(m, d),
				status,
				done_at: status === 'done' ? noon(m, d) : null,
				satisfaction,
			});

		for (const [owner, customer, m, d, status] of [
			[A, c.a1, P, 8, 'done'],
			[A, c.a1, P, 9, 'open'],
			[A, c.a2, Q, 15, 'done'],
			[B, c.b1, P, 9, 'done'],
			[B, c.b2, Q, 9, 'cancelled'],
		] as const)
			await row('follow_ups', {
				owner,
				customer,
				description: '送样品',
				due_date: date(m, d),
				status,
				completed_at: status === 'done' ? noon(m, d) : null,
			});

		for (const [owner, customer, m, d, responded, late] of [
			[A, c.a1, P, 3, noon(P, 3, 1), false],
			[A, c.a2, P, 4, noon(P, 6), true],
			[B, c.b1, Q, 4, noon(Q, 4, 1), false],
			[B, c.b2, Q, 5, null, false],
		] as const)
			await row('complaints', {
				owner,
				customer,
				received_at: noon(m, d),
				description: '交货延迟',
				severity: 'medium',
				status: responded ? 'responded' : 'open',
				response_due_at: noon(m, d, 4),
				responded_at: responded,
				response_late: late,
			});

		for (const [customer, from_grade, to_grade, at] of [
			[c.a1, null, 'C', noon(Q, 5)],
			[c.a1, 'C', 'A', noon(P, 3)],
			[c.a1, 'A', 'O', noon(P, 20)],
			[c.a2, null, 'B', noon(P, 10)],
			[c.b1, null, 'H', noon(Q, 20)],
			[c.b1, 'H', 'O', noon(Q, 25)],
			[c.b2, null, 'C', noon(`${YEAR}-01`, 10)],
		] as const)
			await row('lead_grade_changes', { customer, from_grade, to_grade, changed_at: at });
	});

	afterAll(async () => {
		await admin.patch('/items/visit_settings', { require_application_for_unplanned: requireApplication });
	});

	it('stamps when a customer is lost, on the API, and clears it when it comes back', async () => {
		const manager = people.m.client;
		const churnedAt = async () => (await admin.data(`/items/customers/${c.a3}?fields=churned_at`)).churned_at;
		expect((await manager.patch(`/items/customers/${c.a3}`, { status: 'churned' })).status).toBe(200);
		const stamped = await eventually(async () => {
			const at = await churnedAt();
			expect(at).not.toBeNull();
			return at;
		});
		expect(Math.abs(Date.parse(stamped.endsWith('Z') ? stamped : `${stamped}Z`) - Date.now())).toBeLessThan(120_000);
		expect((await manager.patch('/items/customers', { keys: [c.a3], data: { status: 'active' } })).status).toBe(200);
		await eventually(async () => expect(await churnedAt()).toBeNull());
		expect((await manager.patch(`/items/customers/${c.a3}`, { status: 'churned' })).status).toBe(200);
		await eventually(async () => expect(await churnedAt()).not.toBeNull());
		// Nobody but an Administrator writes it by hand.
		expect((await manager.patch(`/items/customers/${c.a3}`, { churned_at: noon(P, 1).toISOString() })).status).toBe(
			403,
		);
		await backdate(target, 'customers', c.a3!, 'churned_at', noon(P, 12));
	});

	/** [numerator, denominator] in P, then in Q, for the team and for each rep. */
	const expected: Record<
		string,
		{
			team: [number, number | null, number | null, number | null];
			a: [number, number | null];
			b: [number, number | null];
		}
	> = {
		// plans by period_start: P A on time, B late (B's draft is not submitted); Q A late + A week on time, B on time
		plan_on_time: { team: [1, 2, 2, 3], a: [1, 1], b: [0, 1] },
		// approved plans' items by date: P A 1 of 3 (B's plan is not approved); Q A 1 of 2, B 1 of 1
		plan_completion: { team: [1, 3, 2, 3], a: [1, 3], b: [0, 0] },
		// P vA4, vA5, vB2, vB4 (vA6 cancelled); Q vB3
		unplanned_visits: { team: [4, null, 1, null], a: [2, null], b: [2, null] },
		unauthorized_visits: { team: [1, null, 1, null], a: [1, null], b: [0, null] },
		// due in P vA1 ✓, vA5, vB2 late, vB4 pending; in Q vA3 late, vB1 ✓, vB3
		report_on_time: { team: [1, 4, 1, 3], a: [1, 2], b: [0, 2] },
		overdue_reports: { team: [1, null, 1, null], a: [1, null], b: [0, null] },
		// active customers a1 a2 b1 b2 b3; on-site visits done: P a1 b2, Q a2 b1
		quota_compliance: { team: [2, 5, 2, 5], a: [1, 2], b: [1, 3] },
		revisit_rate: { team: [2, 3, 1, 2], a: [1, 2], b: [1, 1] },
		follow_up_completion: { team: [2, 3, 1, 1], a: [1, 2], b: [1, 1] },
		complaint_response_on_time: { team: [1, 2, 1, 2], a: [1, 2], b: [0, 0] },
		// first orders: P a2 b1, Q a1 b2; targets P 2+1+1, Q 1+1
		new_customers: { team: [2, 4, 2, 2], a: [1, 2], b: [1, 1] },
		// lost in P a3 of 6 not lost before P (a4 went in Q); in Q a4 of 7
		churn_rate: { team: [1, 6, 1, 7], a: [1, 3], b: [0, 3] },
		// not churned: a1 ✓, a2 (no contact), b1 ✓, b2 ✓, b3 (no province); no history
		archive_completeness: { team: [3, 5, null, null], a: [1, 2], b: [2, 3] },
		expense_vs_budget: { team: [7500, 10000, 2000, 9000], a: [3000, 5000], b: [4500, 4000] },
		sales_completion: { team: [200000, 250000, 90000, 150000], a: [120000, 100000], b: [80000, 100000] },
		// collected of the schedules due: P o1 60000/100000, o4 10000/20000, o5 80000/80000 (o3 cancelled); Q o2, o6
		payment_collection: { team: [150000, 200000, 70000, 90000], a: [70000, 120000], b: [80000, 80000] },
		// orders whose last schedule falls due in the period, paid in full: P o5 of o1 o4 o5; Q o2 of o2 o6
		contract_settlement: { team: [1, 3, 1, 2], a: [0, 2], b: [1, 1] },
		// due in the test's years, long after today: nothing overdue
		overdue_d0_30: { team: [0, null, null, null], a: [0, null], b: [0, null] },
		overdue_d31_60: { team: [0, null, null, null], a: [0, null], b: [0, null] },
		overdue_d61_90: { team: [0, null, null, null], a: [0, null], b: [0, null] },
		overdue_over_90: { team: [0, null, null, null], a: [0, null], b: [0, null] },
		// No opportunities or quotes in this team (sales-kpi.test.ts counts them); the pipeline is a snapshot.
		win_rate: { team: [0, 0, 0, 0], a: [0, 0], b: [0, 0] },
		weighted_pipeline: { team: [0, null, null, null], a: [0, null], b: [0, null] },
		quote_on_time: { team: [0, 0, 0, 0], a: [0, 0], b: [0, 0] },
		average_discount: { team: [0, 0, 0, 0], a: [0, 0], b: [0, 0] },
		// P leads a1 (C at start, then A) → O, a2 B, b2 C; Q a1 C, b1 H → O, b2 C
		lead_conversion: { team: [1, 3, 1, 3], a: [1, 2], b: [0, 1] },
		// on site checked in: P vA1 ✓, vA5 ✓, vB2 outside; Q vA3 outside, vB1 ✓
		geofence_inside: { team: [2, 3, 1, 2], a: [2, 2], b: [0, 1] },
		// No visit, revisit, call or collection target here (target-kpis.test.ts sets them): what was done, against 0.
		// completed by check-out: P vA1 vA5 vB2 vB4; Q vA3 vB1 vB3
		visit_target_completion: { team: [4, 0, 3, 0], a: [2, 0], b: [2, 0] },
		// done: P A P-10, B P-20; Q B Q-10
		revisit_target_completion: { team: [2, 0, 1, 0], a: [1, 0], b: [1, 0] },
		// phone: P vB4 and the revisits A P-10, B P-20; Q the revisit B Q-10
		call_target_completion: { team: [3, 0, 1, 0], a: [1, 0], b: [2, 0] },
		// No payments recorded, no weekly or monthly reports.
		collection_target_completion: { team: [0, 0, 0, 0], a: [0, 0], b: [0, 0] },
		periodic_report_on_time: { team: [0, 0, 0, 0], a: [0, 0], b: [0, 0] },
		// done with a score: P A P-10 (5) ✓, B P-20 (4) ✓; Q B Q-10 (3, 一般) not satisfied
		customer_satisfaction: { team: [2, 2, 0, 1], a: [1, 1], b: [1, 1] },
		// valid (the default): P A a1, a2; Q B b1, b2
		valid_complaints: { team: [2, null, 2, null], a: [2, null], b: [0, null] },
		// none resolved
		complaint_resolution_on_time: { team: [0, 2, 0, 2], a: [0, 2], b: [0, 0] },
		// No receptions here (receptions.test.ts reports some).
		reception_report_on_time: { team: [0, 0, 0, 0], a: [0, 0], b: [0, 0] },
	};
	const valueOf = (unit: string, n: number | null, d: number | null) =>
		n === null ? null : unit !== 'ratio' ? n : d ? n / d : null;

	it('adds up every KPI of the team for the period and the one before, and per rep', async () => {
		const res = await people.m.client.get(`/visit-kpi/summary?period=${P}&scope=team&id=${people.m.id}&by=owner`);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const data = res.body.data;
		expect(data).toMatchObject({
			period: { key: P, start: `${P}-01`, end: `${P}-31` },
			previous: { key: Q, start: `${Q}-01`, end: day(Q, YEAR % 4 === 0 && YEAR % 100 !== 0 ? 29 : 28) },
			scope: 'team',
			id: people.m.id,
			name: '考核M',
			people: 3,
		});
		expect(data.kpis.map((k: any) => k.key)).toEqual(Object.keys(expected));
		for (const k of data.kpis) {
			const [n, d, pn, pd] = expected[k.key]!.team;
			expect({ key: k.key, numerator: k.numerator, denominator: k.denominator, previous: k.previous }, k.key).toEqual({
				key: k.key,
				numerator: n,
				denominator: d,
				previous: { numerator: pn, denominator: pd, value: valueOf(k.unit, pn, pd) },
			});
			expect(k.value, k.key).toBe(valueOf(k.unit, n, d));
			expect(k.label['zh-CN'] && k.label['en-US'] && k.formula['zh-CN'] && k.formula['en-US'], k.key).toBeTruthy();
		}
		const kpi = (key: string) => data.kpis.find((k: any) => k.key === key);
		expect(kpi('sales_completion')).toMatchObject({ value: 0.8, light: 'amber', trend: 'better' });
		expect(kpi('report_on_time')).toMatchObject({ value: 0.25, light: 'red', trend: 'worse' });
		expect(kpi('churn_rate')).toMatchObject({ light: 'red', trend: 'worse' });
		expect(kpi('archive_completeness')).toMatchObject({ value: 0.6, trend: null });

		// a1 C at P's start, then A, then O; a2 B; b1 O since Q; b2 C.
		expect(data.funnel).toEqual({
			withheld: false,
			grades: [
				{ grade: 'H', reached: 0 },
				{ grade: 'A', reached: 1 },
				{ grade: 'B', reached: 1 },
				{ grade: 'C', reached: 2 },
				{ grade: 'O', reached: 2 },
			],
			conversions: [
				{ from: 'H', to: 'O', converted: 0, of: 0, rate: null },
				{ from: 'A', to: 'O', converted: 1, of: 1, rate: 1 },
				{ from: 'B', to: 'O', converted: 0, of: 1, rate: 0 },
				{ from: 'C', to: 'O', converted: 1, of: 2, rate: 0.5 },
			],
		});

		expect(data.by_owner.map((o: any) => o.owner).sort()).toEqual([people.m.id, people.a.id, people.b.id].sort());
		for (const rep of ['a', 'b'] as const) {
			const mine = data.by_owner.find((o: any) => o.owner === people[rep].id);
			expect(mine.name).toBe(`考核${rep.toUpperCase()}`);
			for (const k of data.kpis) {
				const [n, d] = expected[k.key]![rep];
				expect(mine.kpis[k.key], `${rep} ${k.key}`).toMatchObject({
					numerator: n,
					denominator: d,
					value: valueOf(k.unit, n, d),
				});
			}
		}
		expect(data.by_owner.find((o: any) => o.owner === people.m.id).kpis.sales_completion).toEqual({
			numerator: 0,
			denominator: 50000,
			value: 0,
			light: 'red',
			withheld: false,
		});
	});

	it('shows a rep their own KPIs, and nobody else’s', async () => {
		const rep = people.a.client;
		const own = await rep.get(`/visit-kpi/summary?period=${P}`);
		expect(own.status, JSON.stringify(own.body)).toBe(200);
		expect(own.body.data).toMatchObject({ scope: 'rep', id: people.a.id, people: 1 });
		expect(own.body.data.by_owner).toBeUndefined();
		for (const k of own.body.data.kpis) expect([k.numerator, k.denominator], k.key).toEqual(expected[k.key]!.a);

		refusedWith(await rep.get(`/visit-kpi/summary?period=${P}&scope=rep&id=${people.b.id}`), 403, 'kpi_forbidden');
		refusedWith(await rep.get(`/visit-kpi/summary?period=${P}&scope=team&id=${people.m.id}`), 403, 'kpi_forbidden');
		refusedWith(await rep.get(`/visit-kpi/summary?period=${P}&scope=company`), 403, 'kpi_forbidden');
	});

	it('shows a manager their team and its reps, not another team or the company', async () => {
		const manager = people.m.client;
		const team = await manager.get(`/visit-kpi/summary?period=${P}`);
		expect(team.body.data).toMatchObject({ scope: 'team', id: people.m.id, people: 3 });
		const rep = await manager.get(`/visit-kpi/summary?period=${P}&scope=rep&id=${people.b.id}`);
		expect(rep.status, JSON.stringify(rep.body)).toBe(200);
		expect(rep.body.data.kpis.find((k: any) => k.key === 'unplanned_visits').numerator).toBe(2);
		refusedWith(
			await manager.get(`/visit-kpi/summary?period=${P}&scope=team&id=${users.manager1}`),
			403,
			'kpi_forbidden',
		);
		refusedWith(await manager.get(`/visit-kpi/summary?period=${P}&scope=rep&id=${users.rep4}`), 403, 'kpi_forbidden');
		refusedWith(await manager.get(`/visit-kpi/summary?period=${P}&scope=company`), 403, 'kpi_forbidden');
	});

	it('shows a General Manager the company and anyone, this month by default', async () => {
		const gm = await Client.login(target.url, 'gm@example.com');
		const company = await gm.get('/visit-kpi/summary');
		expect(company.status, JSON.stringify(company.body)).toBe(200);
		const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
		expect(company.body.data).toMatchObject({ scope: 'company', id: null, period: { key: month } });
		expect(company.body.data.people).toBeGreaterThan(3);
		const team = await gm.get(`/visit-kpi/summary?period=${P}&scope=team&id=${people.m.id}`);
		expect(team.body.data.kpis.map((k: any) => [k.numerator, k.denominator])).toEqual(
			Object.values(expected).map((e) => e.team.slice(0, 2)),
		);
		// A company-wide quarter holds the team's month.
		const quarter = await gm.get(`/visit-kpi/summary?period=${YEAR}-Q1&scope=company`);
		expect(quarter.status, JSON.stringify(quarter.body)).toBe(200);
		expect(quarter.body.data.kpis.find((k: any) => k.key === 'sales_completion').numerator).toBeGreaterThanOrEqual(
			290000,
		);
	});

	it('shows the Sales Assistant no number computed from rows they may not read', async () => {
		// The assistant reads plans, visits, customers, contacts and grade history, not orders, budgets, expenses, revisits,
		// follow-ups, complaints, opportunities, quotes, payments or weekly and monthly reports.
		const assistant = await Client.login(target.url, 'assistant@example.com');
		const hidden = [
			'revisit_rate',
			'follow_up_completion',
			'complaint_response_on_time',
			'new_customers',
			'expense_vs_budget',
			'sales_completion',
			'payment_collection',
			'contract_settlement',
			'overdue_d0_30',
			'overdue_d31_60',
			'overdue_d61_90',
			'overdue_over_90',
			'win_rate',
			'weighted_pipeline',
			'quote_on_time',
			'average_discount',
			'visit_target_completion',
			'revisit_target_completion',
			'call_target_completion',
			'collection_target_completion',
			'periodic_report_on_time',
			'customer_satisfaction',
			'valid_complaints',
			'complaint_resolution_on_time',
		];
		const res = await assistant.get(`/visit-kpi/summary?period=${P}&scope=team&id=${people.m.id}&by=owner`);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		for (const k of res.body.data.kpis) {
			if (hidden.includes(k.key))
				expect(k, k.key).toMatchObject({
					withheld: true,
					numerator: null,
					denominator: null,
					value: null,
					light: null,
					previous: { numerator: null, denominator: null, value: null },
				});
			else
				expect({ withheld: k.withheld, counts: [k.numerator, k.denominator] }, k.key).toEqual({
					withheld: false,
					counts: expected[k.key]!.team.slice(0, 2),
				});
		}
		for (const owner of res.body.data.by_owner)
			for (const key of hidden)
				expect(owner.kpis[key], `${owner.name} ${key}`).toEqual({
					numerator: null,
					denominator: null,
					value: null,
					light: null,
					withheld: true,
				});
		expect(res.body.data.funnel.withheld).toBe(false);
		expect(res.body.data.pipeline).toEqual({ withheld: true, stages: [] });
		expect(res.body.data.receivables).toMatchObject({ withheld: true, aging: [], not_due: null });
		// The same question from a General Manager, who reads everything, withholds nothing.
		const gm = await Client.login(target.url, 'gm@example.com');
		const all = await gm.get(`/visit-kpi/summary?period=${P}&scope=team&id=${people.m.id}`);
		expect(all.body.data.kpis.filter((k: any) => k.withheld).map((k: any) => k.key)).toEqual([]);
	});

	it('asks Directus whether a read permission it cannot read by the owner covers the rows', async () => {
		// A policy an Administrator adds in the Studio: every order, and payment schedules by their amount, not their owner.
		const assistantReadingSchedules = async (permissions: Record<string, unknown>) => {
			const policy = await admin.post('/policies', {
				name: `KPI orders ${target.name} ${Date.now()}`,
				app_access: true,
				permissions: [
					{ collection: 'sales_orders', action: 'read', permissions: {}, fields: ['*'] },
					{ collection: 'payment_schedules', action: 'read', permissions, fields: ['*'] },
				],
			});
			expect(policy.status, JSON.stringify(policy.body)).toBe(200);
			const email = `kpi-orders-${target.name}-${Date.now()}@example.com`;
			const user = await admin.post('/users', {
				email,
				password: 'demo-password',
				role: roleByKey('sales_assistant').roleId,
				policies: [{ policy: policy.body.data.id }],
			});
			expect(user.status, JSON.stringify(user.body)).toBe(200);
			const res = await (
				await Client.login(target.url, email)
			).get(`/visit-kpi/summary?period=${P}&scope=team&id=${people.m.id}`);
			await admin.delete(`/users/${user.body.data.id}`);
			await admin.delete(`/policies/${policy.body.data.id}`);
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			return res.body.data.kpis.find((k: any) => k.key === 'payment_collection');
		};
		// Every schedule of the team has an amount ≥ 0: all of them readable, the KPI shown.
		expect(await assistantReadingSchedules({ amount: { _gte: 0 } })).toMatchObject({
			withheld: false,
			numerator: expected.payment_collection!.team[0],
			denominator: expected.payment_collection!.team[1],
		});
		// Schedules under 60,000 are not: computed from rows the caller may not read, so withheld.
		expect(await assistantReadingSchedules({ amount: { _gte: 60000 } })).toMatchObject({
			withheld: true,
			numerator: null,
		});
	});

	it('refuses a bad period, scope or person, in both languages', async () => {
		const gm = await Client.login(target.url, 'gm@example.com');
		const bad = await people.a.client.get('/visit-kpi/summary?period=2026-13');
		refusedWith(bad, 400, 'kpi_period');
		// The rep's profile says zh-CN; both texts travel along.
		expect(bad.body.errors[0].message).toContain('期间');
		expect(bad.body.errors[0].extensions.messages['en-US']).toContain('YYYY-Qn');
		refusedWith(await gm.get('/visit-kpi/summary?scope=region'), 400, 'kpi_scope');
		refusedWith(await new Client(target.url).get(`/visit-kpi/summary?period=${P}`), 403, 'kpi_forbidden');
		refusedWith(
			await gm.get('/visit-kpi/summary?scope=rep&id=00000000-0000-4000-8000-000000000000'),
			404,
			'kpi_person',
		);
		const forbidden = await people.b.client.get(`/visit-kpi/summary?id=${people.a.id}`);
		refusedWith(forbidden, 403, 'kpi_forbidden');
		expect(forbidden.body.errors[0].extensions.messages).toEqual({
			'zh-CN': '你无权查看该人员、团队或全公司的考核指标',
			'en-US': 'You may not see the KPIs of that person, team or the whole company',
		});
	});
});
