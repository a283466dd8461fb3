/**
 * The sales cycle walked in the real Studio, each step by the role that takes it, asserting what
 * that person sees: a rep makes an opportunity in its form (the customer picked in the relation
 * drawer by a search), its quote at 10 % off shows the manager as approver and the server's
 * totals, the rep submits it from the action panel, the manager approves it on a phone, the rep
 * sends it; the contract goes through Legal's and Finance's panels and the rep signs it, which
 * makes the order and its schedules; a term 40 days past due lands in the 31–60 bucket of an
 * Insights aging panel, a payment Finance records from the order's panel moves it, and the rep
 * accepts the delivery from its panel. Needs Debian's Chromium (apt-get install -y chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { addDays, zonedDate } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { formatValue, type KpiSummary } from '../../extensions/sales-visits/src/shared/insights.ts';
import { hasChromium, launchBrowser, open, pickRelated, signIn, STUDIO_TIMEOUT, uncover } from './browser.ts';
import { Client, targets, type Response } from './client.ts';
import { yearOf } from './years.ts';

const target = targets.find((t) => t.name === 'sqlite')!;
const phone = { width: 390, height: 844 };
const YEAR = yearOf('sales-studio.test.ts');

const ok = (res: Response, what: string) => {
	expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
	return res.body.data;
};

/** The action panel of the form on `page` once it shows item `id` in `state`. */
async function panelIn(page: Page, id: number, state: string): Promise<Locator> {
	const panel = page.locator('.visit-approval .action-panel');
	await panel.and(page.locator(`[data-item="${id}"][data-state="${state}"]`)).waitFor({ timeout: STUDIO_TIMEOUT });
	return panel;
}

/**
 * Opens the item's form, waits for its panel in `state`, presses `key`, fills the action's form
 * (`fill`) and sends it; resolves once the server has taken it and the panel shows `next`.
 */
async function press(
	page: Page,
	item: { collection: string; id: number },
	state: string,
	key: string,
	next: string,
	fill?: (form: Locator) => Promise<void>,
) {
	const path = `/content/${item.collection}/${item.id}`;
	// A form the page shows already is read again, as a person would reload it, to see what others did meanwhile.
	if (new URL(page.url()).pathname === `/admin${path}`) await page.reload();
	else await open(page, target.url, path);
	const panel = await panelIn(page, item.id, state);
	const button = panel.locator(`[data-action="${key}"]`);
	await uncover(button);
	await button.click();
	const form = panel.locator(`[data-form="${key}"]`);
	await form.waitFor({ timeout: STUDIO_TIMEOUT });
	if (fill) await fill(form);
	const submit = form.locator(`[data-submit="${key}"]`);
	await uncover(submit);
	const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/visit-flow/'), {
		timeout: STUDIO_TIMEOUT,
	});
	await submit.click();
	const res = await posted;
	expect(res.status(), `${key}: ${await res.text()}`).toBe(200);
	await panelIn(page, item.id, next);
}

/** The number an input of the item form shows for `field`. */
const shownNumber = async (page: Page, collection: string, field: string) =>
	Number(
		(await page.locator(`[data-collection="${collection}"][data-field="${field}"] input`).inputValue()).replace(
			/,/g,
			'',
		),
	);

describe.skipIf(!hasChromium)('the sales cycle in the Studio', () => {
	let browser: Browser;
	let admin: Client;
	const as: Record<string, Client> = {};
	const pages: Record<string, Page> = {};
	let users: Record<string, string>;
	let customer: { id: number; name: string };
	let product: { id: number; list_price: number };
	let opportunity: number;
	let quote: { id: number; net_total: number };
	let contract: number;
	let order: number;
	let dashboard: { id: string };
	const today = () => zonedDate(new Date(), 'Asia/Shanghai');

	beforeAll(async () => {
		browser = await launchBrowser();
		admin = await Client.admin(target);
		for (const who of ['rep1', 'manager1', 'legal', 'finance'])
			as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		const products: any[] = await admin.data('/items/products?filter[active][_eq]=true&sort=id&limit=-1');
		const p = products.find((x) => Number(x.list_price) >= 50_000)!;
		product = { id: p.id, list_price: Number(p.list_price) };
		// A customer of rep1's of its own, its credit ample, so no earlier row of the demo moves its numbers.
		const stamp = Date.now();
		const name = `走查客户${stamp}有限公司`;
		const made = ok(
			await admin.post('/items/customers', {
				name,
				code: `ZC${stamp % 1_000_000}`,
				tier: 'B',
				category: 'ordinary',
				relationship: 'existing',
				region_scope: 'local',
				owner: users.rep1,
				credit_limit: 100_000_000,
				credit_days: 30,
			}),
			'customer',
		);
		customer = { id: made.id, name };
		// An Administrator's Insights dashboard with the aging panel, made before the Studio loads its dashboards.
		dashboard = ok(
			await admin.post('/dashboards', { name: `走查应收 ${Date.now()}`, icon: 'hourglass_bottom' }),
			'dashboard',
		);
		ok(
			await admin.post('/panels', {
				dashboard: dashboard.id,
				type: 'visit-receivables-aging',
				name: '应收账龄',
				show_header: true,
				position_x: 1,
				position_y: 1,
				width: 12,
				height: 10,
				options: {},
			}),
			'panel',
		);
		// Each role's Studio, signed in once for the file; manager1's on a phone.
		const [rep1, manager1, legal, finance] = await Promise.all([
			signIn(browser, target.url, 'rep1@example.com', '/content'),
			signIn(browser, target.url, 'manager1@example.com', '/content', { viewport: phone }),
			signIn(browser, target.url, 'legal@example.com', '/content'),
			signIn(browser, target.url, 'finance@example.com', '/content'),
		]);
		Object.assign(pages, { rep1, manager1, legal, finance });
	}, 300_000);

	afterAll(async () => {
		await Promise.all(Object.values(pages).map((p) => p.context().close()));
		await browser?.close();
		// The Studio reopens a user's last page after sign-in: send them back to content for the other suites.
		for (const who of ['rep1', 'manager1', 'legal', 'finance'])
			if (users?.[who]) await admin.patch(`/users/${users[who]}`, { last_page: null });
	});

	it('lets a rep make an opportunity in its form, picking the customer by a search', async () => {
		const page = pages.rep1!;
		const name = `走查商机 ${customer.name}`;
		await open(page, target.url, '/content/opportunities/+');
		const nameInput = page.locator('[data-collection="opportunities"][data-field="name"] input');
		await nameInput.waitFor({ timeout: STUDIO_TIMEOUT });
		await nameInput.fill(name);

		// The relation drawer: searched by the customer's name, its one row picked.
		const field = page.locator('[data-collection="opportunities"][data-field="customer"]');
		await pickRelated(page, field, customer.name);
		await expect.poll(() => field.innerText(), { timeout: STUDIO_TIMEOUT }).toContain(customer.name);

		const saved = page.waitForResponse(
			(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/items/opportunities',
			{ timeout: STUDIO_TIMEOUT },
		);
		await page.keyboard.press('Control+s');
		const res = await saved;
		expect(res.status(), await res.text()).toBe(200);
		opportunity = (await res.json()).data.id;

		// rep1's, for the customer picked, as rep1 reads it over the API.
		expect(await as.rep1!.data(`/items/opportunities/${opportunity}?fields=name,owner,customer,stage`)).toEqual({
			name,
			owner: users.rep1,
			customer: customer.id,
			stage: 'lead',
		});
	});

	it('shows the rep who will approve a 10 % discount and the totals; the rep submits from the panel', async () => {
		// Two lines: one at 3 % off (the rep's own authority), one at 10 % (a manager's).
		const price = (off: number) => Math.round(product.list_price * (100 - off)) / 100;
		const created = ok(
			await as.rep1!.post('/items/quotes', {
				customer: customer.id,
				opportunity,
				requested_at: `${YEAR}-03-02T02:00:00.000Z`,
				valid_until: `${YEAR}-12-31`,
				lines: [
					{ product: product.id, quantity: 1, unit_price: price(3) },
					{ product: product.id, quantity: 2, unit_price: price(10) },
				],
			}),
			'quote',
		);
		const saved = await as.rep1!.data(`/items/quotes/${created.id}?fields=list_total,net_total,max_discount_rate`);
		expect(Number(saved.max_discount_rate)).toBe(10);
		expect(Number(saved.list_total)).toBe(product.list_price * 3);
		expect(Number(saved.net_total)).toBeCloseTo(price(3) + 2 * price(10), 2);
		quote = { id: created.id, net_total: Number(saved.net_total) };

		const actions = ok(await as.rep1!.get(`/visit-flow/actions/quotes/${quote.id}`), 'actions');
		const note = actions.notes.find((n: any) => n.key === 'quote.approval');
		expect(note, JSON.stringify(actions)).toBeTruthy();
		const manager1 = await as.manager1!.data('/users/me?fields=first_name,last_name');
		expect(note.value).toContain(manager1.last_name);

		const page = pages.rep1!;
		await open(page, target.url, `/content/quotes/${quote.id}`);
		const panel = await panelIn(page, quote.id, 'draft');
		const shown = panel.locator('[data-note="quote.approval"]');
		expect(await shown.innerText()).toContain(note.label);
		expect(await shown.innerText()).toContain(note.value);
		// The server's totals, on the form around the panel.
		await expect
			.poll(() => shownNumber(page, 'quotes', 'net_total'), { timeout: STUDIO_TIMEOUT })
			.toBe(quote.net_total);
		expect(await shownNumber(page, 'quotes', 'list_total')).toBe(product.list_price * 3);
		expect(await shownNumber(page, 'quotes', 'max_discount_rate')).toBe(10);

		await press(page, { collection: 'quotes', id: quote.id }, 'draft', 'quote.submit', 'pending');
		// Now it waits on the manager the note named.
		expect(await panel.locator('.waiting-on').innerText()).toContain(note.value);
		expect((await as.rep1!.data(`/items/quotes/${quote.id}?fields=status`)).status).toBe('pending');
	});

	it('lets the manager approve the quote on a phone; the rep sends it', async () => {
		const page = pages.manager1!;
		await press(page, { collection: 'quotes', id: quote.id }, 'pending', 'quote.approve', 'approved', (form) =>
			form.locator('textarea[name="comment"]').fill('同意九折，请尽快发送客户'),
		);
		// Nothing in the panel is wider than the phone.
		const panel = page.locator('.visit-approval');
		expect(await panel.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
		expect(await as.rep1!.data(`/items/quotes/${quote.id}?fields=status,decision_comment`)).toEqual({
			status: 'approved',
			decision_comment: '同意九折，请尽快发送客户',
		});
		const log: any[] = await admin.data(
			`/items/approval_log?filter[collection][_eq]=quotes&filter[item][_eq]=${quote.id}&sort=id&limit=-1`,
		);
		expect(log.map((l) => `${l.from_status}→${l.to_status}`)).toEqual(['draft→pending', 'pending→approved']);
		expect(log[1].actor).toBe(users.manager1);

		await press(pages.rep1!, { collection: 'quotes', id: quote.id }, 'approved', 'quote.send', 'sent');
		expect((await as.rep1!.data(`/items/quotes/${quote.id}?fields=status`)).status).toBe('sent');
	});

	it('takes the contract through Legal’s and Finance’s panels to the rep’s signature, which makes the order', async () => {
		const late = 4_000;
		const terms = [
			{ due_date: addDays(today(), -40), amount: late },
			{ due_date: `${YEAR}-06-30`, amount: Math.round((quote.net_total - late) * 100) / 100 },
		];
		contract = ok(
			await as.rep1!.post('/items/contracts', {
				quote: quote.id,
				opportunity,
				customer: customer.id,
				amount: quote.net_total,
				payment_terms: terms,
			}),
			'contract',
		).id;
		ok(await as.rep1!.post(`/visit-flow/contracts/${contract}/submit`, {}), 'submit');

		const item = { collection: 'contracts', id: contract };
		await press(pages.legal!, item, 'legal_review', 'contract.approve', 'finance_review');
		await press(pages.finance!, item, 'finance_review', 'contract.approve', 'approved');
		await press(pages.rep1!, item, 'approved', 'contract.sign', 'signed');
		expect(
			await admin.data(`/items/contracts/${contract}?fields=status,legal_reviewer,finance_reviewer,over_credit`),
		).toEqual({ status: 'signed', legal_reviewer: users.legal, finance_reviewer: users.finance, over_credit: false });

		const orders: any[] = await as.rep1!.data(
			`/items/sales_orders?filter[contract][_eq]=${contract}&fields=id,status,amount`,
		);
		expect(orders).toHaveLength(1);
		expect(orders[0].status).toBe('signed');
		expect(Number(orders[0].amount)).toBe(quote.net_total);
		order = orders[0].id;
		const schedules: any[] = await as.rep1!.data(
			`/items/payment_schedules?filter[order][_eq]=${order}&sort=due_date&fields=due_date,amount,status`,
		);
		expect(schedules.map((s) => [s.due_date.slice(0, 10), Number(s.amount), s.status])).toEqual(
			terms.map((t) => [t.due_date, t.amount, 'open']),
		);
		expect((await as.rep1!.data(`/items/opportunities/${opportunity}?fields=stage`)).stage).toBe('won');
		// The sweep marks the term past due overdue.
		ok(await admin.post('/visit-flow/sweeps/run', {}), 'sweep');
		expect(
			(await as.rep1!.data(`/items/payment_schedules?filter[order][_eq]=${order}&sort=due_date&fields=status`)).map(
				(s: any) => s.status,
			),
		).toEqual(['overdue', 'open']);
	});

	it('moves the 31–60 days bucket of the aging panel by the payment Finance records in the order’s panel', async () => {
		const month = today().slice(0, 7);
		const bucket = async () => {
			const summary: KpiSummary = await as.manager1!.data(`/visit-kpi/summary?period=${month}`);
			return summary.receivables!.aging.find((a) => a.bucket === 'd31_60')!.amount;
		};
		const page = pages.manager1!;
		await page.setViewportSize({ width: 1280, height: 900 });
		const amount = page.locator('.visit-receivables-aging li[data-bucket="d31_60"] .amount');
		const shown = () => amount.innerText({ timeout: 1_000 }).catch(() => '');

		await open(page, target.url, `/insights/${dashboard.id}`);
		const before = await bucket();
		// The late term (4 000) is in it, with whatever else of manager1's team is 31–60 days late.
		expect(before).toBeGreaterThanOrEqual(4_000);
		await expect.poll(shown, { timeout: STUDIO_TIMEOUT }).toBe(formatValue('amount', before));

		const paid = 3_000;
		await press(
			pages.finance!,
			{ collection: 'sales_orders', id: order },
			'signed',
			'order.pay',
			'signed',
			async (form) => {
				await form.locator('textarea[name="amount"]').fill(String(paid));
				await form.locator('input[name="received_at"]').fill(today());
				await form.locator('select[name="method"]').selectOption('bank_transfer');
			},
		);
		// The order's form around the panel shows what has been paid.
		await expect
			.poll(() => shownNumber(pages.finance!, 'sales_orders', 'paid_amount'), { timeout: STUDIO_TIMEOUT })
			.toBe(paid);
		const payments: any[] = await as.finance!.data(
			`/items/payments?filter[order][_eq]=${order}&fields=amount,method,recorded_by`,
		);
		expect(payments.map((p) => [Number(p.amount), p.method, p.recorded_by])).toEqual([
			[paid, 'bank_transfer', users.finance],
		]);

		const after = await bucket();
		expect(after).toBe(before - paid);
		await page.reload();
		await expect.poll(shown, { timeout: STUDIO_TIMEOUT }).toBe(formatValue('amount', after));
	});

	it('lets the rep record the customer’s acceptance of the delivery from its panel', async () => {
		const delivery = ok(
			await as.rep1!.post('/items/deliveries', { order, shipped_at: `${YEAR}-05-02` }),
			'delivery',
		).id;
		await press(pages.rep1!, { collection: 'deliveries', id: delivery }, 'shipped', 'delivery.accept', 'accepted');
		expect((await as.rep1!.data(`/items/deliveries/${delivery}?fields=status`)).status).toBe('accepted');
		expect((await as.rep1!.data(`/items/sales_orders/${order}?fields=status`)).status).toBe('delivered');
	});
});
