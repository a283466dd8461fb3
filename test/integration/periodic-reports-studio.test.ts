/**
 * A weekly report's figures (本期数据) in the real Studio: a fresh rep's week with a completed
 * visit and a signed order, and the draft the sweep makes for it (no figures stored yet). The rep
 * opens it on a phone and reads the figures as a table, live, in English with the amount in their
 * locale, and no raw JSON; once submitted, their manager reads the same figures in Chinese, as
 * submitted. Needs Debian's Chromium (apt-get install -y chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { addDays } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { hasChromium, launchBrowser, open, signIn, STUDIO_TIMEOUT, uncover } from './browser.ts';
import { Client, targets, type Response } from './client.ts';
import { dateValue, insertRow } from './db.ts';
import { yearOf } from './years.ts';

const target = targets.find((t) => t.name === 'sqlite')!;
const phone = { width: 390, height: 844 };
const YEAR = yearOf('periodic-reports-studio.test.ts');
/** A Monday of the file's year. */
const WEEK = (() => {
	const day = addDays(`${YEAR}-01-05`, 7 * Math.floor(Math.random() * 48));
	return addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
})();

const ok = (res: Response, what: string) => {
	expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
	return res.body.data;
};

/** The text of one figure of the table, or '' while it is not shown. */
const figure = (table: Locator, key: string, part: 'label' | 'value') =>
	table
		.locator(`[data-fact="${key}"] .${part}`)
		.innerText({ timeout: 1_000 })
		.catch(() => '');

describe.skipIf(!hasChromium)('a weekly report’s figures in the Studio', () => {
	let browser: Browser;
	let admin: Client;
	let rep: Client;
	const pages: Record<string, Page> = {};
	let users: Record<string, string>;
	let report: number;
	const tag = `${Date.now()}`;

	beforeAll(async () => {
		browser = await launchBrowser();
		admin = await Client.admin(target);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));

		// A fresh rep of manager1's, reading the Studio in English, with a customer, a visit and an order in the week.
		const email = `report-studio-${tag}@example.com`;
		const repId = ok(
			await admin.post('/users', {
				email,
				password: 'demo-password',
				role: roleByKey('sales_rep').roleId,
				position: 'rep',
				reports_to: users.manager1,
				first_name: '走查',
				last_name: '周报',
				language: 'en-US',
			}),
			'user',
		).id;
		rep = await Client.login(target.url, email);
		const customer = ok(
			await admin.post('/items/customers', {
				name: `周报走查客户${tag}有限公司`,
				code: `ZB${Number(tag) % 1_000_000}`,
				tier: 'B',
				category: 'ordinary',
				relationship: 'existing',
				region_scope: 'local',
				owner: repId,
			}),
			'customer',
		).id;
		const at = new Date(`${addDays(WEEK, 2)}T02:00:00Z`);
		await insertRow(target, 'visits', {
			owner: repId,
			customer,
			purpose: 'relationship',
			channel: 'onsite',
			scheduled_start: at,
			status: 'completed',
			check_in_at: at,
			check_out_at: new Date(at.getTime() + 3_600_000),
		});
		await insertRow(target, 'sales_orders', {
			order_no: `ZB${tag}`,
			customer,
			owner: repId,
			signed_at: dateValue(target, addDays(WEEK, 1)),
			amount: 1234.5,
			paid_amount: 0,
			status: 'signed',
		});
		// As the sweep makes it: a draft with no figures stored.
		report = await insertRow(target, 'periodic_reports', {
			owner: repId,
			period_type: 'week',
			period_start: dateValue(target, WEEK),
			status: 'draft',
		});
		expect((await admin.data(`/items/periodic_reports/${report}?fields=facts`)).facts).toBeNull();

		const [repPage, manager1] = await Promise.all([
			signIn(browser, target.url, email, '/content', { viewport: phone }),
			signIn(browser, target.url, 'manager1@example.com', '/content'),
		]);
		Object.assign(pages, { rep: repPage, manager1 });
	}, 300_000);

	afterAll(async () => {
		await Promise.all(Object.values(pages).map((p) => p.context().close()));
		await browser?.close();
		// The Studio reopens a user's last page after sign-in: send manager1 back to content for the other suites.
		if (users?.manager1) await admin.patch(`/users/${users.manager1}`, { last_page: null });
	});

	it('shows the rep the sweep’s draft figures live, as a table on a phone, in English, without raw JSON', async () => {
		const page = pages.rep!;
		await open(page, target.url, `/content/periodic_reports/${report}`);
		const field = page.locator('[data-field="facts"]');
		const table = field.locator('.visit-report-facts[data-source="live"]');
		await expect.poll(() => figure(table, 'visits', 'value'), { timeout: STUDIO_TIMEOUT }).toBe('1');
		await uncover(table);
		expect(await figure(table, 'visits', 'label')).toBe('Completed visits');
		expect(await figure(table, 'orders', 'value')).toBe('1');
		expect(await figure(table, 'order_amount', 'label')).toBe('Order amount');
		expect(await figure(table, 'order_amount', 'value')).toBe('CN¥1,234.50');
		expect(await figure(table, 'collections', 'value')).toBe('CN¥0.00');
		expect(await table.locator('.source').innerText()).toMatch(/^Live figures as of/);
		// No code editor and no JSON on screen.
		expect(await field.locator('.cm-editor, .CodeMirror, textarea').count()).toBe(0);
		expect(await field.innerText()).not.toMatch(/[{}"]|order_amount/);
		// Nothing wider than the phone.
		expect(await table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
		expect(await table.evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(phone.width);
	});

	it('shows the manager the figures as submitted, in Chinese', async () => {
		ok(await rep.patch(`/items/periodic_reports/${report}`, { summary: '本周拜访一家客户，签约一单' }), 'write');
		ok(await rep.post(`/visit-flow/periodic-reports/${report}/submit`, {}), 'submit');
		const page = pages.manager1!;
		await open(page, target.url, `/content/periodic_reports/${report}`);
		const field = page.locator('[data-field="facts"]');
		const table = field.locator('.visit-report-facts[data-source="submitted"]');
		await expect.poll(() => figure(table, 'visits', 'label'), { timeout: STUDIO_TIMEOUT }).toBe('完成拜访');
		expect(await figure(table, 'visits', 'value')).toBe('1');
		expect(await figure(table, 'order_amount', 'value')).toBe('¥1,234.50');
		expect(await table.locator('.source').innerText()).toBe('提交时的数据');
		expect(await field.innerText()).not.toMatch(/[{}"]/);
	});
});
