/**
 * The seeded dashboards in Chromium as the people they are for: a rep opens Insights, finds only
 * 我的看板 and sees their own figures on it (the same numbers the API gives them as themselves, the
 * caption naming them as a person) on a laptop and on a phone; a manager's sales dashboard at
 * 1440×900 with the Studio's sidebar open has every panel in view. Needs Debian's Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { formatValue, type KpiSummary } from '../../extensions/sales-visits/src/shared/insights.ts';
import { deadlineQuery } from '../../extensions/sales-visits/src/visit-report-deadlines/logic.ts';
import {
	MY_DASHBOARD_ID,
	myDashboardPanels,
	SALES_DASHBOARD_ID,
	salesDashboardPanels,
} from '../../extensions/sales-visits/src/setup/dashboard.ts';
import { hasChromium, launchBrowser, signIn, STUDIO_TIMEOUT } from './browser.ts';
import { Client, targets } from './client.ts';

const target = targets.find((t) => t.name === 'sqlite')!;
const laptop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };
const month = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

/** Each tile's name and horizontal extent, and the sidebar's left edge when it is open on the side. */
const layout = (page: Page) =>
	page.evaluate(() => ({
		tiles: Array.from(document.querySelectorAll('.v-workspace-tile')).map((t) => {
			const r = t.getBoundingClientRect();
			return { name: t.querySelector('.name')?.textContent?.trim() ?? '', left: r.left, right: r.right };
		}),
		sidebar: document.querySelector('aside#sidebar')?.getBoundingClientRect().left ?? innerWidth,
	}));

describe.skipIf(!hasChromium)('the seeded dashboards as their people see them', () => {
	let browser: Browser;
	let admin: Client;
	let users: Record<string, string>;

	beforeAll(async () => {
		browser = await launchBrowser();
		admin = await Client.admin(target);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
	});
	afterAll(async () => {
		// The Studio reopens a user's last page after sign-in: send them back home for the other suites.
		for (const who of ['rep2', 'manager2'])
			if (users?.[who]) await admin.patch(`/users/${users[who]}`, { last_page: null });
		await browser?.close();
	});

	/** What rep2's panels must show: their summary and the reports due they may read. */
	const repTruth = async () => {
		const rep = await Client.login(target.url, 'rep2@example.com');
		const summary: KpiSummary = await rep.data(`/visit-kpi/summary?period=${month()}`);
		const due: any[] = await rep.data(`/items/visits?${new URLSearchParams(deadlineQuery(48, 20, new Date()))}`);
		return { summary, due };
	};

	/** The scorecard and the deadlines on `page` are rep2's own, as the API gives them to rep2. */
	const showsOwnFigures = async (page: Page) => {
		const { summary, due } = await repTruth();
		expect(summary).toMatchObject({ scope: 'rep', id: users.rep2 });
		const scorecard = page.locator('.visit-kpi-scorecard');
		await scorecard.locator('li.kpi').first().waitFor({ timeout: STUDIO_TIMEOUT });
		expect(await scorecard.locator('.caption').innerText()).toBe(`${summary.name}（个人） · ${month()}`);
		for (const key of myDashboardPanels[0]!.options.kpis as string[]) {
			const k = summary.kpis.find((x) => x.key === key)!;
			expect(await scorecard.locator(`li[data-kpi="${key}"] .value`).innerText(), key).toBe(
				formatValue(k.unit, k.value),
			);
		}
		const deadlines = page.locator('.visit-report-deadlines');
		if (due.length) {
			await deadlines.locator('li.row').first().waitFor({ timeout: STUDIO_TIMEOUT });
			expect(
				await deadlines.locator('li.row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-visit')))),
			).toEqual(due.map((v) => v.id));
		} else await deadlines.locator('.empty').waitFor({ timeout: STUDIO_TIMEOUT });
		expect(due.every((v) => v.owner.id === users.rep2)).toBe(true);
		// The quota panel: rep2's row alone.
		const rows = page.locator('.visit-quota-coverage tbody tr[data-owner]');
		await rows.first().waitFor({ timeout: STUDIO_TIMEOUT });
		expect(new Set(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-owner'))))).toEqual(
			new Set([users.rep2]),
		);
	};

	it('gives a rep 我的看板 in Insights, with their own figures, every panel in view on a laptop', async () => {
		const page = await signIn(browser, target.url, 'rep2@example.com', '/insights', { viewport: laptop });
		try {
			// Insights lists 我的看板 and nothing else.
			const listed = page.locator('.module-nav .v-list-item');
			await listed.first().waitFor({ timeout: STUDIO_TIMEOUT });
			expect(await listed.allInnerTexts()).toEqual(['我的看板']);
			await listed.first().click();
			await page.waitForURL(new RegExp(`/insights/${MY_DASHBOARD_ID}`), { timeout: STUDIO_TIMEOUT });
			await showsOwnFigures(page);
			const { tiles, sidebar } = await layout(page);
			expect(tiles.map((t) => t.name).sort()).toEqual(myDashboardPanels.map((p) => p.name).sort());
			for (const t of tiles) expect(t.right, t.name).toBeLessThanOrEqual(Math.min(sidebar, laptop.width));
		} finally {
			await page.context().close();
		}
	});

	it('keeps what a rep acts on in a phone’s width, with their own figures', async () => {
		const page = await signIn(browser, target.url, 'rep2@example.com', `/insights/${MY_DASHBOARD_ID}`, {
			viewport: phone,
		});
		try {
			await showsOwnFigures(page);
			const { tiles } = await layout(page);
			const first = myDashboardPanels.filter((p) => p.position_x === 1).map((p) => p.name);
			expect(first).toHaveLength(3);
			for (const name of first) {
				const tile = tiles.find((t) => t.name === name)!;
				expect(tile.left, name).toBeGreaterThanOrEqual(0);
				expect(tile.right, name).toBeLessThanOrEqual(phone.width);
			}
			// Nothing in the scorecard reaches past the screen.
			const widest = await page
				.locator('.visit-kpi-scorecard li.kpi .trend')
				.evaluateAll((els) => Math.max(...els.map((e) => e.getBoundingClientRect().right)));
			expect(widest).toBeLessThanOrEqual(phone.width);
		} finally {
			await page.context().close();
		}
	});

	it('shows a manager every panel of the sales dashboard beside the open sidebar at 1440×900', async () => {
		const page = await signIn(browser, target.url, 'manager2@example.com', `/insights/${SALES_DASHBOARD_ID}`, {
			viewport: laptop,
		});
		try {
			await page.locator('.visit-kpi-scorecard li.kpi').first().waitFor({ timeout: STUDIO_TIMEOUT });
			const sidebar = page.locator('aside#sidebar');
			await sidebar.waitFor({ timeout: STUDIO_TIMEOUT });
			const { tiles, sidebar: edge } = await layout(page);
			expect(edge).toBeLessThan(laptop.width);
			expect(tiles.map((t) => t.name).sort()).toEqual(salesDashboardPanels.map((p) => p.name).sort());
			for (const t of tiles) {
				expect(t.left, t.name).toBeGreaterThanOrEqual(0);
				expect(t.right, t.name).toBeLessThanOrEqual(edge);
			}
			// The team's figures say so: the manager's team, not the manager alone.
			expect(await page.locator('.visit-kpi-scorecard .caption').innerText()).toMatch(/^\S+的团队 · \d{4}-\d{2}$/);
		} finally {
			await page.context().close();
		}
	});
});
