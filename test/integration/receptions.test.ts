/**
 * 客户接待 (receptions), walked as each role on every database: request → approval by the
 * host's supervisor → arrival stamped by the front desk → leaving (report due
 * `reception_report_hours` later) → report, late when after its deadline; every refusal (the
 * wrong person, cancel after arrival, a report by someone else or without text, hand edits of
 * flow-owned fields through items, batch, GraphQL and import, a gift for another rep's
 * reception); the front desk's visitor log; one reminder per report due; the report's promises
 * made the host's follow-ups with it, or nothing written at all; reception_report_on_time
 * against the rows it counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, targets, type Response } from './client.ts';
import { backdate, closeDatabases, connect } from './db.ts';
import { refusedWith } from './expect.ts';
import { yearOf } from './years.ts';

const YEAR = yearOf('receptions.test.ts');

const ok = (res: Response, what: string) => {
	expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
	return res.body.data;
};

/** A day of the file's year, a different one for each call (10:00 in Shanghai = 02:00 UTC). */
let days = 0;
const nextDay = () => {
	const d = new Date(Date.UTC(YEAR, 0, 2 + ((days++ * 7 + Math.floor(Math.random() * 7)) % 360)));
	return d.toISOString().slice(0, 10);
};

describe.each(targets)('receptions on $name', (target) => {
	let admin: Client;
	const as: Record<string, Client> = {};
	let users: Record<string, string>;
	let customer: number;

	const request = (who: string, extra: object = {}, day = nextDay()) =>
		as[who]!.post('/items/receptions', {
			customer,
			planned_at: `${day}T02:00:00Z`,
			location: '一号会议室',
			visitors: '张总（采购总监）',
			visitor_count: 2,
			purpose: '考察工厂',
			needs: '年度采购方案',
			budget: '800.00',
			...extra,
		});
	const read = (id: number) => admin.data(`/items/receptions/${id}`);
	const act = (who: string, id: number, action: string, body: object = {}) =>
		as[who]!.post(`/visit-flow/receptions/${id}/${action}`, body);
	const log = async (id: number) =>
		(
			await admin.data(
				`/items/approval_log?filter[collection][_eq]=receptions&filter[item][_eq]=${id}&sort=id&limit=-1`,
			)
		).map((l: any) => `${l.from_status}→${l.to_status}`);
	const notices = async (id: number) =>
		(
			await admin.data(
				`/notifications?filter[collection][_eq]=receptions&filter[item][_eq]=${id}&sort=id&limit=-1&fields=recipient,subject`,
			)
		).map((n: any) => [n.recipient, n.subject]);
	const offered = async (who: string, id: number) =>
		(ok(await as[who]!.get(`/visit-flow/actions/receptions/${id}`), 'actions').actions as any[]).map((a) => a.key);
	const sweep = async () => ok(await admin.post('/visit-flow/sweeps/run', {}), 'sweep');
	/** Requested by rep1 and approved by manager1. */
	const approved = async (day = nextDay()) => {
		const id = ok(await request('rep1', {}, day), 'request').id;
		ok(await act('manager1', id, 'approve'), 'approve');
		return id;
	};

	beforeAll(async () => {
		admin = await Client.admin(target);
		for (const who of ['rep1', 'rep2', 'rep4', 'manager1', 'manager2', 'gm', 'assistant', 'service'])
			as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		customer = (
			await admin.data(`/items/customers?filter[owner][_eq]=${users.rep1}&filter[status][_eq]=active&limit=1&fields=id`)
		)[0].id;
	});
	afterAll(closeDatabases);

	it('walks a reception from request to an on-time report, each step by its person', async () => {
		const created = ok(await request('rep1', { escorts: [{ user: users.rep4 }] }), 'request');
		const id = created.id;
		expect(created).toMatchObject({ host: users.rep1, status: 'requested', report_late: false, approver: null });
		expect(await offered('rep1', id)).toEqual(['reception.cancel']);
		expect(await offered('manager1', id)).toEqual(['reception.approve', 'reception.reject', 'reception.cancel']);
		expect(await offered('assistant', id)).toEqual([]);

		refusedWith(await act('rep1', id, 'approve'), 403, 'self_approval');
		refusedWith(await act('rep2', id, 'approve'), 404, 'not_found');
		refusedWith(await act('manager2', id, 'approve'), 404, 'not_found');
		refusedWith(await act('assistant', id, 'approve'), 403, 'not_approver');
		refusedWith(await act('rep1', id, 'arrive'), 409, 'transition');
		ok(await act('manager1', id, 'approve'), 'approve');
		expect(await read(id)).toMatchObject({ status: 'approved', approver: users.manager1 });
		// The host hears of the decision in their language.
		expect((await notices(id)).map(([r]: string[]) => r)).toEqual([users.rep1]);

		expect(await offered('assistant', id)).toEqual(['reception.arrive']);
		refusedWith(await act('service', id, 'arrive'), 404, 'not_found');
		refusedWith(await act('manager1', id, 'arrive'), 403, 'not_front_desk');
		ok(await act('assistant', id, 'arrive'), 'arrive');
		refusedWith(await act('rep1', id, 'cancel'), 409, 'transition');
		refusedWith(await act('assistant', id, 'leave'), 403, 'not_owner');
		const left = ok(await act('rep1', id, 'leave'), 'leave');
		const due = Date.parse(left.report_due_at) - Date.parse(left.left_at);
		expect(due).toBe(24 * 3_600_000);

		refusedWith(await act('manager1', id, 'report', { report: '他写的' }), 403, 'not_owner');
		refusedWith(await act('rep1', id, 'report', { report: '  ' }), 400, 'reception_report_text');
		const reported = ok(await act('rep1', id, 'report', { report: '客户对方案满意，承诺下周报价' }), 'report');
		expect(reported).toMatchObject({ status: 'reported', report: '客户对方案满意，承诺下周报价', report_late: false });
		expect(await offered('rep1', id)).toEqual([]);
		expect(await log(id)).toEqual(['requested→approved', 'approved→arrived', 'arrived→held', 'held→reported']);
		// The escort came with it; an escort from another team is any colleague.
		const escorts = await admin.data(`/items/reception_escorts?filter[reception][_eq]=${id}&fields=user`);
		expect(escorts.map((e: any) => e.user)).toEqual([users.rep4]);
	});

	it('flags a report sent after its deadline as late; a General Manager may approve, the host arrives it too', async () => {
		const id = ok(await request('rep1'), 'request').id;
		ok(await act('gm', id, 'approve'), 'approve by a General Manager');
		ok(await act('rep1', id, 'arrive'), 'arrive by the host');
		ok(await act('rep1', id, 'leave'), 'leave');
		await backdate(target, 'receptions', id, 'report_due_at', new Date(Date.now() - 60_000));
		expect(ok(await act('rep1', id, 'report', { report: '晚了' }), 'report')).toMatchObject({
			status: 'reported',
			report_late: true,
		});
	});

	it('rejects with a reason, cancels before arrival by the host or the supervisor only', async () => {
		const rejected = ok(await request('rep1'), 'request').id;
		refusedWith(await act('manager1', rejected, 'reject'), 422, 'comment_required');
		ok(await act('manager1', rejected, 'reject', { comment: '预算过高' }), 'reject');
		expect(await read(rejected)).toMatchObject({ status: 'rejected', approver: users.manager1 });
		refusedWith(await act('rep1', rejected, 'cancel'), 409, 'transition');

		const byHost = ok(await request('rep1'), 'request').id;
		ok(await act('rep1', byHost, 'cancel'), 'cancel by the host');
		const bySupervisor = await approved();
		refusedWith(await act('rep2', bySupervisor, 'cancel'), 404, 'not_found');
		refusedWith(await act('assistant', bySupervisor, 'cancel'), 403, 'not_host_or_supervisor');
		ok(await act('manager1', bySupervisor, 'cancel'), 'cancel by the supervisor');
		expect(await log(bySupervisor)).toEqual(['requested→approved', 'approved→cancelled']);
	});

	it('refuses hand edits of flow-owned fields through items, batch, GraphQL and import', async () => {
		const id = ok(await request('rep1'), 'request').id;
		refusedWith(await admin.patch(`/items/receptions/${id}`, { status: 'approved' }), 403, 'hand_edit');
		refusedWith(await admin.patch('/items/receptions', [{ id, report_late: true }]), 403, 'hand_edit');
		refusedWith(
			await admin.patch('/items/receptions', { keys: [id], data: { approver: users.manager1 } }),
			403,
			'hand_edit',
		);
		expect((await as.rep1!.patch(`/items/receptions/${id}`, { arrived_at: new Date().toISOString() })).status).toBe(
			403,
		);
		expect((await as.rep1!.patch(`/items/receptions/${id}`, { report: '自己写' })).status).toBe(403);
		refusedWith(await request('rep1', { status: 'approved' }), 403, 'hand_create');
		const gql = await admin.graphql(
			`mutation { update_receptions_item(id: ${id}, data: { left_at: "${YEAR}-01-01T00:00:00Z" }) { id } }`,
		);
		expect(gql.body.errors?.[0]?.message, JSON.stringify(gql.body)).toBeTruthy();
		for (const [rows, reason] of [
			[[{ id, status: 'held' }], 'hand_edit'],
			[[{ customer, host: users.rep1, planned_at: `${YEAR}-02-01T02:00:00Z`, status: 'reported' }], 'hand_create'],
		] as const) {
			const imported = await admin.upload(
				'/utils/import/receptions',
				new Blob([JSON.stringify(rows)], { type: 'application/json' }),
				'receptions.json',
			);
			refusedWith(imported, 403, reason);
		}
		expect(await read(id)).toMatchObject({ status: 'requested', approver: null, arrived_at: null, report: null });
		expect(await log(id)).toEqual([]);
		// The host changes the request until the customer arrives, then it is locked.
		ok(await as.rep1!.patch(`/items/receptions/${id}`, { location: '二号会议室' }), 'edit a request');
		// Another rep's reception is not theirs to host or read.
		expect((await as.rep2!.get(`/items/receptions/${id}`)).status).toBe(403);
		expect((await request('rep2', { host: users.rep1 })).status).toBe(403);
	});

	it('takes gifts as expense requests of the reception’s host only', async () => {
		const id = await approved();
		ok(
			await as.rep1!.post('/items/expense_requests', {
				reception: id,
				kind: 'gift',
				amount: '200.00',
				description: '礼品',
			}),
			'a gift for one’s own reception',
		);
		expect(
			(await as.rep2!.post('/items/expense_requests', { reception: id, kind: 'gift', amount: '50.00' })).status,
		).toBe(403);
		refusedWith(
			await as.manager1!.post('/items/expense_requests', { reception: id, kind: 'gift', amount: '50.00' }),
			403,
			'reception_expense_host',
		);
	});

	it('lists the day’s expected and arrived visitors for the front desk, as each caller may read them', async () => {
		const day = nextDay();
		const expected = await approved(day);
		const arrived = await approved(day);
		ok(await act('assistant', arrived, 'arrive'), 'arrive');
		await backdate(target, 'receptions', arrived, 'arrived_at', new Date(`${day}T03:00:00Z`));
		const requested = ok(await request('rep1', {}, day), 'request').id;
		const log = async (who: string) => {
			const body = ok(await as[who]!.get(`/visit-flow/receptions/today?date=${day}`), `today as ${who}`);
			return [body.expected.map((r: any) => r.id), body.arrived.map((r: any) => r.id)];
		};
		for (const who of ['assistant', 'rep1', 'manager1', 'gm']) {
			const [exp, arr] = await log(who);
			expect(exp, who).toContain(expected);
			expect(exp, who).not.toContain(requested);
			expect(arr, who).toContain(arrived);
		}
		for (const who of ['rep2', 'manager2', 'service']) {
			const [exp, arr] = await log(who);
			expect([...exp, ...arr], who).not.toContain(expected);
			expect([...exp, ...arr], who).not.toContain(arrived);
		}
		refusedWith(await as.assistant!.get('/visit-flow/receptions/today?date=tomorrow'), 400, 'day_or_today');
	});

	/** Approved, arrived and left: its report is due. */
	const held = async () => {
		const id = await approved();
		ok(await act('assistant', id, 'arrive'), 'arrive');
		ok(await act('rep1', id, 'leave'), 'leave');
		return id;
	};
	const followUpsOf = async (id: number) =>
		await admin.data(
			`/items/follow_ups?filter[reception][_eq]=${id}&sort=id&limit=-1&fields=reception,customer,owner,description,due_date,status,visit`,
		);
	/** The company's date (Asia/Shanghai) `days` from now. */
	const shanghaiDay = (days = 0) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

	it('makes the report’s promises the host’s follow-ups, linked to the reception, with the report', async () => {
		const id = await held();
		const actions = ok(await as.rep1!.get(`/visit-flow/actions/receptions/${id}`), 'actions').actions as any[];
		expect(actions.find((a) => a.key === 'reception.report').inputs.map((i: any) => [i.name, i.required])).toEqual([
			['report', true],
			['promises', false],
		]);
		const due = shanghaiDay(10);
		ok(
			await act('rep1', id, 'report', {
				report: '客户参观生产线，关注交期与售后',
				promises: [{ text: '一周内提供正式报价', due_date: due }, { text: '安排技术人员上门培训' }],
			}),
			'report with promises',
		);
		const made = { reception: id, customer, owner: users.rep1, status: 'open', visit: null };
		expect(await followUpsOf(id)).toEqual([
			{ ...made, description: '一周内提供正式报价', due_date: due },
			// No date given: a week after the report.
			{ ...made, description: '安排技术人员上门培训', due_date: shanghaiDay(7) },
		]);
		// The host sees them as theirs; the reception lists them.
		expect((await as.rep1!.data(`/items/follow_ups?filter[reception][_eq]=${id}&fields=id`)).length).toBe(2);
		expect((await read(id)).follow_ups).toHaveLength(2);
		// Nobody links a follow-up to a reception by hand.
		refusedWith(
			await admin.post('/items/follow_ups', {
				reception: id,
				customer,
				owner: users.rep1,
				description: '手工',
				due_date: due,
			}),
			403,
			'hand_create',
		);
	});

	it('writes nothing when one promise is bad: neither the report nor any follow-up', async () => {
		const id = await held();
		const before = await read(id);
		const cases: [unknown, string][] = [
			[[{ text: '寄样品' }, { text: '回电', due_date: '2020-01-01' }], 'reception_promise_due'],
			[[{ text: '寄样品' }, { text: '回电', due_date: `${YEAR}-02-30` }], 'reception_promise_due'],
			[[{ text: '寄样品' }, { text: '' }], 'reception_promise_text'],
			[[{ text: 'x'.repeat(501) }], 'reception_promise_text'],
			[[{ text: '寄样品' }, '回电'], 'reception_promises_invalid'],
			[{ text: '寄样品' }, 'reception_promises_invalid'],
			[Array.from({ length: 21 }, (_, i) => ({ text: `承诺${i}` })), 'reception_promises_invalid'],
		];
		for (const [promises, reason] of cases)
			refusedWith(await act('rep1', id, 'report', { report: '谈了报价', promises }), 400, reason);
		const bad = await act('rep1', id, 'report', { report: '谈了报价', promises: [{ text: '回电', due_date: 'soon' }] });
		// In the caller's language (the demo's reps read Chinese).
		expect(bad.body.errors[0].message).toContain('第 1 项承诺');
		expect(await read(id)).toEqual(before);
		expect(await followUpsOf(id)).toEqual([]);
		expect(await log(id)).toEqual(['requested→approved', 'approved→arrived', 'arrived→held']);
		// Then a good one goes in.
		ok(await act('rep1', id, 'report', { report: '谈了报价', promises: [{ text: '回电' }] }), 'report');
		expect(await followUpsOf(id)).toHaveLength(1);
	});

	it('counts reception reports on time by report deadline, against the rows', async () => {
		const db = connect(target);
		const month = `${YEAR}-11`;
		const kpi = async () => {
			const res = await admin.get(`/visit-kpi/summary?period=${month}&scope=rep&id=${users.rep1}`);
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			const k = (res.body.data.kpis as any[]).find((x) => x.key === 'reception_report_on_time');
			return [k.numerator, k.denominator] as [number, number];
		};
		const fromRows = async () => {
			const at = (d: string) => (target.env.DB_CLIENT === 'pg' ? new Date(d) : Date.parse(d));
			const rows: { report_late: unknown }[] = await db('receptions')
				.where({ host: users.rep1, status: 'reported' })
				.where('report_due_at', '>=', at(`${month}-01T00:00:00+08:00`))
				.where('report_due_at', '<', at(`${YEAR}-12-01T00:00:00+08:00`))
				.select('report_late');
			return [rows.filter((r) => !r.report_late).length, rows.length];
		};
		const before = await kpi();
		expect(before).toEqual(await fromRows());
		// Two reported on time, one late, one held (not reported yet), one reported the month after.
		const onTime = [await held(), await held()];
		for (const id of onTime) ok(await act('rep1', id, 'report', { report: '按时' }), 'report');
		const late = await held();
		await backdate(target, 'receptions', late, 'report_due_at', new Date(Date.now() - 60_000));
		expect(ok(await act('rep1', late, 'report', { report: '晚了' }), 'late report').report_late).toBe(true);
		const pending = await held();
		const after = await held();
		ok(await act('rep1', after, 'report', { report: '下月' }), 'report');
		// Their deadlines moved into the month by SQL: the counters follow the rows.
		const inMonth: [number, string][] = [
			[onTime[0]!, `${month}-01T00:00:00+08:00`],
			[onTime[1]!, `${month}-30T23:59:00+08:00`],
			[late, `${month}-15T10:00:00+08:00`],
			[pending, `${month}-10T10:00:00+08:00`],
			// Just past the month's end in Shanghai (still November in UTC).
			[after, `${YEAR}-12-01T00:30:00+08:00`],
		];
		for (const [id, at] of inMonth) await backdate(target, 'receptions', id, 'report_due_at', new Date(at));
		const now = await kpi();
		expect(now).toEqual(await fromRows());
		expect([now[0] - before[0], now[1] - before[1]]).toEqual([2, 3]);
	});

	it('reminds the host once when the report is due soon, and not again', async () => {
		const id = await approved();
		ok(await act('assistant', id, 'arrive'), 'arrive');
		ok(await act('rep1', id, 'leave'), 'leave');
		const before = (await notices(id)).length;
		await backdate(target, 'receptions', id, 'report_due_at', new Date(Date.now() + 60_000));
		expect((await sweep()).reception_report_reminders).toBeGreaterThanOrEqual(1);
		const after = await notices(id);
		expect(after.slice(before).map(([r]: string[]) => r)).toEqual([users.rep1]);
		await sweep();
		expect(await notices(id)).toHaveLength(after.length);
	});
});
