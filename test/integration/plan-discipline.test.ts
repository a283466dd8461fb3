/**
 * 不得擅自更改拜访计划 / 报备后方可出门 over HTTP: a visit an approved plan scheduled keeps its
 * customer, channel and day on every write path (REST, batch, GraphQL, import), its time moves
 * within the day; check-in only on the visit's day (or within the window) and, when the setting
 * asks for it, only after the assistant's filing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, targets } from './client.ts';
import { closeDatabases } from './db.ts';
import { eventually, refusedWith } from './expect.ts';
import { monthOf } from './years.ts';

describe.each(targets)('plan discipline on $name', (target) => {
	let admin: Client;
	let users: Record<string, string>;
	const as: Record<string, Client> = {};
	let mine: { id: number; latitude: number; longitude: number };
	let other: number;
	let month = Math.floor(Math.random() * 24);
	let settingsBefore: Record<string, unknown>;

	beforeAll(async () => {
		admin = await Client.admin(target);
		for (const who of ['rep1', 'manager1', 'assistant']) as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		const own: any[] = await admin.data(
			`/items/customers?filter[owner][_eq]=${users.rep1}&filter[latitude][_nnull]=true&limit=2&fields=id,latitude,longitude`,
		);
		mine = { id: own[0].id, latitude: Number(own[0].latitude), longitude: Number(own[0].longitude) };
		other = own[1].id;
		settingsBefore = await admin.data(
			'/items/visit_settings?fields=require_filing_before_check_in,check_in_window_hours',
		);
	});
	afterAll(async () => {
		await admin.patch('/items/visit_settings', settingsBefore);
		await closeDatabases();
	});

	const visit = async (id: number) => (await admin.data(`/items/visits/${id}`)) as Record<string, any>;
	const act = (who: string, path: string, body: Record<string, unknown> = {}) =>
		as[who]!.post(`/visit-flow/${path}`, body);
	/** The action keys GET /visit-flow/actions offers rep1 on a visit. */
	const offered = async (id: number): Promise<string[]> =>
		((await as.rep1!.data(`/visit-flow/actions/visits/${id}`)).actions as { key: string }[]).map((a) => a.key);

	/** A visit of rep1's that an approved month plan scheduled (years.ts: 2136–2137). */
	async function planVisit() {
		const m = monthOf('plan-discipline.test.ts', month++);
		const res = await as.rep1!.post('/items/visit_plans', {
			period_type: 'month',
			period_start: `${m}-01`,
			items: [{ customer: mine.id, planned_date: `${m}-05`, purpose: 'relationship' }],
		});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const plan = res.body.data.id;
		expect((await act('rep1', `plans/${plan}/submit`)).status).toBe(200);
		expect((await act('manager1', `plans/${plan}/approve`)).status).toBe(200);
		const [v] = await admin.data(`/items/visits?filter[plan_item][plan][_eq]=${plan}&limit=-1`);
		return v as Record<string, any>;
	}

	it('refuse a change of customer, channel or day of a plan visit on every path, and let the time move within the day', async () => {
		const v = await planVisit();
		const nextDay = new Date(Date.parse(v.scheduled_start) + 86_400_000).toISOString();
		for (const who of ['rep1', 'manager1']) {
			refusedWith(await as[who]!.patch(`/items/visits/${v.id}`, { customer: other }), 409, 'plan_visit_fixed');
			refusedWith(await as[who]!.patch(`/items/visits/${v.id}`, { channel: 'phone' }), 409, 'plan_visit_fixed');
			refusedWith(await as[who]!.patch(`/items/visits/${v.id}`, { scheduled_start: nextDay }), 409, 'plan_visit_fixed');
		}
		refusedWith(
			await as.rep1!.patch('/items/visits', { keys: [v.id], data: { scheduled_start: nextDay } }),
			409,
			'plan_visit_fixed',
		);
		refusedWith(await admin.patch(`/items/visits/${v.id}`, { customer: other }), 409, 'plan_visit_fixed');
		const gql = await as.rep1!.graphql(
			`mutation { update_visits_item(id: ${v.id}, data: { scheduled_start: "${nextDay}" }) { id } }`,
		);
		expect(gql.body.errors?.[0]?.extensions?.reason, JSON.stringify(gql.body)).toBe('plan_visit_fixed');
		const imported = await admin.upload(
			'/utils/import/visits',
			new Blob([JSON.stringify([{ id: v.id, channel: 'video' }])], { type: 'application/json' }),
			'visits.json',
		);
		refusedWith(imported, 409, 'plan_visit_fixed');
		expect(await visit(v.id)).toMatchObject({
			customer: mine.id,
			channel: v.channel,
			scheduled_start: v.scheduled_start,
		});

		// 09:00 → 15:00 the same day (Shanghai) is the rep's to move.
		const later = new Date(Date.parse(v.scheduled_start) + 6 * 3_600_000).toISOString();
		const moved = await as.rep1!.patch(`/items/visits/${v.id}`, { scheduled_start: later, purpose: 'coverage' });
		expect(moved.status, JSON.stringify(moved.body)).toBe(200);
		expect((await visit(v.id)).scheduled_start).toBe(later);
	});

	it('refuse a check-in days before the visit’s day, and accept one within the window', async () => {
		await admin.patch('/items/visit_settings', { check_in_window_hours: 12 });
		const v = await planVisit();
		const early = await act('rep1', `visits/${v.id}/check-in`, {
			latitude: mine.latitude,
			longitude: mine.longitude,
			accuracy: 10,
			timestamp: Date.now(),
		});
		refusedWith(early, 409, 'check_in_window');
		expect((await visit(v.id)).status).toBe('scheduled');
		expect(await offered(v.id), 'the action panel holds back what the POST refuses').not.toContain('visit.check_in');

		const res = await as.rep1!.post('/items/visits', {
			customer: mine.id,
			purpose: 'relationship',
			channel: 'phone',
			scheduled_start: new Date(Date.now() + 3_600_000).toISOString(),
		});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		expect(await offered(res.body.data.id)).toContain('visit.check_in');
		const phone = await act('rep1', `visits/${res.body.data.id}/check-in`);
		expect(phone.status, JSON.stringify(phone.body)).toBe(200);
		expect(phone.body.data.status).toBe('in_progress');
	});

	it('make check-in wait for the assistant’s filing when require_filing_before_check_in is on', async () => {
		await admin.patch('/items/visit_settings', { require_filing_before_check_in: true });
		try {
			const res = await as.rep1!.post('/items/visits', {
				customer: mine.id,
				purpose: 'relationship',
				channel: 'onsite',
				scheduled_start: new Date(Date.now() + 3_600_000).toISOString(),
			});
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			const id = res.body.data.id as number;
			await eventually(async () => expect((await visit(id)).requires_application).toBe(true));
			expect((await act('rep1', `visits/${id}/application`)).status).toBe(200);
			expect((await act('manager1', `visits/${id}/application/approve`)).status).toBe(200);
			const here = () => ({ latitude: mine.latitude, longitude: mine.longitude, accuracy: 10, timestamp: Date.now() });
			expect(await offered(id)).not.toContain('visit.check_in');
			refusedWith(await act('rep1', `visits/${id}/check-in`, here()), 409, 'filing_required');
			expect((await visit(id)).status).toBe('scheduled');
			const filed = await act('assistant', `visits/${id}/application/file`);
			expect(filed.status, JSON.stringify(filed.body)).toBe(200);
			expect(await offered(id)).toContain('visit.check_in');
			const checkedIn = await act('rep1', `visits/${id}/check-in`, here());
			expect(checkedIn.status, JSON.stringify(checkedIn.body)).toBe(200);
			expect(checkedIn.body.data).toMatchObject({ status: 'in_progress', unauthorized: false });
		} finally {
			await admin.patch('/items/visit_settings', { require_filing_before_check_in: false });
		}
	});
	it('move a plan visit only when the supervisor approves the reschedule, with one log row per step and notices', async () => {
		const v = await planVisit();
		const log = async () =>
			(
				(await admin.data(
					`/items/approval_log?filter[collection][_eq]=visits&filter[item][_eq]=${v.id}&filter[to_status][_in]=pending,approved,rejected&sort=id&limit=-1`,
				)) as any[]
			).map((l) => `${l.from_status}→${l.to_status}`);
		const to = new Date(Date.parse(v.scheduled_start) + 3 * 86_400_000).toISOString();
		refusedWith(await act('rep1', `visits/${v.id}/reschedule`, { scheduled_start: to }), 422, 'reschedule_reason');
		refusedWith(
			await act('rep1', `visits/${v.id}/reschedule`, { scheduled_start: 'soon', reason: '客户出差' }),
			422,
			'reschedule_start',
		);
		refusedWith(
			await act('manager1', `visits/${v.id}/reschedule`, { scheduled_start: to, reason: '客户出差' }),
			403,
			'not_owner',
		);
		const asked = await act('rep1', `visits/${v.id}/reschedule`, { scheduled_start: to, reason: '客户出差' });
		expect(asked.status, JSON.stringify(asked.body)).toBe(200);
		expect(asked.body.data).toMatchObject({ reschedule_status: 'pending', reschedule_reason: '客户出差' });
		expect((await visit(v.id)).scheduled_start).toBe(v.scheduled_start);
		const notices: any[] = await admin.data(
			`/notifications?filter[recipient][_eq]=${users.manager1}&filter[collection][_eq]=visits&filter[item][_eq]=${v.id}&limit=-1`,
		);
		expect(notices).toHaveLength(1);
		refusedWith(await act('rep1', `visits/${v.id}/reschedule/approve`), 403, 'self_approval');
		refusedWith(await act('manager1', `visits/${v.id}/reschedule/reject`), 422, 'comment_required');
		const approved = await act('manager1', `visits/${v.id}/reschedule/approve`);
		expect(approved.status, JSON.stringify(approved.body)).toBe(200);
		expect(await visit(v.id)).toMatchObject({
			reschedule_status: 'approved',
			reschedule_approver: users.manager1,
			scheduled_start: to,
			customer: mine.id,
		});

		const again = new Date(Date.parse(to) + 86_400_000).toISOString();
		expect(
			(await act('rep1', `visits/${v.id}/reschedule`, { scheduled_start: again, reason: '再改一天' })).status,
		).toBe(200);
		const rejected = await act('manager1', `visits/${v.id}/reschedule/reject`, { comment: '按计划执行' });
		expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
		expect(await visit(v.id)).toMatchObject({ reschedule_status: 'rejected', scheduled_start: to });
		expect(await log()).toEqual(['none→pending', 'pending→approved', 'approved→pending', 'pending→rejected']);
		// The status is the flow's too.
		refusedWith(await as.rep1!.patch(`/items/visits/${v.id}`, { reschedule_status: 'approved' }), 403, 'hand_edit');
	});
});
