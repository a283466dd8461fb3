/**
 * 报价预览 (POST /visit-flow/quotes/preview) on every database: a rep's unsaved lines priced as the
 * save prices them — the same totals and largest discount as the quote saved with those lines, and
 * the approval level the discount rules name (the rep's own authority, a manager, a General
 * Manager under the floor price) — and bad input refused with a 400 that names the line.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, targets, type Response } from './client.ts';
import { refusedWith } from './expect.ts';
import { yearOf } from './years.ts';

const YEAR = yearOf('quote-preview.test.ts');

const ok = (res: Response, what: string) => {
	expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
	return res.body.data;
};

describe.each(targets)('the quote preview on $name', (target) => {
	let admin: Client;
	let rep1: Client;
	let customer: number;
	let product: { id: number; list_price: number; floor_price: number };
	let retired: number;
	/** The unit price `off` percent under the list price, to the cent. */
	const price = (off: number) => (Math.round(product.list_price * (100 - off)) / 100).toFixed(2);
	const preview = (lines: unknown, who = rep1) => who.post('/visit-flow/quotes/preview', { lines });

	beforeAll(async () => {
		admin = await Client.admin(target);
		rep1 = await Client.login(target.url, 'rep1@example.com');
		const [me] = await admin.data('/users?filter[email][_eq]=rep1@example.com&fields=id');
		customer = (
			await admin.data(`/items/customers?filter[owner][_eq]=${me.id}&filter[status][_eq]=active&limit=1&fields=id`)
		)[0].id;
		const products: any[] = await admin.data('/items/products?limit=-1&sort=id');
		const p = products.find((x) => x.active && Number(x.list_price) >= 10_000)!;
		product = { id: p.id, list_price: Number(p.list_price), floor_price: Number(p.floor_price) };
		retired = products.find((x) => !x.active).id;
		// The demo's rules: up to 5 % the rep, up to 15 % a manager, beyond that a General Manager.
		expect(
			(await admin.data('/items/discount_rules?filter[active][_eq]=true&sort=max_discount_rate')).map((r: any) => [
				Number(r.max_discount_rate),
				r.approver_position,
			]),
		).toEqual([
			[5, 'none'],
			[15, 'manager'],
			[100, 'general_manager'],
		]);
	});

	it('prices a rep’s lines as the save does and names the approver the rules would', async () => {
		const lines = [
			{ product: product.id, quantity: 1, unit_price: price(3) },
			{ product: product.id, quantity: '2', unit_price: price(10) },
		];
		const seen = ok(await preview(lines), 'preview');
		expect(seen.approver).toEqual({ position: 'manager', label: expect.stringMatching(/销售经理|Sales manager/) });
		expect(seen.max_discount_rate).toBe(10);
		expect(seen.below_floor).toBe(false);
		expect(seen.lines).toEqual([
			expect.objectContaining({ discount_rate: 3, net_amount: price(3), below_floor: false }),
			expect.objectContaining({ discount_rate: 10, net_amount: (Number(price(10)) * 2).toFixed(2) }),
		]);
		expect(Number(seen.lines[0].list_price)).toBe(product.list_price);

		// The quote saved with the same lines comes to the same figures, and its panel names a manager too.
		const saved = ok(
			await rep1.post('/items/quotes', {
				customer,
				requested_at: `${YEAR}-03-02T02:00:00.000Z`,
				valid_until: `${YEAR}-12-31`,
				lines,
			}),
			'quote',
		);
		const quote = await admin.data(
			`/items/quotes/${saved.id}?fields=list_total,net_total,max_discount_rate,below_floor,lines.net_amount,lines.discount_rate`,
		);
		expect(Number(quote.list_total)).toBe(Number(seen.list_total));
		expect(Number(quote.net_total)).toBe(Number(seen.net_total));
		expect(Number(quote.max_discount_rate)).toBe(seen.max_discount_rate);
		expect(Boolean(quote.below_floor)).toBe(false);
		expect(quote.lines.map((l: any) => Number(l.net_amount)).sort()).toEqual(
			seen.lines.map((l: any) => Number(l.net_amount)).sort(),
		);
		const actions = ok(await rep1.get(`/visit-flow/actions/quotes/${saved.id}`), 'actions');
		const submitted = ok(await rep1.post(`/visit-flow/quotes/${saved.id}/submit`, {}), 'submit');
		expect(submitted.status).toBe('pending');
		expect(actions.notes).toHaveLength(1);

		// Within the rep's authority: nobody; nothing yet: nobody, and zero totals.
		expect(ok(await preview([lines[0]]), 'preview').approver.position).toBe('none');
		expect(ok(await preview([]), 'empty')).toMatchObject({
			lines: [],
			list_total: '0.00',
			net_total: '0.00',
			max_discount_rate: 0,
			below_floor: false,
			approver: { position: 'none' },
		});
	});

	it('sends a price under the floor to a General Manager', async () => {
		const under = (product.floor_price - 0.01).toFixed(2);
		const seen = ok(
			await preview([
				{ product: product.id, quantity: 1, unit_price: price(1) },
				{ product: product.id, quantity: 1, unit_price: under },
			]),
			'under the floor',
		);
		expect(seen.below_floor).toBe(true);
		expect(seen.lines[1].below_floor).toBe(true);
		expect(seen.approver.position).toBe('general_manager');
		expect(seen.approver.label).toMatch(/总经理|General manager/);
		// At the floor: not below it.
		const at = ok(await preview([{ product: product.id, quantity: 1, unit_price: product.floor_price }]), 'at');
		expect(at.below_floor).toBe(false);
	});

	it('refuses bad input with a 400 that names the line, and unsold or unknown products', async () => {
		const good = { product: product.id, quantity: 1, unit_price: price(0) };
		refusedWith(await rep1.post('/visit-flow/quotes/preview', {}), 400, 'quote_preview_body');
		refusedWith(await rep1.post('/visit-flow/quotes/preview', { lines: 'x' }), 400, 'quote_preview_body');
		refusedWith(await rep1.post('/visit-flow/quotes/preview', [good]), 400, 'quote_preview_body');
		refusedWith(await preview(Array(201).fill(good)), 400, 'quote_preview_too_many');
		ok(await preview(Array(200).fill(good)), '200 lines');
		refusedWith(await preview([good, { ...good, product: 'x' }]), 400, 'quote_preview_product');
		refusedWith(await preview([{ ...good, quantity: 0 }]), 400, 'quote_preview_quantity');
		refusedWith(await preview([{ ...good, quantity: '1; drop table' }]), 400, 'quote_preview_quantity');
		refusedWith(await preview([{ ...good, unit_price: -1 }]), 400, 'quote_preview_price');
		refusedWith(await preview([{ ...good, product: 2_000_000_000 }]), 400, 'quote_preview_product_hidden');
		refusedWith(await preview([{ ...good, product: retired }]), 409, 'product_inactive');
		// The message in the caller's language names the line.
		const res = await preview([good, { ...good, quantity: -2 }]);
		expect(res.body.errors[0].message).toMatch(/第 2 行|line 2/);
		// Without a session: no products to read.
		const anonymous = await new Client(target.url).post('/visit-flow/quotes/preview', { lines: [good] });
		expect([401, 403]).toContain(anonymous.status);
	});
});
