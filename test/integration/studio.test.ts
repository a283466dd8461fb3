/**
 * The Studio in a real browser: a zh-CN rep sees the product in Chinese and only their
 * own customers. Needs Debian's Chromium (apt-get install -y chromium).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { Client, targets } from './client.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[studio] ${CHROMIUM} is missing (apt-get install -y chromium): skipping the browser tests.`);

const target = targets.find((t) => t.name === 'sqlite')!;

describe.skipIf(!hasChromium)('Studio in Chromium', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		});
	});
	afterAll(() => browser?.close());

	async function signIn(email: string) {
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		await page.goto(`${target.url}/admin/login`);
		await page.fill('input[type="email"]', email);
		await page.fill('input[type="password"]', 'demo-password');
		await page.click('button[type="submit"]');
		await page.waitForURL(/\/admin\/(content|insights)/, { timeout: 30_000 });
		return page;
	}

	it('shows a rep the product in Chinese, with only their own customers', async () => {
		const admin = await Client.admin(target);
		const rep1 = (await admin.data('/users?filter[email][_eq]=rep1@example.com&fields=id'))[0].id;
		const mine: any[] = await admin.data(`/items/customers?filter[owner][_eq]=${rep1}&fields=code&limit=-1`);
		const others: any[] = await admin.data(`/items/customers?filter[owner][_neq]=${rep1}&fields=code&limit=-1`);

		const page = await signIn('rep1@example.com');
		const nav = page.locator('#module-navigation');
		await expect.poll(() => nav.innerText(), { timeout: 20_000 }).toContain('客户档案');
		expect(await nav.innerText()).toContain('拜访记录');

		await page.goto(`${target.url}/admin/content/customers?limit=100`);
		const main = page.locator('#main-content');
		await expect.poll(() => main.innerText(), { timeout: 20_000 }).toContain(`找到 ${mine.length} 条数据`);
		const text = await main.innerText();
		expect(text).toContain('客户名称');
		for (const { code } of mine.slice(0, 10)) expect(text).toContain(code);
		for (const { code } of others) expect(text).not.toContain(code);
		await page.close();
	});
});
