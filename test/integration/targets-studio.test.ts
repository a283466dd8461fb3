/**
 * Targets (目标分解) in the real Studio: a General Manager's company year goes to manager1's team
 * (API); manager1 opens the split screen, sees the team's people × months seeded from last year's
 * sales (GET /visit-targets/weights, the split's own defaults), edits a month and sees the sum
 * check's remainder, evens it out and splits; the children appear with their status and the
 * server's buttons; manager1 submits one from its panel, the General Manager approves it (API),
 * its months are split on the screen, and the rep confirms it on a phone from the target's form, which opens
 * without an error (its parent, the team's target, is not the rep's to read). The module bar lists the screen
 * for a manager and a General Manager, not for a rep; the General Manager splits a company year to the teams.
 * Needs Debian's Chromium (apt-get install -y chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchBrowser, moduleBar, open, signIn, STUDIO_TIMEOUT, uncover } from './browser.ts';
import { Client, targets, type Response } from './client.ts';
import { closeDatabases, dateValue, insertRow } from './db.ts';
import { refusedWith } from './expect.ts';
import { YEARS } from './years.ts';

const target = targets.find((t) => t.name === 'sqlite')!;
const phone = { width: 390, height: 844 };
// The year before is the file's too: its orders are the default weights.
const [FIRST, LAST] = YEARS['targets-studio.test.ts'];
const YEAR = FIRST + 1 + Math.floor(Math.random() * (LAST - FIRST));

const ok = (res: Response, what: string) => {
	expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
	return res.body.data;
};
const cents = (value: unknown) => Math.round(Number(value) * 100);

describe.skipIf(!hasChromium)('targets in the Studio', () => {
	let browser: Browser;
	let admin: Client;
	const as: Record<string, Client> = {};
	const pages: Record<string, Page> = {};
	let users: Record<string, string>;
	let team: any;
	let children: any[] = [];
	let mine: any;

	beforeAll(async () => {
		browser = await launchBrowser();
		admin = await Client.admin(target);
		for (const who of ['rep1', 'manager1', 'gm']) as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		// Last year's signed sales of the team: rep1's March and July.
		const [customer] = await admin.data(`/items/customers?filter[owner][_eq]=${users.rep1}&limit=1&fields=id`);
		let n = 0;
		for (const [month, amount] of [
			['03', 30000],
			['07', 10000],
		] as const)
			await insertRow(target, 'sales_orders', {
				order_no: `TS${YEAR}${Date.now()}${n++}`,
				customer: customer.id,
				owner: users.rep1,
				signed_at: dateValue(target, `${YEAR - 1}-${month}-15`),
				amount,
				paid_amount: 0,
				status: 'signed',
			});
		const company = ok(
			await as.gm!.post('/items/sales_targets', {
				period_type: 'year',
				period_start: `${YEAR}-01-01`,
				sales_amount: 1000000.01,
				collection_amount: 800000,
				visits: 1200,
				new_customers: 30,
			}),
			'company year',
		);
		[team] = ok(
			await as.gm!.post('/visit-targets/split', { parent: company.id, shares: { [users.manager1!]: 1 } }),
			'to the team',
		);
		ok(await as.manager1!.post(`/visit-flow/targets/${team.id}/submit`, {}), 'team submit');
		team = ok(await as.gm!.post(`/visit-flow/targets/${team.id}/approve`, {}), 'team approve');
		const [manager1, rep1, gm] = await Promise.all([
			signIn(browser, target.url, 'manager1@example.com', '/content'),
			signIn(browser, target.url, 'rep1@example.com', '/content', { viewport: phone }),
			signIn(browser, target.url, 'gm@example.com', '/content'),
		]);
		Object.assign(pages, { manager1, rep1, gm });
	}, 300_000);

	afterAll(async () => {
		await Promise.all(Object.values(pages).map((p) => p.context().close()));
		await browser?.close();
		for (const who of ['rep1', 'manager1', 'gm'])
			if (users?.[who]) await admin.patch(`/users/${users[who]}`, { last_page: null });
		await closeDatabases();
	});

	it('lists the split screen in the module bar for those who split targets, not for a rep', async () => {
		for (const [who, may] of [
			['manager1', true],
			['gm', true],
			['rep1', false],
		] as const)
			expect(ok(await as[who]!.get('/visit-targets/may-split'), who), who).toEqual({ split: may });
		const bar = async (page: Page, id: string) => (await moduleBar(page)).locator(`a[href$="/admin/${id}"]`);
		for (const who of ['manager1', 'gm']) {
			const page = pages[who]!;
			await (await bar(page, 'visit-targets-split')).waitFor({ state: 'attached', timeout: STUDIO_TIMEOUT });
		}
		// The rep's bar is there (Content), without the split screen.
		const rep = pages.rep1!;
		await (await bar(rep, 'content')).waitFor({ state: 'attached', timeout: STUDIO_TIMEOUT });
		expect(await (await bar(rep, 'visit-targets-split')).count()).toBe(0);
		// The manager reaches the screen from the bar.
		const page = pages.manager1!;
		await (await bar(page, 'visit-targets-split')).click();
		// The picker fills in once the targets are read: wait for the team's year among its options.
		await page
			.locator(`.targets-split select[data-pick] option[value="${team.id}"]`)
			.waitFor({ state: 'attached', timeout: STUDIO_TIMEOUT });
	});

	it('answers the split’s default month weights to whoever reads the target, nobody else', async () => {
		const weights = ok(await as.manager1!.get(`/visit-targets/weights?parent=${team.id}`), 'weights');
		expect(weights.basis).toBe('last_year');
		expect(weights.months).toHaveLength(12);
		expect(weights.weights).toEqual([0, 0, 3000000, 0, 0, 0, 1000000, 0, 0, 0, 0, 0]);
		// Whom the split may name, which the screen lists: the team's active people.
		const team1: { id: string }[] = await admin.data(
			`/users?filter[reports_to][_eq]=${users.manager1}&filter[status][_eq]=active&sort=email&fields=id&limit=-1`,
		);
		expect(team1.length).toBeGreaterThan(0);
		expect(weights.people.map((p: { id: string }) => p.id)).toEqual(team1.map((p) => p.id));
		refusedWith(await as.rep1!.get(`/visit-targets/weights?parent=${team.id}`), 404, 'not_found');
		refusedWith(await as.manager1!.get('/visit-targets/weights?parent=x'), 400, 'bad_request');
	});

	it('shows a manager on a phone one person at a time, the same sums', async () => {
		const page = await signIn(browser, target.url, 'manager1@example.com', `/visit-targets-split/${team.id}`, {
			viewport: phone,
		});
		try {
			await page.locator('[data-stage="people"]').waitFor({ timeout: STUDIO_TIMEOUT });
			const person = page.locator('select[data-person]');
			await uncover(person);
			expect(await page.locator('[data-cell^="0-"]').count()).toBe(12);
			expect(await page.locator('[data-cell^="1-"]').count()).toBe(0);
			await person.selectOption('1');
			await page.locator('[data-cell="1-0"]').waitFor({ timeout: STUDIO_TIMEOUT });
			await expect.poll(() => page.locator('[data-check]').getAttribute('data-remainder')).toBe('0');
			// Nothing wider than the phone.
			const right = await page
				.locator('.targets-split')
				.evaluate((el) =>
					Math.max(
						...Array.from(el.querySelectorAll('input, select, button')).map((e) => e.getBoundingClientRect().right),
					),
				);
			expect(right).toBeLessThanOrEqual(phone.width + 1);
		} finally {
			await page.context().close();
		}
	});

	it('lets the manager split the team’s year on the screen, the sums checked as they type', async () => {
		const page = pages.manager1!;
		await open(page, target.url, `/visit-targets-split/${team.id}`);
		const grid = page.locator('[data-stage="people"]');
		await grid.waitFor({ timeout: STUDIO_TIMEOUT });
		const check = page.locator('[data-check]');
		// Seeded to the cent: nothing left over, the split allowed.
		await expect.poll(() => check.getAttribute('data-remainder')).toBe('0');
		const splitButton = page.locator('[data-split] button');
		expect(await splitButton.isDisabled()).toBe(false);
		const people = await page.locator('tr[data-person]').count();
		expect(people).toBeGreaterThanOrEqual(2);
		// Last year's shares: March three times July, the other months nothing.
		const march = page.locator('[data-cell="0-2"]');
		const july = page.locator('[data-cell="0-6"]');
		expect(cents(await march.inputValue())).toBe(3 * cents(await july.inputValue()));
		expect(cents(await page.locator('[data-cell="0-0"]').inputValue())).toBe(0);

		// 100.00 more in rep's March: the check shows the 100.00 too much, and the split waits.
		const before = cents(await march.inputValue());
		await march.fill(((before + 10000) / 100).toFixed(2));
		await expect.poll(() => check.getAttribute('data-remainder')).toBe('-10000');
		expect(await splitButton.isDisabled()).toBe(true);
		// Not an amount: counted as invalid.
		const other = page.locator('[data-cell="1-6"]');
		const otherBefore = cents(await other.inputValue());
		await other.fill('12.345');
		await expect.poll(() => check.textContent()).toMatch(/1/);
		expect(await splitButton.isDisabled()).toBe(true);
		// 100.00 less in the next person's July: balanced again.
		await other.fill(((otherBefore - 10000) / 100).toFixed(2));
		await expect.poll(() => check.getAttribute('data-remainder')).toBe('0');
		const rows = await page.locator('[data-row-total]').allTextContents();
		expect(rows).toHaveLength(people);

		const posted = page.waitForResponse(
			(r) => r.request().method() === 'POST' && r.url().includes('/visit-targets/split'),
			{ timeout: STUDIO_TIMEOUT },
		);
		await splitButton.click();
		const res = await posted;
		expect(res.status(), await res.text()).toBe(200);
		await page.locator('[data-stage="children"]').waitFor({ timeout: STUDIO_TIMEOUT });

		children = await admin.data(`/items/sales_targets?filter[parent][_eq]=${team.id}&sort=id&limit=-1`);
		expect(children).toHaveLength(people);
		expect(children.reduce((a, c) => a + cents(c.sales_amount), 0)).toBe(cents(team.sales_amount));
		expect(children.reduce((a, c) => a + Number(c.visits), 0)).toBe(Number(team.visits));
		mine = children.find((c) => c.owner === users.rep1)!;
		expect(mine).toMatchObject({ status: 'draft', period_type: 'year' });
		await page.locator(`[data-child="${mine.id}"][data-status="draft"]`).waitFor({ timeout: STUDIO_TIMEOUT });
	});

	it('shows each child’s actions from the server: the manager submits, the General Manager approves', async () => {
		const page = pages.manager1!;
		const card = page.locator(`[data-child="${mine.id}"]`);
		const panel = card.locator('.action-panel[data-state="draft"]');
		await panel.waitFor({ timeout: STUDIO_TIMEOUT });
		// The manager may not approve their own team's targets: no such button.
		expect(await panel.locator('[data-action="target.approve"]').count()).toBe(0);
		const submit = panel.locator('[data-action="target.submit"]');
		const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/visit-flow/'), {
			timeout: STUDIO_TIMEOUT,
		});
		await submit.click();
		// An action with inputs (an optional comment) opens its form first.
		const form = panel.locator('[data-submit="target.submit"]');
		if (
			await form.waitFor({ timeout: 3000 }).then(
				() => true,
				() => false,
			)
		)
			await form.click();
		expect((await posted).status()).toBe(200);
		await card.locator('.action-panel[data-state="submitted"]').waitFor({ timeout: STUDIO_TIMEOUT });

		ok(await as.gm!.post(`/visit-flow/targets/${mine.id}/approve`, {}), 'approve');
		await page.reload();
		await page.locator(`[data-child="${mine.id}"][data-status="approved"]`).waitFor({ timeout: STUDIO_TIMEOUT });
		// The months planned at the split are the row's, adding up to the person's year.
		const rowCheck = page.locator(`[data-child-check="${mine.id}"]`);
		await expect.poll(() => rowCheck.getAttribute('data-remainder')).toBe('0');
		const posted2 = page.waitForResponse(
			(r) => r.request().method() === 'POST' && r.url().includes('/visit-targets/split'),
			{ timeout: STUDIO_TIMEOUT },
		);
		await page.locator(`[data-split-months="${mine.id}"] button`).click();
		expect((await posted2).status()).toBe(200);
		await page.locator(`[data-child="${mine.id}"] [data-month="${YEAR}-12"]`).waitFor({ timeout: STUDIO_TIMEOUT });
		const months: any[] = await admin.data(`/items/sales_targets?filter[parent][_eq]=${mine.id}&sort=period_start`);
		expect(months).toHaveLength(12);
		expect(months.reduce((a, m) => a + cents(m.sales_amount), 0)).toBe(cents(mine.sales_amount));
		expect(months.every((m) => m.status === 'draft')).toBe(true);
	});

	it('lets the rep confirm their year target on a phone', async () => {
		const page = pages.rep1!;
		// No read the form makes is refused.
		const refused: string[] = [];
		const onResponse = (r: { status: () => number; url: () => string }) => {
			if (r.status() === 403) refused.push(r.url());
		};
		page.on('response', onResponse);
		await open(page, target.url, `/content/sales_targets/${mine.id}`);
		const panel = page.locator('.visit-approval .action-panel');
		await panel.and(page.locator(`[data-item="${mine.id}"]`)).waitFor({ timeout: STUDIO_TIMEOUT });
		const confirm = panel.locator('[data-action="target.confirm"]');
		// Its parent, the team's target, is not the rep's to read: the form shows its number, no link, and no error.
		const parentRef = page.locator(`[data-target-ref="${team.id}"]`);
		await parentRef.waitFor({ state: 'attached', timeout: STUDIO_TIMEOUT });
		await expect.poll(() => parentRef.getAttribute('data-readable')).toBe('false');
		await page.waitForTimeout(1500);
		expect(await page.locator('.v-card', { hasText: /FORBIDDEN|permission/i }).count()).toBe(0);
		expect(await page.locator('.v-dialog .v-card, .notification-dialogs .v-card').count()).toBe(0);
		page.off('response', onResponse);
		expect(refused).toEqual([]);
		await uncover(confirm);
		const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/visit-flow/'), {
			timeout: STUDIO_TIMEOUT,
		});
		await confirm.click();
		const form = panel.locator('[data-submit="target.confirm"]');
		if (
			await form.waitFor({ timeout: 3000 }).then(
				() => true,
				() => false,
			)
		) {
			await uncover(form);
			await form.click();
		}
		expect((await posted).status()).toBe(200);
		await expect
			.poll(async () => (await admin.data(`/items/sales_targets/${mine.id}`)).confirmed_at, {
				timeout: STUDIO_TIMEOUT,
			})
			.not.toBeNull();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width + 1);
	});

	it('shows the approved months’ attainment, person × month, to whoever reads the targets', async () => {
		const months: any[] = await admin.data(`/items/sales_targets?filter[parent][_eq]=${mine.id}&sort=period_start`);
		for (const m of months) {
			ok(await as.manager1!.post(`/visit-flow/targets/${m.id}/submit`, {}), 'month submit');
			ok(await as.gm!.post(`/visit-flow/targets/${m.id}/approve`, {}), 'month approve');
		}
		// rep1 signs 5,000.00 in March.
		const [customer] = await admin.data(`/items/customers?filter[owner][_eq]=${users.rep1}&limit=1&fields=id`);
		await insertRow(target, 'sales_orders', {
			order_no: `TS${YEAR}${Date.now()}m`,
			customer: customer.id,
			owner: users.rep1,
			signed_at: dateValue(target, `${YEAR}-03-10`),
			amount: 5000,
			paid_amount: 0,
			status: 'signed',
		});
		const march = cents(months[2].sales_amount);
		const lineOf = async (who: string) =>
			(ok(await as[who]!.get(`/visit-targets/attainment?year=${YEAR}`), `attainment as ${who}`).people as any[]).find(
				(p) => p.owner === users.rep1,
			);
		for (const who of ['manager1', 'gm', 'rep1']) {
			const line = await lineOf(who);
			expect(line.months[2], who).toEqual({ target: march, actual: 500000, rate: 500000 / march });
			expect(line.total.target, who).toBe(cents(mine.sales_amount));
		}
		// rep1 reads only their own line.
		const reps = ok(await as.rep1!.get(`/visit-targets/attainment?year=${YEAR}`), 'rep').people;
		expect(reps.map((p: any) => p.owner)).toEqual([users.rep1]);
		refusedWith(await as.rep1!.get('/visit-targets/attainment?year=99'), 400, 'kpi_period');

		// The panel on a dashboard of the year, as the manager sees it.
		const dashboard = ok(
			await admin.post('/dashboards', { name: `目标达成 ${Date.now()}`, icon: 'track_changes' }),
			'dashboard',
		);
		ok(
			await admin.post('/panels', {
				dashboard: dashboard.id,
				type: 'visit-target-attainment',
				name: '目标达成',
				show_header: true,
				position_x: 1,
				position_y: 1,
				width: 40,
				height: 12,
				options: { year: 'fixed', fixed_year: String(YEAR) },
			}),
			'panel',
		);
		const page = pages.manager1!;
		await page.goto(`${target.url}/admin/insights/${dashboard.id}`);
		const cell = page.locator(`.visit-target-attainment tr[data-owner="${users.rep1}"] td[data-month="3"]`);
		await cell.waitFor({ timeout: STUDIO_TIMEOUT });
		expect(Number(await cell.getAttribute('data-rate'))).toBeCloseTo(500000 / march, 9);
		await admin.delete(`/dashboards/${dashboard.id}`);
	});
	it('lets a General Manager split the company’s year to the teams on the same screen, the sum checked as typed', async () => {
		const company = ok(
			await as.gm!.post('/items/sales_targets', {
				period_type: 'year',
				period_start: `${YEAR}-01-01`,
				sales_amount: 500000.03,
				visits: 600,
			}),
			'second company year',
		);
		const page = pages.gm!;
		await open(page, target.url, '/visit-targets-split');
		// The company's year is among the targets to pick.
		const pickList = page.locator('select[data-pick]');
		await page.locator(`select[data-pick] option[value="${company.id}"]`).waitFor({
			state: 'attached',
			timeout: STUDIO_TIMEOUT,
		});
		await pickList.selectOption(String(company.id));
		await page.locator(`.targets-split[data-parent="${company.id}"][data-level="company"]`).waitFor({
			timeout: STUDIO_TIMEOUT,
		});
		await page.locator('[data-stage="people"]').waitFor({ timeout: STUDIO_TIMEOUT });
		const check = page.locator('[data-check]');
		await expect.poll(() => check.getAttribute('data-remainder')).toBe('0');
		const managers: any[] = await admin.data(
			'/users?filter[position][_eq]=manager&filter[status][_eq]=active&fields=id&limit=-1',
		);
		const rows = page.locator('tr[data-person]');
		expect(await rows.count()).toBe(managers.length);
		const named = ok(await as.gm!.get(`/visit-targets/weights?parent=${company.id}`), 'company weights').people;
		expect(named.map((p: { id: string }) => p.id).sort()).toEqual(managers.map((m) => m.id).sort());
		expect(managers.length).toBeGreaterThanOrEqual(2);
		// One amount a team.
		expect(await page.locator('[data-cell^="0-"]').count()).toBe(1);
		const splitButton = page.locator('[data-split] button');
		const first = page.locator('[data-cell="0-0"]');
		const second = page.locator('[data-cell="1-0"]');
		const a = cents(await first.inputValue());
		const b = cents(await second.inputValue());
		await first.fill(((a + 2500) / 100).toFixed(2));
		await expect.poll(() => check.getAttribute('data-remainder')).toBe('-2500');
		expect(await splitButton.isDisabled()).toBe(true);
		await second.fill(((b - 2500) / 100).toFixed(2));
		await expect.poll(() => check.getAttribute('data-remainder')).toBe('0');
		expect(await splitButton.isDisabled()).toBe(false);
		const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-person')));

		const posted = page.waitForResponse(
			(r) => r.request().method() === 'POST' && r.url().includes('/visit-targets/split'),
			{ timeout: STUDIO_TIMEOUT },
		);
		await splitButton.click();
		const res = await posted;
		expect(res.status(), await res.text()).toBe(200);
		await page.locator('[data-stage="children"]').waitFor({ timeout: STUDIO_TIMEOUT });
		const teams: any[] = await admin.data(`/items/sales_targets?filter[parent][_eq]=${company.id}&sort=id&limit=-1`);
		expect(teams).toHaveLength(managers.length);
		expect(teams.every((t) => t.owner === null && t.status === 'draft' && t.period_type === 'year')).toBe(true);
		expect(teams.reduce((n, t) => n + cents(t.sales_amount), 0)).toBe(cents(company.sales_amount));
		const byTeam = Object.fromEntries(teams.map((t) => [t.team, cents(t.sales_amount)]));
		expect(byTeam[ids[0]!]).toBe(a + 2500);
		expect(byTeam[ids[1]!]).toBe(b - 2500);
		for (const t of teams)
			await page.locator(`[data-child="${t.id}"][data-owner="${t.team}"][data-status="draft"]`).waitFor({
				timeout: STUDIO_TIMEOUT,
			});
	});
});
