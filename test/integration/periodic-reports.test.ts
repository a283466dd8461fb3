/**
 * Weekly and monthly reports (周报 / 月报), walked as each role on every database: a rep's report
 * prefilled with the period's figures (recomputed here from the rows the test writes), submit →
 * return → resubmit → approve by the supervisor, the late flag, a month's report held back
 * without its market analysis, the sweep's drafts made once and its reminders sent once, and
 * every refusal: the wrong person, one's own review, a twin, a bad period and hand edits of
 * flow-owned fields through items, batch, GraphQL and import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, zonedDate } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { Client, targets, type Response } from './client.ts';
import { backdate, closeDatabases, dateValue, execute, insertRow, selectRows } from './db.ts';
import { refusedWith } from './expect.ts';
import { yearOf } from './years.ts';

const YEAR = yearOf('periodic-reports.test.ts');
const ZONE = 'Asia/Shanghai';

const ok = (res: Response, what: string) => {
	expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
	return res.body.data;
};

/** The Monday on or before `day`, worked out here rather than by the server's rules. */
const mondayOf = (day: string) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
/** A week of the file's year, a different one for each call. */
let weeks = 0;
const nextWeek = () => mondayOf(addDays(`${YEAR}-01-08`, 7 * (weeks++ + Math.floor(Math.random() * 4) * 12)));

describe.each(targets)('weekly and monthly reports on $name', (target) => {
	let admin: Client;
	const as: Record<string, Client> = {};
	let users: Record<string, string>;
	let customer: number;

	const report = (who: string, period_type: string, period_start: string, extra: object = {}) =>
		as[who]!.post('/items/periodic_reports', { period_type, period_start, ...extra });
	const read = (id: number) => admin.data(`/items/periodic_reports/${id}`);
	const act = (who: string, id: number, action: string, body: object = {}) =>
		as[who]!.post(`/visit-flow/periodic-reports/${id}/${action}`, body);
	const review = (who: string, id: number, decision: string, comment?: string) =>
		act(who, id, 'review', { decision, ...(comment ? { comment } : {}) });
	const log = async (id: number) =>
		(
			await admin.data(
				`/items/approval_log?filter[collection][_eq]=periodic_reports&filter[item][_eq]=${id}&sort=id&limit=-1`,
			)
		).map((l: any) => `${l.from_status}→${l.to_status}`);
	const notices = async (id: number) =>
		(
			await admin.data(
				`/notifications?filter[collection][_eq]=periodic_reports&filter[item][_eq]=${id}&sort=id&limit=-1&fields=recipient,subject`,
			)
		).map((n: any) => [n.recipient, n.subject]);
	const sweep = async () => ok(await admin.post('/visit-flow/sweeps/run', {}), 'sweep');

	beforeAll(async () => {
		admin = await Client.admin(target);
		for (const who of ['rep1', 'rep2', 'manager1', 'manager2', 'gm'])
			as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		customer = (
			await admin.data(`/items/customers?filter[owner][_eq]=${users.rep1}&filter[status][_eq]=active&limit=1&fields=id`)
		)[0].id;
	});
	afterAll(closeDatabases);

	it('walks a weekly report through submit, return, resubmit and approval by the supervisor', async () => {
		const start = nextWeek();
		const created = ok(await report('rep1', 'week', start), 'create');
		const id = created.id;
		// Due on the Friday of its week at 18:00 in the company's zone (UTC+8).
		expect(created).toMatchObject({
			owner: users.rep1,
			status: 'draft',
			late: false,
			due_at: expect.stringMatching(new RegExp(`^${addDays(start, 4)}T10:00:00`)),
		});
		expect(created.facts).toMatchObject({ visits: expect.any(Number), orders: expect.any(Number) });
		refusedWith(await report('rep1', 'week', start), 409, 'periodic_report_exists');
		refusedWith(await act('rep1', id, 'submit'), 422, 'periodic_report_summary');

		ok(await as.rep1!.patch(`/items/periodic_reports/${id}`, { summary: '本周拜访 3 家客户' }), 'write');
		// The wrong people: another rep does not see it, the supervisor does not submit it.
		refusedWith(await act('rep2', id, 'submit'), 404, 'not_found');
		refusedWith(await act('manager1', id, 'submit'), 403, 'not_owner');
		expect(ok(await act('rep1', id, 'submit'), 'submit')).toMatchObject({ status: 'submitted', late: false });
		refusedWith(
			await as.rep1!.patch(`/items/periodic_reports/${id}`, { summary: '改' }),
			409,
			'periodic_report_locked',
		);
		refusedWith(await act('rep1', id, 'submit'), 409, 'transition');

		// Reviewed by the supervisor only: not by oneself, another team's manager or a General Manager.
		refusedWith(await review('rep1', id, 'approved'), 403, 'self_approval');
		refusedWith(await review('manager2', id, 'approved'), 404, 'not_found');
		refusedWith(await review('gm', id, 'approved'), 403, 'not_approver');
		refusedWith(await review('manager1', id, 'maybe'), 400, 'review_decision');
		refusedWith(await review('manager1', id, 'returned'), 422, 'comment_required');
		expect(ok(await review('manager1', id, 'returned', '请补充客户反馈'), 'return')).toMatchObject({
			status: 'returned',
			reviewer: users.manager1,
			review_comment: '请补充客户反馈',
		});

		ok(await as.rep1!.patch(`/items/periodic_reports/${id}`, { next_plan: '下周回访两家' }), 'revise');
		expect(ok(await act('rep1', id, 'submit'), 'resubmit')).toMatchObject({
			status: 'submitted',
			review_comment: null,
			reviewer: null,
		});
		expect(ok(await review('manager1', id, 'approved'), 'approve')).toMatchObject({
			status: 'approved',
			reviewer: users.manager1,
		});
		refusedWith(await review('manager1', id, 'returned', '再改'), 409, 'transition');
		expect(await log(id)).toEqual([
			'draft→submitted',
			'submitted→returned',
			'returned→submitted',
			'submitted→approved',
		]);

		// The supervisor hears of each submission, the rep of each decision, each in their language.
		const languages = Object.fromEntries(
			(await admin.data('/users?fields=id,language&limit=-1')).map((u: any) => [u.id, u.language]),
		);
		const told = await notices(id);
		expect(told.map(([r]: string[]) => r)).toEqual([users.manager1, users.rep1, users.manager1, users.rep1]);
		for (const [recipient, subject] of told) {
			const language = languages[recipient];
			const expected = !language
				? /周报\/月报|weekly or monthly report/
				: language.startsWith('zh')
					? /周报\/月报/
					: /weekly or monthly report/;
			expect(subject, subject).toMatch(expected);
		}
	});

	it('flags a report first submitted after its due time, and keeps the flag through a return', async () => {
		const id = ok(await report('rep1', 'week', nextWeek(), { summary: '本周总结' }), 'create').id;
		await backdate(target, 'periodic_reports', id, 'due_at', new Date(Date.now() - 3_600_000));
		expect(ok(await act('rep1', id, 'submit'), 'late submit')).toMatchObject({ status: 'submitted', late: true });
		ok(await review('manager1', id, 'returned', '数据不全'), 'return');
		expect(ok(await act('rep1', id, 'submit'), 'resubmit')).toMatchObject({ status: 'submitted', late: true });

		// On time: before the deadline the server set.
		const onTime = ok(await report('rep1', 'week', nextWeek(), { summary: '本周总结' }), 'create').id;
		expect(ok(await act('rep1', onTime, 'submit'), 'submit')).toMatchObject({ late: false });
	});

	it('holds a monthly report back until it carries its market analysis', async () => {
		const month = `${YEAR}-${String(2 + Math.floor(Math.random() * 9)).padStart(2, '0')}`;
		const id = ok(await report('rep1', 'month', `${month}-01`, { summary: '本月工作总结' }), 'create').id;
		const [y, m] = month.split('-').map(Number) as [number, number];
		const next = new Date(Date.UTC(y, m, 5)).toISOString().slice(0, 10);
		// By the end of the 5th of the next month, company time.
		expect((await read(id)).due_at).toMatch(new RegExp(`^${next}T15:59:59`));
		refusedWith(await act('rep1', id, 'submit'), 422, 'periodic_report_market_analysis');
		ok(
			await as.rep1!.patch(`/items/periodic_reports/${id}`, { market_analysis: '华东需求回暖，竞品降价 5%' }),
			'write',
		);
		expect(ok(await act('rep1', id, 'submit'), 'submit')).toMatchObject({ status: 'submitted' });
		expect(ok(await review('manager1', id, 'approved'), 'approve')).toMatchObject({ status: 'approved' });
	});

	it('refuses periods that start no week or month, and reports for someone else', async () => {
		const monday = nextWeek();
		refusedWith(await report('rep1', 'week', addDays(monday, 1)), 400, 'periodic_report_period');
		refusedWith(await report('rep1', 'month', `${YEAR}-03-02`), 400, 'periodic_report_period');
		refusedWith(await report('rep1', 'year', `${YEAR}-01-01`), 400, 'periodic_report_period');
		expect((await report('rep1', 'week', monday, { owner: users.rep2 })).status).toBe(403);
	});

	it('prefills the figures of the owner’s period, and refreshes them on saving and submitting', async () => {
		const start = nextWeek();
		const at = (day: number, hour: number) =>
			new Date(`${addDays(start, day)}T${String(hour).padStart(2, '0')}:00:00Z`);
		const visit = (owner: string, status: string, checkOut: Date) =>
			insertRow(target, 'visits', {
				owner,
				customer,
				purpose: 'relationship',
				channel: 'onsite',
				scheduled_start: checkOut,
				status,
				check_in_at: checkOut,
				check_out_at: status === 'completed' ? checkOut : null,
			});
		// Counted: two completed visits inside the week (Monday 00:30 company time is Sunday 16:30 UTC).
		await visit(users.rep1!, 'completed', new Date(`${addDays(start, -1)}T16:30:00Z`));
		await visit(users.rep1!, 'completed', at(4, 8));
		// Not counted: after the week (next Monday 00:30 company time), not completed, or another's.
		await visit(users.rep1!, 'completed', new Date(`${addDays(start, 6)}T16:30:00Z`));
		await visit(users.rep1!, 'in_progress', at(2, 3));
		await visit(users.rep2!, 'completed', at(2, 3));
		const tag = `${YEAR}${Date.now()}`;
		// A customer of rep1's created in the week: a copy of one of theirs under a new name and code.
		const [{ id: _, ...model }] = await selectRows(target, 'customers', { id: customer });
		await insertRow(target, 'customers', {
			...model,
			name: `周报测试客户 ${tag}`,
			code: `PR-${tag}`,
			date_created: at(1, 2),
			date_updated: null,
		});
		const order = (amount: number, status: string, day: string, n: number) =>
			insertRow(target, 'sales_orders', {
				order_no: `PR${tag}-${n}`,
				customer,
				owner: users.rep1,
				signed_at: dateValue(target, day),
				amount,
				paid_amount: 0,
				status,
			});
		const signed = await order(1234.5, 'signed', addDays(start, 2), 1);
		await order(999, 'cancelled', addDays(start, 2), 2);
		const earlier = await order(5000, 'signed', addDays(start, -10), 3);
		for (const [on, amount, when] of [
			[signed, 300, at(3, 2)],
			[earlier, 200.25, at(5, 2)],
			[earlier, 700, at(8, 2)],
		] as const)
			await insertRow(target, 'payments', {
				order: on,
				amount,
				received_at: when,
				method: 'bank_transfer',
			});
		for (const [actor, when] of [
			[users.rep1, at(1, 1)],
			[users.rep1, at(2, 1)],
			[users.rep2, at(2, 1)],
		] as const)
			await insertRow(target, 'approval_log', {
				collection: 'opportunities',
				item: '1',
				from_status: 'lead',
				to_status: 'qualified',
				actor,
				at: when,
			});

		const id = ok(await report('rep1', 'week', start), 'create').id;
		const expected = {
			visits: 2,
			new_customers: 1,
			orders: 1,
			order_amount: '1234.50',
			collections: '500.25',
			opportunities_moved: 2,
		};
		expect((await read(id)).facts).toEqual(expected);

		await visit(users.rep1!, 'completed', at(3, 5));
		ok(await as.rep1!.patch(`/items/periodic_reports/${id}`, { summary: '本周总结' }), 'write');
		expect((await read(id)).facts).toEqual({ ...expected, visits: 3 });
		await visit(users.rep1!, 'completed', at(3, 6));
		ok(await act('rep1', id, 'submit'), 'submit');
		expect((await read(id)).facts).toEqual({ ...expected, visits: 4 });
		// Once submitted the figures are what went up.
		await visit(users.rep1!, 'completed', at(3, 7));
		ok(await review('manager1', id, 'approved'), 'approve');
		expect((await read(id)).facts).toEqual({ ...expected, visits: 4 });
	});

	it('shows each person the reports of their scope, and offers the actions of the caller', async () => {
		const id = ok(await report('rep2', 'week', nextWeek(), { summary: '本周总结' }), 'create').id;
		const seen = async (who: string) =>
			(await as[who]!.request('GET', `/items/periodic_reports?filter[id][_eq]=${id}&fields=id`)).body.data.length;
		expect([
			await seen('rep2'),
			await seen('rep1'),
			await seen('manager1'),
			await seen('manager2'),
			await seen('gm'),
		]).toEqual([1, 0, 1, 0, 1]);
		const offered = async (who: string) =>
			ok(await as[who]!.request('GET', `/visit-flow/actions/periodic_reports/${id}`), 'actions').actions.map(
				(a: any) => a.key,
			);
		expect(await offered('rep2')).toEqual(['periodic_report.submit']);
		expect(await offered('manager1')).toEqual([]);
		ok(await act('rep2', id, 'submit'), 'submit');
		expect(await offered('manager1')).toEqual(['periodic_report.approve', 'periodic_report.return']);
		expect(await offered('rep2')).toEqual([]);
		expect(await offered('gm')).toEqual([]);
	});

	it('refuses hand edits of flow-owned fields through items, batch, GraphQL and import', async () => {
		const id = ok(await report('rep1', 'week', nextWeek(), { summary: '本周总结' }), 'create').id;
		refusedWith(await admin.patch(`/items/periodic_reports/${id}`, { status: 'approved' }), 403, 'hand_edit');
		refusedWith(await admin.patch(`/items/periodic_reports/${id}`, { facts: { visits: 99 } }), 403, 'hand_edit');
		refusedWith(await admin.patch('/items/periodic_reports', [{ id, late: true }]), 403, 'hand_edit');
		refusedWith(
			await admin.patch('/items/periodic_reports', { keys: [id], data: { reviewer: users.manager1 } }),
			403,
			'hand_edit',
		);
		expect((await as.rep1!.patch(`/items/periodic_reports/${id}`, { due_at: new Date().toISOString() })).status).toBe(
			403,
		);
		refusedWith(
			await admin.post('/items/periodic_reports', {
				owner: users.rep2,
				period_type: 'week',
				period_start: nextWeek(),
				status: 'approved',
			}),
			403,
			'hand_create',
		);
		const gql = await admin.graphql(
			`mutation { update_periodic_reports_item(id: ${id}, data: { submitted_at: "${YEAR}-01-01T00:00:00Z" }) { id } }`,
		);
		expect(gql.body.errors?.[0]?.message, JSON.stringify(gql.body)).toBeTruthy();
		for (const [rows, reason] of [
			[[{ id, status: 'submitted' }], 'hand_edit'],
			[[{ owner: users.rep2, period_type: 'week', period_start: nextWeek(), late: true }], 'hand_create'],
		] as const) {
			const imported = await admin.upload(
				'/utils/import/periodic_reports',
				new Blob([JSON.stringify(rows)], { type: 'application/json' }),
				'periodic_reports.json',
			);
			refusedWith(imported, 403, reason);
		}
		expect(await read(id)).toMatchObject({ status: 'draft', late: false, submitted_at: null, reviewer: null });
		expect(await log(id)).toEqual([]);
	});

	it('makes each rep’s drafts of the current week and month once, and reminds each draft once', async () => {
		const settings = await admin.data('/items/visit_settings?fields=timezone');
		const zone = (Array.isArray(settings) ? settings[0] : settings)?.timezone ?? ZONE;
		const today = zonedDate(new Date(), zone);
		const week = mondayOf(today);
		const month = `${today.slice(0, 7)}-01`;
		const current = async (): Promise<any[]> =>
			admin.data(
				`/items/periodic_reports?filter[owner][_eq]=${users.rep1}&filter[period_start][_in]=${week},${month}&fields=id,period_type,period_start,status&limit=-1`,
			);
		// As on the first minute of a period: rep1 has none yet and the sweep has not run for it.
		for (const row of await current()) {
			await execute(
				target,
				`DELETE FROM directus_notifications WHERE collection = 'periodic_reports' AND item = '${row.id}'`,
			);
			await execute(target, `DELETE FROM approval_log WHERE collection = 'periodic_reports' AND item = '${row.id}'`);
			await execute(target, `DELETE FROM periodic_reports WHERE id = ${Number(row.id)}`);
		}
		await execute(target, "UPDATE sweep_marks SET stamp = NULL WHERE id = 'periodic_reports'");

		const first = await sweep();
		expect(first.failed).toEqual([]);
		expect(first.periodic_reports).toBeGreaterThanOrEqual(2);
		const made = await current();
		expect(made.map((r) => r.period_type).sort()).toEqual(['month', 'week']);
		for (const row of made) expect(row.status).toBe('draft');
		const second = await sweep();
		expect(second.periodic_reports).toBe(0);
		expect(await current()).toHaveLength(2);
		// Also when the stamp is lost: the drafts are there, nothing is added.
		await execute(target, "UPDATE sweep_marks SET stamp = NULL WHERE id = 'periodic_reports'");
		expect((await sweep()).periodic_reports).toBe(0);
		expect(await current()).toHaveLength(2);
		// One a person and period, whoever writes: a second row is refused by the database.
		const weekly = made.find((r) => r.period_type === 'week')!;
		await expect(
			insertRow(target, 'periodic_reports', {
				owner: users.rep1,
				period_type: 'week',
				period_start: dateValue(target, week),
				status: 'draft',
			}),
		).rejects.toThrow();
		refusedWith(await report('rep1', 'week', week), 409, 'periodic_report_exists');

		// Its deadline near: one reminder, to its owner; the next sweep sends none. (Late in the week the first sweep
		// has reminded it already, its deadline being past: that reminder is cleared, as before the deadline came.)
		await execute(
			target,
			`DELETE FROM directus_notifications WHERE collection = 'periodic_reports' AND item = '${weekly.id}'`,
		);
		await backdate(target, 'periodic_reports', weekly.id, 'due_at', new Date(Date.now() + 60_000));
		const reminded = await sweep();
		expect(reminded.periodic_report_reminders).toBeGreaterThanOrEqual(1);
		expect((await notices(weekly.id)).map(([r]: string[]) => r)).toEqual([users.rep1]);
		await sweep();
		expect(await notices(weekly.id)).toHaveLength(1);
	});
});
