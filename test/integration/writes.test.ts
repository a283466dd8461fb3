/** What each role may write, tried over HTTP; every refusal leaves the row as it was. */
import { beforeAll, describe, expect, it } from 'vitest';
import { INTEGRATOR_TOKEN } from '../../seeds/demo.ts';
import { Client, targets } from './client.ts';
import { refusedWith } from './expect.ts';
import { domainCollections } from '../contract.ts';

describe.each(targets)('writes on $name', (target) => {
	let admin: Client;
	let rep1: Client;
	let users: Record<string, string>;

	beforeAll(async () => {
		admin = await Client.admin(target);
		rep1 = await Client.login(target.url, 'rep1@example.com');
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
	});

	const first = async (collection: string, filter: string) =>
		(await admin.data(`/items/${collection}?limit=1&${filter}`))[0];

	it('a rep creates a plan that is theirs, as a draft', async () => {
		const res = await rep1.post('/items/visit_plans', {
			period_type: 'week',
			period_start: '2027-01-04',
			period_end: '2027-01-10',
		});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		expect(res.body.data).toMatchObject({ owner: users.rep1, status: 'draft', revision: 1 });
		expect((await rep1.delete(`/items/visit_plans/${res.body.data.id}`)).status).toBe(204);
	});

	it('a rep cannot create a plan for someone else', async () => {
		const res = await rep1.post('/items/visit_plans', {
			owner: users.rep4,
			period_type: 'week',
			period_start: '2027-01-04',
			period_end: '2027-01-10',
		});
		refusedWith(res, 403, 'relation_person');
		expect(
			await admin.data(`/items/visit_plans?filter[owner][_eq]=${users.rep4}&filter[period_start][_eq]=2027-01-04`),
		).toEqual([]);
	});

	it('nobody but the Administrator sets a flow-owned field', async () => {
		const plan = await first('visit_plans', `filter[owner][_eq]=${users.rep1}&filter[status][_eq]=draft`);
		const visit = await first('visits', `filter[owner][_eq]=${users.rep1}&filter[status][_eq]=scheduled`);
		const attempts = [
			[`/items/visit_plans/${plan.id}`, { status: 'approved' }],
			[`/items/visit_plans/${plan.id}`, { approver: users.rep1 }],
			[`/items/visits/${visit.id}`, { check_in_at: new Date().toISOString() }],
			[`/items/visits/${visit.id}`, { report_status: 'approved' }],
		] as const;
		for (const who of ['rep1', 'manager1', 'gm']) {
			const client = await Client.login(target.url, `${who}@example.com`);
			for (const [path, body] of attempts)
				expect((await client.patch(path, body)).status, `${who} ${path} ${JSON.stringify(body)}`).toBe(403);
		}
		expect(await first('visit_plans', `filter[id][_eq]=${plan.id}`)).toMatchObject({
			status: 'draft',
			approver: plan.approver,
		});
		expect(await first('visits', `filter[id][_eq]=${visit.id}`)).toMatchObject({
			check_in_at: null,
			report_status: visit.report_status,
		});
	});

	it('a rep cannot change another rep’s rows, nor their own once submitted', async () => {
		const foreign = await first('visit_plans', `filter[owner][_eq]=${users.rep4}`);
		expect((await rep1.patch(`/items/visit_plans/${foreign.id}`, { period_end: foreign.period_end })).status).toBe(403);
		// Their own submitted plan is locked: the flow's guard says so before the permissions do.
		const submitted = await first('visit_plans', `filter[owner][_eq]=${users.rep1}&filter[status][_eq]=submitted`);
		for (const res of [
			await rep1.patch(`/items/visit_plans/${submitted.id}`, { period_end: submitted.period_end }),
			await rep1.delete(`/items/visit_plans/${submitted.id}`),
		]) {
			expect(res.status).toBe(409);
			expect(res.body.errors[0].extensions.reason).toBe('plan_locked');
		}
	});

	it('the integrator token reads every domain collection and writes only what an ERP feeds (integrator.test.ts)', async () => {
		const integrator = new Client(target.url, INTEGRATOR_TOKEN);
		for (const collection of domainCollections) {
			expect((await integrator.get(`/items/${collection}?limit=1`)).status, collection).toBe(200);
		}
		expect(Number((await integrator.data('/items/customers?aggregate[count]=*'))[0].count)).toBeGreaterThan(100);
		expect(
			(
				await integrator.post('/items/visit_plans', {
					owner: users.rep1,
					period_type: 'week',
					period_start: '2027-01-04',
					period_end: '2027-01-10',
				})
			).status,
		).toBe(403);
		expect((await integrator.patch('/items/visit_settings', { geofence_radius_m: 1 })).status).toBe(403);
	});

	it('a wrong password or token is refused', async () => {
		expect((await new Client(target.url, 'not-a-token').get('/items/customers')).status).toBe(401);
		await expect(Client.login(target.url, 'rep1@example.com', 'wrong')).rejects.toThrow(/401/);
	});
});
