/**
 * The inputs that hung or crashed the server (issue 12): a period past 9999-12 in the quota
 * routes, ids and periods out of range, a route over a visit whose customer the caller may no
 * longer read, thousands of follow-ups in one report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, targets } from './client.ts';
import { closeDatabases, setColumns } from './db.ts';
import { refusedWith } from './expect.ts';

/** A GET that must answer within 5 s. */
const quick = (client: Client, path: string) =>
	Promise.race([
		client.get(path),
		new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`${path} did not answer within 5 s`)), 5_000)),
	]);

describe.each(targets)('inputs on $name', (target) => {
	let admin: Client;
	let rep1: Client;
	let users: Record<string, string>;

	beforeAll(async () => {
		admin = await Client.admin(target);
		rep1 = await Client.login(target.url, 'rep1@example.com');
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
	});
	afterAll(closeDatabases);

	it('refuses periods past the business years at once, and the server keeps answering', async () => {
		const [customer] = await rep1.data('/items/customers?fields=id&limit=1');
		for (const period of ['9999-12', '0000-01', '2200-01']) {
			refusedWith(await quick(rep1, `/visit-quotas/customers/${customer.id}?period=${period}`), 400, 'quota_period');
			refusedWith(await quick(rep1, `/visit-quotas/compliance?period=${period}`), 400, 'quota_period');
		}
		for (const period of ['0000', '0001', '9999', '9999-12', '0001-Q1']) {
			const res = await quick(admin, `/visit-kpi/summary?period=${period}`);
			refusedWith(res, 400, 'kpi_period');
			expect(JSON.stringify(res.body)).not.toMatch(/select|from "/i);
		}
		expect((await quick(admin, '/server/ping')).status).toBe(200);
	});

	it('takes ids only as plain decimal numbers within int4', async () => {
		for (const id of ['2147483648', '%201', '0x1F', '1e3'])
			refusedWith(await rep1.post(`/visit-flow/visits/${id}/cancel`, { comment: '取消' }), 400, 'bad_request');
		refusedWith(await rep1.post('/visit-flow/visits/1/cancel', { comment: 'a\u0000b' }), 400, 'text_invalid');
		refusedWith(await rep1.get('/visit-flow/route?date=2026-12-01&owner=not-a-uuid'), 400, 'owner_invalid');
		refusedWith(await rep1.get('/visit-flow/route?date=0000-01-01'), 400, 'route_date');
		refusedWith(await admin.get('/visit-quotas/customers/2147483648'), 404, 'quota_customer_missing');
	});

	it('answers a route whose visit points at a customer handed to another rep, without that customer', async () => {
		const day = '2028-03-07';
		const [mine, other] = await admin.data(
			`/items/customers?filter[owner][_eq]=${users.rep1}&filter[latitude][_nnull]=true&fields=id,name&limit=2&sort=id`,
		);
		const visits: number[] = [];
		for (const c of [mine, other]) {
			const res = await rep1.post('/items/visits', {
				customer: c.id,
				purpose: 'relationship',
				channel: 'onsite',
				scheduled_start: `${day}T02:00:00.000Z`,
			});
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			visits.push(res.body.data.id);
		}
		await setColumns(target, 'customers', other.id, { owner: users.rep2 });
		try {
			const route = await rep1.get(`/visit-flow/route?date=${day}`);
			expect(route.status, JSON.stringify(route.body)).toBe(200);
			// Other tests may plan rep1 on that day too: look at this test's two stops.
			const stops = route.body.data.stops.filter((s: any) => visits.includes(s.visit));
			expect(stops.map((s: any) => s.visit).sort()).toEqual([...visits].sort());
			expect(JSON.stringify(route.body)).not.toContain(other.name);
			expect(stops.map((s: any) => s.customer?.id ?? null)).toEqual(expect.arrayContaining([mine.id, null]));
		} finally {
			await setColumns(target, 'customers', other.id, { owner: users.rep1 });
		}
	});

	it('bounds the follow-ups of one report and refuses malformed ones before writing', async () => {
		const many = Array.from({ length: 5_000 }, (_, i) => ({ description: `事项${i}`, due_date: '2030-01-01' }));
		const [visit] = await rep1.data('/items/visits?fields=id&limit=1&sort=id');
		const before = (await admin.data('/items/follow_ups?aggregate[count]=*'))[0].count;
		const started = Date.now();
		refusedWith(
			await rep1.post(`/visit-flow/visits/${visit.id}/report`, {
				summary: '拜访了客户，介绍了新品与报价',
				follow_ups: many,
			}),
			400,
			'follow_ups_too_many',
		);
		expect(Date.now() - started).toBeLessThan(5_000);
		expect((await admin.data('/items/follow_ups?aggregate[count]=*'))[0].count).toBe(before);
	});

	it('takes at most 1,000 items in one write request', async () => {
		const [customer] = await rep1.data('/items/customers?fields=id&limit=1&sort=id');
		const count = async () =>
			Number((await admin.data(`/items/contacts?filter[customer][_eq]=${customer.id}&aggregate[count]=*`))[0].count);
		const before = await count();
		const flood = await rep1.post(
			'/items/contacts',
			Array.from({ length: 1_001 }, (_, i) => ({ customer: customer.id, name: `联系人${i}` })),
		);
		expect(flood.status, JSON.stringify(flood.body).slice(0, 300)).toBe(400);
		expect(await count()).toBe(before);
	});
});
