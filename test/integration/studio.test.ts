/**
 * The Studio in a real browser: a zh-CN rep sees the product in Chinese and only their
 * own customers. Needs Debian's Chromium (apt-get install -y chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launchBrowser, open, signInOn, STUDIO_TIMEOUT } from './browser.ts';
import { Client, targets } from './client.ts';

const target = targets.find((t) => t.name === 'sqlite')!;

describe.skipIf(!hasChromium)('Studio in Chromium', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(() => browser?.close());

	it('shows a rep the product in Chinese, with only their own customers', async () => {
		const admin = await Client.admin(target);
		const rep1 = (await admin.data('/users?filter[email][_eq]=rep1@example.com&fields=id'))[0].id;
		const mine: any[] = await admin.data(`/items/customers?filter[owner][_eq]=${rep1}&fields=code&limit=-1`);
		const others: any[] = await admin.data(`/items/customers?filter[owner][_neq]=${rep1}&fields=code&limit=-1`);
		// The one sign-in through the Studio's form (the other files sign in over the API).
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await signInOn(page, target.url, 'rep1@example.com');
		await open(page, target.url, '/content');

		const nav = page.locator('#module-navigation');
		await expect.poll(() => nav.innerText(), { timeout: STUDIO_TIMEOUT }).toContain('客户档案');
		expect(await nav.innerText()).toContain('拜访记录');

		await open(page, target.url, '/content/customers?limit=100');
		const main = page.locator('#main-content');
		await expect.poll(() => main.innerText(), { timeout: STUDIO_TIMEOUT }).toContain(`找到 ${mine.length} 条数据`);
		const text = await main.innerText();
		expect(text).toContain('客户名称');
		for (const { code } of mine.slice(0, 10)) expect(text).toContain(code);
		for (const { code } of others) expect(text).not.toContain(code);
		await context.close();
	});
});
