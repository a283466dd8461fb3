/**
 * Action parity in Chromium: for every flow and role, the buttons of the item's panel in the
 * real Studio are exactly the actions GET /visit-flow/actions offers that user over HTTP
 * (none missing, none extra). Then one action per flow is pressed: the panel updates in place
 * (the page is not reloaded) and a refusal shows the server's own message. A draft quote's panel
 * shows who will approve it, as the endpoint says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { ItemActions, OfferedAction } from '../../extensions/sales-visits/src/domain/action-model.ts';
import { hasChromium, launchBrowser, open as openPath, signedIn, STUDIO_TIMEOUT } from './browser.ts';
import { Client, targets } from './client.ts';
import { eventually } from './expect.ts';

const ROLES = ['admin', 'gm', 'manager1', 'rep1', 'rep2', 'assistant', 'service'] as const;
type Role = (typeof ROLES)[number];

interface Item {
	name: string;
	collection: string;
	id: number;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
const north = (p: { latitude: number; longitude: number }, metres: number) => ({
	latitude: p.latitude + metres / 111_195,
	longitude: p.longitude,
	accuracy: 20,
	timestamp: Date.now(),
});
/** The panel on the item's form: visits have the field-work panel, the rest `visit-approval`. */
const panelOf = (page: Page, collection: string) =>
	page.locator(`${collection === 'visits' ? '.visit-field-work' : '.visit-approval'} .action-panel`);

(hasChromium ? describe : describe.skip).each(targets)('action parity in the Studio on $name', (target) => {
	let browser: Browser;
	const clients = {} as Record<Role, Client>;
	const contexts: BrowserContext[] = [];
	const pages = {} as Record<Role, Page>;
	const items: Item[] = [];
	const byName = (name: string) => items.find((i) => i.name === name)!;

	/** Opens an item's form in the app without a page load when it can (the router), else by URL. */
	const open = (page: Page, item: Item) => openPath(page, target.url, `/content/${item.collection}/${item.id}`);

	/** What the endpoint offers `role` on the item, over HTTP; null when the item is not theirs to see. */
	async function offered(role: Role, item: Item): Promise<ItemActions | null> {
		const res = await clients[role].get(`/visit-flow/actions/${item.collection}/${item.id}`);
		if (res.status === 200) return res.body.data;
		expect([403, 404], `${role} ${item.name}: ${JSON.stringify(res.body)}`).toContain(res.status);
		return null;
	}

	/** The keys of the panel's buttons once it shows the item in the state the endpoint reports. */
	async function buttons(page: Page, item: Item, state: string): Promise<string[]> {
		const panel = panelOf(page, item.collection);
		await page.waitForURL(new RegExp(`/content/${item.collection}/${item.id}$`), { timeout: STUDIO_TIMEOUT });
		await panel
			.and(page.locator(`[data-item="${item.id}"][data-state="${state}"]`))
			.waitFor({ timeout: STUDIO_TIMEOUT });
		return panel
			.locator('.buttons [data-action]')
			.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.action!).sort());
	}

	beforeAll(async () => {
		browser = await launchBrowser();
		clients.admin = await Client.admin(target);
		for (const role of ROLES.slice(1)) clients[role] = await Client.login(target.url, `${role}@example.com`);
		const admin = clients.admin;
		const { rep1, manager1, service } = clients;
		const me = await rep1.data('/users/me?fields=id');
		const [c] = await admin.data(
			`/items/customers?filter[owner][_eq]=${me.id}&filter[latitude][_nnull]=true&limit=1&fields=id,latitude,longitude`,
		);
		const customer = { id: c.id as number, latitude: Number(c.latitude), longitude: Number(c.longitude) };
		// One context per role, signed in once over the API, its Studio opened a few at a time (the first load is
		// heavy); its page is reused for every item.
		const signInAs = async (role: Role) => {
			const context = await signedIn(
				browser,
				target.url,
				role === 'admin' ? target.env.ADMIN_EMAIL : `${role}@example.com`,
				{
					...(role === 'admin' ? { password: target.env.ADMIN_PASSWORD } : {}),
					permissions: ['geolocation'],
					geolocation: { ...north(customer, 5) },
				},
			);
			contexts.push(context);
			pages[role] = await context.newPage();
			await openPath(pages[role], target.url, '/content');
		};
		// Signing in runs while the items are made.
		const allSignedIn = (async () => {
			for (let i = 0; i < ROLES.length; i += 3) await Promise.all(ROLES.slice(i, i + 3).map(signInAs));
		})();

		const ok = (res: { status: number; body: any }) => {
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			return res.body.data;
		};

		// Plans in a year of their own (2100–2199, beyond the other files'), so they meet no other file's.
		const year = 2100 + Math.floor(Math.random() * 100);
		const plan = async (month: string) =>
			ok(
				await rep1.post('/items/visit_plans', {
					period_type: 'month',
					period_start: `${year}-${month}-01`,
					period_end: `${year}-${month}-28`,
					items: [{ customer: customer.id, planned_date: `${year}-${month}-10`, purpose: 'relationship' }],
				}),
			).id as number;
		const plans = (async () => {
			const [draft, submitted] = await Promise.all([plan('01'), plan('02')]);
			ok(await rep1.post(`/visit-flow/plans/${submitted}/submit`, {}));
			return [draft, submitted];
		})();

		/** An unplanned onsite visit of rep1's an hour from now, taken as far as `until`. */
		const visit = async (
			until: 'created' | 'applied' | 'approved' | 'in_progress' | 'outside' | 'completed' | 'reported',
		) => {
			const id = ok(
				await rep1.post('/items/visits', {
					customer: customer.id,
					purpose: 'relationship',
					channel: 'onsite',
					scheduled_start: new Date(Date.now() + 3_600_000).toISOString(),
				}),
			).id as number;
			await eventually(async () =>
				expect((await admin.data(`/items/visits/${id}?fields=requires_application`)).requires_application).toBe(true),
			);
			if (until === 'created') return id;
			ok(await rep1.post(`/visit-flow/visits/${id}/application`, {}));
			if (until === 'applied') return id;
			ok(await manager1.post(`/visit-flow/visits/${id}/application/approve`, {}));
			if (until === 'approved') return id;
			ok(
				await rep1.post(
					`/visit-flow/visits/${id}/check-in`,
					until === 'outside' ? { ...north(customer, 3000), reason: '客户临时改在分厂见面' } : north(customer, 5),
				),
			);
			if (until === 'in_progress' || until === 'outside') return id;
			ok(await rep1.post(`/visit-flow/visits/${id}/check-out`, {}));
			if (until === 'completed') return id;
			ok(
				await rep1.post(`/visit-flow/visits/${id}/report`, {
					summary: '介绍了新产品，客户有采购意向',
					next_steps: '下周报价',
				}),
			);
			return id;
		};
		// The plans, the visits and the items of the other flows are made side by side.
		const [
			[draftPlan, submittedPlan],
			[created, applied, approved, inProgress, outside, completed, reported, reported2],
			followUp,
			revisit,
			complaint,
		] = await Promise.all([
			plans,
			Promise.all(
				(
					['created', 'applied', 'approved', 'in_progress', 'outside', 'completed', 'reported', 'reported'] as const
				).map(visit),
			),
			rep1
				.post('/items/follow_ups', { customer: customer.id, description: '回电确认报价', due_date: day(7) })
				.then((res) => ok(res).id as number),
			service
				.post('/items/revisits', {
					customer: customer.id,
					kind: 'maintenance',
					channel: 'phone',
					due_date: day(5),
					owner: me.id,
				})
				.then((res) => ok(res).id as number),
			service
				.post('/items/complaints', {
					customer: customer.id,
					received_at: new Date().toISOString(),
					description: '到货包装破损',
					severity: 'high',
				})
				.then((res) => ok(res).id as number),
		]);
		const [report, expense] = await Promise.all([
			admin
				.data(`/items/visit_reports?filter[visit][_eq]=${reported2}&fields=id`)
				.then((rows: any[]) => rows[0].id as number),
			rep1
				.post('/items/expense_requests', {
					visit: approved,
					kind: 'gift',
					amount: 100,
					description: '样品运费',
				})
				.then((res) => ok(res).id as number),
		]);

		items.push(
			{ name: 'plan draft', collection: 'visit_plans', id: draftPlan },
			{ name: 'plan submitted', collection: 'visit_plans', id: submittedPlan },
			{ name: 'visit needing an application', collection: 'visits', id: created },
			{ name: 'application pending', collection: 'visits', id: applied },
			{ name: 'application approved', collection: 'visits', id: approved },
			{ name: 'visit in progress', collection: 'visits', id: inProgress },
			{ name: 'visit outside the geofence', collection: 'visits', id: outside },
			{ name: 'report pending', collection: 'visits', id: completed },
			{ name: 'report submitted', collection: 'visits', id: reported },
			{ name: 'report submitted, from its form', collection: 'visit_reports', id: report },
			{ name: 'expense pending', collection: 'expense_requests', id: expense },
			{ name: 'follow-up open', collection: 'follow_ups', id: followUp },
			{ name: 'revisit scheduled', collection: 'revisits', id: revisit },
			{ name: 'complaint open', collection: 'complaints', id: complaint },
		);
		await allSignedIn;
	}, 300_000);

	afterAll(async () => {
		await Promise.all(contexts.map((c) => c.close()));
		await browser?.close();
	});

	it('shows each role exactly the buttons the actions endpoint offers, on every flow', async () => {
		const started = Date.now();
		const mismatches: string[] = [];
		let offeredAtAll = 0;
		await Promise.all(
			ROLES.map(async (role) => {
				for (const item of items) {
					const actions = await offered(role, item);
					if (!actions) continue;
					offeredAtAll += actions.actions.length;
					await open(pages[role], item);
					const shown = await buttons(pages[role], item, actions.state.value);
					const wanted = actions.actions.map((a) => a.key).sort();
					if (JSON.stringify(shown) !== JSON.stringify(wanted))
						mismatches.push(
							`${role} · ${item.name}: shown ${shown.join(',') || '—'}, offered ${wanted.join(',') || '—'}`,
						);
				}
			}),
		);
		expect(mismatches).toEqual([]);
		// The matrix is worth something only if the states above offer actions to someone.
		expect(offeredAtAll).toBeGreaterThan(20);
		console.log(
			`[actions-studio] ${target.name}: ${ROLES.length} roles × ${items.length} items in ${Math.round((Date.now() - started) / 1000)} s`,
		);
	}, 300_000);

	/** Fills what the action requires, the way a user would. */
	async function fill(form: Locator, action: OfferedAction) {
		for (const input of action.inputs) {
			if (input.type === 'text' && input.required)
				await form.locator(`textarea[name="${input.name}"]`).fill('经核实，按流程处理此事项。');
			if (input.type === 'rating' && input.required)
				await form.locator(`[data-input="${input.name}"] [data-rating="4"]`).click();
			if (input.type === 'date' && input.required) await form.locator(`input[name="${input.name}"]`).fill(day(3));
			if (input.type === 'choice' && input.required)
				await form.locator(`select[name="${input.name}"]`).selectOption({ index: 1 });
		}
	}

	/** Presses `key` as `role`, fills its form if it has one, and waits for the panel to show the new state. */
	async function press(role: Role, item: Item, key: string) {
		const page = pages[role];
		const before = await offered(role, item);
		const action = before?.actions.find((a) => a.key === key);
		expect(action, `${role} is offered ${key} on ${item.name}`).toBeTruthy();
		await open(page, item);
		const panel = panelOf(page, item.collection);
		await buttons(page, item, before!.state.value);
		await page.evaluate(() => ((window as any).__notReloaded = true));
		await panel.locator(`[data-action="${key}"]`).click();
		if (action!.inputs.some((i) => i.type !== 'geolocation')) {
			const form = panel.locator(`[data-form="${key}"]`);
			await fill(form, action!);
			await form.locator(`[data-submit="${key}"]`).click();
		}
		const after = await eventually(async () => {
			const now = await offered(role, item);
			expect(now && JSON.stringify(now.states)).not.toBe(JSON.stringify(before!.states));
			return now!;
		}, STUDIO_TIMEOUT);
		await panel.and(page.locator(`[data-state="${after.state.value}"]`)).waitFor({ timeout: STUDIO_TIMEOUT });
		await eventually(
			async () =>
				expect(
					await panel
						.locator('.buttons [data-action]')
						.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.action!).sort()),
				).toEqual(after.actions.map((a) => a.key).sort()),
			STUDIO_TIMEOUT,
		);
		expect(await page.evaluate(() => (window as any).__notReloaded)).toBe(true);
		// The form around the panel shows the new state too (a report's state is its visit's field, not on its form).
		if (item.collection === 'visit_reports') return;
		const field = page.locator(`[data-collection="${item.collection}"][data-field="${after.state.field}"]`);
		const shown = () =>
			field.evaluate((el) =>
				[(el as HTMLElement).innerText, ...Array.from(el.querySelectorAll('input'), (i) => i.value)].join(' '),
			);
		await expect.poll(shown, { timeout: STUDIO_TIMEOUT }).toContain(after.state.label);
	}

	it('updates the panel in place after an action on every flow', async () => {
		await Promise.all([
			(async () => {
				await press('manager1', byName('plan submitted'), 'plan.approve');
				await press('manager1', byName('application pending'), 'application.approve');
				await press('manager1', byName('report submitted, from its form'), 'report.approve');
				await press('manager1', byName('report submitted'), 'report.return');
				await press('manager1', byName('expense pending'), 'expense.approve');
			})(),
			(async () => {
				await press('rep1', byName('visit in progress'), 'visit.check_out');
				await press('rep1', byName('follow-up open'), 'follow_up.complete');
				await press('rep1', byName('plan draft'), 'plan.submit');
			})(),
			(async () => {
				await press('service', byName('revisit scheduled'), 'revisit.done');
				await press('service', byName('complaint open'), 'complaint.respond');
			})(),
		]);
	}, 300_000);

	it('shows the server’s refusal in the user’s language when the item changed behind the panel', async () => {
		const page = pages.manager1;
		const item = byName('visit outside the geofence');
		const before = (await offered('manager1', item))!;
		expect(before.actions.map((a) => a.key)).toContain('visit.acknowledge');
		await open(page, item);
		await buttons(page, item, before.state.value);
		// The administrator acknowledges first; the manager's panel still offers it.
		const path = before.actions.find((a) => a.key === 'visit.acknowledge')!.path;
		expect((await clients.admin.post(path, {})).status).toBe(200);
		const refusal = await clients.manager1.post(path, {});
		expect(refusal.status).toBeGreaterThanOrEqual(400);
		expect(refusal.status).toBeLessThan(500);
		const message: string = refusal.body.errors[0].extensions.messages[before.language];
		const panel = panelOf(page, item.collection);
		await page.evaluate(() => ((window as any).__notReloaded = true));
		await panel.locator('[data-action="visit.acknowledge"]').click();
		await expect
			.poll(
				() =>
					panel
						.locator('.message')
						.innerText({ timeout: 1_000 })
						.catch(() => ''),
				{ timeout: STUDIO_TIMEOUT },
			)
			.toContain(message);
		expect(await page.evaluate(() => (window as any).__notReloaded)).toBe(true);
	});

	it('shows a draft quote’s approver beside its state, before it is submitted', async () => {
		const rep1 = clients.rep1;
		const [customer] = await rep1.data('/items/customers?filter[owner][_eq]=$CURRENT_USER&limit=1&fields=id');
		const [product] = await rep1.data(
			'/items/products?filter[active][_eq]=true&filter[list_price][_gte]=10000&limit=1&fields=id,list_price',
		);
		const created = await rep1.post('/items/quotes', {
			customer: customer.id,
			requested_at: new Date().toISOString(),
			lines: [{ product: product.id, quantity: 1, unit_price: Number(product.list_price) * 0.9 }],
		});
		expect(created.status, JSON.stringify(created.body)).toBe(200);
		const item = { name: 'quote draft', collection: 'quotes', id: created.body.data.id as number };
		const actions = (await offered('rep1', item))!;
		const note = actions.notes.find((n) => n.key === 'quote.approval')!;
		expect(note, JSON.stringify(actions)).toBeTruthy();
		await open(pages.rep1, item);
		await buttons(pages.rep1, item, actions.state.value);
		const shown = panelOf(pages.rep1, 'quotes').locator('[data-note="quote.approval"]');
		await expect.poll(() => shown.innerText(), { timeout: STUDIO_TIMEOUT }).toContain(note.value);
		expect(await shown.innerText()).toContain(note.label);
	});
});
