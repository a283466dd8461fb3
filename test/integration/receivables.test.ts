/**
 * Orders, deliveries and receivables, walked as each role on every database: a contract's
 * payment terms become its order's schedules when it is signed (one schedule of the whole
 * amount after the customer's credit days when it has none), an accepted delivery delivers the
 * order, Finance's payments go to the oldest open schedules and settle the order, the credit
 * check counts what is still open, and the sweep marks schedules past due overdue once with a
 * notice to the owner and Finance. Every refusal on the way: payments by anyone but Finance,
 * overpayment, hand edits of flow-owned fields through items, batch, GraphQL and import, and a
 * rep of another team using someone else's order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, zonedDate } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { Client, targets } from './client.ts';
import { closeDatabases } from './db.ts';
import { refusedWith } from './expect.ts';
import { importRows, newCustomer, ok, transitions } from './sales.ts';
import { yearOf } from './years.ts';

const YEAR = yearOf('receivables.test.ts');
const REQUESTED = `${YEAR}-04-01T02:00:00.000Z`;

describe.each(targets)('receivables on $name', (target) => {
	let admin: Client;
	const as: Record<string, Client> = {};
	let users: Record<string, string>;
	let product: { id: number; list_price: number };
	const today = () => zonedDate(new Date(), 'Asia/Shanghai');

	const log = (collection: string, id: number) => transitions(admin, collection, id);
	const pay = (who: string, order: number, body: object) => as[who]!.post(`/visit-flow/orders/${order}/payments`, body);
	const order = (id: number) => admin.data(`/items/sales_orders/${id}`);
	const schedulesOf = (orderId: number) =>
		admin.data(`/items/payment_schedules?filter[order][_eq]=${orderId}&sort=due_date,id&limit=-1`);
	const actionKeys = async (who: string, collection: string, id: number) =>
		ok(await as[who]!.get(`/visit-flow/actions/${collection}/${id}`), 'actions')
			.actions.map((a: any) => a.key)
			.sort();

	const customerOf = (creditLimit: number, creditDays: number | null = null) =>
		newCustomer(admin, users.rep1!, creditLimit, creditDays);

	/** rep1's contract from a sent quote, with `terms` drafted inline. */
	const draftContract = async (customer: number, amount: number, terms: { due_date: string; amount: number }[]) => {
		const quote = ok(
			await as.rep1!.post('/items/quotes', {
				customer,
				requested_at: REQUESTED,
				valid_until: `${YEAR}-12-31`,
				lines: [{ product: product.id, quantity: 1, unit_price: product.list_price }],
			}),
			'quote',
		).id as number;
		ok(await as.rep1!.post(`/visit-flow/quotes/${quote}/submit`, {}), 'quote submit');
		ok(await as.rep1!.post(`/visit-flow/quotes/${quote}/send`, {}), 'quote send');
		return ok(
			await as.rep1!.post('/items/contracts', { quote, customer, amount, payment_terms: terms }),
			'contract',
		) as { id: number };
	};

	/** Through legal and finance review to signing; returns the order signing made. */
	const sign = async (contract: number) => {
		const act = (who: string, action: string) => as[who]!.post(`/visit-flow/contracts/${contract}/${action}`, {});
		ok(await act('rep1', 'submit'), 'submit');
		ok(await act('legal', 'approve'), 'legal review');
		const reviewed = ok(await act('finance', 'approve'), 'finance review');
		if (reviewed.status === 'pending_gm') ok(await act('gm', 'approve'), 'gm');
		ok(await act('rep1', 'sign'), 'sign');
		const [made] = await admin.data(`/items/sales_orders?filter[contract][_eq]=${contract}`);
		return made as { id: number; amount: string; status: string };
	};

	beforeAll(async () => {
		admin = await Client.admin(target);
		for (const who of ['rep1', 'rep4', 'manager1', 'gm', 'finance', 'legal', 'assistant'])
			as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		const products: any[] = await admin.data('/items/products?limit=-1&sort=id');
		const p = products.find((x) => x.active && Number(x.list_price) >= 10_000)!;
		product = { id: p.id, list_price: Number(p.list_price) };
	});
	afterAll(closeDatabases);

	it('walks contract terms → order schedules → delivery → payments to the oldest schedule → paid', async () => {
		const customer = await customerOf(10_000_000, 30);
		// Terms that do not add up to the amount do not go to review.
		const short = await draftContract(customer, 50_000, [{ due_date: `${YEAR}-06-30`, amount: 30_000 }]);
		refusedWith(await as.rep1!.post(`/visit-flow/contracts/${short.id}/submit`, {}), 409, 'contract_terms_sum');
		// Only the contract's owner drafts its terms, and only on a contract of their own.
		refusedWith(
			await as.manager1!.post('/items/payment_schedules', {
				contract: short.id,
				due_date: `${YEAR}-05-31`,
				amount: 20_000,
			}),
			403,
			'terms_owner',
		);
		refusedWith(
			await as.rep1!.post('/items/payment_schedules', { due_date: `${YEAR}-05-31`, amount: 20_000 }),
			400,
			'terms_contract',
		);
		ok(
			await as.rep1!.post('/items/payment_schedules', {
				contract: short.id,
				due_date: `${YEAR}-05-31`,
				amount: 20_000,
			}),
			'a second term',
		);
		const made = await sign(short.id);
		expect(made.status).toBe('signed');
		const terms = await schedulesOf(made.id);
		expect(terms.map((s: any) => [s.due_date.slice(0, 10), Number(s.amount), s.status, s.contract])).toEqual([
			[`${YEAR}-05-31`, 20_000, 'open', short.id],
			[`${YEAR}-06-30`, 30_000, 'open', short.id],
		]);
		// Signed terms are locked with their contract.
		expect(
			(await as.rep1!.patch(`/items/payment_schedules/${terms[0].id}`, { amount: 1 })).status,
		).toBeGreaterThanOrEqual(403);

		// 验收: rep1 records the delivery; a rep of another team may not use rep1's order.
		refusedWith(
			await as.rep4!.post('/items/deliveries', { order: made.id, shipped_at: `${YEAR}-05-02` }),
			403,
			'relation_hidden',
		);
		const delivery = ok(
			await as.rep1!.post('/items/deliveries', { order: made.id, shipped_at: `${YEAR}-05-02` }),
			'delivery',
		);
		expect(delivery.status).toBe('shipped');
		refusedWith(await as.rep1!.patch(`/items/deliveries/${delivery.id}`, { status: 'accepted' }), 403, 'hand_edit');
		expect(await actionKeys('rep1', 'deliveries', delivery.id)).toEqual(['delivery.accept', 'delivery.reject']);
		expect(await actionKeys('assistant', 'deliveries', delivery.id)).toEqual(['delivery.accept', 'delivery.reject']);
		refusedWith(await as.manager1!.post(`/visit-flow/deliveries/${delivery.id}/accept`, {}), 403, 'not_deliverer');
		refusedWith(await as.rep4!.post(`/visit-flow/deliveries/${delivery.id}/accept`, {}), 404, 'not_found');
		expect(ok(await as.rep1!.post(`/visit-flow/deliveries/${delivery.id}/accept`, {}), 'accept')).toMatchObject({
			status: 'accepted',
			accepted_at: expect.any(String),
		});
		expect((await order(made.id)).status).toBe('delivered');
		expect(await log('deliveries', delivery.id)).toEqual(['shipped→accepted']);
		expect(await log('sales_orders', made.id)).toEqual(['signed→delivered']);

		// Payments: Finance only, never more than is open.
		expect(await actionKeys('finance', 'sales_orders', made.id)).toEqual(['order.pay']);
		expect(await actionKeys('rep1', 'sales_orders', made.id)).toEqual([]);
		refusedWith(await pay('rep1', made.id, { amount: 1000 }), 403, 'not_finance');
		refusedWith(await pay('manager1', made.id, { amount: 1000 }), 403, 'not_finance');
		refusedWith(await pay('rep4', made.id, { amount: 1000 }), 404, 'not_found');
		refusedWith(await pay('finance', made.id, { amount: 50_000.01 }), 409, 'overpayment');
		refusedWith(await pay('finance', made.id, { amount: 'lots' }), 422, 'payment_amount');
		refusedWith(await pay('finance', made.id, { amount: 10.001 }), 422, 'payment_amount');
		refusedWith(await pay('finance', made.id, { amount: 100, method: 'barter' }), 422, 'payment_method');
		refusedWith(await pay('finance', made.id, { amount: 100, received_at: '2199-01-01' }), 422, 'payment_received_at');

		const first = ok(
			await pay('finance', made.id, { amount: 25_000, received_at: today(), method: 'bank_transfer' }),
			'first payment',
		);
		expect(first).toMatchObject({ recorded_by: users.finance, method: 'bank_transfer' });
		expect(Number(first.amount)).toBe(25_000);
		expect(first.order).toMatchObject({ id: made.id, status: 'delivered' });
		expect((await schedulesOf(made.id)).map((s: any) => [Number(s.paid_amount), s.status])).toEqual([
			[20_000, 'paid'],
			[5_000, 'open'],
		]);
		expect(Number((await order(made.id)).paid_amount)).toBe(25_000);
		expect(await log('payment_schedules', terms[0].id)).toEqual(['open→paid']);
		expect(await log('payment_schedules', terms[1].id)).toEqual([]);

		refusedWith(await pay('finance', made.id, { amount: 25_000.01 }), 409, 'overpayment');
		ok(await pay('finance', made.id, { amount: 25_000 }), 'second payment');
		expect((await schedulesOf(made.id)).map((s: any) => [Number(s.paid_amount), s.status])).toEqual([
			[20_000, 'paid'],
			[30_000, 'paid'],
		]);
		expect(await order(made.id)).toMatchObject({ status: 'paid' });
		expect(Number((await order(made.id)).paid_amount)).toBe(50_000);
		expect(await log('sales_orders', made.id)).toEqual(['signed→delivered', 'delivered→paid']);
		expect(await actionKeys('finance', 'sales_orders', made.id)).toEqual([]);
		refusedWith(await pay('finance', made.id, { amount: 1 }), 409, 'overpayment');
		expect(await admin.data(`/items/payments?filter[order][_eq]=${made.id}&limit=-1`)).toHaveLength(2);
	});

	it('deletes a term taken out of its draft contract’s list, as the Studio does, and keeps a signed contract’s', async () => {
		const customer = await customerOf(10_000_000);
		const c = await draftContract(customer, 30_000, [
			{ due_date: `${YEAR}-05-31`, amount: 10_000 },
			{ due_date: `${YEAR}-06-30`, amount: 10_000 },
			{ due_date: `${YEAR}-07-31`, amount: 10_000 },
		]);
		const termsOf = async () =>
			(
				await admin.data(
					`/items/payment_schedules?filter[contract][_eq]=${c.id}&sort=due_date&limit=-1&fields=id,due_date,amount,order`,
				)
			).map((s: any) => ({ ...s, due_date: s.due_date.slice(0, 10), amount: Number(s.amount) }));
		const contract = () => admin.data(`/items/contracts/${c.id}?fields=amount,status,quote,customer,owner`);
		const gone = async (id: number) =>
			expect(await admin.data(`/items/payment_schedules?filter[id][_eq]=${id}&fields=id`)).toEqual([]);
		const before = await contract();
		const [may, june, july] = await termsOf();

		// The form's o2m shape: June taken out of the list is deleted, not left without a contract.
		ok(
			await as.rep1!.patch(`/items/contracts/${c.id}`, {
				payment_terms: { create: [], update: [], delete: [june.id] },
			}),
			'deselect',
		);
		await gone(june.id);
		expect(await termsOf()).toEqual([may, july]);
		expect(await contract()).toEqual(before);

		// The alias field as a list: whatever is not listed goes, a new term comes with it.
		ok(
			await as.rep1!.patch(`/items/contracts/${c.id}`, {
				payment_terms: [may.id, { due_date: `${YEAR}-08-31`, amount: 20_000 }],
			}),
			'list',
		);
		await gone(july.id);
		const listed = await termsOf();
		expect(listed.map((s: any) => [s.due_date, s.amount])).toEqual([
			[`${YEAR}-05-31`, 10_000],
			[`${YEAR}-08-31`, 20_000],
		]);
		expect(listed[0]).toEqual(may);
		expect(await contract()).toEqual(before);

		// Signed, its terms are the order's receivables: nobody takes one out, not even an Administrator.
		const made = await sign(c.id);
		expect(
			(
				await as.rep1!.patch(`/items/contracts/${c.id}`, {
					payment_terms: { create: [], update: [], delete: [may.id] },
				})
			).status,
		).toBeGreaterThanOrEqual(403);
		refusedWith(
			await admin.patch(`/items/contracts/${c.id}`, { payment_terms: { create: [], update: [], delete: [may.id] } }),
			409,
			'contract_locked',
		);
		refusedWith(await admin.patch(`/items/contracts/${c.id}`, { payment_terms: [] }), 409, 'contract_locked');
		expect((await termsOf()).map((s: any) => [s.id, s.order])).toEqual(listed.map((s: any) => [s.id, made.id]));
	});

	it('refuses hand edits of orders, schedules and payments through items, batch, GraphQL and import', async () => {
		const customer = await customerOf(10_000_000);
		const c = await draftContract(customer, 8_000, []);
		const made = await sign(c.id);
		const [schedule] = await schedulesOf(made.id);
		refusedWith(await as.rep1!.patch(`/items/sales_orders/${made.id}`, { status: 'paid' }), 403, 'hand_edit');
		refusedWith(await as.rep1!.patch(`/items/sales_orders/${made.id}`, { paid_amount: 8000 }), 403, 'hand_edit');
		refusedWith(await as.manager1!.patch('/items/sales_orders', [{ id: made.id, paid_amount: 1 }]), 403, 'hand_edit');
		refusedWith(
			await as.gm!.patch('/items/sales_orders', { keys: [made.id], data: { status: 'delivered' } }),
			403,
			'hand_edit',
		);
		refusedWith(await as.rep1!.patch(`/items/payment_schedules/${schedule.id}`, { paid_amount: 1 }), 403, 'hand_edit');
		refusedWith(await admin.patch(`/items/payment_schedules/${schedule.id}`, { status: 'paid' }), 403, 'hand_edit');
		refusedWith(
			await admin.patch('/items/payment_schedules', [{ id: schedule.id, order: made.id, paid_amount: 8000 }]),
			403,
			'hand_edit',
		);
		for (const who of ['finance', 'rep1'])
			refusedWith(
				await as[who]!.post('/items/payments', { order: made.id, amount: 100, received_at: REQUESTED }),
				403,
				'payment_by_endpoint',
			);
		refusedWith(
			await admin.post('/items/payments', { order: made.id, amount: 100, received_at: REQUESTED }),
			403,
			'payment_by_endpoint',
		);
		const gql = await as.rep1!.graphql(
			`mutation { update_sales_orders_item(id: ${made.id}, data: { status: "paid" }) { id } }`,
		);
		expect(gql.body.errors?.[0]?.message, JSON.stringify(gql.body)).toBeTruthy();
		const gqlPayment = await as.finance!.graphql(
			`mutation { create_payments_item(data: { order: ${made.id}, amount: 100, received_at: "${REQUESTED}" }) { id } }`,
		);
		expect(gqlPayment.body.errors?.[0]?.message, JSON.stringify(gqlPayment.body)).toBeTruthy();
		refusedWith(
			await importRows(admin, 'payments', [{ order: made.id, amount: 100, received_at: REQUESTED }]),
			403,
			'payment_by_endpoint',
		);

		// What was signed stays as signed; the warranty is the owner's to record.
		refusedWith(await as.rep1!.patch(`/items/sales_orders/${made.id}`, { amount: 1 }), 409, 'order_from_contract');
		ok(await as.rep1!.patch(`/items/sales_orders/${made.id}`, { warranty_until: `${YEAR}-12-31` }), 'warranty');
		expect(Number((await order(made.id)).amount)).toBe(8000);
		// A delivery recorded from the order's form, but not accepted by hand there.
		refusedWith(
			await as.rep1!.patch(`/items/sales_orders/${made.id}`, {
				deliveries: { create: [{ shipped_at: `${YEAR}-05-02`, status: 'accepted' }], update: [], delete: [] },
			}),
			403,
			'hand_create',
		);
		ok(
			await as.rep1!.patch(`/items/sales_orders/${made.id}`, {
				deliveries: { create: [{ shipped_at: `${YEAR}-05-02` }], update: [], delete: [] },
			}),
			'nested delivery',
		);
		expect(await admin.data(`/items/deliveries?filter[order][_eq]=${made.id}&fields=status`)).toEqual([
			{ status: 'shipped' },
		]);
		expect(await order(made.id)).toMatchObject({ status: 'signed' });
		expect(Number((await order(made.id)).paid_amount)).toBe(0);
		expect(await schedulesOf(made.id)).toMatchObject([{ status: 'open' }]);
		expect(Number((await schedulesOf(made.id))[0].paid_amount)).toBe(0);
		expect(await admin.data(`/items/payments?filter[order][_eq]=${made.id}&limit=-1`)).toEqual([]);
	});

	it('takes one of two simultaneous payments that together exceed the open amount', async () => {
		const customer = await customerOf(10_000_000);
		const made = await sign((await draftContract(customer, 10_000, [])).id);
		const results = await Promise.all([
			pay('finance', made.id, { amount: 6000 }),
			pay('finance', made.id, { amount: 6000 }),
		]);
		expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
		expect(Number((await order(made.id)).paid_amount)).toBe(6000);
		expect(await admin.data(`/items/payments?filter[order][_eq]=${made.id}&limit=-1`)).toHaveLength(1);
		expect(Number((await schedulesOf(made.id))[0].paid_amount)).toBe(6000);
	});

	it('makes one schedule of the whole amount after the customer’s credit days when a contract has no terms', async () => {
		const customer = await customerOf(10_000_000, 45);
		const made = await sign((await draftContract(customer, 12_345.67, [])).id);
		const schedules = await schedulesOf(made.id);
		expect(schedules).toHaveLength(1);
		expect(schedules[0].due_date.slice(0, 10)).toBe(addDays(today(), 45));
		expect(Number(schedules[0].amount)).toBe(12_345.67);
		expect(schedules[0].status).toBe('open');
	});

	it('checks credit against the open amounts of the customer’s schedules', async () => {
		const customer = await customerOf(60_000);
		const first = await sign((await draftContract(customer, 50_000, [])).id);
		ok(await pay('finance', first.id, { amount: 20_000 }), 'payment');
		// 30 000 still open + 30 000 = the limit: within credit.
		const within = await draftContract(customer, 30_000, []);
		ok(await as.rep1!.post(`/visit-flow/contracts/${within.id}/submit`, {}), 'submit');
		ok(await as.legal!.post(`/visit-flow/contracts/${within.id}/approve`, {}), 'legal');
		expect(ok(await as.finance!.post(`/visit-flow/contracts/${within.id}/approve`, {}), 'finance')).toMatchObject({
			status: 'approved',
			over_credit: false,
		});
		// One cent more is over.
		const over = await draftContract(customer, 30_000.01, []);
		ok(await as.rep1!.post(`/visit-flow/contracts/${over.id}/submit`, {}), 'submit');
		ok(await as.legal!.post(`/visit-flow/contracts/${over.id}/approve`, {}), 'legal');
		expect(ok(await as.finance!.post(`/visit-flow/contracts/${over.id}/approve`, {}), 'finance')).toMatchObject({
			status: 'pending_gm',
			over_credit: true,
		});
	});

	it('marks schedules past due overdue once, telling the owner and Finance in their language', async () => {
		const customer = await customerOf(10_000_000);
		const past = addDays(today(), -40);
		const made = await sign(
			(
				await draftContract(customer, 9_000, [
					{ due_date: past, amount: 4_000 },
					{ due_date: addDays(today(), 30), amount: 5_000 },
				])
			).id,
		);
		const [late, later] = await schedulesOf(made.id);
		const run = async () => ok(await admin.post('/visit-flow/sweeps/run', {}), 'sweep');
		expect((await run()).overdue_schedules).toBeGreaterThanOrEqual(1);
		expect((await run()).overdue_schedules).toBe(0);
		expect((await schedulesOf(made.id)).map((s: any) => s.status)).toEqual(['overdue', 'open']);
		expect(await log('payment_schedules', late.id)).toEqual(['open→overdue']);
		expect(await log('payment_schedules', later.id)).toEqual([]);
		const notices = async (who: string) =>
			admin.data(
				`/notifications?filter[collection][_eq]=payment_schedules&filter[item][_eq]=${late.id}&filter[recipient][_eq]=${users[who]}&limit=-1`,
			);
		const [toOwner] = await notices('rep1');
		const [toFinance, ...more] = await notices('finance');
		expect(toOwner.subject).toContain(String(late.id));
		expect(toFinance.subject).toContain((await order(made.id)).order_no);
		expect(more).toEqual([]);
		expect(await notices('rep1')).toHaveLength(1);
		expect(await notices('manager1')).toEqual([]);
		// In each recipient's language: the demo staff read Chinese unless their profile says otherwise.
		const language = async (who: string) => (await admin.data(`/users/${users[who]}?fields=language`)).language;
		for (const [who, notice] of [
			['rep1', toOwner],
			['finance', toFinance],
		] as const)
			expect(notice.subject, who).toMatch(
				String(await language(who)).startsWith('en') ? /^Payment overdue/ : /^回款逾期/,
			);

		// A payment of an overdue schedule settles it; the sweep leaves it.
		ok(await pay('finance', made.id, { amount: 4_000 }), 'payment');
		expect((await schedulesOf(made.id)).map((s: any) => s.status)).toEqual(['paid', 'open']);
		expect(await log('payment_schedules', late.id)).toEqual(['open→overdue', 'overdue→paid']);
		expect((await run()).overdue_schedules).toBe(0);
	});
});
