/**
 * The quote form (报价单) in the real Studio: rep1 makes a quote in its form — the customer picked
 * in the relation drawer, the request time set to now — and adds two lines in the line table
 * (visit-quote-lines). Before saving, the totals and the approval level show and follow the lines:
 * nobody for 3 % off (the rep's own authority), a sales manager once a line is 10 % off. Saved, the
 * quote's lines and totals are what the form showed; submitted, the table is read-only. Needs
 * Debian's Chromium (apt-get install -y chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { hasChromium, launchBrowser, open, pickRelated, signIn, STUDIO_TIMEOUT, uncover } from './browser.ts';
import { Client, targets, type Response } from './client.ts';
import { yearOf } from './years.ts';

const target = targets.find((t) => t.name === 'sqlite')!;
// Not dated in a year of its own, but registered so that no other file takes its year for quotes.
void yearOf('quote-form-studio.test.ts');

const ok = (res: Response, what: string) => {
	expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
	return res.body.data;
};

/** A figure of the table's summary as a number ('¥1,234.50' → 1234.5), NaN while it shows none. */
const shown = async (table: Locator, fact: string) =>
	Number(
		(
			await table
				.locator(`.summary .${fact} strong`)
				.innerText({ timeout: 1_000 })
				.catch(() => '')
		).replace(/[^\d.-]/g, '') || NaN,
	);

describe.skipIf(!hasChromium)('the quote form’s line table in the Studio', () => {
	let browser: Browser;
	let admin: Client;
	let rep1: Client;
	let page: Page;
	let users: Record<string, string>;
	let customer: { id: number; name: string };
	let product: { id: number; list_price: number };
	let quote: number;
	const price = (off: number) => (Math.round(product.list_price * (100 - off)) / 100).toFixed(2);

	beforeAll(async () => {
		browser = await launchBrowser();
		admin = await Client.admin(target);
		rep1 = await Client.login(target.url, 'rep1@example.com');
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		const products: any[] = await admin.data('/items/products?filter[active][_eq]=true&sort=id&limit=-1');
		const p = products.find((x) => Number(x.list_price) >= 10_000)!;
		product = { id: p.id, list_price: Number(p.list_price) };
		const stamp = Date.now();
		const name = `报价表单客户${stamp}有限公司`;
		const made = ok(
			await admin.post('/items/customers', {
				name,
				code: `BJ${stamp % 1_000_000}`,
				tier: 'B',
				category: 'ordinary',
				relationship: 'existing',
				region_scope: 'local',
				owner: users.rep1,
			}),
			'customer',
		);
		customer = { id: made.id, name };
		page = await signIn(browser, target.url, 'rep1@example.com', '/content');
	}, 300_000);

	afterAll(async () => {
		await page?.context().close();
		await browser?.close();
		// The Studio reopens a user's last page after sign-in: send rep1 back to content for the other suites.
		if (users?.rep1) await admin.patch(`/users/${users.rep1}`, { last_page: null });
	});

	it('shows the totals and the approval level while the rep adds lines, and saves what it showed', async () => {
		await open(page, target.url, '/content/quotes/+');
		const table = page.locator('[data-collection="quotes"][data-field="lines"] .visit-quote-lines');
		await table.waitFor({ timeout: STUDIO_TIMEOUT });

		// The customer, picked in the relation drawer by a search.
		await pickRelated(page, page.locator('[data-collection="quotes"][data-field="customer"]'), customer.name);

		// The request time: now, from the date picker.
		const requested = page.locator('[data-collection="quotes"][data-field="requested_at"]');
		await requested.locator('.v-list-item').first().click();
		await page.locator('.calendar-today-button').click();
		await page.keyboard.press('Escape');
		// Set: the field offers to clear it.
		await expect.poll(() => requested.locator('.clear-icon').count(), { timeout: STUDIO_TIMEOUT }).toBe(1);

		// First line: one at 3 % off, within the rep's own authority.
		const add = table.locator('button.add');
		await uncover(add);
		await add.click();
		const line = (n: number) => table.locator(`.line[data-line="${n}"]`);
		await line(1).locator('select').selectOption(String(product.id));
		await line(1).locator('input.quantity').fill('1');
		await line(1).locator('input.unit-price').fill(price(3));
		await expect.poll(() => table.getAttribute('data-approver'), { timeout: STUDIO_TIMEOUT }).toBe('none');
		await expect.poll(() => shown(table, 'max-discount'), { timeout: STUDIO_TIMEOUT }).toBe(3);
		expect(await shown(table, 'net-total')).toBe(Number(price(3)));
		expect(await line(1).locator('.discount').innerText()).toMatch(/3%/);

		// Second line: two at 10 % off, a manager's — the level changes before anything is saved.
		await add.click();
		await line(2).locator('select').selectOption(String(product.id));
		await line(2).locator('input.quantity').fill('2');
		await line(2).locator('input.unit-price').fill(price(10));
		await expect.poll(() => table.getAttribute('data-approver'), { timeout: STUDIO_TIMEOUT }).toBe('manager');
		await expect.poll(() => shown(table, 'max-discount'), { timeout: STUDIO_TIMEOUT }).toBe(10);
		const net = Number(price(3)) + 2 * Number(price(10));
		expect(await shown(table, 'net-total')).toBeCloseTo(net, 2);
		expect(await shown(table, 'list-total')).toBe(product.list_price * 3);
		expect(await table.locator('.approver strong').innerText()).toMatch(/销售经理|Sales manager/);

		const saved = page.waitForResponse(
			(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/items/quotes',
			{ timeout: STUDIO_TIMEOUT },
		);
		await page.keyboard.press('Control+s');
		const res = await saved;
		expect(res.status(), await res.text()).toBe(200);
		quote = (await res.json()).data.id;

		// As rep1 reads it over the API: the two lines and the totals the form showed.
		const stored = await rep1.data(
			`/items/quotes/${quote}?fields=owner,customer,status,list_total,net_total,max_discount_rate,below_floor,lines.product,lines.quantity,lines.unit_price,lines.discount_rate`,
		);
		expect(stored).toMatchObject({ owner: users.rep1, customer: customer.id, status: 'draft', below_floor: false });
		expect(Number(stored.list_total)).toBe(product.list_price * 3);
		expect(Number(stored.net_total)).toBeCloseTo(net, 2);
		expect(Number(stored.max_discount_rate)).toBe(10);
		expect(
			stored.lines
				.map((l: any) => [l.product, Number(l.quantity), Number(l.unit_price), Number(l.discount_rate)])
				.sort((a: number[], b: number[]) => a[1]! - b[1]!),
		).toEqual([
			[product.id, 1, Number(price(3)), 3],
			[product.id, 2, Number(price(10)), 10],
		]);
		// And the panel names the same level for the quote as saved.
		const actions = ok(await rep1.get(`/visit-flow/actions/quotes/${quote}`), 'actions');
		expect(actions.notes[0].value).not.toMatch(/无需审批|Nobody/);
	});

	it('shows the lines of a submitted quote read-only, with the totals as saved', async () => {
		ok(await rep1.post(`/visit-flow/quotes/${quote}/submit`, {}), 'submit');
		await page.reload();
		const table = page.locator('[data-collection="quotes"][data-field="lines"] .visit-quote-lines');
		await table.locator('.line[data-line="2"]').waitFor({ timeout: STUDIO_TIMEOUT });
		expect(await table.getAttribute('data-state')).toBe('stored');
		expect(await table.locator('button.add').count()).toBe(0);
		expect(await table.locator('input:not([disabled]), select:not([disabled])').count()).toBe(0);
		await expect.poll(() => shown(table, 'max-discount'), { timeout: STUDIO_TIMEOUT }).toBe(10);
		expect(await shown(table, 'list-total')).toBe(product.list_price * 3);
	});
});
