/**
 * Debian's Chromium for the Studio tests (apt-get install -y chromium; never a downloaded
 * browser). Without it the browser tests are skipped, unless REQUIRE_CHROMIUM is set (CI).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

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

/** Signs in on `page` as a demo user (password demo-password, unless given) and waits for the app. */
export async function signInOn(page: Page, url: string, email: string, password = 'demo-password'): Promise<void> {
	await page.goto(`${url}/admin/login`);
	await page.fill('input[type="email"]', email);
	await page.fill('input[type="password"]', password);
	await page.click('button[type="submit"]');
	await page.waitForURL(/\/admin\/(content|insights)/, { timeout: STUDIO_TIMEOUT });
}

/** A new page signed in as a demo user. */
export async function signIn(
	browser: Browser,
	url: string,
	email: string,
	viewport = { width: 1280, height: 900 },
): Promise<Page> {
	const page = await browser.newPage({ viewport });
	await signInOn(page, url, email);
	return page;
}
