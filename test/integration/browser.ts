/**
 * Debian's Chromium for the Studio tests (apt-get install -y chromium; never a downloaded
 * browser). Without it the browser tests are skipped, unless REQUIRE_CHROMIUM is set (CI).
 */
import { existsSync } from 'node:fs';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Locator,
	type Page,
} from 'playwright-core';
import { expect } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';

export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
	const reason = `${CHROMIUM} is missing (apt-get install -y chromium)`;
	if (process.env.REQUIRE_CHROMIUM) throw new Error(reason);
	console.warn(`[studio] ${reason}: skipping the browser tests.`);
}

export const launchBrowser = (): Promise<Browser> =>
	chromium.launch({
		executablePath: CHROMIUM,
		// Without the background-networking flags Chromium keeps dialling hosts this closed network refuses.
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});

/** How long the Studio may take to show something: its first load is heavy on a busy 2-core machine. */
export const STUDIO_TIMEOUT = 45_000;

/**
 * Signs in on `page` as a demo user (password demo-password, unless given) through the Studio's
 * sign-in form and waits for the home it lands on. Costs two loads of the Studio (the form's, then
 * the home): only studio.test.ts and home-studio.test.ts go through the form, the others use `signedIn`.
 */
export async function signInOn(page: Page, url: string, email: string, password = 'demo-password'): Promise<void> {
	await page.goto(`${url}/admin/login`);
	await page.fill('input[type="email"]', email);
	await page.fill('input[type="password"]', password);
	await page.click('button[type="submit"]');
	// Every sign-in lands on the home (首页).
	await page.waitForURL(/\/admin\/visit-home/, { timeout: STUDIO_TIMEOUT });
}

/**
 * A new browser context (a laptop-sized window unless `options` say otherwise) signed in as
 * `email` the way the Studio's form does it, a session cookie from POST /auth/login in session
 * mode, but without loading the form: its first page opens the Studio signed in.
 */
export async function signedIn(
	browser: Browser,
	url: string,
	email: string,
	{ password = 'demo-password', ...options }: BrowserContextOptions & { password?: string } = {},
): Promise<BrowserContext> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
	context.setDefaultNavigationTimeout(STUDIO_TIMEOUT);
	const res = await context.request.post(`${url}/auth/login`, { data: { email, password, mode: 'session' } });
	if (!res.ok()) {
		await context.close();
		throw new Error(`sign-in as ${email} failed: ${res.status()} ${await res.text()}`);
	}
	return context;
}

/**
 * Opens a Studio page (`path` under /admin, e.g. /content/visits/1) on `page`: through the app's
 * router when the Studio is loaded there already (no page load), else by URL.
 */
export async function open(page: Page, url: string, path: string): Promise<void> {
	const routed =
		page.url().startsWith(`${url}/admin/`) &&
		(await page.evaluate(async (to) => {
			const router = (document.querySelector('#app') as any)?.__vue_app__?.config.globalProperties.$router;
			if (!router) return false;
			await router.push(to);
			return true;
		}, path));
	if (!routed) {
		await page.goto(`${url}/admin${path}`);
		// Once the app has loaded, the content module's landing sends the user on to a collection of theirs: what
		// is opened next waits for that, lest the landing's redirect come after it.
		if (path === '/content') await page.waitForURL(/\/admin\/content\/./, { timeout: STUDIO_TIMEOUT });
	}
}

/** A new page signed in as a demo user (its own context: close it with `page.context().close()`), showing `path`. */
export async function signIn(
	browser: Browser,
	url: string,
	email: string,
	path: string,
	options: BrowserContextOptions & { password?: string } = {},
): Promise<Page> {
	const page = await (await signedIn(browser, url, email, options)).newPage();
	await open(page, url, path);
	return page;
}

/**
 * Scrolls `target` into view and waits until nothing lies over it. On a phone a fresh session
 * starts with the Studio's navigation and sidebar drawers closed (shared/phone-drawers.ts): a
 * drawer over the page fails here, in every phone test.
 */
export async function uncover(target: Locator) {
	await expect
		.poll(
			() =>
				target.evaluate((el) => {
					el.scrollIntoView({ block: 'center' });
					const r = el.getBoundingClientRect();
					return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
				}),
			{ timeout: STUDIO_TIMEOUT, interval: 300 },
		)
		.toBe(true);
}

/**
 * The module bar. On a phone it lives in the navigation, which starts closed: it is opened the way
 * a person does, with the header's navigation button.
 */
export async function moduleBar(page: Page): Promise<Locator> {
	const bar = page.locator('.module-bar');
	const toggle = page.locator('.header-bar .nav-toggle');
	await expect
		.poll(
			async () => {
				if (await bar.count()) return true;
				if (await toggle.isVisible()) await toggle.click();
				return false;
			},
			{ timeout: STUDIO_TIMEOUT, interval: 300 },
		)
		.toBe(true);
	return bar;
}

/**
 * A many-to-one picked the way a person does: open the field's relation drawer, search for
 * `name`, wait until its one row is all that is left, pick it and close the drawer.
 */
export async function pickRelated(page: Page, field: Locator, name: string) {
	await field.locator('.many-to-one > button').click();
	const drawer = page.locator('.v-drawer').last();
	await drawer.locator('.search-input').click();
	await drawer.locator('.search-input input').fill(name);
	const rows = drawer.locator('tbody tr.table-row');
	await expect
		.poll(async () => [await rows.count(), await rows.filter({ hasText: name }).count()], {
			timeout: STUDIO_TIMEOUT,
		})
		.toEqual([1, 1]);
	await rows.first().click();
	await drawer.locator('button:has([data-icon="check"])').click();
	await expect.poll(() => page.locator('.v-drawer').count(), { timeout: STUDIO_TIMEOUT }).toBe(0);
}
