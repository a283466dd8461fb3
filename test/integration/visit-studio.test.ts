/**
 * The field-work panel (`visit-field-work` interface) in a real browser on a phone-sized
 * screen: a rep at the customer's door presses 签到 (the position comes from the browser's
 * geolocation), then 签退, then hands in the report, the panel updating in place each time,
 * and the server records all of it.
 * Needs Debian's Chromium (apt-get install -y chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { hasChromium, launchBrowser, open, signIn, STUDIO_TIMEOUT, uncover } from './browser.ts';
import { Client, targets } from './client.ts';
import { eventually } from './expect.ts';

const target = targets.find((t) => t.name === 'sqlite')!;
const phone = { width: 390, height: 844 };

/** The panel's visit state; empty while the page (re)loads. */
const stateOf = (page: Page) =>
	page
		.locator('.visit-field-work .fact[data-flow="visit"] .state')
		.first()
		.innerText({ timeout: 1_000 })
		.catch(() => '');

/** Presses an action of the panel; with `form`, fills its form (`fill`) and sends it. */
async function press(page: Page, key: string, form?: (form: Locator) => Promise<void>) {
	const button = page.locator(`.visit-field-work [data-action="${key}"]`);
	await button.waitFor({ timeout: STUDIO_TIMEOUT });
	await uncover(button);
	await button.click();
	if (!form) return;
	const opened = page.locator(`.visit-field-work [data-form="${key}"]`);
	await form(opened);
	const submit = opened.locator(`[data-submit="${key}"]`);
	await uncover(submit);
	await submit.click();
}

describe.skipIf(!hasChromium)('field-work panel in Chromium', () => {
	let browser: Browser;
	let studio: Promise<Page> | undefined;

	/** rep1's Studio on the phone, signed in once for the file, the phone standing at `geolocation`. */
	function rep1Studio(geolocation: { latitude: number; longitude: number; accuracy: number }): Promise<Page> {
		studio ??= signIn(browser, target.url, 'rep1@example.com', '/content', {
			viewport: phone,
			geolocation,
			permissions: ['geolocation'],
		});
		// Awaited by the test that asked; a failed sign-in fails it there.
		studio.catch(() => undefined);
		return studio.then(async (page) => {
			await page.context().setGeolocation(geolocation);
			return page;
		});
	}

	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(() => browser?.close());

	it('lets a rep check in at the customer, check out and hand in the report on a phone', async () => {
		const admin = await Client.admin(target);
		const rep1 = await Client.login(target.url, 'rep1@example.com');
		const manager1 = await Client.login(target.url, 'manager1@example.com');
		const me = await rep1.data('/users/me?fields=id');
		const found: any[] = await admin.data(
			`/items/customers?filter[owner][_eq]=${me.id}&filter[latitude][_nnull]=true&filter[longitude][_nnull]=true&limit=1&fields=id,latitude,longitude`,
		);
		expect(found.length).toBe(1);
		const customer = { id: found[0].id, latitude: Number(found[0].latitude), longitude: Number(found[0].longitude) };
		// The phone stands about 5 m north of the customer's door; the Studio opens on it while the visit is made.
		const opening = rep1Studio({
			latitude: customer.latitude + 5 / 111_195,
			longitude: customer.longitude,
			accuracy: 10,
		});

		// An unplanned onsite visit an hour from now, applied for and approved.
		const created = await rep1.post('/items/visits', {
			customer: customer.id,
			purpose: 'relationship',
			channel: 'onsite',
			scheduled_start: new Date(Date.now() + 3_600_000).toISOString(),
		});
		expect(created.status, JSON.stringify(created.body)).toBe(200);
		const id: number = created.body.data.id;
		await eventually(async () =>
			expect((await admin.data(`/items/visits/${id}?fields=requires_application`)).requires_application).toBe(true),
		);
		const applied = await rep1.post(`/visit-flow/visits/${id}/application`, {});
		expect(applied.status, JSON.stringify(applied.body)).toBe(200);
		const approved = await manager1.post(`/visit-flow/visits/${id}/application/approve`, {});
		expect(approved.status, JSON.stringify(approved.body)).toBe(200);

		const page = await opening;
		await open(page, target.url, `/content/visits/${id}`);
		await expect.poll(() => stateOf(page), { timeout: STUDIO_TIMEOUT }).toBe('已安排');

		await page.evaluate(() => ((window as any).__notReloaded = true));
		// 签到 takes an optional reason (needed only outside the geofence): its form opens first.
		await press(page, 'visit.check_in', async () => undefined);
		await expect.poll(() => stateOf(page), { timeout: STUDIO_TIMEOUT }).toBe('拜访中');
		await expect
			.poll(() => page.locator('.visit-field-work').innerText(), { timeout: STUDIO_TIMEOUT })
			.toContain('签到距客户');

		await press(page, 'visit.check_out');
		await expect.poll(() => stateOf(page), { timeout: STUDIO_TIMEOUT }).toBe('已完成');

		const summary = `介绍了新产品，客户有采购意向（${id}）`;
		await press(page, 'report.submit', async (form) => {
			await uncover(form.locator('textarea[name="summary"]'));
			await form.locator('textarea[name="summary"]').fill(summary);
			await form.locator('textarea[name="next_steps"]').fill('下周报价');
		});
		await expect
			.poll(
				() =>
					page
						.locator('.visit-field-work .fact[data-flow="report"] .state')
						.innerText({ timeout: 1_000 })
						.catch(() => ''),
				{ timeout: STUDIO_TIMEOUT },
			)
			.toContain('已提交');
		expect(await page.evaluate(() => (window as any).__notReloaded)).toBe(true);

		// Nothing in the panel may be wider than the phone.
		const overflow = await page.locator('.visit-field-work').evaluate((el) => el.scrollWidth - el.clientWidth);
		expect(overflow).toBeLessThanOrEqual(1);

		const visit = await admin.data(
			`/items/visits/${id}?fields=status,report_status,check_in_distance_m,outside_geofence`,
		);
		expect(visit).toMatchObject({ status: 'completed', report_status: 'submitted', outside_geofence: false });
		expect(Number(visit.check_in_distance_m)).toBeLessThan(100);
		const reports: any[] = await admin.data(`/items/visit_reports?filter[visit][_eq]=${id}&fields=summary,next_steps`);
		expect(reports).toMatchObject([{ summary, next_steps: '下周报价' }]);
	});

	it('shows the rep’s route of the day (当日路线) on a phone', async () => {
		const admin = await Client.admin(target);
		const rep1 = await Client.login(target.url, 'rep1@example.com');
		const me = await rep1.data('/users/me?fields=id');
		const found: any[] = await admin.data(
			`/items/customers?filter[owner][_eq]=${me.id}&filter[latitude][_nnull]=true&filter[longitude][_nnull]=true&limit=3&sort=id&fields=id,name,latitude,longitude`,
		);
		expect(found.length).toBeGreaterThanOrEqual(2);
		const customers = [found[0], found[1], found[2 % found.length]];

		// A day of its own, 45 days ahead (Asia/Shanghai): three onsite visits at 10:00, 11:00 and 14:00.
		const day = new Date(Date.now() + 86_400_000 * 45 + 8 * 3_600_000).toISOString().slice(0, 10);
		const ids: number[] = await Promise.all(
			[2, 3, 6].map(async (hourUtc, i) => {
				const created = await rep1.post('/items/visits', {
					customer: customers[i].id,
					purpose: 'relationship',
					channel: 'onsite',
					scheduled_start: `${day}T0${hourUtc}:00:00.000Z`,
				});
				expect(created.status, JSON.stringify(created.body)).toBe(200);
				return created.body.data.id as number;
			}),
		);

		// The phone is at the first customer's.
		const page = await rep1Studio({
			latitude: Number(customers[0].latitude),
			longitude: Number(customers[0].longitude),
			accuracy: 10,
		});
		try {
			await open(page, target.url, `/content/visits/${ids[0]}`);
			await expect.poll(() => stateOf(page), { timeout: STUDIO_TIMEOUT }).toBe('已安排');

			const panel = page.locator('.visit-field-work');
			const toggle = panel.locator('details.route > summary');
			await toggle.waitFor({ timeout: STUDIO_TIMEOUT });
			await uncover(toggle);
			await toggle.click();
			const total = panel.locator('.route-total');
			await expect
				.poll(() => total.innerText({ timeout: 1_000 }).catch(() => ''), { timeout: STUDIO_TIMEOUT })
				.toMatch(/^总里程 \d+(\.\d)? (米|公里)$/);

			const text = await panel.locator('.stops').innerText();
			for (const c of customers) expect(text).toContain(c.name);
			expect(text).toContain('10:00');
			expect(await panel.locator('.stop.current').getAttribute('data-visit')).toBe(String(ids[0]));

			// The same stops in the same order as the endpoint's tour.
			const route = await rep1.data(`/visit-flow/route?date=${day}&owner=${me.id}`);
			const names = await panel.locator('.stop-name').allInnerTexts();
			expect(names).toEqual(route.stops.map((s: any) => s.customer.name));
			for (const id of ids) expect(route.stops.map((s: any) => s.visit)).toContain(id);
			expect(await panel.locator('.stop-map').count()).toBe(
				route.stops.filter((s: any) => s.customer?.latitude !== null && s.customer?.longitude !== null).length,
			);

			// Nothing in the panel may be wider than the phone.
			const overflow = await panel.evaluate((el) => el.scrollWidth - el.clientWidth);
			expect(overflow).toBeLessThanOrEqual(1);
		} finally {
			await admin.request('DELETE', '/items/visits', ids).catch(() => undefined);
		}
	});
});
