/**
 * The quota views in a real browser: a rep opens a customer's form and sees the visit quota
 * panel (`visit-quota-progress`) with numbers worked out by hand below, on a phone; a Sales
 * Manager opens an Insights dashboard with the `visit-quota-coverage` panel and sees their
 * reps' coverage. Needs Debian's Chromium (apt-get install -y chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { hasChromium, launchBrowser, open, signIn, STUDIO_TIMEOUT } from './browser.ts';
import { Client, targets } from './client.ts';

const target = targets.find((t) => t.name === 'sqlite')!;
const phone = { width: 390, height: 844 };

const textOf = (page: Page, selector: string) =>
	page
		.locator(selector)
		.first()
		.innerText({ timeout: 1_000 })
		.catch(() => '');

describe.skipIf(!hasChromium)('quota views in Chromium', () => {
	let browser: Browser;
	let admin: Client;
	let repEmail: string;
	let repId: string;
	let users: Record<string, string>;
	const customers: Record<string, number> = {};
	let requireApplication: boolean;

	/**
	 * A new rep of manager1 with two local customers (seeds/demo/rules.ts), this month:
	 *   tier A → A类客户每月上门拜访2次 — 1 on-site visit → 1 / 2, at risk (a new rep has no pace)
	 *   tier C → 本市客户每月拜访1次    — 1 on-site visit → 1 / 1, met
	 * so the rep's coverage is 1 of 2 customers with a requirement: 50 %.
	 */
	beforeAll(async () => {
		browser = await launchBrowser();
		admin = await Client.admin(target);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		requireApplication = (await admin.data('/items/visit_settings')).require_application_for_unplanned;
		await admin.patch('/items/visit_settings', { require_application_for_unplanned: false });

		repEmail = `quota-studio-${Date.now()}@example.com`;
		const created = await admin.post('/users', {
			email: repEmail,
			password: 'demo-password',
			role: roleByKey('sales_rep').roleId,
			position: 'rep',
			reports_to: users.manager1,
			first_name: '达标',
			last_name: '测',
			language: 'zh-CN',
		});
		expect(created.status, JSON.stringify(created.body)).toBe(200);
		repId = created.body.data.id;
		const rep = await Client.login(target.url, repEmail);

		// The two customers and their visits side by side.
		const stamp = Date.now();
		const made = ['A', 'C'].map(async (tier, n) => {
			const res = await admin.post('/items/customers', {
				name: `频次界面测试客户${tier}${stamp}有限公司`,
				code: `QS${stamp % 100000}${n}`,
				tier,
				category: 'ordinary',
				relationship: 'existing',
				region_scope: 'local',
				province: '浙江省',
				city: '杭州市',
				address: '测试路2号',
				latitude: 30.25,
				longitude: 120.15,
				owner: repId,
			});
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			customers[tier] = res.body.data.id;
			const visit = await rep.post('/items/visits', {
				customer: customers[tier],
				purpose: 'relationship',
				channel: 'onsite',
				scheduled_start: new Date().toISOString(),
			});
			const id = visit.body.data.id;
			expect(
				(await rep.post(`/visit-flow/visits/${id}/check-in`, { latitude: 30.25, longitude: 120.15, accuracy: 10 }))
					.status,
			).toBe(200);
			expect((await rep.post(`/visit-flow/visits/${id}/check-out`, {})).status).toBe(200);
		});
		await Promise.all(made);
	});
	afterAll(async () => {
		await admin?.patch('/items/visit_settings', { require_application_for_unplanned: requireApplication });
		await browser?.close();
	});

	// This month where the company is (Asia/Shanghai).
	const month = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

	it('shows a rep the rule and this month’s progress on the customer form, on a phone', async () => {
		const page = await signIn(browser, target.url, repEmail, `/content/customers/${customers.A}`, { viewport: phone });
		try {
			await expect.poll(() => textOf(page, '.visit-quota .count'), { timeout: STUDIO_TIMEOUT }).toBe('1 / 2');
			const panel = page.locator('.visit-quota');
			expect(await panel.locator('.rule-name').innerText()).toContain('A类客户每月上门拜访2次');
			expect(await panel.locator('.status').innerText()).toBe('有风险');
			expect(await panel.locator('.remaining').innerText()).toBe('1');
			expect(await panel.locator('.period').innerText()).toContain(`${month()}-01`);
			expect(await panel.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);

			await open(page, target.url, `/content/customers/${customers.C}`);
			await expect.poll(() => textOf(page, '.visit-quota .count'), { timeout: STUDIO_TIMEOUT }).toBe('1 / 1');
			expect(await panel.locator('.status').innerText()).toBe('已达标');

			// A new customer has no numbers yet.
			await open(page, target.url, '/content/customers/+');
			await expect.poll(() => textOf(page, '.visit-quota'), { timeout: STUDIO_TIMEOUT }).toContain('保存客户后');
		} finally {
			await page.context().close();
		}
	});

	it('shows a Sales Manager their reps’ coverage on an Insights dashboard', async () => {
		const dashboard = await admin.post('/dashboards', { name: `拜访达标 ${Date.now()}`, icon: 'fact_check' });
		expect(dashboard.status, JSON.stringify(dashboard.body)).toBe(200);
		const panel = await admin.post('/panels', {
			dashboard: dashboard.body.data.id,
			type: 'visit-quota-coverage',
			name: '拜访达标',
			show_header: true,
			position_x: 1,
			position_y: 1,
			width: 24,
			height: 14,
			options: { period: 'current' },
		});
		expect(panel.status, JSON.stringify(panel.body)).toBe(200);

		const page = await signIn(browser, target.url, 'manager1@example.com', `/insights/${dashboard.body.data.id}`);
		try {
			const row = page.locator(`.visit-quota-coverage tr[data-owner="${repId}"]`);
			await row.waitFor({ timeout: STUDIO_TIMEOUT });
			expect((await row.locator('td').allInnerTexts()).map((t) => t.trim())).toEqual([
				'测达标',
				'2',
				'1',
				'1',
				'0',
				'50%',
			]);
			expect(await row.locator('.coverage').getAttribute('data-band')).toBe('poor');
			expect(await textOf(page, '.visit-quota-coverage .caption')).toBe(`统计月份 ${month()}`);

			// The team as the endpoint scopes it: manager1's reps, not manager2's.
			const team = await (
				await Client.login(target.url, 'manager1@example.com')
			).data(`/visit-quotas/compliance?period=${month()}`);
			const shown = await page
				.locator('.visit-quota-coverage tbody tr')
				.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-owner')));
			expect([...shown].sort()).toEqual(team.reps.map((r: any) => r.owner).sort());
			expect(shown).toContain(users.rep1);
			expect(shown).not.toContain(users.rep4);

			// Lowest coverage first; a click on 达标率 turns it round.
			const coverages = async () =>
				(await page.locator('.visit-quota-coverage tbody td.coverage').allInnerTexts())
					.filter((c) => c !== '—')
					.map((c) => Number(c.replace('%', '')));
			const first = await coverages();
			expect(first).toEqual([...first].sort((a, b) => a - b));
			await page.locator('.visit-quota-coverage th button[data-sort="coverage"]').click();
			expect(await coverages()).toEqual([...first].sort((a, b) => b - a));
		} finally {
			await page.context().close();
			// The Studio reopens a user's last page after sign-in: send manager1 back to content for the other suites.
			await admin.patch(`/users/${users.manager1}`, { last_page: null });
		}
	});
});
