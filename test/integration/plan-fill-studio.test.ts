/**
 * A month plan with fewer clicks in the real Studio: a fresh rep makes a month plan by picking a
 * year and a month (no date typed, no end picked: the server fills it), fills it to the quota
 * with one click on the coverage table's 按频次补齐, sees the table with nobody short and the
 * items in the plan, and submits it from the action panel. Needs Debian's Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { hasChromium, launchBrowser, open, signIn, STUDIO_TIMEOUT, uncover } from './browser.ts';
import { Client, targets, type Response } from './client.ts';
import { yearOf } from './years.ts';

const target = targets.find((t) => t.name === 'sqlite')!;
/** A January: only the month rules are due in it (seeds/demo/rules.ts). */
const YEAR = yearOf('plan-fill-studio.test.ts');

const ok = (res: Response, what: string) => {
	expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
	return res.body.data;
};

/** The names in the coverage table, one per customer left short. */
const shortNames = (table: Locator) =>
	table
		.locator('tbody tr .customer')
		.allInnerTexts()
		.catch(() => [] as string[]);

describe.skipIf(!hasChromium)('a month plan made and filled in the Studio', () => {
	let browser: Browser;
	let admin: Client;
	let page: Page;
	let repId: string;
	const tag = `${Date.now()}`;
	/** Chinese names only: the screen walk of other suites reads these rows too. */
	const names = { a: `补齐甲类客户${tag}`, c: `补齐丙类客户${tag}` };

	/** A new rep of manager1 with two local customers: tier A (2 a month on site) and C (1 a month). */
	beforeAll(async () => {
		browser = await launchBrowser();
		admin = await Client.admin(target);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		const manager1 = list.find((u) => u.email === 'manager1@example.com').id;
		const email = `plan-fill-studio-${tag}@example.com`;
		repId = ok(
			await admin.post('/users', {
				email,
				password: 'demo-password',
				role: roleByKey('sales_rep').roleId,
				position: 'rep',
				reports_to: manager1,
				first_name: '补齐',
				last_name: '界面',
				language: 'zh-CN',
			}),
			'user',
		).id;
		for (const [key, tier] of [
			['a', 'A'],
			['c', 'C'],
		] as const)
			ok(
				await admin.post('/items/customers', {
					name: names[key],
					code: `PFS${Number(tag) % 1_000_000}${key}`,
					tier,
					category: 'ordinary',
					relationship: 'existing',
					region_scope: 'local',
					owner: repId,
				}),
				key,
			);
		page = await signIn(browser, target.url, email, '/content');
	}, 300_000);

	afterAll(async () => {
		await page?.context().close();
		await browser?.close();
	});

	it('picks the month, fills the plan with one click and submits it with nobody short', async () => {
		await open(page, target.url, '/content/visit_plans/+');
		const picker = page.locator('[data-field="period_start"] .visit-plan-period[data-period-type="month"]');
		await picker.waitFor({ timeout: STUDIO_TIMEOUT });
		// No date picker and no end to pick: a year and one tap on the month.
		expect(await picker.locator('input[type="date"], .v-date-picker').count()).toBe(0);
		await picker.locator('.year-input').fill(String(YEAR));
		await picker.locator('.year-input').press('Tab');
		await picker.locator('[data-month="1"]').click();
		expect(await picker.locator('.period').innerText()).toBe(`计划期间：${YEAR}-01-01 至 ${YEAR}-01-31`);

		const saved = page.waitForResponse(
			(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/items/visit_plans',
			{ timeout: STUDIO_TIMEOUT },
		);
		await page.keyboard.press('Control+s');
		const res = await saved;
		expect(res.status(), await res.text()).toBe(200);
		const plan = (await res.json()).data.id as number;
		expect(await admin.data(`/items/visit_plans/${plan}?fields=owner,period_type,period_start,period_end`)).toEqual({
			owner: repId,
			period_type: 'month',
			period_start: `${YEAR}-01-01`,
			period_end: `${YEAR}-01-31`,
		});

		await open(page, target.url, `/content/visit_plans/${plan}`);
		// An item's drawer inside the plan: no plan to pick, no visit yet, the customer in one dropdown.
		const items = page.locator('[data-field="items"]');
		await uncover(items.locator('button:has-text("新建")').first());
		await items.locator('button:has-text("新建")').first().click();
		const drawer = page.locator('.v-drawer').last();
		const pick = drawer.locator('.visit-customer-pick[data-mode="dropdown"]');
		await pick.waitFor({ timeout: STUDIO_TIMEOUT });
		expect(await drawer.locator('.visit-plan-item-plan').count()).toBe(0);
		expect(await drawer.innerText()).not.toContain('所属计划');
		expect(await drawer.innerText()).not.toContain('生成的拜访');
		await pick.locator('.v-select').first().click();
		await expect
			.poll(() => page.locator('.v-menu-content').last().innerText(), { timeout: STUDIO_TIMEOUT })
			.toContain(names.c);
		await page.keyboard.press('Escape');
		await page.keyboard.press('Escape');
		await expect.poll(() => page.locator('.v-drawer').count(), { timeout: STUDIO_TIMEOUT }).toBe(0);

		const table = page.locator('[data-field="coverage_shortfalls"] .visit-plan-coverage');
		await expect
			.poll(() => shortNames(page.locator('.visit-plan-coverage[data-source="live"]')), { timeout: STUDIO_TIMEOUT })
			.toEqual([names.a, names.c]);

		// 按频次补齐: one click, and the table refreshes as the server fills the plan.
		const fill = table.locator('[data-action="plan.fill"]');
		await uncover(fill);
		expect(await fill.innerText()).toBe('按频次补齐');
		await fill.click();
		await expect
			.poll(() => table.locator('.summary').innerText(), { timeout: STUDIO_TIMEOUT })
			.toBe('所有客户均满足拜访频次');
		expect(await shortNames(table)).toEqual([]);
		expect(await table.locator('.done').innerText()).toBe('已添加 3 条计划明细');
		expect(await table.locator('[data-action="plan.fill"]').count()).toBe(0);
		// The plan's item list shows them without a reload.
		await expect.poll(() => items.innerText(), { timeout: STUDIO_TIMEOUT }).toContain(names.c);
		expect((await items.innerText()).split(names.a)).toHaveLength(3);
		expect(
			(await admin.data(`/items/visit_plan_items?filter[plan][_eq]=${plan}&fields=id&limit=-1`)) as unknown[],
		).toHaveLength(3);

		const panel = page.locator('.visit-approval');
		await uncover(panel.locator('[data-action="plan.submit"]'));
		await panel.locator('[data-action="plan.submit"]').click();
		await panel.locator('[data-submit="plan.submit"]').click();
		await expect
			.poll(async () => (await admin.data(`/items/visit_plans/${plan}?fields=status`)).status, {
				timeout: STUDIO_TIMEOUT,
			})
			.toBe('submitted');
		expect(await admin.data(`/items/visit_plans/${plan}?fields=coverage_short_count`)).toEqual({
			coverage_short_count: 0,
		});
		await expect
			.poll(() => table.locator('.summary').innerText(), { timeout: STUDIO_TIMEOUT })
			.toBe('所有客户均满足拜访频次');
		expect(await page.locator('[data-field="coverage_shortfalls"]').innerText()).not.toMatch(/[A-Za-z{}"]/);
	});
});
