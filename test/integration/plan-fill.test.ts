/**
 * Fewer clicks for a month plan over HTTP: the period given by its month (or its start) alone,
 * the server filling the end on every write path; and 按频次补齐 (POST /visit-flow/plans/:id/fill),
 * which adds one item per visit the coverage check finds short, on working days, for the
 * owner's own customers, once, and refuses anyone else, a locked plan and an unknown one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { Client, targets, type Response } from './client.ts';
import { refusedWith } from './expect.ts';
import { yearOf } from './years.ts';

const YEAR = yearOf('plan-fill.test.ts');
/** A January: only the month rules are due in it (seeds/demo/rules.ts). */
const MONTH = `${YEAR}-01`;
/** Weekdays of that January the test marks as public holidays. */
const HOLIDAYS = [2, 3, 4, 5, 6, 7, 8, 9, 10]
	.map((d) => `${MONTH}-${String(d).padStart(2, '0')}`)
	.filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));

/** Both languages of a refusal, whatever the caller's. */
function refusedIn(res: Response, status: number, reason: string, zh: RegExp, en: RegExp) {
	refusedWith(res, status, reason);
	const { messages } = res.body.errors[0].extensions;
	expect(messages['zh-CN']).toMatch(zh);
	expect(messages['en-US']).toMatch(en);
}

describe.each(targets)('a month plan with fewer clicks on $name', (target) => {
	let admin: Client;
	let users: Record<string, string>;
	const reps: Record<'a' | 'b', { id: string; client: Client }> = {} as never;
	const customers: Record<string, number> = {};
	const holidays: number[] = [];
	const tag = `${target.name}${Date.now()}`;

	async function makeRep(key: 'a' | 'b', language: string) {
		const email = `plan-fill-${key}-${tag}@example.com`;
		const res = await admin.post('/users', {
			email,
			password: 'demo-password',
			role: roleByKey('sales_rep').roleId,
			position: 'rep',
			reports_to: users.manager1,
			first_name: key === 'a' ? '甲' : '乙',
			last_name: '补齐',
			language,
		});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		// Refusals speak the profile's language.
		reps[key] = { id: res.body.data.id, client: await Client.login(target.url, email) };
	}

	async function makeCustomer(key: string, owner: string, tier: string) {
		const res = await admin.post('/items/customers', {
			name: `补齐客户${key}${tag}`,
			code: `PF${Date.now() % 1_000_000}${Object.keys(customers).length}`,
			tier,
			category: 'ordinary',
			relationship: 'existing',
			region_scope: 'local',
			owner,
			status: 'active',
		});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		customers[key] = res.body.data.id;
	}

	const plan = async (client: Client, body: Record<string, unknown>) => {
		const res = await client.post('/items/visit_plans', body);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		return res.body.data as { id: number; period_type: string; period_start: string; period_end: string };
	};
	const items = async (id: number): Promise<{ customer: number; planned_date: string; purpose: string }[]> =>
		admin.data(`/items/visit_plan_items?filter[plan][_eq]=${id}&fields=customer,planned_date,purpose&limit=-1`);

	beforeAll(async () => {
		admin = await Client.admin(target);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		await makeRep('a', 'zh-CN');
		await makeRep('b', 'en-US');
		// A: tier A (2 a month on site) and C (1 a month), one C already planned; B: one of their own.
		await makeCustomer('a', reps.a.id, 'A');
		await makeCustomer('c', reps.a.id, 'C');
		await makeCustomer('planned', reps.a.id, 'C');
		await makeCustomer('b', reps.b.id, 'A');
		for (const date of HOLIDAYS) {
			const res = await admin.post('/items/work_calendar', { date, is_workday: false, note: '补齐测试假日' });
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			holidays.push(res.body.data.id);
		}
	});
	afterAll(async () => {
		for (const id of holidays) await admin.delete(`/items/work_calendar/${id}`);
	});

	describe('the period by month', () => {
		it('fills a month plan’s end from its month or its start, whatever end was sent', async () => {
			const byMonth = await plan(reps.a.client, { period_start: `${YEAR}-02` });
			expect(byMonth).toMatchObject({
				period_type: 'month',
				period_start: `${YEAR}-02-01`,
				period_end: `${YEAR}-02-28`,
			});
			const byStart = await plan(reps.a.client, {
				period_type: 'month',
				period_start: `${YEAR}-03-01`,
				period_end: `${YEAR}-03-10`,
			});
			expect(byStart.period_end).toBe(`${YEAR}-03-31`);
			// Moved to another month by its month alone; an end sent alone keeps the plan's own.
			const moved = await reps.a.client.patch(`/items/visit_plans/${byStart.id}`, { period_start: `${YEAR}-04` });
			expect(moved.status, JSON.stringify(moved.body)).toBe(200);
			expect(moved.body.data).toMatchObject({ period_start: `${YEAR}-04-01`, period_end: `${YEAR}-04-30` });
			const ended = await reps.a.client.patch(`/items/visit_plans/${byStart.id}`, { period_end: `${YEAR}-04-02` });
			expect(ended.body.data.period_end).toBe(`${YEAR}-04-30`);
		});

		it('does so through GraphQL and a batch too, and keeps week plans', async () => {
			const gql = await reps.a.client.graphql(
				// GraphQL's input type asks for an end (the column is not null): the server replaces it.
				`mutation { create_visit_plans_item(data: { owner: "${reps.a.id}", period_start: "${YEAR}-05-01", period_end: "${YEAR}-05-02" }) { id period_type period_end } }`,
			);
			expect(gql.body.errors, JSON.stringify(gql.body)).toBeUndefined();
			expect(gql.body.data.create_visit_plans_item).toMatchObject({
				period_type: 'month',
				period_end: `${YEAR}-05-31`,
			});
			const other = await plan(reps.a.client, { period_start: `${YEAR}-07` });
			const batch = await reps.a.client.patch('/items/visit_plans', {
				keys: [Number(gql.body.data.create_visit_plans_item.id), other.id],
				data: { period_start: `${YEAR}-06` },
			});
			expect(batch.status, JSON.stringify(batch.body)).toBe(200);
			expect(batch.body.data.map((p: any) => p.period_end)).toEqual([`${YEAR}-06-30`, `${YEAR}-06-30`]);

			// The first Monday of the year's August, and its Sunday.
			let monday = `${YEAR}-08-01`;
			while (new Date(`${monday}T00:00:00Z`).getUTCDay() !== 1)
				monday = new Date(Date.parse(`${monday}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
			const week = await plan(reps.a.client, { period_type: 'week', period_start: monday });
			expect(week.period_end).toBe(
				new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10),
			);
		});

		it('refuses a bad period in the caller’s language, writing nothing', async () => {
			const before = (await admin.data(`/items/visit_plans?filter[owner][_eq]=${reps.b.id}&aggregate[count]=id`))[0]
				.count.id;
			const midMonth = await reps.a.client.post('/items/visit_plans', { period_start: `${YEAR}-09-15` });
			refusedIn(midMonth, 400, 'period_month_start', /每月1日/, /1st of a month/);
			expect(midMonth.body.errors[0].message).toMatch(/每月1日/);
			const badMonth = await reps.b.client.post('/items/visit_plans', { period_start: `${YEAR}-13` });
			refusedWith(badMonth, 400, 'field_invalid');
			expect(badMonth.body.errors[0].message).toMatch(/^The value of “Period start” is not valid/);
			const after = (await admin.data(`/items/visit_plans?filter[owner][_eq]=${reps.b.id}&aggregate[count]=id`))[0]
				.count.id;
			expect(Number(after)).toBe(Number(before));
		});
	});

	describe('按频次补齐', () => {
		let draft: number;

		beforeAll(async () => {
			draft = (
				await plan(reps.a.client, {
					period_start: MONTH,
					items: [{ customer: customers.planned, planned_date: `${MONTH}-20`, purpose: 'relationship' }],
				})
			).id;
		});

		it('is offered beside the shortfalls to the owner only', async () => {
			const coverage = await reps.a.client.get(`/visit-flow/plans/${draft}/coverage`);
			expect(coverage.status, JSON.stringify(coverage.body)).toBe(200);
			const short = Object.fromEntries(coverage.body.data.shortfalls.map((s: any) => [s.customer, s.short]));
			expect(short).toEqual({ [customers.a!]: 2, [customers.c!]: 1 });
			expect(coverage.body.data.actions).toEqual([
				expect.objectContaining({
					key: 'plan.fill',
					label: '按频次补齐',
					method: 'POST',
					path: `/visit-flow/plans/${draft}/fill`,
					inputs: [],
				}),
			]);
			const offered = await reps.a.client.data(`/visit-flow/actions/visit_plans/${draft}`);
			expect(offered.actions.map((a: any) => a.key)).toContain('plan.fill');
			const manager = await Client.login(target.url, 'manager1@example.com');
			expect((await manager.data(`/visit-flow/plans/${draft}/coverage`)).actions).toEqual([]);
		});

		it('refuses another rep, a manager and an unknown plan, in their language', async () => {
			const other = await reps.b.client.post(`/visit-flow/plans/${draft}/fill`, {});
			refusedWith(other, 404, 'not_found');
			expect(other.body.errors[0].message).toBe('The item does not exist or you may not see it');
			const manager = await Client.login(target.url, 'manager1@example.com');
			refusedIn(
				await manager.post(`/visit-flow/plans/${draft}/fill`, {}),
				403,
				'plan_fill_owner',
				/只有计划人本人/,
				/Only the plan’s owner/,
			);
			const unknown = await reps.a.client.post('/visit-flow/plans/2147483000/fill', {});
			refusedWith(unknown, 404, 'not_found');
			expect(unknown.body.errors[0].message).toBe('找不到该记录，或你无权查看');
			refusedWith(await reps.b.client.post('/visit-flow/plans/abc/fill', {}), 400, 'bad_request');
			expect(await items(draft)).toHaveLength(1);
		});

		it('adds one item per missing visit on working days, for the owner’s own customers, once', async () => {
			const res = await reps.a.client.post(`/visit-flow/plans/${draft}/fill`, {});
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			expect(res.body.data).toEqual({ id: draft, added: 3 });

			const added = (await items(draft)).filter((i) => i.purpose === 'coverage');
			expect(added.map((i) => i.customer).sort()).toEqual([customers.a, customers.a, customers.c].sort());
			for (const { planned_date } of added) {
				expect(planned_date.slice(0, 7)).toBe(MONTH);
				expect([0, 6]).not.toContain(new Date(`${planned_date}T00:00:00Z`).getUTCDay());
				expect(HOLIDAYS).not.toContain(planned_date);
			}
			const days = added.filter((i) => i.customer === customers.a).map((i) => i.planned_date);
			expect(new Set(days).size).toBe(2);

			const coverage = await reps.a.client.data(`/visit-flow/plans/${draft}/coverage`);
			expect(coverage).toMatchObject({ live: true, shortfalls: [], actions: [] });
			const offered = await reps.a.client.data(`/visit-flow/actions/visit_plans/${draft}`);
			expect(offered.actions.map((a: any) => a.key)).not.toContain('plan.fill');

			const again = await reps.a.client.post(`/visit-flow/plans/${draft}/fill`, {});
			expect(again.body.data).toEqual({ id: draft, added: 0 });
			expect(await items(draft)).toHaveLength(4);
		});

		it('adds each missing visit once when two fills race', async () => {
			const racing = (await plan(reps.a.client, { period_start: MONTH })).id;
			const both = await Promise.all([1, 2].map(() => reps.a.client.post(`/visit-flow/plans/${racing}/fill`, {})));
			expect(both.map((r) => r.status)).toEqual([200, 200]);
			// a 2, c 1 and `planned` 1: another plan's items do not cover this one.
			expect(both.map((r) => r.body.data.added).sort()).toEqual([0, 4]);
			expect(await items(racing)).toHaveLength(4);
		});

		it('submits with nobody short, then refuses to fill the plan once it is locked, and a week plan', async () => {
			const submitted = await reps.a.client.post(`/visit-flow/plans/${draft}/submit`, {});
			expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
			expect(await admin.data(`/items/visit_plans/${draft}?fields=status,coverage_short_count`)).toEqual({
				status: 'submitted',
				coverage_short_count: 0,
			});
			refusedIn(
				await reps.a.client.post(`/visit-flow/plans/${draft}/fill`, {}),
				409,
				'plan_locked',
				/已提交/,
				/submitted/,
			);
			const manager = await Client.login(target.url, 'manager1@example.com');
			expect((await manager.post(`/visit-flow/plans/${draft}/approve`, {})).status).toBe(200);
			const approved = await reps.a.client.post(`/visit-flow/plans/${draft}/fill`, {});
			refusedIn(approved, 409, 'plan_locked', /已批准/, /approved/);
			expect(approved.body.errors[0].message).toMatch(/已批准/);
			expect(await items(draft)).toHaveLength(4);

			let monday = `${YEAR}-10-01`;
			while (new Date(`${monday}T00:00:00Z`).getUTCDay() !== 1)
				monday = new Date(Date.parse(`${monday}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
			const week = await plan(reps.b.client, { period_type: 'week', period_start: monday });
			const refused = await reps.b.client.post(`/visit-flow/plans/${week.id}/fill`, {});
			refusedIn(refused, 422, 'plan_fill_month', /只有月计划/, /Only a monthly plan/);
			expect(refused.body.errors[0].message).toBe('Only a monthly plan is filled to the quota');
		});
	});
});
