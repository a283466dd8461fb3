/**
 * The home (GET /visit-flow/home) as each role: what waits on each person across the flows, the
 * oldest deadline first, with the actions the actions endpoint offers; a decision taken from it
 * takes the item off the list; other people's work is not on it; a bad day is a 400.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, targets } from './client.ts';
import { refusedWith } from './expect.ts';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { newCustomer, ok } from './sales.ts';
import { monthOf } from './years.ts';

type Item = { collection: string; id: number; due_at: string | null; actions: { key: string; path: string }[] };

describe.each(targets)('the home on $name', (target) => {
	let admin: Client;
	const as: Record<string, Client> = {};
	let users: Record<string, string>;
	let customer: number;
	let n = Math.floor(Math.random() * 24);
	const nextMonth = () => monthOf('home.test.ts', n++);

	/** A rep and their manager of this file's own: other files' open work of the demo people does not crowd their lists. */
	async function person(key: string, role: string, position: string, reportsTo: string | null) {
		const email = `home-${key}-${target.name}-${Date.now()}@example.com`;
		ok(
			await admin.post('/users', {
				email,
				password: 'demo-password',
				role: roleByKey(role as never).roleId,
				position,
				reports_to: reportsTo,
				first_name: key,
				last_name: '首页',
				language: 'zh-CN',
			}),
			key,
		);
		as[key] = await Client.login(target.url, email);
		users[key] = (await admin.data(`/users?filter[email][_eq]=${encodeURIComponent(email)}&fields=id`))[0].id;
	}

	beforeAll(async () => {
		admin = await Client.admin(target);
		for (const who of ['rep1', 'rep2', 'manager1', 'manager2', 'gm', 'assistant', 'service', 'finance', 'legal'])
			as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		await person('manager', 'sales_manager', 'manager', users.gm!);
		await person('rep', 'sales_rep', 'rep', users.manager!);
		customer = await newCustomer(admin, users.rep!, 100_000);
	});

	const home = async (who: string) => {
		const res = await as[who]!.get('/visit-flow/home');
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		return res.body.data as { waiting: { items: Item[]; total: number }; route: { stops: unknown[] } } & Record<
			string,
			any
		>;
	};
	const has = (items: Item[], collection: string, id: number) =>
		items.find((i) => i.collection === collection && i.id === id);

	it('answers every role, with the list ordered by deadline and every item actionable by them', async () => {
		for (const who of ['rep1', 'rep2', 'manager1', 'manager2', 'gm', 'assistant', 'service', 'finance', 'legal']) {
			const { waiting, route, date } = await home(who);
			expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(Array.isArray(route.stops)).toBe(true);
			expect(waiting.total).toBeGreaterThanOrEqual(waiting.items.length);
			const dues = waiting.items.map((i) => (i.due_at ? Date.parse(i.due_at) : Infinity));
			expect(dues, who).toEqual([...dues].sort((a, b) => a - b));
			for (const item of waiting.items) expect(item.actions.length, `${who} ${item.collection}`).toBeGreaterThan(0);
		}
	});

	it('puts a submitted plan on its approver’s list alone, and takes it off once decided from there', async () => {
		const m = nextMonth();
		const plan = ok(
			await as.rep!.post('/items/visit_plans', {
				period_type: 'month',
				period_start: `${m}-01`,
				period_end: `${m}-28`,
				items: [{ customer, planned_date: `${m}-05`, purpose: 'relationship' }],
			}),
			'plan',
		);
		expect(has((await home('rep')).waiting.items, 'visit_plans', plan.id)?.actions.map((a) => a.key)).toContain(
			'plan.submit',
		);
		ok(await as.rep!.post(`/visit-flow/plans/${plan.id}/submit`, {}), 'submit');

		const waiting = has((await home('manager')).waiting.items, 'visit_plans', plan.id);
		expect(waiting).toMatchObject({ waiting_on: { kind: 'user', id: users.manager }, subject: expect.any(String) });
		const approve = waiting!.actions.find((a) => a.key === 'plan.approve')!;
		for (const who of ['rep', 'manager1', 'gm', 'assistant'])
			expect(has((await home(who)).waiting.items, 'visit_plans', plan.id), who).toBeUndefined();

		ok(await as.manager!.post(approve.path, {}), 'approve');
		expect(has((await home('manager')).waiting.items, 'visit_plans', plan.id)).toBeUndefined();
	});

	it('lists a rep’s follow-ups by their due day, the earlier first, and only on the rep’s own list', async () => {
		const m = nextMonth();
		const later = ok(
			await as.rep!.post('/items/follow_ups', { customer, description: '寄送样品', due_date: `${m}-20` }),
			'follow-up',
		);
		const sooner = ok(
			await as.rep!.post('/items/follow_ups', { customer, description: '回电确认报价', due_date: `${m}-03` }),
			'follow-up',
		);
		const { waiting } = await home('rep');
		const at = (id: number) => waiting.items.findIndex((i) => i.collection === 'follow_ups' && i.id === id);
		expect(at(sooner.id)).toBeGreaterThanOrEqual(0);
		expect(at(later.id)).toBeGreaterThan(at(sooner.id));
		expect(has(waiting.items, 'follow_ups', sooner.id)).toMatchObject({ subject: expect.any(String) });
		expect(Date.parse(has(waiting.items, 'follow_ups', sooner.id)!.due_at!)).toBeGreaterThan(Date.parse(`${m}-03`));
		for (const who of ['manager', 'service', 'rep1'])
			expect(has((await home(who)).waiting.items, 'follow_ups', sooner.id), who).toBeUndefined();
	});

	it('refuses a day that is not one, in the caller’s language (the demo users’ is Chinese), and a caller without a session', async () => {
		refusedWith(await as.rep1!.get('/visit-flow/home?date=tomorrow'), 400, 'day_or_today');
		const res = await as.rep1!.get('/visit-flow/home?date=2026-13-01');
		expect(res.status).toBe(400);
		expect(res.body.errors[0].message).toMatch(/日期/);
		expect((await new Client(target.url).get('/visit-flow/home')).status).toBe(403);
		expect((await as.rep1!.get('/visit-flow/home?date=2160-02-01')).status).toBe(200);
	});
});
