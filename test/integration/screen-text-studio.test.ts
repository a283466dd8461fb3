/**
 * Every screen of the zh-CN Studio reads as Chinese: as each role, the home, then every
 * collection the role reads, its list and its first item's form, with the rendered text scanned
 * for English words, raw keys and JSON (test/screen-words.ts); on the home, the whole window (the
 * navigation, the module bar and the sidebar too). Pages are opened through the app's router, as
 * a person clicking through. Needs Debian's Chromium (apt-get install -y chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { foreignWords } from '../screen-words.ts';
import { hasChromium, launchBrowser, open, signIn, STUDIO_TIMEOUT } from './browser.ts';
import { Client, targets } from './client.ts';

const target = targets.find((t) => t.name === 'sqlite')!;
const ROLES = ['rep1', 'manager1', 'gm', 'assistant', 'service', 'finance', 'legal'];

/** The text of `part` once it stops changing (lists and forms fill in after the route changes). */
async function settled(page: Page, part: string): Promise<string> {
	let last = '';
	for (let i = 0; i < 40; i++) {
		await page.waitForTimeout(300);
		const text = await page
			.locator(part)
			.innerText()
			.catch(() => '');
		if (text && text === last && !/加载中|正在加载/.test(text)) return text;
		last = text;
	}
	return last;
}

describe.skipIf(!hasChromium)('the zh-CN Studio, every screen as every role', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(() => browser?.close());

	it.each(ROLES)('shows %s no English word, raw key or JSON', { timeout: 600_000 }, async (who) => {
		const as = await Client.login(target.url, `${who}@example.com`);
		const collections: string[] = (await as.data('/collections'))
			.filter((c: any) => c.schema && !c.meta?.hidden && !c.collection.startsWith('directus_'))
			.map((c: any) => c.collection);
		const page = await signIn(browser, target.url, `${who}@example.com`, '/visit-home');
		const problems: string[] = [];
		const scan = async (path: string, part = '#main-content') => {
			await open(page, target.url, path);
			const words = foreignWords(await settled(page, part));
			if (words.length) problems.push(`${path}: ${words.slice(0, 12).join(' ')}`);
		};
		try {
			await page.locator('[data-part="waiting"]').waitFor({ timeout: STUDIO_TIMEOUT });
			await scan('/visit-home', '#app');
			for (const collection of collections) {
				const res = await as.get(`/items/${collection}?limit=1&fields=id&sort=id`);
				if (res.status !== 200) continue;
				await scan(`/content/${collection}`);
				const first = res.body.data[0]?.id;
				if (first !== undefined) await scan(`/content/${collection}/${first}`);
			}
		} finally {
			await page.context().close();
		}
		expect(problems).toEqual([]);
	});
});
