/**
 * The home (首页) in the real Studio, as every role: signing in through the Studio's form lands
 * on it on a laptop and on a phone; the item made for that role is on its list (what waits on
 * them) with the server's button; on the phone they take that action from the home and the item
 * leaves the list or moves on to its next step. A rep also finds today's visits there, drawn on their route. Needs Debian's
 * Chromium (apt-get install -y chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { zonedDate } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { hasChromium, launchBrowser, open, signInOn, STUDIO_TIMEOUT, uncover } from './browser.ts';
import { Client, targets } from './client.ts';
import { eventually } from './expect.ts';
import { ok } from './sales.ts';
import { monthOf } from './years.ts';

const target = targets.find((t) => t.name === 'sqlite')!;
const sizes = { laptop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } };
const tomorrow = () => zonedDate(new Date(Date.now() + 86_400_000), 'Asia/Shanghai');

/**
 * Presses `key` on the card: the flows' decisions take an optional comment, so the button opens a
 * form whose send button posts; a step without inputs posts at once.
 */
async function take(page: Page, card: Locator, key: string) {
	const button = card.locator(`[data-action="${key}"]`);
	await uncover(button);
	const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/visit-flow/'), {
		timeout: STUDIO_TIMEOUT,
	});
	await button.click();
	const submit = card.locator(`[data-submit="${key}"]`);
	const first = await Promise.race([
		posted.then(() => 'posted'),
		submit.waitFor({ timeout: STUDIO_TIMEOUT }).then(() => 'form'),
	]);
	if (first === 'form') {
		await uncover(submit);
		await submit.click();
	}
	const res = await posted;
	expect(res.status(), `${key}: ${await res.text()}`).toBe(200);
}

describe.skipIf(!hasChromium)('every role’s home in the Studio', () => {
	let browser: Browser;
	let admin: Client;
	const as: Record<string, Client> = {};
	let users: Record<string, string>;
	let month = Math.floor(Math.random() * 12);

	beforeAll(async () => {
		browser = await launchBrowser();
		admin = await Client.admin(target);
		for (const who of ['rep1', 'manager1', 'gm', 'assistant', 'service'])
			as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
	});
	afterAll(() => browser?.close());

	const customerOf = async (who: string): Promise<number> =>
		(await admin.data(`/items/customers?filter[owner][_eq]=${users[who]}&limit=1&fields=id`))[0].id;
	/** A month plan of `who`'s, submitted: it waits on their approver. */
	async function submittedPlan(who: string) {
		const m = monthOf('home-studio.test.ts', month++);
		const customer = await customerOf(who);
		const plan = ok(
			await as[who]!.post('/items/visit_plans', {
				period_type: 'month',
				period_start: `${m}-01`,
				period_end: `${m}-28`,
				items: [{ customer, planned_date: `${m}-05`, purpose: 'relationship' }],
			}),
			'plan',
		);
		ok(await as[who]!.post(`/visit-flow/plans/${plan.id}/submit`, {}), 'submit');
		return { collection: 'visit_plans', id: plan.id as number };
	}

	const roles: { who: string; key: string; make: () => Promise<{ collection: string; id: number }> }[] = [
		{
			who: 'rep1',
			key: 'follow_up.complete',
			make: async () => ({
				collection: 'follow_ups',
				id: ok(
					await as.rep1!.post('/items/follow_ups', {
						customer: await customerOf('rep1'),
						description: '首页测试：回电确认',
						due_date: tomorrow(),
					}),
					'follow-up',
				).id,
			}),
		},
		{ who: 'manager1', key: 'plan.approve', make: () => submittedPlan('rep1') },
		{ who: 'gm', key: 'plan.approve', make: () => submittedPlan('manager1') },
		{
			who: 'assistant',
			key: 'application.file',
			// An unplanned visit in three days: rep1 applies, manager1 approves, the assistant files it (备案).
			make: async () => {
				const visit = ok(
					await as.rep1!.post('/items/visits', {
						customer: await customerOf('rep1'),
						purpose: 'new_customer',
						channel: 'onsite',
						scheduled_start: new Date(Date.now() + 3 * 86_400_000).toISOString(),
					}),
					'visit',
				).id as number;
				await eventually(async () =>
					expect((await admin.data(`/items/visits/${visit}`)).requires_application).toBe(true),
				);
				ok(await as.rep1!.post(`/visit-flow/visits/${visit}/application`, {}), 'apply');
				ok(await as.manager1!.post(`/visit-flow/visits/${visit}/application/approve`, {}), 'approve');
				return { collection: 'visits', id: visit };
			},
		},
		{
			who: 'service',
			key: 'complaint.respond',
			make: async () => ({
				collection: 'complaints',
				id: ok(
					await as.service!.post('/items/complaints', {
						customer: await customerOf('rep1'),
						received_at: new Date().toISOString(),
						description: '首页测试：到货包装破损',
						severity: 'medium',
					}),
					'complaint',
				).id,
			}),
		},
	];

	it.each(roles)(
		'$who lands on the home on a laptop and a phone and takes $key from it',
		async ({ who, key, make }) => {
			const item = await make();
			for (const [size, viewport] of Object.entries(sizes)) {
				const context = await browser.newContext({ viewport });
				context.setDefaultNavigationTimeout(STUDIO_TIMEOUT);
				const page = await context.newPage();
				try {
					await signInOn(page, target.url, `${who}@example.com`);
					const home = page.locator('[data-part="waiting"]');
					await home.waitFor({ timeout: STUDIO_TIMEOUT });
					const card = page.locator(`[data-waiting="${item.collection}/${item.id}"]`);
					await card.waitFor({ timeout: STUDIO_TIMEOUT });
					await expect.poll(() => card.locator(`[data-action="${key}"]`).count()).toBe(1);
					expect(await home.innerText(), `${who} on a ${size}`).toContain('待我处理');
					if (who === 'rep1' && size === 'laptop') {
						// The demo company's visits are dated from today: rep1 has some today, on the route.
						const visits = page.locator('[data-part="visits"] [data-visit]');
						await expect.poll(() => visits.count(), { timeout: STUDIO_TIMEOUT }).toBeGreaterThan(0);
						expect(await page.locator('[data-part="visits"] [data-map] circle').count()).toBeGreaterThan(0);
						// Dates as Chinese readers write them (setup/date-formats.ts), not "12月 2, 2026 10:30上午".
						await open(page, target.url, '/content/follow_ups');
						const list = page.locator('#main-content');
						await expect.poll(() => list.innerText(), { timeout: STUDIO_TIMEOUT }).toMatch(/\d{4}-\d{2}-\d{2}/);
						expect(await list.innerText()).not.toMatch(/\d{1,2}月 \d{1,2}, \d{4}|上午|下午/);
					}
					if (size === 'phone') {
						// Taken, the item leaves the list, or moves on to its next step (a responded complaint is resolved next).
						const before = await card.getAttribute('data-state');
						await take(page, card, key);
						await expect
							.poll(async () => (await card.count()) === 0 || (await card.getAttribute('data-state')) !== before, {
								timeout: STUDIO_TIMEOUT,
							})
							.toBe(true);
					}
				} finally {
					await context.close();
				}
			}
		},
	);
});
