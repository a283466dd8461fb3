/**
 * 离职交接 over HTTP: POST /visit-flow/customers/handover moves customers and their open work
 * to another rep of the team in one transaction: what each rep can read before and after, one
 * approval_log row per customer, notices to both, and every refusal with nothing half-written.
 * The test hands over customers it makes itself (never all of a demo rep's), dated 2138–2139.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, targets } from './client.ts';
import { refusedWith } from './expect.ts';
import { yearOf } from './years.ts';

describe.each(targets)('customer handover on $name', (target) => {
	let admin: Client;
	let users: Record<string, string>;
	const as: Record<string, Client> = {};
	const year = yearOf('handover.test.ts');
	let n = 0;

	beforeAll(async () => {
		admin = await Client.admin(target);
		for (const who of ['rep1', 'rep2', 'rep4', 'manager1', 'manager2'])
			as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
	});

	/** A customer of `owner`'s with a scheduled and a completed visit, an open follow-up and an open opportunity. */
	async function customerOf(owner: string) {
		const tag = `${Date.now()}${n++}`;
		const res = await admin.post('/items/customers', {
			name: `交接客户${tag}`,
			code: `HO-${tag}`,
			tier: 'C',
			category: 'ordinary',
			relationship: 'existing',
			region_scope: 'local',
			owner: users[owner],
		});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const id = res.body.data.id as number;
		const visit = await admin.post('/items/visits', {
			owner: users[owner],
			customer: id,
			purpose: 'relationship',
			channel: 'phone',
			scheduled_start: `${year}-03-10T02:00:00.000Z`,
		});
		expect(visit.status, JSON.stringify(visit.body)).toBe(200);
		const followUp = await admin.post('/items/follow_ups', {
			owner: users[owner],
			customer: id,
			description: '送样品',
			due_date: `${year}-03-20`,
		});
		expect(followUp.status, JSON.stringify(followUp.body)).toBe(200);
		const opportunity = await admin.post('/items/opportunities', {
			owner: users[owner],
			customer: id,
			name: `交接商机${tag}`,
			amount: 1000,
		});
		expect(opportunity.status, JSON.stringify(opportunity.body)).toBe(200);
		return { id, visit: visit.body.data.id, followUp: followUp.body.data.id, opportunity: opportunity.body.data.id };
	}
	const handover = (who: string, body: Record<string, unknown>) =>
		(who === 'admin' ? admin : as[who]!).post('/visit-flow/customers/handover', body);
	const sees = async (who: string, path: string) => (await as[who]!.get(path)).status === 200;
	const logOf = async (id: number) =>
		(await admin.data(
			`/items/approval_log?filter[collection][_eq]=customers&filter[item][_eq]=${id}&limit=-1`,
		)) as any[];

	it('moves the customers and their open work from one rep to another, one log row each, with notices', async () => {
		const a = await customerOf('rep1');
		const b = await customerOf('rep1');
		for (const path of [
			`/items/customers/${a.id}`,
			`/items/visits/${a.visit}`,
			`/items/opportunities/${a.opportunity}`,
		]) {
			expect(await sees('rep1', path), path).toBe(true);
			expect(await sees('rep2', path), path).toBe(false);
		}
		const res = await handover('manager1', { from: users.rep1, to: users.rep2, customers: [a.id, b.id] });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		expect(res.body.data.customers.sort()).toEqual([a.id, b.id].sort());
		expect(res.body.data.moved).toMatchObject({ customers: 2, visits: 2, follow_ups: 2, opportunities: 2 });
		for (const path of [
			`/items/customers/${a.id}`,
			`/items/visits/${a.visit}`,
			`/items/opportunities/${a.opportunity}`,
		]) {
			expect(await sees('rep1', path), path).toBe(false);
			expect(await sees('rep2', path), path).toBe(true);
		}
		expect(await admin.data(`/items/follow_ups/${b.followUp}?fields=owner`)).toMatchObject({ owner: users.rep2 });
		for (const c of [a, b]) {
			const log = await logOf(c.id);
			expect(log).toHaveLength(1);
			expect(log[0]).toMatchObject({ from_status: users.rep1, to_status: users.rep2, actor: users.manager1 });
		}
		for (const who of ['rep1', 'rep2']) {
			const notices: any[] = await admin.data(
				`/notifications?filter[recipient][_eq]=${users[who]}&filter[collection][_eq]=customers&sort=-id&limit=1`,
			);
			expect(notices[0]?.subject, who).toContain(who === 'rep1' ? '2' : '2');
		}
	});

	it('refuses the wrong person, another team, bad ids and a customer not the former owner’s, writing nothing', async () => {
		const a = await customerOf('rep1');
		const others = await customerOf('rep2');
		refusedWith(
			await handover('rep1', { from: users.rep1, to: users.rep2, customers: [a.id] }),
			403,
			'handover_not_manager',
		);
		refusedWith(
			await handover('manager2', { from: users.rep1, to: users.rep2, customers: [a.id] }),
			403,
			'handover_not_manager',
		);
		refusedWith(
			await handover('manager1', { from: users.rep1, to: users.rep4, customers: [a.id] }),
			403,
			'handover_not_manager',
		);
		refusedWith(await handover('admin', { from: users.rep1, to: users.rep4, customers: [a.id] }), 409, 'handover_team');
		refusedWith(await handover('manager1', { from: 'nobody', to: users.rep2 }), 400, 'handover_people');
		refusedWith(await handover('manager1', { from: users.rep1, to: users.rep1 }), 400, 'handover_people');
		refusedWith(
			await handover('manager1', { from: users.rep1, to: users.rep2, customers: ['x'] }),
			400,
			'handover_people',
		);
		// One customer that is not rep1's: nothing of the others moves either.
		refusedWith(
			await handover('manager1', { from: users.rep1, to: users.rep2, customers: [a.id, others.id] }),
			409,
			'handover_not_owner',
		);
		expect(await admin.data(`/items/customers/${a.id}?fields=owner`)).toMatchObject({ owner: users.rep1 });
		expect(await admin.data(`/items/visits/${a.visit}?fields=owner`)).toMatchObject({ owner: users.rep1 });
		expect(await logOf(a.id)).toEqual([]);
	});
});
