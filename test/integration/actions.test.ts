/**
 * `GET /visit-flow/actions/:collection/:id` against the flows themselves: every collection ×
 * state of its flows × role. Each action the endpoint offers is posted on a fresh copy of the
 * item and must be accepted; every other action of the item's flows is posted too and must be
 * refused with a 4xx, in the caller's language, that writes nothing. The items are written straight into the database
 * (the flow hook refuses hand edits of flow-owned fields), in the years 2140–2149.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionInput, ItemActions, OfferedAction } from '../../extensions/sales-visits/src/domain/action-model.ts';
import {
	actionRoutes,
	collectionFlows,
	pathFor,
	type ActionRoute,
} from '../../extensions/sales-visits/src/domain/action-routes.ts';
import { generalManagerLabel } from '../../extensions/sales-visits/src/domain/approval.ts';
import { definitionOf, type AnyFlowKey } from '../../extensions/sales-visits/src/domain/flow-table.ts';
import { scheduleKey } from '../../extensions/sales-visits/src/domain/care.ts';
import { zonedDate } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { INTEGRATOR_TOKEN } from '../../seeds/demo.ts';
import { Client, targets, type Response } from './client.ts';
import { closeDatabases, connect, dateValue, insertRow, selectByIds, selectRows } from './db.ts';
import { inParallel } from './pool.ts';
import { yearOf } from './years.ts';

const ROLES = ['admin', 'gm', 'manager1', 'manager2', 'rep1', 'rep2', 'assistant', 'service', 'integrator'] as const;
type Role = (typeof ROLES)[number];
/** The language each is answered in: the demo staff's profiles say zh-CN; the Administrator has none, and the client asks for en-US. */
const LANGUAGE = Object.fromEntries(ROLES.map((role) => [role, role === 'admin' ? 'en-US' : 'zh-CN'])) as Record<
	Role,
	'zh-CN' | 'en-US'
>;

/** An item as the walk built it: its key, the key its actions' paths carry, the rows an action may touch, and its approval_log key. */
interface Built {
	id: number;
	pathId: number;
	rows: [table: string, id: number][];
	log: [collection: string, item: number];
}

interface Fixture {
	name: string;
	collection: string;
	build: () => Promise<Built>;
	/** Where an action leads that is not one transition of the table (a quote's submit: pending or approved at once). */
	leadsTo?: Record<string, string>;
}

/** Requests in flight at once (test/integration/pool.ts). */
const CONCURRENCY = 4;

/** The column an action that is not a transition stamps. */
const STAMPS: Record<string, string> = {
	'application.file': 'application_filed_at',
	'visit.acknowledge': 'geofence_acknowledged_at',
	'order.pay': 'paid_amount',
};

const routesOf = (collection: string): ActionRoute[] =>
	actionRoutes.filter((r) => collectionFlows[collection]!.includes(r.flow));
const SUMMARY = '走查：介绍了新产品，客户有采购意向';

/** A value the input accepts. */
function inputValue(input: ActionInput): unknown {
	// A payment: one cent of what is open, received today.
	if (input.name === 'amount') return '0.01';
	if (input.name === 'received_at') return zonedDate(new Date(), 'Asia/Shanghai');
	if (input.type === 'rating') return input.choices?.find((c) => c.value === 4)?.value ?? 4;
	if (input.type === 'choice') return input.choices?.[0]?.value;
	if (input.type === 'date') return '2149-12-31';
	if (input.type === 'datetime') return '2149-12-31T02:00:00.000Z';
	if (input.type === 'follow_ups') return [];
	const text = input.name === 'summary' ? SUMMARY : `走查：${input.name}，说明文字`;
	return text.padEnd(input.min_length ?? 0, '。');
}

describe.each(targets)('the actions endpoint on $name', (target) => {
	const as = {} as Record<Role, Client>;
	let users: Record<string, string>;
	let customer: { id: number; latitude: number; longitude: number };
	let product: { id: number; list_price: number };
	const year = yearOf('actions.test.ts');
	const month = 1 + Math.floor(Math.random() * 12);
	const ym = `${year}-${String(month).padStart(2, '0')}`;
	const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
	/** The month plan's deadline: the end of the prior month, Shanghai time. */
	const submitDue = new Date(Date.UTC(year, month - 1, 1) - 8 * 3_600_000 - 1);
	const revisitDue = `${ym}-15`;

	beforeAll(async () => {
		as.admin = await Client.admin(target);
		as.integrator = new Client(target.url, INTEGRATOR_TOKEN);
		await Promise.all(
			ROLES.filter((r) => r !== 'admin' && r !== 'integrator').map(async (who) => {
				as[who] = await Client.login(target.url, `${who}@example.com`);
			}),
		);
		const list: any[] = await as.admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		const c = (
			await as.admin.data(
				`/items/customers?filter[owner][_eq]=${users.rep1}&filter[latitude][_nnull]=true&filter[longitude][_nnull]=true&limit=1&fields=id,latitude,longitude`,
			)
		)[0];
		customer = { id: c.id, latitude: Number(c.latitude), longitude: Number(c.longitude) };
		const p = (await as.admin.data('/items/products?filter[active][_eq]=true&sort=id&limit=1'))[0];
		product = { id: p.id, list_price: Number(p.list_price) };
		// The walk's visits lie in its own far years, so check-in's window is widened to reach them
		// while it runs (an emptied setting reads as its default; plan-discipline.test.ts walks the rule).
		windowBefore = (await as.admin.data('/items/visit_settings?fields=check_in_window_hours')).check_in_window_hours;
		const widened = await as.admin.patch('/items/visit_settings', { check_in_window_hours: 2_000_000 });
		expect(widened.status, JSON.stringify(widened.body)).toBe(200);
	});
	afterAll(async () => {
		await as.admin.patch('/items/visit_settings', { check_in_window_hours: windowBefore });
		await closeDatabases();
	});
	let windowBefore: number | null;

	const fix = () => ({
		latitude: customer.latitude,
		longitude: customer.longitude,
		accuracy: 10,
		timestamp: Date.now(),
	});
	/** Every input any action takes, valid: what a not-offered action is posted with. */
	const everything = () => ({
		comment: '走查：不应被接受的操作',
		reason: '走查：原因',
		notes: '走查：备注',
		resolution: '走查：已更换产品并致歉',
		satisfaction: 4,
		summary: SUMMARY,
		follow_ups: [],
		amount: '0.01',
		...fix(),
	});
	const bodyFor = (action: OfferedAction) => {
		const body: Record<string, unknown> = {};
		for (const input of action.inputs) {
			if (input.type === 'geolocation') Object.assign(body, fix());
			else body[input.name] = inputValue(input);
		}
		return { ...body, ...action.body };
	};

	// ---- the items, one builder per state, each writing fresh rows ----

	const now = () => new Date();
	const day = (d: number) => dateValue(target, `${ym}-${String(d).padStart(2, '0')}`);
	const single = (collection: string, id: number): Built => ({
		id,
		pathId: id,
		rows: [[collection, id]],
		log: [collection, id],
	});

	async function plan(owner: string, values: Record<string, unknown>, withItem = true): Promise<Built> {
		const id = await insertRow(target, 'visit_plans', {
			owner: users[owner],
			period_type: 'month',
			period_start: day(1),
			period_end: day(lastDay),
			status: 'draft',
			submit_due_at: submitDue,
			revision: 1,
			submitted_late: false,
			date_created: now(),
			...values,
		});
		if (withItem)
			await insertRow(target, 'visit_plan_items', {
				plan: id,
				customer: customer.id,
				planned_date: day(10),
				purpose: 'relationship',
				date_created: now(),
			});
		return single('visit_plans', id);
	}

	const visitRow = (values: Record<string, unknown>) =>
		insertRow(target, 'visits', {
			owner: users.rep1,
			customer: customer.id,
			purpose: 'relationship',
			channel: 'onsite',
			scheduled_start: new Date(`${ym}-10T01:00:00Z`),
			status: 'scheduled',
			travel: false,
			requires_application: false,
			application_status: 'not_required',
			application_late: false,
			unauthorized: false,
			outside_geofence: false,
			report_status: 'not_due',
			report_late: false,
			date_created: now(),
			...values,
		});

	const checkedIn = (outside = false) => ({
		status: 'in_progress',
		check_in_at: now(),
		check_in_latitude: customer.latitude,
		check_in_longitude: customer.longitude,
		check_in_accuracy_m: 10,
		check_in_distance_m: outside ? 900 : 0,
		outside_geofence: outside,
		check_in_reason: outside ? '客户临时改在仓库见面' : null,
	});
	const completed = (report: string, outside = false) => ({
		...checkedIn(outside),
		status: 'completed',
		check_out_at: now(),
		report_status: report,
		report_due_at: new Date(Date.now() + 48 * 3_600_000),
	});
	const acknowledged = () => ({ geofence_acknowledged_by: users.manager1, geofence_acknowledged_at: now() });
	const application = (status: string) => ({
		requires_application: true,
		application_status: status,
		application_submitted_at: now(),
		...(status === 'approved' || status === 'rejected'
			? { application_approver: users.manager1, application_decided_at: now() }
			: {}),
	});
	const reportRow = (visit: number, decision: string | null) =>
		insertRow(target, 'visit_reports', {
			visit,
			summary: SUMMARY,
			submitted_at: now(),
			...(decision
				? {
						reviewer: users.manager1,
						reviewed_at: now(),
						review_decision: decision,
						review_comment: decision === 'returned' ? '请补充竞品信息' : null,
					}
				: {}),
			date_created: now(),
		});

	async function visit(values: Record<string, unknown>, report?: string | null): Promise<Built> {
		const id = await visitRow(values);
		if (report !== undefined) await reportRow(id, report);
		return { id, pathId: id, rows: [['visits', id]], log: ['visits', id] };
	}

	async function report(status: 'submitted' | 'approved' | 'returned'): Promise<Built> {
		const visitId = await visitRow(completed(status));
		const id = await reportRow(visitId, status === 'submitted' ? null : status);
		return {
			id,
			pathId: visitId,
			rows: [
				['visit_reports', id],
				['visits', visitId],
			],
			log: ['visits', visitId],
		};
	}

	/** The visit the expense requests belong to (an expense belongs to a visit or a plan item). */
	let expenseVisit: number | null = null;
	/**
	 * The walk's expenses fall in months of its own, each against a budget of 1,000, never in
	 * today's month where other files count rep1's spending. The ones over budget have a month of
	 * their own, so that approving one does not put the small ones over budget halfway through.
	 */
	const overMonth = `${year}-${month === 12 ? '11' : String(month + 1).padStart(2, '0')}`;
	let budgets: Promise<unknown> | null = null;
	async function expense(status: string, amount = 1): Promise<Built> {
		expenseVisit ??= await visitRow({});
		await (budgets ??= Promise.all(
			[ym, overMonth].map((m) =>
				insertRow(target, 'sales_targets', {
					owner: users.rep1,
					period_start: dateValue(target, `${m}-01`),
					expense_budget: 1000,
				}),
			),
		));
		const decided =
			status === 'pending'
				? {}
				: { approver: users.manager1, decided_at: now(), decision_comment: status === 'rejected' ? '超出预算' : null };
		const id = await insertRow(target, 'expense_requests', {
			requester: users.rep1,
			visit: expenseVisit,
			kind: 'gift',
			amount,
			description: '走查：礼品',
			status,
			over_budget: false,
			date_created: new Date(`${amount > 1000 ? overMonth : ym}-15T04:00:00Z`),
			...decided,
		});
		return single('expense_requests', id);
	}

	async function followUp(status: string): Promise<Built> {
		const id = await insertRow(target, 'follow_ups', {
			customer: customer.id,
			owner: users.rep1,
			description: '走查：寄送样品',
			due_date: day(20),
			status,
			overdue: false,
			...(status === 'done' ? { completed_at: now() } : {}),
			date_created: now(),
		});
		return single('follow_ups', id);
	}

	const revisitRow = (status: string, extra: Record<string, unknown> = {}) =>
		insertRow(target, 'revisits', {
			customer: customer.id,
			kind: 'maintenance',
			channel: 'phone',
			due_date: dateValue(target, revisitDue),
			status,
			owner: users.rep1,
			...(status === 'done' ? { done_at: now(), satisfaction: 5 } : {}),
			date_created: now(),
			...extra,
		});
	const revisit = async (status: string) => single('revisits', await revisitRow(status));

	/** A reception rep1 hosts, stamped as far as `status` has come. */
	async function reception(status: string): Promise<Built> {
		const came = ['arrived', 'held', 'reported'].includes(status);
		const left = status === 'held' || status === 'reported';
		const id = await insertRow(target, 'receptions', {
			customer: customer.id,
			host: users.rep1,
			status,
			planned_at: new Date(`${ym}-20T02:00:00Z`),
			location: '走查：三楼会议室',
			visitor_count: 2,
			purpose: '走查：参观生产线',
			approver: ['requested', 'cancelled'].includes(status) ? null : users.manager1,
			arrived_at: came ? now() : null,
			left_at: left ? now() : null,
			report_due_at: left ? new Date(Date.now() + 24 * 3_600_000) : null,
			report: status === 'reported' ? '走查：客户认可生产线，约定下周报价' : null,
			report_late: false,
			date_created: now(),
		});
		return single('receptions', id);
	}

	async function complaint(status: string, revisitStatus?: string): Promise<Built> {
		const received = new Date(Date.now() - 3_600_000);
		const id = await insertRow(target, 'complaints', {
			customer: customer.id,
			owner: users.rep1,
			received_at: received,
			description: '走查：产品有划痕',
			severity: 'medium',
			status,
			response_due_at: new Date(received.getTime() + 24 * 3_600_000),
			response_late: false,
			...(status === 'open' ? {} : { responded_at: now() }),
			...(status === 'resolved' || status === 'closed' ? { resolved_at: now(), resolution: '已更换产品' } : {}),
			date_created: now(),
		});
		if (revisitStatus)
			await revisitRow(revisitStatus, {
				kind: 'complaint',
				source_complaint: id,
				schedule_key: scheduleKey.complaint(id),
			});
		return single('complaints', id);
	}

	async function opportunity(stage: string): Promise<Built> {
		const closed = stage === 'won' || stage === 'lost';
		const id = await insertRow(target, 'opportunities', {
			name: '走查：空压站改造',
			customer: customer.id,
			owner: users.rep1,
			stage,
			probability: 50,
			stage_changed_at: now(),
			...(closed ? { closed_at: now() } : {}),
			...(stage === 'lost' ? { lost_reason: 'price', lost_analysis: '走查：客户选择了更便宜的方案' } : {}),
			date_created: now(),
		});
		return single('opportunities', id);
	}

	let quotes = 0;
	/** A quote of rep1's with one line at `discount` percent off (3: within a rep's authority, 10: a manager's). */
	async function quote(status: string, discount = 10): Promise<Built> {
		const unit = (product.list_price * (100 - discount)) / 100;
		const id = await insertRow(target, 'quotes', {
			quote_no: `QA${year}-${Date.now()}-${++quotes}`,
			customer: customer.id,
			owner: users.rep1,
			requested_at: now(),
			due_at: new Date(Date.now() + 48 * 3_600_000),
			valid_until: day(28),
			status,
			list_total: product.list_price,
			net_total: unit,
			max_discount_rate: discount,
			below_floor: false,
			sent_late: false,
			...(['approved', 'rejected', 'sent', 'accepted', 'expired'].includes(status) ? { decided_at: now() } : {}),
			...(['sent', 'accepted', 'expired'].includes(status) ? { sent_at: now() } : {}),
			date_created: now(),
		});
		await insertRow(target, 'quote_lines', {
			quote: id,
			product: product.id,
			quantity: 1,
			list_price: product.list_price,
			unit_price: unit,
			discount_rate: discount,
			net_amount: unit,
			date_created: now(),
		});
		return single('quotes', id);
	}

	let contracts = 0;
	/** A contract of rep1's far over any demo customer's credit: finance review sends it to a General Manager. */
	async function contract(status: string): Promise<Built> {
		const reviewed = !['draft', 'legal_review', 'rejected'].includes(status);
		const id = await insertRow(target, 'contracts', {
			contract_no: `CA${year}-${Date.now()}-${++contracts}`,
			customer: customer.id,
			owner: users.rep1,
			amount: 90_000_000,
			status,
			over_credit: status === 'pending_gm',
			...(status !== 'draft' && status !== 'legal_review' ? { legal_reviewed_at: now() } : {}),
			...(reviewed && status !== 'finance_review' ? { finance_reviewed_at: now() } : {}),
			...(status === 'signed' ? { signed_at: now() } : {}),
			date_created: now(),
		});
		return single('contracts', id);
	}

	let orders = 0;
	/** An order of rep1's (of a contract signed by hand): paid in part once delivered, in full once paid. */
	async function orderRow(status: string): Promise<number> {
		const amount = 10_000;
		return insertRow(target, 'sales_orders', {
			order_no: `SA${year}-${Date.now()}-${++orders}`,
			customer: customer.id,
			owner: users.rep1,
			signed_at: day(1),
			amount,
			paid_amount: status === 'paid' ? amount : status === 'delivered' ? amount / 2 : 0,
			status,
			date_created: now(),
		});
	}
	const salesOrder = async (status: string) => single('sales_orders', await orderRow(status));
	/** A delivery of a signed order of rep1's. */
	async function delivery(status: string): Promise<Built> {
		const order = await orderRow('signed');
		const id = await insertRow(target, 'deliveries', {
			order,
			shipped_at: day(2),
			status,
			...(status === 'accepted' ? { accepted_at: now() } : {}),
			date_created: now(),
		});
		return {
			id,
			pathId: id,
			rows: [
				['sales_orders', order],
				['deliveries', id],
			],
			log: ['deliveries', id],
		};
	}

	let periodicReports = 0;
	/** A weekly report of rep1's (a monthly one without its market analysis when `month`), each in a week of its own. */
	async function periodicReport(status: string, month = false): Promise<Built> {
		const n = ++periodicReports;
		const jan4 = new Date(Date.UTC(year, 0, 4));
		const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000 + 7 * n * 86_400_000);
		const start = month ? `${year}-${String((n % 12) + 1).padStart(2, '0')}-01` : monday.toISOString().slice(0, 10);
		const id = await insertRow(target, 'periodic_reports', {
			owner: users.rep1,
			period_type: month ? 'month' : 'week',
			period_start: dateValue(target, start),
			due_at: new Date(Date.now() + 48 * 3_600_000),
			summary: '走查：本周拜访三家客户',
			status,
			late: false,
			...(status === 'draft' ? {} : { submitted_at: now() }),
			...(status === 'approved' || status === 'returned' ? { reviewer: users.manager1 } : {}),
			date_created: now(),
		});
		return single('periodic_reports', id);
	}

	/**
	 * rep1's year target, set by manager1: a year, so that no month's KPI or expense budget reads it.
	 * A revision is a new row: the one revised stays approved.
	 */
	async function salesTarget(status: string, confirmed = false): Promise<Built> {
		const id = await insertRow(target, 'sales_targets', {
			period_type: 'year',
			owner: users.rep1,
			period_start: dateValue(target, `${year}-01-01`),
			sales_amount: 120_000,
			status,
			revision: 1,
			submitted_by: status === 'draft' ? null : users.manager1,
			approver: status === 'approved' ? users.gm : null,
			confirmed_at: confirmed ? now() : null,
			date_created: now(),
		});
		return single('sales_targets', id);
	}

	/** A commission statement of rep1's, each in a month of its own (one a person and month: a rerun's is replaced). */
	let statements = Math.floor(Math.random() * 100);
	async function commissionStatement(status: string): Promise<Built> {
		const n = ++statements;
		const month = `${year + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}-01`;
		await connect(target)('commission_statements')
			.where({ person: users.rep1, month: dateValue(target, month) })
			.delete();
		const id = await insertRow(target, 'commission_statements', {
			person: users.rep1,
			month: dateValue(target, month),
			status,
			basis_amount: '150000.00',
			amount: '2000.00',
			lines: JSON.stringify([]),
			approver: status === 'draft' ? null : users.gm,
			decided_at: status === 'draft' ? null : now(),
			paid_at: status === 'paid' ? now() : null,
			date_created: now(),
		});
		return single('commission_statements', id);
	}

	let appraisals = 0;
	/** rep1's appraisal of a month of the file's year under the demo's monthly rep scheme, in `status`. */
	async function appraisal(status: string): Promise<Built> {
		const n = ++appraisals;
		const [scheme] = await as.admin!.data(
			'/items/appraisal_schemes?filter[position][_eq]=rep&filter[period_type][_eq]=month&sort=id&limit=1&fields=id',
		);
		const id = await insertRow(target, 'appraisals', {
			person: users.rep1,
			scheme: scheme.id,
			period_start: dateValue(target, `${year}-${String(n).padStart(2, '0')}-01`),
			period_type: 'month',
			score: 82.5,
			level: 'good',
			item_scores: JSON.stringify([]),
			status,
			employee_confirmed_at: status === 'draft' ? null : now(),
			approver: status === 'approved' || status === 'returned' ? users.gm : null,
			decided_at: status === 'approved' || status === 'returned' ? now() : null,
			date_created: now(),
		});
		return single('appraisals', id);
	}

	const fixtures: Fixture[] = [
		{ name: 'draft plan', collection: 'visit_plans', build: () => plan('rep1', {}) },
		{ name: 'draft plan without items', collection: 'visit_plans', build: () => plan('rep1', {}, false) },
		{
			name: 'submitted plan',
			collection: 'visit_plans',
			build: () => plan('rep1', { status: 'submitted', submitted_at: now() }),
		},
		{
			name: 'submitted plan of a manager',
			collection: 'visit_plans',
			build: () => plan('manager1', { status: 'submitted', submitted_at: now() }),
		},
		{
			name: 'approved plan',
			collection: 'visit_plans',
			build: () =>
				plan('rep1', { status: 'approved', submitted_at: now(), approver: users.manager1, decided_at: now() }),
		},
		{
			name: 'rejected plan',
			collection: 'visit_plans',
			build: () =>
				plan('rep1', {
					status: 'rejected',
					submitted_at: now(),
					approver: users.manager1,
					decided_at: now(),
					decision_comment: '客户太集中',
				}),
		},

		{ name: 'scheduled visit on site', collection: 'visits', build: () => visit({}) },
		{ name: 'scheduled phone visit', collection: 'visits', build: () => visit({ channel: 'phone' }) },
		{
			name: 'scheduled visit needing an application',
			collection: 'visits',
			build: () => visit({ requires_application: true }),
		},
		{ name: 'scheduled visit, application pending', collection: 'visits', build: () => visit(application('pending')) },
		{
			name: 'scheduled visit of a manager, application pending',
			collection: 'visits',
			build: () => visit({ ...application('pending'), owner: users.manager1 }),
		},
		{
			name: 'scheduled visit, application approved, not filed',
			collection: 'visits',
			build: () => visit(application('approved')),
		},
		{
			name: 'scheduled visit, application approved and filed',
			collection: 'visits',
			build: () => visit({ ...application('approved'), application_filed_at: now() }),
		},
		{
			name: 'scheduled visit, application rejected',
			collection: 'visits',
			build: () => visit(application('rejected')),
		},
		// Each visit dimension takes each value at least once: in progress inside and outside the geofence,
		// acknowledged or not, before and after check-out; an application that can no longer be applied for.
		{
			name: 'visit in progress, application rejected',
			collection: 'visits',
			build: () => visit({ ...checkedIn(), ...application('rejected'), unauthorized: true }),
		},
		{ name: 'visit in progress outside the geofence', collection: 'visits', build: () => visit(checkedIn(true)) },
		{ name: 'completed visit, report pending', collection: 'visits', build: () => visit(completed('pending')) },
		{
			name: 'completed visit, report overdue',
			collection: 'visits',
			build: () => visit({ ...completed('overdue'), report_due_at: new Date(Date.now() - 3_600_000) }),
		},
		{
			name: 'completed visit, report submitted',
			collection: 'visits',
			build: () => visit(completed('submitted'), null),
		},
		{
			name: 'completed visit, report submitted without its row',
			collection: 'visits',
			build: () => visit(completed('submitted')),
		},
		{
			name: 'completed visit outside the geofence, acknowledged, report approved',
			collection: 'visits',
			build: () => visit({ ...completed('approved', true), ...acknowledged() }, 'approved'),
		},
		{
			name: 'completed visit outside the geofence, report returned',
			collection: 'visits',
			build: () => visit(completed('returned', true), 'returned'),
		},
		{
			name: 'scheduled visit, reschedule pending',
			collection: 'visits',
			build: () =>
				visit({
					reschedule_status: 'pending',
					reschedule_to: new Date(`${ym}-12T01:00:00Z`),
					reschedule_reason: '走查：客户临时出差',
					reschedule_requested_at: now(),
				}),
		},
		...['approved', 'rejected'].map((decision) => ({
			name: `scheduled visit, reschedule ${decision}`,
			collection: 'visits',
			build: () =>
				visit({
					reschedule_status: decision,
					reschedule_reason: '走查：客户临时出差',
					reschedule_requested_at: now(),
					reschedule_approver: users.manager1,
					reschedule_decided_at: now(),
				}),
		})),
		{ name: 'cancelled visit', collection: 'visits', build: () => visit({ status: 'cancelled' }) },
		{ name: 'missed visit', collection: 'visits', build: () => visit({ status: 'missed' }) },

		{ name: 'submitted report', collection: 'visit_reports', build: () => report('submitted') },
		{ name: 'approved report', collection: 'visit_reports', build: () => report('approved') },
		{ name: 'returned report', collection: 'visit_reports', build: () => report('returned') },

		{ name: 'pending expense', collection: 'expense_requests', build: () => expense('pending') },
		{ name: 'pending expense over budget', collection: 'expense_requests', build: () => expense('pending', 1_000_000) },
		{ name: 'approved expense', collection: 'expense_requests', build: () => expense('approved') },
		{ name: 'rejected expense', collection: 'expense_requests', build: () => expense('rejected') },

		{ name: 'open follow-up', collection: 'follow_ups', build: () => followUp('open') },
		{ name: 'done follow-up', collection: 'follow_ups', build: () => followUp('done') },
		{ name: 'cancelled follow-up', collection: 'follow_ups', build: () => followUp('cancelled') },

		{ name: 'scheduled revisit', collection: 'revisits', build: () => revisit('scheduled') },
		{ name: 'done revisit', collection: 'revisits', build: () => revisit('done') },
		{ name: 'missed revisit', collection: 'revisits', build: () => revisit('missed') },
		{ name: 'cancelled revisit', collection: 'revisits', build: () => revisit('cancelled') },

		{ name: 'open complaint', collection: 'complaints', build: () => complaint('open') },
		{ name: 'responded complaint', collection: 'complaints', build: () => complaint('responded') },
		{ name: 'resolved complaint, revisit done', collection: 'complaints', build: () => complaint('resolved', 'done') },
		{
			name: 'resolved complaint, revisit scheduled',
			collection: 'complaints',
			build: () => complaint('resolved', 'scheduled'),
		},
		{ name: 'resolved complaint without a revisit', collection: 'complaints', build: () => complaint('resolved') },
		{ name: 'closed complaint', collection: 'complaints', build: () => complaint('closed', 'done') },

		...['requested', 'approved', 'rejected', 'arrived', 'held', 'reported', 'cancelled'].map((status) => ({
			name: `${status} reception`,
			collection: 'receptions',
			build: () => reception(status),
		})),

		...['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'].map((stage) => ({
			name: `${stage} opportunity`,
			collection: 'opportunities',
			build: () => opportunity(stage),
		})),
		{
			name: 'draft quote within the rep’s authority',
			collection: 'quotes',
			build: () => quote('draft', 3),
			leadsTo: { 'quote.submit': 'approved' },
		},
		{
			name: 'draft quote for the manager',
			collection: 'quotes',
			build: () => quote('draft'),
			leadsTo: { 'quote.submit': 'pending' },
		},
		...['pending', 'approved', 'rejected', 'sent', 'accepted', 'expired'].map((status) => ({
			name: `${status} quote`,
			collection: 'quotes',
			build: () => quote(status),
		})),
		...(
			[
				['draft', {}],
				['legal_review', { 'contract.approve': 'finance_review' }],
				['finance_review', { 'contract.approve': 'pending_gm' }],
				['pending_gm', { 'contract.approve': 'approved' }],
				['approved', {}],
				['signed', {}],
				['rejected', {}],
				['terminated', {}],
			] as const
		).map(([status, leadsTo]) => ({
			name: `${status} contract`,
			collection: 'contracts',
			build: () => contract(status),
			leadsTo,
		})),
		...['shipped', 'accepted', 'rejected'].map((status) => ({
			name: `${status} delivery`,
			collection: 'deliveries',
			build: () => delivery(status),
		})),
		...['signed', 'delivered', 'paid', 'cancelled'].map((status) => ({
			name: `${status} order`,
			collection: 'sales_orders',
			build: () => salesOrder(status),
		})),
		...['draft', 'submitted', 'approved', 'returned'].map((status) => ({
			name: `${status} weekly report`,
			collection: 'periodic_reports',
			build: () => periodicReport(status),
		})),
		{
			name: 'draft monthly report without its market analysis',
			collection: 'periodic_reports',
			build: () => periodicReport('draft', true),
		},
		...['draft', 'submitted', 'approved'].map((status) => ({
			name: `${status} target`,
			collection: 'sales_targets',
			build: () => salesTarget(status),
			leadsTo: { 'target.revise': 'approved' },
		})),
		{
			name: 'confirmed target',
			collection: 'sales_targets',
			build: () => salesTarget('approved', true),
			leadsTo: { 'target.revise': 'approved' },
		},
		...['draft', 'approved', 'paid'].map((status) => ({
			name: `${status} commission statement`,
			collection: 'commission_statements',
			build: () => commissionStatement(status),
		})),
		...['draft', 'confirmed', 'approved', 'returned'].map((status) => ({
			name: `${status} appraisal`,
			collection: 'appraisals',
			build: () => appraisal(status),
		})),
	];

	// ---- reading what an action may have changed ----

	/**
	 * The stored rows of these keys, by `table.id`: one query per table. A row that no longer exists
	 * is missing, which the comparisons below report as a change.
	 */
	async function rowsOf(keys: [table: string, id: number][]): Promise<Map<string, Record<string, any>>> {
		const rows = new Map<string, Record<string, any>>();
		for (const table of new Set(keys.map(([t]) => t))) {
			const ids = keys.filter(([t]) => t === table).map(([, id]) => id);
			for (const row of await selectByIds(target, table, ids)) rows.set(`${table}.${row.id}`, row);
		}
		return rows;
	}

	/** The items' rows and their approval_log rows, as stored: a refused action leaves them as they were. */
	async function snapshots(items: Built[]): Promise<Record<string, unknown>[]> {
		const rows = await rowsOf(items.flatMap((item) => item.rows));
		const logs = new Map<string, number>();
		for (const collection of new Set(items.map((item) => item.log[0])))
			for (const entry of await selectRows(target, 'approval_log', { collection }))
				logs.set(`${collection}.${entry.item}`, (logs.get(`${collection}.${entry.item}`) ?? 0) + 1);
		return items.map((item) => {
			const values: Record<string, unknown> = {};
			for (const [table, id] of item.rows) {
				const row = rows.get(`${table}.${id}`);
				if (!row) values[`${table}.${id}`] = 'missing';
				else for (const [column, value] of Object.entries(row)) values[`${table}.${column}`] = value;
			}
			values.approval_log = logs.get(`${item.log[0]}.${item.log[1]}`) ?? 0;
			return values;
		});
	}
	const changes = (before: Record<string, unknown>, after: Record<string, unknown>) =>
		[...new Set([...Object.keys(before), ...Object.keys(after)])]
			.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
			.map((key) => `${key}: ${JSON.stringify(before[key])} → ${JSON.stringify(after[key])}`.slice(0, 120));

	const getActions = (who: Role, collection: string, id: number | string) =>
		as[who].get<{ data: ItemActions }>(`/visit-flow/actions/${collection}/${id}`);

	/** What is wrong with an answer of the actions endpoint for a readable item (empty: nothing); `row` is the stored row its states read. */
	function shapeProblems(
		res: Response<{ data: ItemActions }>,
		fixture: Fixture,
		item: Built,
		row: Record<string, any>,
	): string[] {
		if (res.status !== 200) return [`GET answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`];
		const data = res.body.data;
		const problems: string[] = [];
		const expectFlows = collectionFlows[fixture.collection]!;
		if (data.collection !== fixture.collection || data.id !== item.id)
			problems.push(`names ${data.collection}/${data.id}`);
		if (data.states?.map((s) => s.flow).join() !== expectFlows.join())
			problems.push(`states ${JSON.stringify(data.states)}`);
		if (JSON.stringify(data.state) !== JSON.stringify(data.states?.[0]))
			problems.push(`state ${JSON.stringify(data.state)} is not the first of states`);
		for (const s of data.states ?? []) {
			const definition = definitionOf(s.flow as AnyFlowKey);
			const label = definition.statuses[s.value]?.[data.language];
			if (s.field !== definition.statusField || s.value !== row[definition.statusField] || s.label !== label)
				problems.push(`state ${JSON.stringify(s)}: the row has ${row[definition.statusField]} (${label})`);
		}
		const routes = routesOf(fixture.collection);
		const keys = new Set<string>();
		for (const action of data.actions ?? []) {
			const route = routes.find((r) => r.key === action.key);
			if (!route) {
				problems.push(`offers ${action.key}, not an action of ${expectFlows.join('/')}`);
				continue;
			}
			if (keys.has(action.key)) problems.push(`offers ${action.key} twice`);
			keys.add(action.key);
			if (action.method !== 'POST' || action.path !== pathFor(route, item.pathId))
				problems.push(`${action.key}: ${action.method} ${action.path}, expected POST ${pathFor(route, item.pathId)}`);
			if (JSON.stringify(action.body ?? null) !== JSON.stringify(route.body ?? null))
				problems.push(`${action.key}: body ${JSON.stringify(action.body)}`);
			if (!action.label || !['primary', 'danger', 'secondary'].includes(action.tone))
				problems.push(`${action.key}: label ${action.label}, tone ${action.tone}`);
			for (const input of action.inputs ?? []) {
				if (
					!input.name ||
					!input.label ||
					typeof input.required !== 'boolean' ||
					!['text', 'choice', 'rating', 'date', 'datetime', 'geolocation', 'follow_ups'].includes(input.type)
				)
					problems.push(`${action.key}: input ${JSON.stringify(input)}`);
			}
		}
		return problems;
	}

	it(
		'offers each caller exactly the actions the flows accept, in every state of every flow',
		{ timeout: 600_000 },
		async () => {
			const started = Date.now();
			const problems: string[] = [];
			const offeredKeys = new Set<string>();
			const statesSeen = new Set<string>();
			let cells = 0;
			let accepted = 0;
			let refused = 0;
			let hidden = 0;

			// The items are independent (each action acts on its own item's rows), so the walk takes
			// each step for all of them at once and keeps the server busy: every item is written first,
			// then read and offered, then refused, then the offered actions are taken on fresh copies.
			const items: Built[] = [];
			for (const fixture of fixtures) items.push(await fixture.build());
			const where = (i: number, who: Role, key?: string) =>
				`${fixtures[i]!.name} (${fixtures[i]!.collection} ${items[i]!.id}), ${who}${key ? `, ${key}` : ''}`;

			// Who may read each item: the items of a collection in one read per caller (Directus
			// reads one item by filtering on its key, with the same permissions), and what each one is offered.
			const collectionsWalked = [...new Set(fixtures.map((f) => f.collection))];
			const readable = new Set<string>();
			const answers: { i: number; who: Role; actions: Response<{ data: ItemActions }> }[] = [];
			await inParallel(
				[
					...ROLES.flatMap((who) =>
						collectionsWalked.map((collection) => async () => {
							const ids = items.filter((_, i) => fixtures[i]!.collection === collection).map((item) => item.id);
							const res = await as[who].get(
								`/items/${collection}?filter[id][_in]=${ids.join(',')}&fields=id&limit=${ids.length}`,
							);
							if (res.status === 200) for (const row of res.body.data) readable.add(`${who} ${collection} ${row.id}`);
							else if (res.status !== 403)
								problems.push(`${who} reading ${collection}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
						}),
					),
					...items.flatMap((item, i) =>
						ROLES.map((who) => async () => {
							answers.push({ i, who, actions: await getActions(who, fixtures[i]!.collection, item.id) });
						}),
					),
				],
				CONCURRENCY,
			);
			// The stored rows the states are checked against (a report's states are its visit's).
			const stateRows = await rowsOf(items.map((item) => item.rows.at(-1)!));
			const offers = items.map(() => new Map<Role, OfferedAction[]>());
			const unseen = items.map(() => new Set<Role>());
			for (const { i, who, actions } of answers) {
				const [fixture, item] = [fixtures[i]!, items[i]!];
				if (!readable.has(`${who} ${fixture.collection} ${item.id}`)) {
					unseen[i]!.add(who);
					if (actions.status !== 404)
						problems.push(`${where(i, who)}: may not read the item, GET answered ${actions.status}, expected 404`);
					offers[i]!.set(who, []);
					continue;
				}
				const [table, id] = item.rows.at(-1)!;
				for (const p of shapeProblems(actions, fixture, item, stateRows.get(`${table}.${id}`) ?? {}))
					problems.push(`${where(i, who)}: ${p}`);
				for (const state of actions.body.data?.states ?? []) statesSeen.add(`${state.flow}.${state.value}`);
				offers[i]!.set(who, actions.status === 200 ? (actions.body.data.actions ?? []) : []);
			}

			// Every action not offered, as everyone, on the one item: refused, and nothing written.
			const before = await snapshots(items);
			before.forEach((values, i) => {
				if (Object.values(values).includes('missing')) problems.push(`${fixtures[i]!.name}: a row of it was not read`);
			});
			const refusals = items.flatMap((item, i) =>
				ROLES.flatMap((who) =>
					routesOf(fixtures[i]!.collection)
						.filter((route) => !offers[i]!.get(who)!.some((a) => a.key === route.key))
						.map((route) => async () => {
							cells++;
							const res = await as[who].post(pathFor(route, item.pathId), { ...everything(), ...route.body });
							if (res.status < 400 || res.status >= 500)
								return problems.push(
									`${where(i, who, route.key)}: not offered, but POST answered ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
								);
							refused++;
							if (res.status === 404) hidden++;
							// An item the caller may not read does not exist for them (a report's actions name its visit, which they may read).
							const mustHide = unseen[i]!.has(who) && item.pathId === item.id;
							const error = res.body?.errors?.[0];
							if (
								(mustHide && res.status !== 404) ||
								error?.extensions?.code !== 'VISIT_FLOW_REFUSED' ||
								error.message !== error.extensions.messages?.[LANGUAGE[who]]
							) {
								problems.push(
									`${where(i, who, route.key)}: refused with ${res.status} ${error?.extensions?.code} "${error?.message}", expected ${mustHide ? 'the 404 refusal' : 'a refusal'} in ${LANGUAGE[who]}`,
								);
							}
						}),
				),
			);
			await inParallel(refusals, CONCURRENCY);
			const after = await snapshots(items);
			items.forEach((_, i) => {
				const changed = changes(before[i]!, after[i]!);
				if (changed.length) problems.push(`${fixtures[i]!.name}: the refused actions changed ${changed.join('; ')}`);
			});

			// Every action offered, each on a fresh copy of the item: accepted.
			const offered = items.flatMap((_, i) =>
				ROLES.flatMap((who) => offers[i]!.get(who)!.map((action) => ({ i, who, action }))),
			);
			const copies: Built[] = [];
			for (const { i } of offered) copies.push(await fixtures[i]!.build());
			const taken: { i: number; who: Role; action: OfferedAction; route: ActionRoute; copy: Built }[] = [];
			await inParallel(
				offered.map(({ i, who, action }, n) => async () => {
					cells++;
					const copy = copies[n]!;
					const route = routesOf(fixtures[i]!.collection).find((r) => r.key === action.key)!;
					offeredKeys.add(action.key);
					const res = await as[who].post(pathFor(route, copy.pathId), bodyFor(action));
					if (res.status < 200 || res.status >= 300)
						return problems.push(
							`${where(i, who, action.key)}: offered, but POST answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`,
						);
					accepted++;
					taken.push({ i, who, action, route, copy });
				}),
				CONCURRENCY,
			);
			// A transition moves the status; a stamp (file, acknowledge) sets its column.
			const takenRows = await rowsOf(taken.map(({ copy }) => copy.log));
			for (const { i, who, action, route, copy } of taken) {
				const row = takenRows.get(`${copy.log[0]}.${copy.log[1]}`);
				// An opportunity advances to the stage sent; a quote's submit leads where its discounts say.
				const to =
					action.key === 'opportunity.advance'
						? String(bodyFor(action).stage)
						: (fixtures[i]!.leadsTo?.[action.key] ?? definitionOf(route.flow).actions[route.action]?.to);
				const field = to ? definitionOf(route.flow).statusField : STAMPS[action.key]!;
				if (!row || (to ? row[field] !== to : row[field] === null))
					problems.push(`${where(i, who, action.key)}: accepted, but ${field} is ${row?.[field]}`);
			}

			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			console.log(
				`[actions walk] ${target.name}: ${fixtures.length} items × ${ROLES.length} roles, ${cells} cells: ${accepted} offered and accepted, ${refused} not offered and refused (${hidden} of them 404), ${problems.length} problems, ${seconds} s`,
			);
			expect(problems).toEqual([]);
			expect(hidden, 'some caller may not read some item').toBeGreaterThan(0);
			// Every state of every flow was walked through.
			const flowKeys = [...new Set(Object.values(collectionFlows).flat())];
			expect(
				flowKeys
					.flatMap((flow) => Object.keys(definitionOf(flow).statuses).map((status) => `${flow}.${status}`))
					.filter((state) => !statesSeen.has(state)),
			).toEqual([]);
			// The walk proves nothing if nothing is offered: every action is offered somewhere.
			expect(actionRoutes.map((r) => r.key).filter((key) => !offeredKeys.has(key))).toEqual([]);
		},
	);

	it('says whom the item waits on, and until when on the company’s calendar', async () => {
		const [mine, managers, draft, scheduled, applied, overBudget] = [
			await plan('rep1', { status: 'submitted', submitted_at: now() }),
			await plan('manager1', { status: 'submitted', submitted_at: now() }),
			await plan('rep1', {}),
			await revisit('scheduled'),
			await visit(application('pending')),
			await expense('pending', 1_000_000),
		];
		const data = async (who: Role, collection: string, id: number) => {
			const res = await getActions(who, collection, id);
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			return res.body.data;
		};
		expect((await data('rep1', 'visit_plans', mine.id)).waiting_on).toEqual({
			kind: 'user',
			id: users.manager1,
			label: '李明',
		});
		expect((await data('gm', 'visit_plans', managers.id)).waiting_on).toEqual({
			kind: 'position',
			position: 'general_manager',
			label: generalManagerLabel['zh-CN'],
		});
		expect((await data('manager1', 'visits', applied.id)).waiting_on).toEqual({
			kind: 'user',
			id: users.manager1,
			label: '李明',
		});
		expect((await data('rep1', 'expense_requests', overBudget.id)).waiting_on).toMatchObject({
			kind: 'position',
			position: 'general_manager',
		});
		expect((await data('rep1', 'visit_plans', draft.id)).due_at).toBe(submitDue.toISOString());
		// A revisit is due by the end of its day in Shanghai (UTC+8), not at UTC midnight.
		const due = (await data('rep1', 'revisits', scheduled.id)).due_at!;
		expect(zonedDate(new Date(due), 'Asia/Shanghai'), due).toBe(revisitDue);
		const beforeMidnight = Date.parse(`${revisitDue}T16:00:00Z`) - Date.parse(due);
		expect(beforeMidnight >= 0 && beforeMidnight < 60_000, due).toBe(true);
	});

	it('labels everything in the caller’s language: the profile’s, else Accept-Language', async () => {
		const item = await plan('rep1', { status: 'submitted', submitted_at: now() });
		const login = await new Client(target.url).post('/auth/login', {
			email: 'manager1@example.com',
			password: 'demo-password',
		});
		const token = login.body.data.access_token as string;
		await as.admin.patch(`/users/${users.manager1}`, { language: null });
		try {
			const [en, zh] = await Promise.all(
				['en-US', 'zh-CN'].map((language) =>
					new Client(target.url, token, language).get<{ data: ItemActions }>(
						`/visit-flow/actions/visit_plans/${item.id}`,
					),
				),
			);
			expect(en.body.data).toMatchObject({ language: 'en-US', state: { label: 'Submitted' } });
			expect(zh.body.data).toMatchObject({ language: 'zh-CN', state: { label: '已提交' } });
			const labels = (res: Response<{ data: ItemActions }>) =>
				res.body.data.actions.flatMap((a) => [a.label, ...a.inputs.map((i) => i.label)]);
			expect(labels(en).length).toBeGreaterThan(0);
			for (const label of labels(en)) expect(label).not.toMatch(/[\u4e00-\u9fff]/);
			for (const label of labels(zh)) expect(label).toMatch(/[\u4e00-\u9fff]/);
		} finally {
			await as.admin.patch(`/users/${users.manager1}`, { language: 'zh-CN' });
		}
		// The profile wins over the header (the demo clients ask for en-US).
		expect((await getActions('manager1', 'visit_plans', item.id)).body.data).toMatchObject({
			language: 'zh-CN',
			state: { label: '已提交' },
		});
	});

	it('refuses a malformed key with 400, and an unknown item or collection with 404', async () => {
		for (const id of ['abc', '0', '-1', '1.5', '99999999999'])
			expect((await getActions('manager1', 'visit_plans', id)).status, id).toBe(400);
		expect((await getActions('manager1', 'visit_plans', 2147483647)).status).toBe(404);
		for (const collection of ['customers', 'directus_users', 'nope'])
			expect((await getActions('admin', collection, 1)).status, collection).toBe(404);
		const item = await plan('rep1', {});
		const anonymous = await new Client(target.url).get(`/visit-flow/actions/visit_plans/${item.id}`);
		expect(anonymous.status >= 400 && anonymous.status < 500, String(anonymous.status)).toBe(true);
	});
});
