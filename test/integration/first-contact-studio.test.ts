/**
 * The Administrator's first sign-in in Chromium (issue 18, part 7): no project-owner dialog,
 * since setup named the owner, and no request of the Studio's pages answered 404. The dialog is
 * shown once the owner is cleared, so the check sees it when it is there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchBrowser, open, signedIn, STUDIO_TIMEOUT } from './browser.ts';
import { Client, targets } from './client.ts';

const target = targets.find((t) => t.name === 'sqlite')!;
/** The dialog's title (Directus's bsl_banner.title) in either language. */
const OWNER_DIALOG = /您没有设置项目的所有者|You have not set a project owner/;

describe.skipIf(!hasChromium)('first sign-in in Chromium', () => {
	let browser: Browser;
	let admin: Client;
	let owner: string;

	beforeAll(async () => {
		browser = await launchBrowser();
		admin = await Client.admin(target);
		owner = (await admin.data('/settings?fields=project_owner')).project_owner;
	});
	afterAll(async () => {
		await admin.patch('/settings', { project_owner: owner });
		await browser?.close();
	});

	/** The Studio's content module as the admin, once its navigation is drawn; the 404s on the way. */
	async function studio(): Promise<{ page: Page; missing: string[] }> {
		const context = await signedIn(browser, target.url, target.env.ADMIN_EMAIL!, {
			password: target.env.ADMIN_PASSWORD,
		});
		const page = await context.newPage();
		const missing: string[] = [];
		page.on('response', (res) => {
			if (res.status() === 404) missing.push(res.url());
		});
		await open(page, target.url, '/content');
		await expect
			.poll(() => page.locator('#module-navigation').innerText(), { timeout: STUDIO_TIMEOUT })
			.toContain('客户');
		return { page, missing };
	}

	it('meets no owner dialog and no missing file', async () => {
		expect(owner).toBe(target.env.ADMIN_EMAIL);
		const { page, missing } = await studio();
		// The favicon a browser asks the server's root for.
		expect((await page.request.get(`${target.url}/favicon.ico`)).status()).toBe(200);
		expect(await page.locator('body').innerText()).not.toMatch(OWNER_DIALOG);
		expect(missing).toEqual([]);
		await page.context().close();
	});

	it('would meet the dialog without an owner', async () => {
		expect((await admin.patch('/settings', { project_owner: null })).status).toBe(200);
		const { page } = await studio();
		await expect.poll(() => page.locator('body').innerText(), { timeout: STUDIO_TIMEOUT }).toMatch(OWNER_DIALOG);
		await page.context().close();
	});
});
