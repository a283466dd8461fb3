/**
 * Quota compliance over HTTP on a crafted rep whose numbers are worked out by hand below,
 * and who may see them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { Client, targets } from './client.ts';
import { refusedWith } from './expect.ts';

describe.each(targets)('quota compliance on $name', (target) => {
	let admin: Client;
	let rep: Client;
	let repId: string;
	let users: Record<string, string>;
	const customers: Record<string, number> = {};
	let requireApplication: boolean;

	/**
	 * The rules that apply (seeds/demo/rules.ts) and what the rep did this month:
	 *   local C       → 本市 monthly, 1 on site    — 1 on-site visit   → met
	 *   local A       → A类 monthly, 2 on site      — 1 on-site visit   → 1 left
	 *   province B    → B monthly, 1 any channel   — 1 call            → met
	 *   other A       → 外地A quarterly, 1 on site — 1 call (not on site) → 1 left
	 *   other D       → D half-yearly, 1 any       — nothing           → 1 left
	 *   local C, churned                           — not counted
	 * A new rep has no recent pace, so what is left is at risk: coverage 2 / 5.
	 */
	const crafted = [
		{ key: 'localC', tier: 'C', region_scope: 'local', visits: ['onsite'] },
		{ key: 'localA', tier: 'A', region_scope: 'local', visits: ['onsite'] },
		{ key: 'provinceB', tier: 'B', region_scope: 'province', visits: ['phone'] },
		{ key: 'otherA', tier: 'A', region_scope: 'other', visits: ['phone'] },
		{ key: 'otherD', tier: 'D', region_scope: 'other', visits: [] },
		{ key: 'churned', tier: 'C', region_scope: 'local', visits: [], status: 'churned' },
	];

	beforeAll(async () => {
		admin = await Client.admin(target);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		requireApplication = (await admin.data('/items/visit_settings')).require_application_for_unplanned;
		await admin.patch('/items/visit_settings', { require_application_for_unplanned: false });

		const email = `quota-${target.name}-${Date.now()}@example.com`;
		const created = await admin.post('/users', {
			email,
			password: 'demo-password',
			role: roleByKey('sales_rep').roleId,
			position: 'rep',
			reports_to: users.manager1,
			first_name: '测',
			last_name: '配额',
			language: 'zh-CN',
		});
		expect(created.status, JSON.stringify(created.body)).toBe(200);
		repId = created.body.data.id;
		rep = await Client.login(target.url, email);

		for (const [n, c] of crafted.entries()) {
			const res = await admin.post('/items/customers', {
				name: `配额测试客户${target.name}${n}${Date.now()}有限公司`,
				code: `Q${Date.now() % 100000}${n}`.slice(0, 12),
				tier: c.tier,
				category: 'ordinary',
				relationship: 'existing',
				region_scope: c.region_scope,
				province: c.region_scope === 'other' ? '江苏省' : '浙江省',
				city: c.region_scope === 'local' ? '杭州市' : c.region_scope === 'province' ? '宁波市' : '南京市',
				address: '测试路1号',
				latitude: 30.25,
				longitude: 120.15,
				owner: repId,
				status: c.status ?? 'active',
			});
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			customers[c.key] = res.body.data.id;
			for (const channel of c.visits) {
				const visit = await rep.post('/items/visits', {
					customer: res.body.data.id,
					purpose: 'relationship',
					channel,
					scheduled_start: new Date().toISOString(),
				});
				const id = visit.body.data.id;
				const checkIn = await rep.post(
					`/visit-flow/visits/${id}/check-in`,
					channel === 'onsite' ? { latitude: 30.25, longitude: 120.15, accuracy: 10 } : {},
				);
				expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(200);
				expect((await rep.post(`/visit-flow/visits/${id}/check-out`, {})).status).toBe(200);
			}
		}
	});
	afterAll(async () => {
		await admin.patch('/items/visit_settings', { require_application_for_unplanned: requireApplication });
	});

	const month = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

	it('counts each customer against the rule that applies, and the rep’s coverage', async () => {
		const res = await rep.get(`/visit-quotas/compliance?period=${month()}`);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const { customers: lines, reps } = res.body.data;
		const line = (key: string) => lines.find((l: any) => l.customer === customers[key]);
		expect(line('localC')).toMatchObject({
			required: 1,
			done: 1,
			remaining: 0,
			status: 'met',
			rule: { name: expect.stringContaining('本市客户'), period: 'month' },
		});
		expect(line('localA')).toMatchObject({
			required: 2,
			done: 1,
			remaining: 1,
			status: 'at_risk',
			rule: { name: expect.stringContaining('A类客户每月') },
		});
		expect(line('provinceB')).toMatchObject({ required: 1, done: 1, status: 'met', rule: { channel: 'any' } });
		expect(line('otherA')).toMatchObject({
			required: 1,
			done: 0,
			status: 'at_risk',
			rule: { period: 'quarter', channel: 'onsite' },
		});
		expect(line('otherD')).toMatchObject({ required: 1, done: 0, status: 'at_risk', rule: { period: 'half_year' } });
		expect(line('churned')).toBeUndefined();
		expect(reps).toEqual([
			expect.objectContaining({
				owner: repId,
				customers: 5,
				with_requirement: 5,
				met: 2,
				at_risk: 3,
				missed: 0,
				coverage: 0.4,
			}),
		]);
	});

	it('calls a past month’s shortfalls missed', async () => {
		const res = await rep.get('/visit-quotas/compliance?period=2020-01');
		expect(res.body.data.reps[0]).toMatchObject({ with_requirement: 5, met: 0, missed: 5, coverage: 0 });
	});

	it('shows a rep their own, a manager the team’s, and no one else’s', async () => {
		const manager1 = await Client.login(target.url, 'manager1@example.com');
		const team = (await manager1.get(`/visit-quotas/compliance?period=${month()}`)).body.data.reps.map(
			(r: any) => r.owner,
		);
		expect(team).toEqual(expect.arrayContaining([users.manager1, users.rep1, repId]));
		expect(team).not.toContain(users.rep4);
		expect(
			(await manager1.get(`/visit-quotas/compliance?period=${month()}&owner=${repId}`)).body.data.reps,
		).toHaveLength(1);
		refusedWith(
			await (await Client.login(target.url, 'manager2@example.com')).get(`/visit-quotas/compliance?owner=${repId}`),
			403,
			'quota_owner',
		);
		refusedWith(
			await (await Client.login(target.url, 'rep1@example.com')).get(`/visit-quotas/compliance?owner=${repId}`),
			403,
			'quota_owner',
		);
		refusedWith(await rep.get('/visit-quotas/compliance?period=2026-13'), 400, 'quota_period');
		expect(
			(await rep.get(`/visit-quotas/compliance?period=${month()}`)).body.data.reps.map((r: any) => r.owner),
		).toEqual([repId]);
	});

	it('shows no quota figures to whoever may read the customers but not the visits they count', async () => {
		// Customer service reads every customer, not the visits: the counts are not theirs to see.
		const service = await Client.login(target.url, 'service@example.com');
		const refused = await service.get(`/visit-quotas/compliance?period=${month()}`);
		refusedWith(refused, 403, 'quota_unreadable');
		expect(refused.body.errors[0].extensions.messages['en-US']).toContain('records you may not read');
		refusedWith(await service.get(`/visit-quotas/customers/${customers.localA}`), 403, 'quota_unreadable');
		refusedWith(await service.get('/visit-quotas/lead-follow-ups'), 403, 'quota_unreadable');
		// The assistant reads customers and visits alike.
		expect(
			(
				await (
					await Client.login(target.url, 'assistant@example.com')
				).get(`/visit-quotas/compliance?period=${month()}&owner=${repId}`)
			).status,
		).toBe(200);
	});

	it('gives one customer’s line (the customer form) to whoever may read the customer', async () => {
		const all = (await rep.get(`/visit-quotas/compliance?period=${month()}`)).body.data.customers;
		for (const key of ['localC', 'localA', 'provinceB', 'otherA', 'otherD']) {
			const res = await rep.get(`/visit-quotas/customers/${customers[key]}?period=${month()}`);
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			// The same line as the team view: "at risk" weighs the owner's whole backlog.
			expect(res.body.data).toEqual({
				period: month(),
				today: expect.any(String),
				customer: customers[key],
				status: 'active',
				line: all.find((l: any) => l.customer === customers[key]),
			});
		}
		expect((await rep.get(`/visit-quotas/customers/${customers.localA}`)).body.data.line).toMatchObject({
			required: 2,
			done: 1,
			remaining: 1,
			status: 'at_risk',
			rule: { name: expect.stringContaining('A类客户每月'), min_visits: 2, period: 'month', channel: 'onsite' },
			period: { start: `${month()}-01` },
		});
		// A churned customer is not counted.
		expect((await rep.get(`/visit-quotas/customers/${customers.churned}`)).body.data).toMatchObject({
			status: 'churned',
			line: null,
		});
		// The rep's manager sees it; another rep or another team's manager may not.
		const manager1 = await Client.login(target.url, 'manager1@example.com');
		expect((await manager1.get(`/visit-quotas/customers/${customers.localA}`)).body.data.line).toMatchObject({
			required: 2,
			done: 1,
		});
		refusedWith(
			await (await Client.login(target.url, 'rep1@example.com')).get(`/visit-quotas/customers/${customers.localA}`),
			403,
			'quota_customer',
		);
		refusedWith(
			await (await Client.login(target.url, 'manager2@example.com')).get(`/visit-quotas/customers/${customers.localA}`),
			403,
			'quota_customer',
		);
		refusedWith(await admin.get('/visit-quotas/customers/999999999'), 404, 'quota_customer_missing');
		refusedWith(await admin.get('/visit-quotas/customers/abc'), 404, 'quota_customer_missing');
		refusedWith(await rep.get(`/visit-quotas/customers/${customers.localA}?period=2026-13`), 400, 'quota_period');
	});
});
