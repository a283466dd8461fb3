/**
 * The field-work panel (`visit-field-work` interface) in a real browser on a phone-sized
 * screen: a rep at the customer's door presses 签到 (the position comes from the browser's
 * geolocation), then 签退, then hands in the report, and the server records all of it.
 * Needs Debian's Chromium (apt-get install -y chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { hasChromium, launchBrowser } from './browser.ts';
import { Client, targets } from './client.ts';
import { eventually } from './expect.ts';

const target = targets.find((t) => t.name === 'sqlite')!;
const phone = { width: 390, height: 844 };

/** The panel's visit state; empty while the page (re)loads. */
const stateOf = (page: Page) =>
	page
		.locator('.visit-field-work .state')
		.first()
		.innerText({ timeout: 1_000 })
		.catch(() => '');

/**
 * On a phone-sized screen a fresh Studio session opens with the sidebar and the navigation
 * drawers over the form: tap their backdrops until `target` is on top.
 */
async function uncover(page: Page, target: Locator) {
	for (let i = 0; i < 8; i++) {
		const onTop = await target.evaluate((el) => {
			el.scrollIntoView({ block: 'center' });
			const r = el.getBoundingClientRect();
			return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
		});
		if (onTop) return;
		// Only ever tap a backdrop (`.overlay`): the drawers' own contents are links.
		const x = await page.evaluate(() => [70, 370].find((x) => document.elementFromPoint(x, 400)?.classList.contains('overlay')) ?? null);
		if (x !== null) await page.mouse.click(x, 400);
		await page.waitForTimeout(800);
	}
}

/** Presses a button of the panel and waits for the reload that follows a successful action. */
async function press(page: Page, name: string) {
	const button = page.locator('.visit-field-work').getByRole('button', { name, exact: true });
	await button.waitFor({ timeout: 20_000 });
	await uncover(page, button);
	const reloaded = page.waitForEvent('load', { timeout: 30_000 });
	await button.click();
	await reloaded;
}

describe.skipIf(!hasChromium)('field-work panel in Chromium', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(() => browser?.close());

	it('lets a rep check in at the customer, check out and hand in the report on a phone', async () => {
		const admin = await Client.admin(target);
		const rep1 = await Client.login(target.url, 'rep1@example.com');
		const manager1 = await Client.login(target.url, 'manager1@example.com');
		const me = await rep1.data('/users/me?fields=id');
		const found: any[] = await admin.data(`/items/customers?filter[owner][_eq]=${me.id}&filter[latitude][_nnull]=true&filter[longitude][_nnull]=true&limit=1&fields=id,latitude,longitude`);
		expect(found.length).toBe(1);
		const customer = { id: found[0].id, latitude: Number(found[0].latitude), longitude: Number(found[0].longitude) };

		// An unplanned onsite visit an hour from now, applied for and approved.
		const created = await rep1.post('/items/visits', { customer: customer.id, purpose: 'relationship', channel: 'onsite', scheduled_start: new Date(Date.now() + 3_600_000).toISOString() });
		expect(created.status, JSON.stringify(created.body)).toBe(200);
		const id: number = created.body.data.id;
		await eventually(async () => expect((await admin.data(`/items/visits/${id}?fields=requires_application`)).requires_application).toBe(true));
		const applied = await rep1.post(`/visit-flow/visits/${id}/application`, {});
		expect(applied.status, JSON.stringify(applied.body)).toBe(200);
		const approved = await manager1.post(`/visit-flow/visits/${id}/application/approve`, {});
		expect(approved.status, JSON.stringify(approved.body)).toBe(200);

		// The phone stands about 5 m north of the customer's door.
		const context = await browser.newContext({
			viewport: phone,
			geolocation: { latitude: customer.latitude + 5 / 111_195, longitude: customer.longitude, accuracy: 10 },
			permissions: ['geolocation'],
		});
		try {
			const page = await context.newPage();
			await page.goto(`${target.url}/admin/login`);
			await page.fill('input[type="email"]', 'rep1@example.com');
			await page.fill('input[type="password"]', 'demo-password');
			await page.click('button[type="submit"]');
			await page.waitForURL(/\/admin\/(content|insights)/, { timeout: 30_000 });

			await page.goto(`${target.url}/admin/content/visits/${id}`);
			await expect.poll(() => stateOf(page), { timeout: 20_000 }).toBe('已安排');

			await press(page, '签到');
			await expect.poll(() => stateOf(page), { timeout: 20_000 }).toBe('拜访中');
			expect(await page.locator('.visit-field-work').innerText()).toContain('签到距客户');

			await press(page, '签退');
			await expect.poll(() => stateOf(page), { timeout: 20_000 }).toBe('已完成');

			const summary = `介绍了新产品，客户有采购意向（${id}）`;
			const panel = page.locator('.visit-field-work');
			await uncover(page, panel.locator('textarea[name="summary"]'));
			await panel.locator('textarea[name="summary"]').fill(summary);
			await panel.locator('textarea[name="next_steps"]').fill('下周报价');
			await press(page, '提交报告');
			await expect.poll(() => page.locator('.visit-field-work .report-state').first().innerText({ timeout: 1_000 }).catch(() => ''), { timeout: 20_000 }).toContain('已提交');

			// Nothing in the panel may be wider than the phone.
			const overflow = await page.locator('.visit-field-work').evaluate((el) => el.scrollWidth - el.clientWidth);
			expect(overflow).toBeLessThanOrEqual(1);

			const visit = await admin.data(`/items/visits/${id}?fields=status,report_status,check_in_distance_m,outside_geofence`);
			expect(visit).toMatchObject({ status: 'completed', report_status: 'submitted', outside_geofence: false });
			expect(Number(visit.check_in_distance_m)).toBeLessThan(100);
			const reports: any[] = await admin.data(`/items/visit_reports?filter[visit][_eq]=${id}&fields=summary,next_steps`);
			expect(reports).toMatchObject([{ summary, next_steps: '下周报价' }]);
		} finally {
			await context.close();
		}
	});
});
