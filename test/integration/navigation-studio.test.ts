/**
 * The navigation and the titles as the Studio renders them (issue 18): a rep meets the five
 * folders with the configuration and the log folded away, an expense request's title reads
 * "差旅 · 820" (not "$t:…" nor "[ 820 ]"), and a manager's approval log shows labels, not keys.
 * Needs Debian's Chromium (apt-get install -y chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { formatAmount } from '../../extensions/sales-visits/src/domain/amount.ts';
import { expenseKinds } from '../../extensions/sales-visits/src/domain/choices.ts';
import { hasChromium, launchBrowser, open, signedIn, STUDIO_TIMEOUT } from './browser.ts';
import { Client, targets } from './client.ts';

const target = targets.find((t) => t.name === 'sqlite')!;

/** The Studio's own complaints: custom translations that fail to compile, a display that throws. */
const STUDIO_ERRORS = /Failed loading translations|-error\]|SyntaxError/;

/** A page signed in as `email` that records the Studio's errors from its first load on, showing `path`. */
async function watched(browser: Browser, email: string, path: string): Promise<{ page: Page; errors: string[] }> {
	const page = await (await signedIn(browser, target.url, email)).newPage();
	const errors: string[] = [];
	page.on('console', (m) => {
		if (STUDIO_ERRORS.test(m.text())) errors.push(m.text());
	});
	await open(page, target.url, path);
	return { page, errors };
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

describe.skipIf(!hasChromium)('navigation in Chromium', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(() => browser?.close());

	it('gives a rep the folders, the configuration folded away, and readable titles', async () => {
		const rep1 = await Client.login(target.url, 'rep1@example.com');
		const [expense] = await rep1.data('/items/expense_requests?limit=1&sort=id&fields=id,kind,amount');
		const { page, errors } = await watched(browser, 'rep1@example.com', '/content');
		const nav = page.locator('#module-navigation');
		await expect.poll(() => nav.innerText(), { timeout: STUDIO_TIMEOUT }).toContain('日常工作');
		const text = ` ${flat(await nav.innerText())} `;
		const folders = ['日常工作', '客户', '销售', '审批记录', '配置'].map((f) => text.indexOf(` ${f} `));
		expect(
			folders.every((at) => at >= 0),
			text,
		).toBe(true);
		expect([...folders].sort((a, b) => a - b)).toEqual(folders);
		// The open folders list their collections; the closed ones keep theirs out of sight.
		expect(text).toContain('拜访记录');
		for (const hidden of ['拜访设置', '工作日历', '意向等级变更', '折扣审批规则']) expect(text).not.toContain(hidden);

		await open(page, target.url, `/content/expense_requests/${expense.id}`);
		const title = page.locator('#main-content header h1, header h1').first();
		const wanted = `${expenseKinds[expense.kind as keyof typeof expenseKinds]['zh-CN']} · ${formatAmount(expense.amount, 'zh-CN')}`;
		await expect.poll(async () => flat(await title.innerText()), { timeout: STUDIO_TIMEOUT }).toBe(wanted);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('shows a manager the approval log in labels, not keys', async () => {
		const manager1 = await Client.login(target.url, 'manager1@example.com');
		const rows: { collection: string; to_status: string }[] = await manager1.data(
			'/items/approval_log?sort=-at&limit=1&fields=collection,to_status',
		);
		expect(rows.length).toBeGreaterThan(0);
		const { page, errors } = await watched(browser, 'manager1@example.com', '/content/approval_log');
		const main = page.locator('#main-content');
		await expect.poll(() => main.innerText(), { timeout: STUDIO_TIMEOUT }).toContain('新状态');
		// The newest row's collection and status, by their stored keys, are nowhere on screen.
		const text = await main.innerText();
		expect(text).not.toMatch(new RegExp(`\\b(${rows[0]!.collection}|${rows[0]!.to_status})\\b`));
		expect(text).not.toContain('$t:');
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
