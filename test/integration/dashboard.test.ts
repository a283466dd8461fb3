/**
 * The seeded Insights dashboard 销售拜访看板 in a real browser: a Sales Manager opens it and
 * every panel shows their team's demo data, checked against what the API gives the same user
 * (so a panel that shows nothing, the wrong people or a wrong number fails); a General
 * Manager sees the company. Takes the README's screenshot into test-results/ (docs/dashboard.png
 * with UPDATE_SCREENSHOT=1). Needs Debian's Chromium.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatValue, type KpiSummary } from '../../extensions/sales-visits/src/shared/insights.ts';
import { deadlineQuery } from '../../extensions/sales-visits/src/visit-report-deadlines/logic.ts';
import { SALES_DASHBOARD_ID, salesDashboardPanels } from '../../extensions/sales-visits/src/setup/dashboard.ts';
import { hasChromium, launchBrowser, open, signedIn, signIn, STUDIO_TIMEOUT } from './browser.ts';
import { Client, targets } from './client.ts';

const target = targets.find((t) => t.name === 'sqlite')!;
const laptop = { width: 1440, height: 900 };
// A run leaves the tracked picture alone unless asked to renew it.
const SCREENSHOT = fileURLToPath(
	new URL(
		process.env.UPDATE_SCREENSHOT ? '../../docs/dashboard.png' : '../../test-results/dashboard.png',
		import.meta.url,
	),
);

// This month where the company is (Asia/Shanghai).
const month = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
const year = () => month().slice(0, 4);
const texts = (page: Page, selector: string) => page.locator(selector).allInnerTexts();

describe.skipIf(!hasChromium)('the sales visit dashboard in Chromium', () => {
	let browser: Browser;
	let admin: Client;
	let users: Record<string, string>;
	/** manager1's browser, signed in once for the file: the laptop's page, then the phone's. */
	let manager1: BrowserContext;

	beforeAll(async () => {
		browser = await launchBrowser();
		admin = await Client.admin(target);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		manager1 = await signedIn(browser, target.url, 'manager1@example.com', { viewport: laptop });
	});
	afterAll(async () => {
		// The Studio reopens a user's last page after sign-in: send them back to content for the other suites.
		for (const who of ['manager1', 'gm'])
			if (users?.[who]) await admin.patch(`/users/${users[who]}`, { last_page: null });
		await manager1?.close();
		await browser?.close();
	});

	it('is installed by setup with its panels, readable by managers', async () => {
		const manager = await Client.login(target.url, 'manager1@example.com');
		expect((await manager.data(`/dashboards/${SALES_DASHBOARD_ID}?fields=name`)).name).toBe('销售拜访看板');
		const panels: any[] = await manager.data(
			`/panels?filter[dashboard][_eq]=${SALES_DASHBOARD_ID}&fields=id,type&limit=-1`,
		);
		expect(panels.map((p) => p.id).sort()).toEqual(salesDashboardPanels.map((p) => p.id).sort());
	});

	it('shows a Sales Manager every panel with their team’s data', async () => {
		const manager = await Client.login(target.url, 'manager1@example.com');
		const summary: KpiSummary = await manager.data(`/visit-kpi/summary?period=${month()}&by=owner`);
		const funnel: KpiSummary = await manager.data(`/visit-kpi/summary?period=${year()}`);
		const compliance = await manager.data(`/visit-quotas/compliance?period=${month()}`);
		const team: string[] = summary.by_owner!.map((o) => o.owner);
		expect(team).toContain(users.rep1);
		expect(team).not.toContain(users.rep4);

		const page = await manager1.newPage();
		try {
			await page.goto(`${target.url}/admin/insights/${SALES_DASHBOARD_ID}`);
			// KPI scorecard: the eight KPIs it was set up with, named, each with the summary's value.
			const scorecard = page.locator('.visit-kpi-scorecard');
			await scorecard.locator('li.kpi').first().waitFor({ timeout: STUDIO_TIMEOUT });
			const scored = await scorecard
				.locator('li.kpi')
				.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kpi')));
			expect(scored).toEqual(salesDashboardPanels[0]!.options.kpis);
			expect(await texts(page, '.visit-kpi-scorecard .label')).toContain('拜访报告及时率');
			for (const key of scored as string[]) {
				const k = summary.kpis.find((x) => x.key === key)!;
				const row = scorecard.locator(`li[data-kpi="${key}"]`);
				expect(await row.locator('.value').innerText(), key).toBe(formatValue(k.unit, k.value));
				expect(await row.getAttribute('data-light'), key).toBe(k.light ?? 'none');
			}
			expect((await texts(page, '.visit-kpi-scorecard .value')).some((v) => /\d/.test(v))).toBe(true);
			expect(await scorecard.locator('li[data-kpi="report_on_time"] .target').innerText()).toContain('≥ 95%');

			// Leaderboard: the team, best quota compliance first.
			const board = page.locator('.visit-kpi-leaderboard');
			await board.locator('li.row').first().waitFor({ timeout: STUDIO_TIMEOUT });
			const ranked = (await board
				.locator('li.row')
				.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-owner')))) as string[];
			expect([...ranked].sort()).toEqual([...team].sort());
			const values = team
				.map((o) => summary.by_owner!.find((b) => b.owner === o)!.kpis.quota_compliance!.value)
				.filter((v): v is number => v !== null);
			expect(await board.locator('li.row').first().locator('.value').innerText()).toBe(
				formatValue('ratio', Math.max(...values)),
			);
			expect(await board.locator('li.row').first().locator('.rank').innerText()).toBe('1');

			// Heat map: a row per rep of the team, four tier cells each, the numbers of /visit-quotas/compliance.
			const heat = page.locator('.visit-quota-heatmap');
			await heat.locator('tbody tr').first().waitFor({ timeout: STUDIO_TIMEOUT });
			const heatRows = (await heat
				.locator('tbody tr')
				.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-owner')))) as string[];
			expect([...heatRows].sort()).toEqual(compliance.reps.map((r: any) => r.owner).sort());
			expect(await heat.locator('tbody td.cell[data-tier]').count()).toBe(heatRows.length * 4);
			const rep1A = compliance.customers.filter((c: any) => c.owner === users.rep1 && c.tier === 'A' && c.rule);
			const cellA = heat.locator(`tr[data-owner="${users.rep1}"] td[data-tier="A"]`);
			if (rep1A.length)
				expect(await cellA.locator('.frac').innerText()).toBe(
					`${rep1A.filter((c: any) => c.status === 'met').length}/${rep1A.length}`,
				);
			expect(
				await heat.locator('td.cell[data-band="good"], td.cell[data-band="fair"], td.cell[data-band="poor"]').count(),
			).toBeGreaterThan(0);

			// Lead funnel: the five grades with the year's numbers.
			const steps = page.locator('.visit-lead-funnel li.step');
			await steps.first().waitFor({ timeout: STUDIO_TIMEOUT });
			expect(await steps.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-grade')))).toEqual([
				'H',
				'A',
				'B',
				'C',
				'O',
			]);
			for (const g of funnel.funnel.grades)
				expect(await page.locator(`.visit-lead-funnel li[data-grade="${g.grade}"] .reached`).innerText()).toBe(
					`${g.reached} 家`,
				);
			expect(funnel.funnel.grades.some((g) => g.reached > 0)).toBe(true);

			// Report deadlines: what manager1 may read through the items API, in due order.
			const query = new URLSearchParams(deadlineQuery(48, 50, new Date()));
			const due: any[] = await manager.data(`/items/visits?${query}`);
			const board2 = page.locator('.visit-report-deadlines');
			if (due.length) {
				await board2.locator('li.row').first().waitFor({ timeout: STUDIO_TIMEOUT });
				expect(
					await board2.locator('li.row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-visit')))),
				).toEqual(due.map((v) => v.id));
				expect(await board2.locator('li.row .customer').first().innerText()).toBe(due[0].customer.name);
				expect(await board2.locator('li.row .when').first().innerText()).toMatch(/^(逾期|剩余) \S+/);
			} else await board2.locator('.empty').waitFor({ timeout: STUDIO_TIMEOUT });
			expect(due.every((v) => team.includes(v.owner.id))).toBe(true);

			// Pipeline: each open stage with the team's count, as the summary gives it (the demo has open opportunities).
			const stages = page.locator('.visit-sales-pipeline li.stage');
			await stages.first().waitFor({ timeout: STUDIO_TIMEOUT });
			expect(summary.pipeline!.stages.some((s) => s.count > 0)).toBe(true);
			expect(await stages.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-stage')))).toEqual(
				summary.pipeline!.stages.map((s) => s.stage),
			);
			for (const s of summary.pipeline!.stages)
				expect(await page.locator(`.visit-sales-pipeline li[data-stage="${s.stage}"] .count`).innerText()).toBe(
					`${s.count} 个`,
				);
			expect(await page.locator('.visit-sales-pipeline .total').innerText()).toContain(
				formatValue(
					'amount',
					summary.pipeline!.stages.reduce((sum, s) => sum + s.weighted, 0),
				),
			);

			// Receivables aging: each bucket's open amount as the summary gives it.
			for (const a of summary.receivables!.aging)
				expect(
					await page.locator(`.visit-receivables-aging li[data-bucket="${a.bucket}"] .amount`).innerText(),
					a.bucket,
				).toBe(formatValue('amount', a.amount));
			expect(summary.receivables!.aging.map((a) => a.bucket)).toEqual(['d0_30', 'd31_60', 'd61_90', 'over_90']);

			// The existing 拜访达标 panel is on it too.
			await page.locator(`.visit-quota-coverage tr[data-owner="${users.rep1}"]`).waitFor({ timeout: STUDIO_TIMEOUT });

			// The dashboard without the Studio's side drawer, as on a laptop when it is closed.
			await page.locator('.sidebar-toggle').click();
			// The picture is taken once the drawer has closed: the split collapsed and its transition over.
			await page.locator('.main-split.sp-collapsed').waitFor({ timeout: STUDIO_TIMEOUT });
			const still = () =>
				!document
					.getAnimations()
					.some(
						(a) =>
							a.playState === 'running' &&
							(a.effect as KeyframeEffect | null)?.target?.classList.contains('main-split'),
					);
			await page.waitForFunction(still, undefined, { timeout: STUDIO_TIMEOUT });
			await page.screenshot({ path: SCREENSHOT });
		} finally {
			await page.close();
		}
	});

	it('shows a General Manager the company', async () => {
		const gm = await Client.login(target.url, 'gm@example.com');
		const summary: KpiSummary = await gm.data(`/visit-kpi/summary?period=${month()}&by=owner`);
		expect(summary.scope).toBe('company');
		const page = await signIn(browser, target.url, 'gm@example.com', `/insights/${SALES_DASHBOARD_ID}`, {
			viewport: laptop,
		});
		try {
			const board = page.locator('.visit-kpi-leaderboard li.row');
			await board.first().waitFor({ timeout: STUDIO_TIMEOUT });
			const ranked = (await board.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-owner')))) as string[];
			expect(ranked).toEqual(expect.arrayContaining([users.rep1, users.rep4]));
			expect(ranked).toHaveLength(summary.by_owner!.length);
			expect(await page.locator('.visit-kpi-scorecard .caption').innerText()).toContain(summary.name);
		} finally {
			await page.context().close();
		}
	});

	it('lets an Administrator set each panel’s options in the Studio, labelled in their language', async () => {
		const context = await signedIn(browser, target.url, target.env.ADMIN_EMAIL!, {
			password: target.env.ADMIN_PASSWORD!,
			viewport: laptop,
		});
		const page = await context.newPage();
		try {
			const expected: Record<string, string[]> = {
				'visit-kpi-scorecard': ['指标（空 = 全部）', '统计期间', '范围'],
				'visit-kpi-leaderboard': ['指标', '统计期间', '团队经理（空 = 我的团队）'],
				'visit-report-deadlines': ['即将到期：小时内'],
				'visit-quota-heatmap': ['统计月份'],
				'visit-lead-funnel': ['统计期间', '范围'],
				'visit-sales-pipeline': ['范围'],
				'visit-receivables-aging': ['范围'],
				'visit-complaint-analysis': ['统计期间', '范围'],
			};
			for (const [type, labels] of Object.entries(expected)) {
				const panel = salesDashboardPanels.find((p) => p.type === type)!;
				// The first by URL, the others through the app's router.
				await open(page, target.url, `/insights/${SALES_DASHBOARD_ID}/${panel.id}`);
				for (const label of labels)
					await page.getByText(label, { exact: true }).first().waitFor({ timeout: STUDIO_TIMEOUT });
			}
		} finally {
			await context.close();
			const me = await admin.data('/users/me?fields=id');
			await admin.patch(`/users/${me.id}`, { last_page: null });
		}
	});

	it('stays readable on a phone: the panels fit their content to the screen', async () => {
		const phone = { width: 390, height: 844 };
		// A new page of manager1's, on a phone.
		const page = await manager1.newPage();
		try {
			await page.setViewportSize(phone);
			await page.goto(`${target.url}/admin/insights/${SALES_DASHBOARD_ID}`);
			const row = page.locator('.visit-kpi-scorecard li.kpi').first();
			await row.waitFor({ timeout: STUDIO_TIMEOUT });
			await page.locator('.visit-quota-heatmap tbody tr').first().waitFor({ timeout: STUDIO_TIMEOUT });
			// The Studio keeps the laptop grid (a phone scrolls it sideways) and each tile's width: what
			// a panel shows fits in one screen width from the tile's left edge.
			const reach = (selector: string) =>
				page
					.locator(selector)
					.first()
					.evaluate(
						(el) => el.getBoundingClientRect().right - el.closest('.v-workspace-tile')!.getBoundingClientRect().left,
					);
			for (const selector of [
				'.visit-kpi-scorecard li.kpi .value',
				'.visit-kpi-scorecard li.kpi .trend',
				'.visit-quota-heatmap td.total',
				'.visit-kpi-leaderboard li.row .value',
				'.visit-lead-funnel li.step .track',
				'.visit-sales-pipeline li.stage .track',
				'.visit-receivables-aging li.bucket .track',
				'.visit-report-deadlines li.row .due',
			])
				expect(await reach(selector), selector).toBeLessThanOrEqual(phone.width - 12);
			expect(await row.locator('.value').innerText()).toMatch(/\d/);
		} finally {
			await page.close();
		}
	});
});
