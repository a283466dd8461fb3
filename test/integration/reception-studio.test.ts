/**
 * A reception (客户接待) from request to report in the real Studio, each step by its person, the
 * status checked on the form after each: rep1 requests it in the receptions form (the customer
 * picked by a search, the expected time in the date picker), manager1 approves it from the action
 * panel on a phone, the front desk (the sales assistant) finds it on the front-desk view (前台来访登记)
 * for its day on a phone and stamps the arrival there, then finds it among today's arrivals; rep1
 * records the leaving on the same view and sends the report from the form's action panel. The
 * module bar lists the view for whoever the server says reads receptions, not for customer
 * service. Needs Debian's Chromium (apt-get install -y chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { zonedDate } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import {
	hasChromium,
	launchBrowser,
	moduleBar,
	open,
	pickRelated,
	signIn,
	STUDIO_TIMEOUT,
	uncover,
} from './browser.ts';
import { Client, targets, type Response } from './client.ts';
import { yearOf } from './years.ts';

const target = targets.find((t) => t.name === 'sqlite')!;
const phone = { width: 390, height: 844 };
const ZONE = 'Asia/Shanghai';
const YEAR = yearOf('reception-studio.test.ts');
/** The 15th of this month in the file's year: the date picker opens on this month, so its day is a click away. */
const DAY = `${YEAR}-${zonedDate(new Date(), ZONE).slice(5, 7)}-15`;
const today = () => zonedDate(new Date(), ZONE);

const ok = (res: Response, what: string) => {
	expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
	return res.body.data;
};

/** What the form shows for its `status` field (its text and its read-only input's value), or '' while it is not shown. */
const formStatus = (page: Page) =>
	page
		.locator('[data-collection="receptions"][data-field="status"]')
		.evaluate(
			(el) => [(el as HTMLElement).innerText, ...Array.from(el.querySelectorAll('input'), (i) => i.value)].join(' '),
			undefined,
			{ timeout: 1_000 },
		)
		.catch(() => '');

/** Waits for a POST to /visit-flow/… while `click` runs; expects it taken. */
async function posting(page: Page, what: string, click: () => Promise<void>) {
	const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/visit-flow/'), {
		timeout: STUDIO_TIMEOUT,
	});
	await click();
	const res = await posted;
	expect(res.status(), `${what}: ${await res.text()}`).toBe(200);
}

/**
 * Presses the action `key` in `panel`: the arrival and the leaving are stamps that post on the tap;
 * approving takes an optional comment, so its button opens a form whose send button posts (as in the
 * quote's approval in sales-studio.test.ts). Each is tapped clear of the phone's drawers first.
 */
async function take(page: Page, panel: Locator, key: string) {
	const button = panel.locator(`[data-action="${key}"]`);
	await uncover(button);
	if (key !== 'reception.approve') return posting(page, key, () => button.click());
	await button.click();
	const submit = panel.locator(`[data-form="${key}"] [data-submit="${key}"]`);
	await submit.waitFor({ timeout: STUDIO_TIMEOUT });
	await uncover(submit);
	await posting(page, key, () => submit.click());
}

describe.skipIf(!hasChromium)('a reception in the Studio, from request to report', () => {
	let browser: Browser;
	let admin: Client;
	const as: Record<string, Client> = {};
	const pages: Record<string, Page> = {};
	let users: Record<string, { id: string; name: string }>;
	let customer: { id: number; name: string };
	let reception: number;

	/** The reception's form on `page`, read afresh, once its action panel shows `state`. */
	async function form(page: Page, state: string): Promise<Locator> {
		const path = `/content/receptions/${reception}`;
		if (new URL(page.url()).pathname === `/admin${path}`) await page.reload();
		else await open(page, target.url, path);
		const panel = page.locator('.visit-approval .action-panel');
		await panel
			.and(page.locator(`[data-item="${reception}"][data-state="${state}"]`))
			.waitFor({ timeout: STUDIO_TIMEOUT });
		return panel;
	}

	/** The reception's card on the front-desk view of `page`, in the list `part` (expected | arrived). */
	const card = (page: Page, part: 'expected' | 'arrived') =>
		page.locator(`.front-desk [data-part="${part}"] [data-reception="${reception}"]`);
	const fact = (row: Locator, key: string) => row.locator(`[data-fact="${key}"]`).innerText({ timeout: 5_000 });

	beforeAll(async () => {
		browser = await launchBrowser();
		admin = await Client.admin(target);
		for (const who of ['rep1', 'manager1', 'assistant', 'service', 'gm', 'finance'])
			as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email,first_name,last_name&limit=-1');
		users = Object.fromEntries(
			list.map((u) => [
				u.email.split('@')[0],
				{ id: u.id, name: [u.last_name, u.first_name].filter(Boolean).join('') },
			]),
		);
		// A customer of rep1's of its own, found by its name in the form's relation drawer.
		const stamp = Date.now();
		const name = `接待走查客户${stamp}有限公司`;
		const made = ok(
			await admin.post('/items/customers', {
				name,
				code: `JD${stamp % 1_000_000}`,
				tier: 'B',
				category: 'ordinary',
				relationship: 'existing',
				region_scope: 'local',
				owner: users.rep1!.id,
			}),
			'customer',
		);
		customer = { id: made.id, name };
		// Each person's Studio, signed in once for the file, on the company's clocks; the manager's and the front desk's on phones.
		// One after the other: four Studio loads at once time out on a busy 2-core machine.
		const options = { timezoneId: ZONE };
		pages.rep1 = await signIn(browser, target.url, 'rep1@example.com', '/content', options);
		pages.manager1 = await signIn(browser, target.url, 'manager1@example.com', '/content', {
			...options,
			viewport: phone,
		});
		pages.assistant = await signIn(browser, target.url, 'assistant@example.com', '/content', {
			...options,
			viewport: phone,
		});
		pages.service = await signIn(browser, target.url, 'service@example.com', '/content', options);
	}, 300_000);

	afterAll(async () => {
		await Promise.all(Object.values(pages).map((p) => p.context().close()));
		await browser?.close();
		// The Studio reopens a user's last page after sign-in: send them back to content for the other suites.
		for (const who of ['rep1', 'manager1', 'assistant', 'service'])
			if (users?.[who]) await admin.patch(`/users/${users[who]!.id}`, { last_page: null });
	});

	it('lists the front-desk view in the module bar for whoever reads receptions, not for customer service', async () => {
		for (const [who, may] of [
			['rep1', true],
			['manager1', true],
			['assistant', true],
			['gm', true],
			['service', false],
			['finance', false],
		] as const)
			expect(ok(await as[who]!.get('/visit-flow/receptions/front-desk'), who), who).toEqual({ front_desk: may });
		const bar = async (page: Page, id: string) => (await moduleBar(page)).locator(`a[href$="/admin/${id}"]`);
		for (const who of ['rep1', 'assistant'])
			await (await bar(pages[who]!, 'visit-front-desk')).waitFor({ state: 'attached', timeout: STUDIO_TIMEOUT });
		const service = pages.service!;
		await (await bar(service, 'content')).waitFor({ state: 'attached', timeout: STUDIO_TIMEOUT });
		expect(await (await bar(service, 'visit-front-desk')).count()).toBe(0);
	});

	it('lets rep1 request a reception in its form', async () => {
		const page = pages.rep1!;
		await open(page, target.url, '/content/receptions/+');
		const field = (name: string) => page.locator(`[data-collection="receptions"][data-field="${name}"]`);
		await field('location').locator('input').waitFor({ timeout: STUDIO_TIMEOUT });

		// The customer: searched by name in the relation drawer, its one row picked.
		await pickRelated(page, field('customer'), customer.name);
		await expect.poll(() => field('customer').innerText(), { timeout: STUDIO_TIMEOUT }).toContain(customer.name);

		// The expected time: the file's year typed in the date picker, the 15th clicked (its time stays at 12:00).
		await field('planned_at').locator('[data-icon="today"]').click();
		const picker = page.locator('.v-date-picker');
		await picker.waitFor({ timeout: STUDIO_TIMEOUT });
		await picker.locator('.calendar-year-input input').fill(String(YEAR));
		await picker.locator(`.calendar-cell-trigger[data-value="${DAY}"]`).click();

		await field('location').locator('input').click();
		await field('location').locator('input').fill('二号会议室');
		await field('visitor_count').locator('input').fill('3');
		await field('visitors').locator('textarea').fill('李总（采购总监）、两位工程师');
		await field('purpose').locator('textarea').fill('考察生产线');

		const saved = page.waitForResponse(
			(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/items/receptions',
			{ timeout: STUDIO_TIMEOUT },
		);
		await page.keyboard.press('Control+s');
		const res = await saved;
		expect(res.status(), await res.text()).toBe(200);
		reception = (await res.json()).data.id;

		// rep1's, for that customer and day at noon in Shanghai, waiting for approval.
		const row = await as.rep1!.data(
			`/items/receptions/${reception}?fields=host,customer,status,planned_at,location,visitor_count`,
		);
		expect(row).toMatchObject({
			host: users.rep1!.id,
			customer: customer.id,
			status: 'requested',
			location: '二号会议室',
			visitor_count: 3,
		});
		expect(new Date(row.planned_at).toISOString()).toBe(new Date(`${DAY}T04:00:00Z`).toISOString());

		// The form shows it requested; the host may only cancel it.
		const panel = await form(page, 'requested');
		await expect.poll(() => formStatus(page), { timeout: STUDIO_TIMEOUT }).toContain('待审批');
		expect(await panel.locator('[data-action]').evaluateAll((els) => els.map((e) => e.dataset.action))).toEqual([
			'reception.cancel',
		]);
	});

	it('lets manager1 approve it from the action panel on a phone', async () => {
		const page = pages.manager1!;
		const panel = await form(page, 'requested');
		await take(page, panel, 'reception.approve');
		await panel.and(page.locator('[data-state="approved"]')).waitFor({ timeout: STUDIO_TIMEOUT });
		await expect.poll(() => formStatus(page), { timeout: STUDIO_TIMEOUT }).toContain('已批准');
		expect((await as.rep1!.data(`/items/receptions/${reception}?fields=status,approver`)).approver).toBe(
			users.manager1!.id,
		);
	});

	it('shows the front desk the visitor on its day, on a phone, and stamps the arrival there', async () => {
		const page = pages.assistant!;
		await open(page, target.url, '/visit-front-desk');
		const view = page.locator('.front-desk');
		await view.and(page.locator(`[data-date="${today()}"]`)).waitFor({ timeout: STUDIO_TIMEOUT });
		// Another day: picked in the view's date field.
		const day = view.locator('[data-day-input]');
		await uncover(day);
		await day.fill(DAY);
		await view.and(page.locator(`[data-date="${DAY}"]`)).waitFor({ timeout: STUDIO_TIMEOUT });
		const row = card(page, 'expected');
		await row.waitFor({ timeout: STUDIO_TIMEOUT });
		expect(await row.locator('.customer').innerText()).toBe(customer.name);
		expect(await fact(row, 'status')).toBe('已批准');
		expect(await fact(row, 'planned_at')).toContain('12:00');
		expect(await fact(row, 'host')).toContain(users.rep1!.name);
		expect(await fact(row, 'visitor_count')).toContain('3');
		expect(await fact(row, 'location')).toContain('二号会议室');
		expect(await fact(row, 'visitors')).toContain('李总（采购总监）');
		// The front desk's one button: the arrival, as the server offers it.
		const buttons = row.locator('.action-panel [data-action]');
		await expect
			.poll(() => buttons.evaluateAll((els) => els.map((e) => e.dataset.action)), { timeout: STUDIO_TIMEOUT })
			.toEqual(['reception.arrive']);
		// Nothing wider than the phone.
		expect(await view.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
		expect(await row.evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(phone.width);

		await take(page, row.locator('.action-panel'), 'reception.arrive');
		// Read again after the action: no longer expected that day.
		await expect.poll(() => card(page, 'expected').count(), { timeout: STUDIO_TIMEOUT }).toBe(0);

		// Today's arrivals list it, arrived now, with no button left for the front desk (leaving is the host's).
		const todayButton = view.locator('[data-day="today"]');
		await uncover(todayButton);
		await todayButton.click();
		const arrived = card(page, 'arrived');
		await arrived.waitFor({ timeout: STUDIO_TIMEOUT });
		expect(await fact(arrived, 'status')).toBe('已到访');
		expect(await fact(arrived, 'arrived_at')).toMatch(/\d\d:\d\d/);
		// The card's panel shows only buttons, forms and messages (the card says the status): with none it is empty, so
		// attached but not visible.
		await arrived
			.locator('.action-panel[data-state="arrived"]')
			.waitFor({ state: 'attached', timeout: STUDIO_TIMEOUT });
		expect(await arrived.locator('[data-action]').count()).toBe(0);

		// The host's form says so too.
		await form(pages.rep1!, 'arrived');
		await expect.poll(() => formStatus(pages.rep1!), { timeout: STUDIO_TIMEOUT }).toContain('已到访');
	});

	it('lets the host record the leaving on the front-desk view and report from the form', async () => {
		const page = pages.rep1!;
		await open(page, target.url, '/visit-front-desk');
		const row = card(page, 'arrived');
		await row.waitFor({ timeout: STUDIO_TIMEOUT });
		await row.locator('[data-action="reception.leave"]').waitFor({ timeout: STUDIO_TIMEOUT });
		await take(page, row.locator('.action-panel'), 'reception.leave');
		await expect.poll(() => fact(row, 'status'), { timeout: STUDIO_TIMEOUT }).toBe('已接待');
		await row.locator('[data-fact="left_at"]').waitFor({ timeout: STUDIO_TIMEOUT });
		// The report is now the host's to send.
		await row.locator('[data-action="reception.report"]').waitFor({ timeout: STUDIO_TIMEOUT });

		const panel = await form(page, 'held');
		await expect.poll(() => formStatus(page), { timeout: STUDIO_TIMEOUT }).toContain('已接待');
		await panel.locator('[data-action="reception.report"]').click();
		const reportForm = panel.locator('[data-form="reception.report"]');
		await reportForm.waitFor({ timeout: STUDIO_TIMEOUT });
		await reportForm.locator('textarea[name="report"]').fill('客户认可生产线，约定下周提交报价');
		await posting(page, 'report', () => reportForm.locator('[data-submit="reception.report"]').click());
		await panel.and(page.locator('[data-state="reported"]')).waitFor({ timeout: STUDIO_TIMEOUT });
		await expect.poll(() => formStatus(page), { timeout: STUDIO_TIMEOUT }).toContain('已报告');
		expect(
			await as.rep1!.data(`/items/receptions/${reception}?fields=status,report,report_late,arrived_at,left_at`),
		).toMatchObject({ status: 'reported', report: '客户认可生产线，约定下周提交报价', report_late: false });

		// The front desk's list, read again, shows it reported among today's arrivals.
		const desk = pages.assistant!;
		const refresh = desk.locator('.front-desk [data-refresh]');
		await uncover(refresh);
		await refresh.click();
		await expect.poll(() => fact(card(desk, 'arrived'), 'status'), { timeout: STUDIO_TIMEOUT }).toBe('已报告');
	});
});
