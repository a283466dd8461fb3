/**
 * Contracts (合同), walked as each role on every database: made from a sent quote, legal review,
 * finance review with the credit check (over credit goes to a General Manager first), rejection
 * with a reason, signing (the sales order and the opportunity won), terminating a signed one, nobody reviewing another
 * step's review, hand edits of flow-owned fields on every write path, and Legal reading
 * contracts and nothing of the visit half.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, targets } from './client.ts';
import { closeDatabases } from './db.ts';
import { refusedWith } from './expect.ts';
import { importRows, newCustomer, ok, transitions } from './sales.ts';
import { yearOf } from './years.ts';

const YEAR = yearOf('contracts.test.ts');
const REQUESTED = `${YEAR}-04-01T02:00:00.000Z`;

describe.each(targets)('contracts on $name', (target) => {
	let admin: Client;
	const as: Record<string, Client> = {};
	let users: Record<string, string>;
	let product: { id: number; list_price: number };

	const read = (id: number) => admin.data(`/items/contracts/${id}`);
	const log = (collection: string, id: number) => transitions(admin, collection, id);
	const act = (who: string, id: number, action: string, body: object = {}) =>
		as[who]!.post(`/visit-flow/contracts/${id}/${action}`, body);

	/** A customer of rep1's with its own credit limit, so that no other test's orders count against it. */
	const customerOf = (creditLimit: number) => newCustomer(admin, users.rep1!, creditLimit);

	/** rep1's opportunity and a quote of it at the list price, sent to the customer (or left a draft). */
	const quoteFor = async (customer: number, send = true) => {
		const opportunity = ok(
			await as.rep1!.post('/items/opportunities', { name: `合同商机 ${YEAR}`, customer, amount: 50000 }),
			'opportunity',
		).id as number;
		const quote = ok(
			await as.rep1!.post('/items/quotes', {
				opportunity,
				customer,
				requested_at: REQUESTED,
				valid_until: `${YEAR}-12-31`,
				lines: [{ product: product.id, quantity: 1, unit_price: product.list_price }],
			}),
			'quote',
		).id as number;
		if (send) {
			expect(ok(await as.rep1!.post(`/visit-flow/quotes/${quote}/submit`, {}), 'quote submit').status).toBe('approved');
			ok(await as.rep1!.post(`/visit-flow/quotes/${quote}/send`, {}), 'quote send');
		}
		return { opportunity, quote };
	};

	const contract = async (customer: number, amount: number) => {
		const { opportunity, quote } = await quoteFor(customer);
		const made = ok(await as.rep1!.post('/items/contracts', { quote, opportunity, customer, amount }), 'contract');
		return { ...made, opportunity } as { id: number; contract_no: string; status: string; opportunity: number };
	};

	beforeAll(async () => {
		admin = await Client.admin(target);
		for (const who of ['rep1', 'rep2', 'manager1', 'gm', 'finance', 'legal'])
			as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		const products: any[] = await admin.data('/items/products?limit=-1&sort=id');
		const p = products.find((x) => x.active && Number(x.list_price) >= 10_000)!;
		product = { id: p.id, list_price: Number(p.list_price) };
	});
	afterAll(closeDatabases);

	it('is made from a sent or accepted quote, and numbered by the server', async () => {
		const customer = await customerOf(1_000_000);
		const draft = await quoteFor(customer, false);
		refusedWith(
			await as.rep1!.post('/items/contracts', { quote: draft.quote, customer, amount: 1000 }),
			409,
			'contract_source',
		);
		refusedWith(await as.rep1!.post('/items/contracts', { customer, amount: 1000 }), 409, 'contract_source');
		const made = await contract(customer, 1000);
		expect(made.contract_no).toMatch(/^CT\d{6}-\d{4,}$/);
		expect(made.status).toBe('draft');
		expect((await read(made.id)).owner).toBe(users.rep1);
	});

	it('goes through legal and finance review within credit, each step by its reviewer, and signing wins the opportunity', async () => {
		const customer = await customerOf(100_000);
		const c = await contract(customer, 50_000);
		refusedWith(await act('legal', c.id, 'approve'), 409, 'transition');
		refusedWith(await act('rep2', c.id, 'submit'), 404, 'not_found');
		expect(ok(await act('rep1', c.id, 'submit'), 'submit')).toMatchObject({ status: 'legal_review' });

		refusedWith(await act('rep1', c.id, 'approve'), 403, 'self_review');
		refusedWith(await act('finance', c.id, 'approve'), 403, 'not_approver');
		refusedWith(await act('gm', c.id, 'approve'), 403, 'not_approver');
		const actions = ok(await as.legal!.get(`/visit-flow/actions/contracts/${c.id}`), 'actions');
		expect(actions.actions.map((a: any) => a.key).sort()).toEqual(['contract.approve', 'contract.reject']);
		expect(ok(await act('legal', c.id, 'approve'), 'legal review')).toMatchObject({
			status: 'finance_review',
			legal_reviewer: users.legal,
			legal_reviewed_at: expect.any(String),
		});

		refusedWith(await act('legal', c.id, 'approve'), 403, 'not_approver');
		refusedWith(await act('rep1', c.id, 'sign'), 409, 'transition');
		expect(ok(await act('finance', c.id, 'approve'), 'finance review')).toMatchObject({
			status: 'approved',
			over_credit: false,
			finance_reviewer: users.finance,
		});

		refusedWith(await act('finance', c.id, 'sign'), 403, 'not_owner');
		expect(ok(await act('rep1', c.id, 'sign'), 'sign')).toMatchObject({
			status: 'signed',
			signed_at: expect.any(String),
		});
		const orders = await admin.data(`/items/sales_orders?filter[contract][_eq]=${c.id}`);
		expect(orders).toHaveLength(1);
		expect(orders[0]).toMatchObject({ customer, owner: users.rep1, status: 'signed' });
		expect(orders[0].order_no).toMatch(/^SO\d{6}-\d{4,}$/);
		expect(Number(orders[0].amount)).toBe(50_000);
		expect(Number(orders[0].paid_amount)).toBe(0);
		expect(await admin.data(`/items/opportunities/${c.opportunity}`)).toMatchObject({
			stage: 'won',
			closed_at: expect.any(String),
		});
		expect((await log('opportunities', c.opportunity)).at(-1)).toBe('lead→won');
		expect(await log('contracts', c.id)).toEqual([
			'draft→legal_review',
			'legal_review→finance_review',
			'finance_review→approved',
			'approved→signed',
		]);
		refusedWith(await act('rep1', c.id, 'sign'), 409, 'transition');

		// The signed order is outstanding: another 60 000 for this customer is over its 100 000.
		const next = await contract(customer, 60_000);
		ok(await act('rep1', next.id, 'submit'), 'submit');
		ok(await act('legal', next.id, 'approve'), 'legal review');
		expect(ok(await act('finance', next.id, 'approve'), 'finance review')).toMatchObject({
			status: 'pending_gm',
			over_credit: true,
		});
		refusedWith(await act('finance', next.id, 'approve'), 403, 'not_approver');
		refusedWith(await act('legal', next.id, 'reject', { comment: '超额' }), 403, 'not_approver');
		expect(ok(await act('gm', next.id, 'approve', { comment: '同意，老客户' }), 'gm')).toMatchObject({
			status: 'approved',
			over_credit: true,
		});
		expect(await log('contracts', next.id)).toEqual([
			'draft→legal_review',
			'legal_review→finance_review',
			'finance_review→pending_gm',
			'pending_gm→approved',
		]);

		// Ended early (合同终止): by the owner's manager or a General Manager, with the reason.
		const reason = { comment: '客户经营困难，双方协商终止' };
		refusedWith(await act('rep1', c.id, 'terminate', reason), 403, 'self_approval');
		refusedWith(await act('finance', c.id, 'terminate', reason), 403, 'not_approver');
		refusedWith(await act('manager1', c.id, 'terminate'), 422, 'comment_required');
		const offered = ok(await as.manager1!.get(`/visit-flow/actions/contracts/${c.id}`), 'actions');
		expect(offered.actions.map((a: any) => a.key)).toEqual(['contract.terminate']);
		expect(offered.actions[0].inputs).toEqual([expect.objectContaining({ name: 'comment', required: true })]);
		expect(ok(await act('manager1', c.id, 'terminate', reason), 'terminate')).toMatchObject({
			status: 'terminated',
			decision_comment: reason.comment,
		});
		refusedWith(await act('gm', c.id, 'terminate', reason), 409, 'transition');
		expect((await log('contracts', c.id)).at(-1)).toBe('signed→terminated');
	});

	it('is rejected by the step’s reviewer with a reason only', async () => {
		const customer = await customerOf(1_000_000);
		const c = await contract(customer, 2000);
		ok(await act('rep1', c.id, 'submit'), 'submit');
		refusedWith(await act('finance', c.id, 'reject', { comment: '条款不清' }), 403, 'not_approver');
		refusedWith(await act('legal', c.id, 'reject', {}), 422, 'comment_required');
		expect(ok(await act('legal', c.id, 'reject', { comment: '违约条款需修改' }), 'reject')).toMatchObject({
			status: 'rejected',
			decision_comment: '违约条款需修改',
			legal_reviewer: users.legal,
		});
		refusedWith(await act('legal', c.id, 'approve'), 409, 'transition');
		expect(await log('contracts', c.id)).toEqual(['draft→legal_review', 'legal_review→rejected']);
		const notices = await admin.data(
			`/notifications?filter[collection][_eq]=contracts&filter[item][_eq]=${c.id}&filter[recipient][_eq]=${users.rep1}`,
		);
		expect(notices.length).toBeGreaterThan(0);
	});

	it('refuses hand edits of flow-owned fields through items, batch, GraphQL and import, and edits past draft', async () => {
		const customer = await customerOf(1_000_000);
		const c = await contract(customer, 3000);
		refusedWith(await admin.patch(`/items/contracts/${c.id}`, { status: 'approved' }), 403, 'hand_edit');
		refusedWith(await admin.patch(`/items/contracts/${c.id}`, { over_credit: true }), 403, 'hand_edit');
		refusedWith(await admin.patch('/items/contracts', [{ id: c.id, legal_reviewer: users.legal }]), 403, 'hand_edit');
		expect((await as.rep1!.patch(`/items/contracts/${c.id}`, { status: 'approved' })).status).toBe(403);
		refusedWith(await admin.post('/items/contracts', { customer, amount: 1, status: 'signed' }), 403, 'hand_create');
		const gql = await admin.graphql(
			`mutation { update_contracts_item(id: ${c.id}, data: { status: "signed" }) { id } }`,
		);
		expect(gql.body.errors?.[0]?.message, JSON.stringify(gql.body)).toBeTruthy();
		// An import upserts by id: an update and a create, each refused as on the items API.
		for (const [rows, reason] of [
			[[{ id: c.id, status: 'approved' }], 'hand_edit'],
			[[{ customer, amount: 1, status: 'signed' }], 'hand_create'],
		] as const) {
			refusedWith(await importRows(admin, 'contracts', rows), 403, reason);
		}
		expect((await read(c.id)).status).toBe('draft');

		ok(await as.rep1!.patch(`/items/contracts/${c.id}`, { amount: 3500 }), 'draft edit');
		ok(await act('rep1', c.id, 'submit'), 'submit');
		refusedWith(await as.rep1!.patch(`/items/contracts/${c.id}`, { amount: 1 }), 409, 'contract_locked');
		refusedWith(await admin.patch(`/items/contracts/${c.id}`, { amount: 1 }), 409, 'contract_locked');
		expect(Number((await read(c.id)).amount)).toBe(3500);
	});

	it('lets Legal read contracts and nothing of the visit half', async () => {
		expect((await as.legal!.get('/items/contracts?limit=1')).status).toBe(200);
		for (const collection of ['visits', 'customers', 'sales_orders', 'quotes'])
			expect((await as.legal!.get(`/items/${collection}?limit=1`)).status, collection).toBe(403);
		expect(
			(await as.rep2!.get('/items/contracts?limit=-1&fields=owner')).body.data.every(
				(c: any) => c.owner === users.rep2,
			),
		).toBe(true);
	});
});
