/**
 * Carrying out visits over HTTP: check-in with the geofence and its refusals, check-out and
 * the report deadline on the work calendar, report submission and review, follow-ups, daily
 * reports, the route of the day and the sweeps (run twice: nothing changes the second time).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportDueAt } from '../../extensions/sales-visits/src/domain/deadlines.ts';
import { workCalendar } from '../../extensions/sales-visits/src/setup/work-calendar.ts';
import { Client, targets } from './client.ts';
import { backdate, closeDatabases } from './db.ts';
import { eventually, refusedWith } from './expect.ts';

/** About `metres` north of a point (1° of latitude ≈ 111.2 km). */
const north = (p: { latitude: number; longitude: number }, metres: number) => ({
	latitude: p.latitude + metres / 111_195,
	longitude: p.longitude,
});
const hours = (n: number) => n * 3_600_000;

describe.each(targets)('field work on $name', (target) => {
	let admin: Client;
	let users: Record<string, string>;
	const as: Record<string, Client> = {};
	let customer: { id: number; latitude: number; longitude: number };
	let settingsBefore: Record<string, unknown>;

	beforeAll(async () => {
		admin = await Client.admin(target);
		for (const who of ['rep1', 'rep2', 'manager1', 'manager2', 'gm'])
			as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		customer = (
			await admin.data(
				`/items/customers?filter[owner][_eq]=${users.rep1}&filter[latitude][_nnull]=true&limit=1&fields=id,latitude,longitude`,
			)
		)[0];
		customer = { id: customer.id, latitude: Number(customer.latitude), longitude: Number(customer.longitude) };
		settingsBefore = await admin.data('/items/visit_settings');
	});
	afterAll(async () => {
		const { id: _, ...settings } = settingsBefore;
		await admin.patch('/items/visit_settings', settings);
		await closeDatabases();
	});

	const settings = (patch: Record<string, unknown>) => admin.patch('/items/visit_settings', patch);
	const visit = async (id: number) => (await admin.data(`/items/visits/${id}`)) as Record<string, any>;
	const log = async (id: number) =>
		(
			(await admin.data(
				`/items/approval_log?filter[collection][_eq]=visits&filter[item][_eq]=${id}&sort=id&limit=-1`,
			)) as any[]
		).map((l) => `${l.from_status}→${l.to_status}`);
	const act = (who: string, path: string, body: Record<string, unknown> = {}) =>
		as[who]!.post(`/visit-flow/${path}`, body);
	const here = (metres = 0, extra: Record<string, unknown> = {}) => ({
		...north(customer, metres),
		accuracy: 20,
		timestamp: Date.now(),
		...extra,
	});

	/** A visit of rep1's to the test customer, applied for and approved when it needs it. */
	async function scheduled(channel = 'onsite', startsIn = hours(1)) {
		const res = await as.rep1!.post('/items/visits', {
			customer: customer.id,
			purpose: 'relationship',
			channel,
			scheduled_start: new Date(Date.now() + startsIn).toISOString(),
		});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const id = res.body.data.id as number;
		if (channel === 'onsite') {
			await eventually(async () => expect((await visit(id)).requires_application).toBe(true));
			await act('rep1', `visits/${id}/application`);
			await act('manager1', `visits/${id}/application/approve`);
		}
		return id;
	}

	it('walks a visit from scheduled to an approved report, as a rep and a manager', async () => {
		const id = await scheduled();
		const checkedIn = await act('rep1', `visits/${id}/check-in`, here(120));
		expect(checkedIn.status, JSON.stringify(checkedIn.body)).toBe(200);
		expect(checkedIn.body.data).toMatchObject({
			status: 'in_progress',
			outside_geofence: false,
			check_in_accuracy_m: 20,
		});
		expect(checkedIn.body.data.check_in_distance_m).toBeGreaterThan(100);
		expect(checkedIn.body.data.check_in_distance_m).toBeLessThan(140);
		expect(Math.abs(Date.parse(checkedIn.body.data.check_in_at) - Date.now())).toBeLessThan(30_000);

		const out = await act('rep1', `visits/${id}/check-out`);
		expect(out.body.data).toMatchObject({ status: 'completed', report_status: 'pending' });
		expect(Date.parse(out.body.data.report_due_at) - Date.parse(out.body.data.check_out_at)).toBe(hours(48));

		refusedWith(await act('rep1', `visits/${id}/report`, { summary: '太短' }), 422, 'report_summary');
		refusedWith(
			await act('rep1', `visits/${id}/report`, {
				summary: '介绍了新产品，客户有采购意向',
				follow_ups: [{ description: '寄样品', due_date: '2020-01-01' }],
			}),
			422,
			'follow_up_past',
		);
		refusedWith(
			await as.rep1!.post('/items/visit_reports', { visit: id, summary: '绕过流程直接写报告' }),
			403,
			'report_by_endpoint',
		);
		const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
		const submitted = await act('rep1', `visits/${id}/report`, {
			summary: '介绍了新产品，客户有采购意向',
			next_steps: '下周报价',
			follow_ups: [{ description: '寄送样品', due_date: due }],
		});
		expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
		expect(submitted.body.data).toMatchObject({ report_status: 'submitted', report_late: false });
		const followUps: any[] = await admin.data(`/items/follow_ups?filter[visit][_eq]=${id}`);
		expect(followUps).toMatchObject([
			{ owner: users.rep1, customer: customer.id, description: '寄送样品', due_date: due, status: 'open' },
		]);

		refusedWith(await act('rep1', `visits/${id}/report/review`, { decision: 'approved' }), 403, 'self_approval');
		refusedWith(await act('manager2', `visits/${id}/report/review`, { decision: 'approved' }), 404, 'not_found');
		refusedWith(await act('manager1', `visits/${id}/report/review`, { decision: 'maybe' }), 400, 'review_decision');
		refusedWith(await act('manager1', `visits/${id}/report/review`, { decision: 'returned' }), 422, 'comment_required');
		expect(
			(await act('manager1', `visits/${id}/report/review`, { decision: 'returned', comment: '请补充竞争对手信息' }))
				.body.data.report_status,
		).toBe('returned');
		expect(
			(
				await act('rep1', `visits/${id}/report`, {
					summary: '介绍了新产品，客户有采购意向',
					competitor_info: '竞品报价低5%',
				})
			).body.data.report_status,
		).toBe('submitted');
		expect(
			(await act('manager1', `visits/${id}/report/review`, { decision: 'approved' })).body.data.report_status,
		).toBe('approved');

		const [report] = await admin.data(`/items/visit_reports?filter[visit][_eq]=${id}`);
		expect(report).toMatchObject({
			competitor_info: '竞品报价低5%',
			reviewer: users.manager1,
			review_decision: 'approved',
		});
		expect(await log(id)).toEqual([
			'not_required→pending',
			'pending→approved',
			'scheduled→in_progress',
			'in_progress→completed',
			'pending→submitted',
			'submitted→returned',
			'returned→submitted',
			'submitted→approved',
		]);
		const notices: any[] = await admin.data(
			`/notifications?filter[recipient][_eq]=${users.rep1}&filter[collection][_eq]=visits&filter[item][_eq]=${id}&limit=-1`,
		);
		expect(notices.map((n) => n.subject)).toEqual(
			expect.arrayContaining([
				expect.stringContaining('拜访报告 #' + id + ' 已退回'),
				expect.stringContaining('拜访报告 #' + id + ' 已通过'),
			]),
		);

		const done = await act('rep1', `follow-ups/${followUps[0].id}/complete`);
		expect(done.body.data).toMatchObject({ status: 'done', overdue: false });
		expect(done.body.data.completed_at).toEqual(expect.any(String));
	});

	it('refuses check-ins that are not where, when or whose they should be', async () => {
		const id = await scheduled();
		refusedWith(await act('rep2', `visits/${id}/check-in`, here()), 404, 'not_found');
		refusedWith(await act('manager1', `visits/${id}/check-in`, here()), 403, 'not_owner');
		refusedWith(await act('rep1', `visits/${id}/check-in`, {}), 422, 'coordinates_required');
		refusedWith(
			await act('rep1', `visits/${id}/check-in`, { latitude: 95, longitude: 120 }),
			422,
			'coordinates_invalid',
		);
		refusedWith(await act('rep1', `visits/${id}/check-in`, here(0, { accuracy: 5000 })), 422, 'fix_inaccurate');
		refusedWith(
			await act('rep1', `visits/${id}/check-in`, here(0, { timestamp: Date.now() - 3_600_000 })),
			422,
			'fix_stale',
		);
		refusedWith(
			await act('rep1', `visits/${id}/check-in`, here(0, { timestamp: Date.now() + 3_600_000 })),
			422,
			'fix_stale',
		);
		refusedWith(await act('rep1', `visits/${id}/check-in`, here(3000)), 422, 'outside_geofence_reason');
		refusedWith(
			await as.rep1!.patch(`/items/visits/${id}`, { check_in_at: new Date().toISOString() }),
			403,
			'hand_edit',
		);
		expect(await visit(id)).toMatchObject({ status: 'scheduled', check_in_at: null });

		// Soft geofence: outside with a reason, acknowledged once by the manager.
		const outside = await act('rep1', `visits/${id}/check-in`, here(3000, { reason: '客户临时改在分厂见面' }));
		expect(outside.body.data).toMatchObject({
			status: 'in_progress',
			outside_geofence: true,
			check_in_reason: '客户临时改在分厂见面',
		});
		refusedWith(await act('rep1', `visits/${id}/check-in`, here()), 409, 'transition');
		refusedWith(await act('rep1', `visits/${id}/check-in/acknowledge`), 403, 'self_approval');
		expect((await act('manager1', `visits/${id}/check-in/acknowledge`)).body.data.geofence_acknowledged_by).toBe(
			users.manager1,
		);
		refusedWith(await act('manager1', `visits/${id}/check-in/acknowledge`), 409, 'already_acknowledged');

		// Hard geofence: no check-in outside.
		await settings({ geofence_mode: 'hard' });
		try {
			const hard = await scheduled();
			refusedWith(await act('rep1', `visits/${hard}/check-in`, here(3000, { reason: 'x' })), 422, 'outside_geofence');
		} finally {
			await settings({ geofence_mode: 'soft' });
		}

		// Cancelled visits take no check-in; a phone call needs no position.
		const cancelled = await scheduled('phone');
		refusedWith(await act('rep1', `visits/${cancelled}/cancel`), 422, 'comment_required');
		expect((await act('rep1', `visits/${cancelled}/cancel`, { comment: '客户改期' })).body.data.status).toBe(
			'cancelled',
		);
		refusedWith(await act('rep1', `visits/${cancelled}/check-in`, {}), 409, 'transition');
		const call = await scheduled('phone');
		expect((await visit(call)).requires_application).toBe(false);
		expect((await act('rep1', `visits/${call}/check-in`, {})).body.data).toMatchObject({
			status: 'in_progress',
			check_in_latitude: null,
		});
	});

	it('refuses a check-in without its approved application, or flags it unauthorized when the setting says so', async () => {
		const res = await as.rep1!.post('/items/visits', {
			customer: customer.id,
			purpose: 'new_customer',
			channel: 'onsite',
			scheduled_start: new Date(Date.now() + hours(1)).toISOString(),
		});
		const id = res.body.data.id;
		await eventually(async () => expect((await visit(id)).requires_application).toBe(true));
		refusedWith(await act('rep1', `visits/${id}/check-in`, here()), 409, 'application_required');
		await settings({ unapproved_check_in: 'flag' });
		try {
			expect((await act('rep1', `visits/${id}/check-in`, here())).body.data).toMatchObject({
				status: 'in_progress',
				unauthorized: true,
			});
		} finally {
			await settings({ unapproved_check_in: 'refuse' });
		}
	});

	it('counts a report deadline in working days on the work calendar when set', async () => {
		await settings({ report_deadline_workdays: 2 });
		try {
			const id = await scheduled('phone');
			await act('rep1', `visits/${id}/check-in`, {});
			const out = (await act('rep1', `visits/${id}/check-out`)).body.data;
			const calendar = new Map(workCalendar.map((d) => [d.date, d.is_workday]));
			const expected = reportDueAt(
				new Date(out.check_out_at),
				{ timezone: 'Asia/Shanghai', report_deadline_hours: 48, report_deadline_workdays: 2 },
				calendar,
			);
			expect(out.report_due_at).toBe(expected.toISOString());
		} finally {
			await settings({ report_deadline_workdays: null });
		}
	});

	it('prefills and stamps a daily report, which the form lets the rep save empty', async () => {
		// The Studio checks `required` before anything is sent: the form must let the summary be left empty.
		expect((await as.rep2!.data('/fields/daily_reports/summary')).meta.required).toBe(false);
		const date = new Date(Date.now() + hours(8)).toISOString().slice(0, 10);
		const existing: any[] = await admin.data(
			`/items/daily_reports?filter[owner][_eq]=${users.rep2}&filter[date][_eq]=${date}&fields=id`,
		);
		if (existing.length)
			await admin.request(
				'DELETE',
				'/items/daily_reports',
				existing.map((r) => r.id),
			);
		const res = await as.rep2!.post('/items/daily_reports', { date });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		expect(res.body.data.summary.length).toBeGreaterThan(3);
		await eventually(async () =>
			expect((await admin.data(`/items/daily_reports/${res.body.data.id}`)).submitted_at).toEqual(expect.any(String)),
		);
		refusedWith(await as.rep2!.patch(`/items/daily_reports/${res.body.data.id}`, { late: false }), 403, 'hand_edit');
	});

	it('orders the day’s visits into a route', async () => {
		const tomorrow = new Date(Date.now() + 86_400_000 * 30);
		const day = new Date(tomorrow.getTime() + hours(8)).toISOString().slice(0, 10);
		const [far, near] = await admin.data(
			`/items/customers?filter[owner][_eq]=${users.rep1}&filter[latitude][_nnull]=true&fields=id,latitude,longitude&limit=2&sort=-latitude`,
		);
		for (const [c, hour] of [
			[far, 9],
			[near, 15],
		] as const) {
			await as.rep1!.post('/items/visits', {
				customer: c.id,
				purpose: 'relationship',
				channel: 'onsite',
				scheduled_start: new Date(`${day}T0${hour === 9 ? 1 : 7}:00:00Z`).toISOString(),
			});
		}
		const from = `${Number(near.latitude)},${Number(near.longitude)}`;
		const route = await as.rep1!.get(`/visit-flow/route?date=${day}&from=${from}`);
		expect(route.status, JSON.stringify(route.body)).toBe(200);
		const ids = route.body.data.stops.map((s: any) => s.customer.id);
		expect(ids.indexOf(near.id)).toBeLessThan(ids.indexOf(far.id));
		expect(route.body.data.stops[0].leg_m).toBe(0);
		expect(route.body.data.total_m).toBeGreaterThanOrEqual(0);
		refusedWith(await as.rep1!.get('/visit-flow/route?date=tomorrow'), 400, 'route_date');
		expect((await as.rep2!.get(`/visit-flow/route?date=${day}&owner=${users.rep1}`)).body.data.stops).toEqual([]);
	});

	it('sweeps overdue reports, missed visits, overdue follow-ups and reminders once', async () => {
		// A report past due (its deadline moved back: time cannot pass in a test), one due within
		// the reminder window, a visit of two days ago, a follow-up of two days ago.
		const overdue = await scheduled('phone');
		await act('rep1', `visits/${overdue}/check-in`, {});
		await act('rep1', `visits/${overdue}/check-out`);
		await backdate(target, 'visits', overdue, 'report_due_at', new Date(Date.now() - 60_000));
		await settings({ report_deadline_hours: 1 });
		let soon: number;
		try {
			soon = await scheduled('phone');
			await act('rep1', `visits/${soon}/check-in`, {});
			await act('rep1', `visits/${soon}/check-out`);
		} finally {
			await settings({ report_deadline_hours: 48 });
		}
		const missed = await scheduled('phone', -hours(48));
		const yesterday = new Date(Date.now() - 86_400_000 * 2).toISOString().slice(0, 10);
		const followUp = (
			await as.rep1!.post('/items/follow_ups', {
				customer: customer.id,
				description: '回电确认报价',
				due_date: yesterday,
			})
		).body.data.id;

		expect((await as.manager1!.post('/visit-flow/sweeps/run', {})).status).toBe(403);
		const first = await admin.post('/visit-flow/sweeps/run', {});
		expect(first.status, JSON.stringify(first.body)).toBe(200);
		for (const key of ['overdue_reports', 'missed_visits', 'overdue_follow_ups', 'report_reminders'])
			expect(first.body.data[key], key).toBeGreaterThanOrEqual(1);
		expect((await visit(overdue)).report_status).toBe('overdue');
		expect((await visit(missed)).status).toBe('missed');
		expect((await visit(soon)).report_reminded_at).toEqual(expect.any(String));
		expect((await admin.data(`/items/follow_ups/${followUp}`)).overdue).toBe(true);
		expect(await log(overdue)).toEqual(['scheduled→in_progress', 'in_progress→completed', 'pending→overdue']);
		expect(await log(missed)).toEqual(['scheduled→missed']);

		const second = await admin.post('/visit-flow/sweeps/run', {});
		expect(second.body.data).toEqual({
			overdue_reports: 0,
			missed_visits: 0,
			overdue_follow_ups: 0,
			report_reminders: 0,
			daily_report_reminders: 0,
			periodic_reports: 0,
			periodic_report_reminders: 0,
			reception_report_reminders: 0,
			appraisals: 0,
			scheduled_revisits: 0,
			care_reminders: 0,
			missed_revisits: 0,
			late_complaints: 0,
			escalated_complaints: 0,
			expired_quotes: 0,
			overdue_schedules: 0,
			commission_statements: 0,
			failed: [],
		});
		for (const id of [overdue, missed, soon]) {
			const notices: any[] = await admin.data(
				`/notifications?filter[collection][_eq]=visits&filter[item][_eq]=${id}&filter[recipient][_eq]=${users.rep1}&limit=-1`,
			);
			expect(
				notices.filter((n) => /逾期|未拜访|即将到期/.test(n.subject)),
				`visit ${id}`,
			).toHaveLength(1);
		}
		// A late report is accepted and flagged.
		expect(
			(await act('rep1', `visits/${overdue}/report`, { summary: '电话沟通了续约事宜，客户同意' })).body.data,
		).toMatchObject({ report_status: 'submitted', report_late: true });
	});
});
