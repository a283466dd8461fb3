/**
 * The Studio's own furniture fits the person: the date picker names the weekdays in their
 * language and starts the week where their locale does (shared/calendar-locale.ts), a phone's
 * first screen is the page, not the navigation and sidebar drawers over it (shared/phone-drawers.ts),
 * amounts read grouped by thousands in lists and titles (display `visit-amount`), and our panels'
 * options read in the admin's language (shared/reader-language.ts).
 * Needs Debian's Chromium (apt-get install -y chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { foreignWords } from '../screen-words.ts';
import { hasChromium, launchBrowser, open, signIn, STUDIO_TIMEOUT } from './browser.ts';
import { Client, targets } from './client.ts';
import { ok } from './sales.ts';

const target = targets.find((t) => t.name === 'sqlite')!;
const phone = { width: 390, height: 844 };

/** The weekday heads of the date picker of a new visit's scheduled start. */
async function weekdayHeads(page: Page): Promise<string[]> {
	await open(page, target.url, '/content/visits/+');
	await page.locator('[data-field="scheduled_start"] .interface button.v-list-item').click({ timeout: STUDIO_TIMEOUT });
	const heads = page.locator('.calendar-head-cell');
	await heads.first().waitFor({ timeout: STUDIO_TIMEOUT });
	return heads.allInnerTexts();
}

/** Whether, scrolled into view, the middle of `selector`'s element is what a tap there reaches (nothing lies over it). */
const onTop = (page: Page, selector: string) =>
	page.locator(selector).evaluate((el) => {
		el.scrollIntoView({ block: 'center' });
		const r = el.getBoundingClientRect();
		return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
	});

const WAITING = '[data-part="waiting"] h2';

describe.skipIf(!hasChromium)('the Studio around our screens', () => {
	let browser: Browser;
	let englishRep: string;

	beforeAll(async () => {
		browser = await launchBrowser();
		const admin = await Client.admin(target);
		englishRep = `chrome-studio-${Date.now()}@example.com`;
		ok(
			await admin.post('/users', {
				email: englishRep,
				password: 'demo-password',
				role: roleByKey('sales_rep').roleId,
				position: 'rep',
				first_name: '日历',
				last_name: '走查',
				language: 'en-US',
			}),
			'user',
		);
	});
	afterAll(() => browser?.close());

	it('starts the zh-CN date picker on Monday, in Chinese', async () => {
		const page = await signIn(browser, target.url, 'rep1@example.com', '/visit-home');
		try {
			expect(await weekdayHeads(page)).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '周日']);
		} finally {
			await page.context().close();
		}
	});

	it('starts the en-US date picker on Sunday, in English', async () => {
		const page = await signIn(browser, target.url, englishRep, '/visit-home');
		try {
			expect(await weekdayHeads(page)).toEqual(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
		} finally {
			await page.context().close();
		}
	});

	it('opens a phone on the page, and keeps the drawers a person opened', async () => {
		const page = await signIn(browser, target.url, 'rep1@example.com', '/visit-home', { viewport: phone });
		try {
			await page.locator(WAITING).waitFor({ timeout: STUDIO_TIMEOUT });
			expect(await onTop(page, WAITING)).toBe(true);

			// The person opens the navigation and reloads: it stays open, their choice.
			await page.evaluate(() => localStorage.setItem('nav-bar-collapsed', 'false'));
			await page.reload();
			await page.locator(WAITING).waitFor({ timeout: STUDIO_TIMEOUT });
			await expect.poll(() => onTop(page, WAITING), { timeout: STUDIO_TIMEOUT }).toBe(false);
		} finally {
			await page.context().close();
		}
	});

	it('groups amounts by thousands in a list and in an item’s title', async () => {
		const rep = await Client.login(target.url, 'rep1@example.com');
		const [expense] = await rep.data('/items/expense_requests?filter[amount][_gte]=1000&limit=1&fields=id,amount');
		const grouped = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2 }).format(Number(expense.amount));
		expect(grouped).toContain(',');
		const page = await signIn(browser, target.url, 'rep1@example.com', '/content/expense_requests');
		try {
			await expect
				.poll(() => page.locator('#main-content tbody').innerText(), { timeout: STUDIO_TIMEOUT })
				.toMatch(/\d,\d{3}\.\d{2}/);
			await open(page, target.url, `/content/expense_requests/${expense.id}`);
			await expect
				.poll(() => page.locator('header .title').first().innerText(), { timeout: STUDIO_TIMEOUT })
				.toContain(grouped);
		} finally {
			await page.context().close();
		}
	});

	it('labels a panel’s options in the admin’s language only', async () => {
		const admin = await Client.admin(target);
		const [panel] = await admin.data('/panels?filter[type][_eq]=visit-kpi-scorecard&limit=1&fields=id,dashboard');
		const page = await signIn(browser, target.url, target.env.ADMIN_EMAIL, '/visit-home', {
			password: target.env.ADMIN_PASSWORD,
		});
		try {
			await open(page, target.url, `/insights/${panel.dashboard}/${panel.id}`);
			const drawer = page.locator('.v-drawer').last();
			await expect.poll(() => drawer.innerText(), { timeout: STUDIO_TIMEOUT }).toContain('指标（空 = 全部）');
			expect(foreignWords(await drawer.innerText())).toEqual([]);
		} finally {
			await page.context().close();
		}
	});
});
