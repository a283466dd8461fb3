/**
 * A month plan's coverage check (拜访覆盖检查) in the real Studio: a fresh rep's draft that leaves
 * two customers short. The rep opens it on a phone in Chinese and reads the check as a table
 * (no JSON, no English key), submits from the action panel and is told plainly how many
 * customers are left short; their manager sees the count beside approve and reject, and the
 * same table as submitted. Needs Debian's Chromium (apt-get install -y chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { hasChromium, launchBrowser, open, signIn, STUDIO_TIMEOUT, uncover } from './browser.ts';
import { Client, targets, type Response } from './client.ts';
import { yearOf } from './years.ts';

const target = targets.find((t) => t.name === 'sqlite')!;
const phone = { width: 390, height: 844 };
/** A January: only the month rules are due in it (seeds/demo/rules.ts). */
const MONTH = `${yearOf('plan-coverage-studio.test.ts')}-01`;

const ok = (res: Response, what: string) => {
	expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
	return res.body.data;
};

/** The lines of the table, one `name short` per customer; [] while it is not shown. */
const lines = (table: Locator) =>
	table
		.locator('tbody tr')
		.evaluateAll((rows) =>
			rows.map(
				(r) =>
					`${r.querySelector('.customer')?.textContent?.trim()} ${r.querySelector('[data-column="short"]')?.textContent?.trim()}`,
			),
		)
		.catch(() => [] as string[]);

describe.skipIf(!hasChromium)('a month plan’s coverage check in the Studio', () => {
	let browser: Browser;
	let admin: Client;
	const pages: Record<string, Page> = {};
	let users: Record<string, string>;
	let saved: Record<string, unknown>;
	let plan: number;
	const tag = `${Date.now()}`;
	/** Chinese names only: any Latin letter on screen would be a key or an English word. */
	const names = { a: `甲类短缺客户${tag}`, c: `丙类短缺客户${tag}`, covered: `已排计划客户${tag}` };

	/**
	 * A new rep of manager1 with three local customers and nothing done in January:
	 *   a        tier A → 2 a month on site, nothing planned → short 2
	 *   c        tier C → 1 a month,        nothing planned → short 1
	 *   covered  tier C → 1 a month,        one plan item   → covered
	 */
	beforeAll(async () => {
		browser = await launchBrowser();
		admin = await Client.admin(target);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		saved = await admin.data('/items/visit_settings?fields=plan_coverage_check');
		ok(await admin.patch('/items/visit_settings', { plan_coverage_check: 'warn' }), 'settings');

		const email = `plan-coverage-studio-${tag}@example.com`;
		const repId = ok(
			await admin.post('/users', {
				email,
				password: 'demo-password',
				role: roleByKey('sales_rep').roleId,
				position: 'rep',
				reports_to: users.manager1,
				first_name: '覆盖',
				last_name: '界面',
				language: 'zh-CN',
			}),
			'user',
		).id;
		const customer = async (key: keyof typeof names, tier: string) =>
			ok(
				await admin.post('/items/customers', {
					name: names[key],
					code: `PC${Number(tag) % 1_000_000}${Object.keys(names).indexOf(key)}`,
					tier,
					category: 'ordinary',
					relationship: 'existing',
					region_scope: 'local',
					owner: repId,
				}),
				key,
			).id as number;
		await customer('a', 'A');
		await customer('c', 'C');
		const covered = await customer('covered', 'C');
		const rep = await Client.login(target.url, email);
		plan = ok(
			await rep.post('/items/visit_plans', {
				period_type: 'month',
				period_start: `${MONTH}-01`,
				period_end: `${MONTH}-31`,
				items: [{ customer: covered, planned_date: `${MONTH}-12`, purpose: 'relationship' }],
			}),
			'plan',
		).id;

		const [repPage, manager1] = await Promise.all([
			signIn(browser, target.url, email, '/content', { viewport: phone }),
			signIn(browser, target.url, 'manager1@example.com', '/content'),
		]);
		Object.assign(pages, { rep: repPage, manager1 });
	}, 300_000);

	afterAll(async () => {
		await Promise.all(Object.values(pages).map((p) => p.context().close()));
		await browser?.close();
		if (saved) await admin.patch('/items/visit_settings', saved);
		// The Studio reopens a user's last page after sign-in: send manager1 back to content for the other suites.
		if (users?.manager1) await admin.patch(`/users/${users.manager1}`, { last_page: null });
	});

	it('shows the rep the draft’s check as a table on a phone, in Chinese, and tells them at submit', async () => {
		const page = pages.rep!;
		await open(page, target.url, `/content/visit_plans/${plan}`);
		const field = page.locator('[data-field="coverage_shortfalls"]');
		const table = field.locator('.visit-plan-coverage[data-source="live"]');
		await expect.poll(() => lines(table), { timeout: STUDIO_TIMEOUT }).toEqual([`${names.a} 2`, `${names.c} 1`]);
		await uncover(table);
		expect(await table.locator('.summary').innerText()).toBe('2 位客户未满足拜访频次');
		const first = table.locator(`tr:has-text("${names.a}")`);
		expect(await first.locator('.rule').innerText()).toContain('每月至少拜访 2 次（仅上门）');
		// On a phone each number is shown under its own name.
		expect(
			await first.locator('[data-column="required"]').evaluate((el) => getComputedStyle(el, '::before').content),
		).toBe('"应拜访"');
		// No code editor, no JSON and no English word on screen.
		expect(await field.locator('.cm-editor, .CodeMirror, textarea').count()).toBe(0);
		expect(await field.innerText()).not.toMatch(/[A-Za-z{}"]/);
		// Nothing wider than the phone.
		expect(await table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
		expect(await table.evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(phone.width);

		const panel = page.locator('.visit-approval');
		await uncover(panel.locator('[data-action="plan.submit"]'));
		await panel.locator('[data-action="plan.submit"]').click();
		// 提交 takes an optional comment: its form opens, and sends without one.
		await panel.locator('[data-submit="plan.submit"]').click();
		await expect
			.poll(
				() =>
					panel
						.locator('.message')
						.innerText({ timeout: 1_000 })
						.catch(() => ''),
				{ timeout: STUDIO_TIMEOUT },
			)
			.toContain('提交成功；2 位客户未满足拜访频次，详见“拜访覆盖检查”');
		expect(await panel.innerText()).not.toContain('已完成：提交');
		// The table now shows what the submission saved.
		await expect
			.poll(() => lines(field.locator('.visit-plan-coverage[data-source="submitted"]')), { timeout: STUDIO_TIMEOUT })
			.toEqual([`${names.a} 2`, `${names.c} 1`]);
		expect((await admin.data(`/items/visit_plans/${plan}?fields=status,coverage_short_count`)) as unknown).toEqual({
			status: 'submitted',
			coverage_short_count: 2,
		});
	});

	it('shows the manager the shortfall beside approve and reject, and the table as submitted', async () => {
		const page = pages.manager1!;
		await open(page, target.url, `/content/visit_plans/${plan}`);
		const panel = page.locator('.visit-approval');
		const note = panel.locator('[data-note="plan.coverage"]');
		await expect
			.poll(() => note.innerText({ timeout: 1_000 }).catch(() => ''), { timeout: STUDIO_TIMEOUT })
			.toMatch(/^未满足频次的客户\s+2$/);
		expect(await panel.locator('[data-action="plan.approve"]').count()).toBe(1);
		expect(await panel.locator('[data-action="plan.reject"]').count()).toBe(1);

		const field = page.locator('[data-field="coverage_shortfalls"]');
		const table = field.locator('.visit-plan-coverage[data-source="submitted"]');
		await expect.poll(() => lines(table), { timeout: STUDIO_TIMEOUT }).toEqual([`${names.a} 2`, `${names.c} 1`]);
		expect(await table.locator('thead th').allInnerTexts()).toEqual([
			'客户',
			'频次规则',
			'应拜访',
			'已完成',
			'已排期',
			'本计划',
			'还差',
		]);
		expect(await table.locator('.source').innerText()).toBe('提交时的检查结果');
		expect(await field.innerText()).not.toMatch(/[A-Za-z{}"]/);
	});
});
