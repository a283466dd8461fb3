/**
 * The integrator (issue 18, part 7): with its static token an ERP creates and updates customers,
 * contacts and orders for any salesperson and records payments through Finance's endpoint, which
 * settles the order; and every rule that binds a person binds it too: flow-owned fields and
 * credit terms are not its to write, relations must name rows and people that exist, bad values
 * are refused with a 4xx, and nothing of a refused write is kept.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { INTEGRATOR_TOKEN } from '../../seeds/demo.ts';
import { Client, targets, type Response } from './client.ts';
import { refusedWith } from './expect.ts';
import { ok } from './sales.ts';
import { yearOf } from './years.ts';

const YEAR = yearOf('integrator.test.ts');
let serial = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++serial}`;
const NOBODY = '5e1d0000-0000-4000-8000-999999999999';
const NO_ROW = 2_000_000_000;

describe.each(targets)('the integrator on $name', (target) => {
	let admin: Client;
	let erp: Client;
	/** A salesperson of its own, so that the payments below count for nobody else's figures. */
	let rep: string;
	let rep1: Client;

	const count = async (collection: string) =>
		Number((await admin.data(`/items/${collection}?aggregate[count]=id`))[0].count.id);
	/** The write is refused with a 4xx (the status when given) and the collection keeps its rows. */
	const refused = async (collection: string, write: () => Promise<Response>, status?: number) => {
		const before = await count(collection);
		const res = await write();
		if (status) expect(res.status, JSON.stringify(res.body)).toBe(status);
		else expect(res.status >= 400 && res.status < 500, `${res.status} ${JSON.stringify(res.body)}`).toBe(true);
		expect(await count(collection)).toBe(before);
		return res;
	};
	/** An order's paid amount (a number: the vendors write decimals differently) and status. */
	const paid = async (order: number) => {
		const { paid_amount, status } = await admin.data(`/items/sales_orders/${order}?fields=paid_amount,status`);
		return { paid_amount: Number(paid_amount), status };
	};
	const customerBody = (extra: Record<string, unknown> = {}) => ({
		name: unique('ERP 客户'),
		code: unique('ERP'),
		tier: 'C',
		category: 'ordinary',
		region_scope: 'local',
		owner: rep,
		...extra,
	});
	const orderBody = (customer: number, extra: Record<string, unknown> = {}) => ({
		order_no: unique('ERP-SO'),
		customer,
		owner: rep,
		signed_at: `${YEAR}-03-02`,
		amount: 1000,
		...extra,
	});

	beforeAll(async () => {
		admin = await Client.admin(target);
		erp = new Client(target.url, INTEGRATOR_TOKEN);
		rep1 = await Client.login(target.url, 'rep1@example.com');
		const [manager] = await admin.data('/users?filter[email][_eq]=manager1@example.com&fields=id');
		rep = ok(
			await admin.post('/users', {
				email: `${unique('erp-rep')}@example.com`,
				first_name: '集成',
				last_name: '测试',
				role: roleByKey('sales_rep').roleId,
				position: 'rep',
				reports_to: manager.id,
			}),
			'user',
		).id;
	});

	it('creates and updates customers, contacts and orders for a salesperson, and records payments that settle the order', async () => {
		const customer = ok(
			await erp.post('/items/customers', customerBody({ contacts: [{ name: '王经理', phone: '13800000000' }] })),
			'customer',
		);
		expect(customer.owner).toBe(rep);
		expect(await admin.data(`/items/contacts?filter[customer][_eq]=${customer.id}&fields=name`)).toEqual([
			{ name: '王经理' },
		]);
		ok(await erp.post('/items/contacts', { customer: customer.id, name: '李工', decision_role: 'user' }), 'contact');
		ok(await erp.patch(`/items/customers/${customer.id}`, { address: '杭州市西湖区文三路 1 号' }), 'customer update');
		// The customer is the salesperson's, as if they had entered it.
		expect((await rep1.get(`/items/customers/${customer.id}`)).status, 'another rep does not see it').toBe(403);

		const order = ok(await erp.post('/items/sales_orders', orderBody(customer.id)), 'order');
		expect(order).toMatchObject({ owner: rep, status: 'signed' });
		expect(Number(order.paid_amount)).toBe(0);
		ok(await erp.patch(`/items/sales_orders/${order.id}`, { warranty_until: `${YEAR + 1}-03-02` }), 'order update');

		const first = ok(
			await erp.post(`/visit-flow/orders/${order.id}/payments`, { amount: 400, method: 'bank_transfer' }),
			'payment',
		);
		expect(first.order.status).toBe('signed');
		expect([first.amount, first.order.paid_amount].map(Number)).toEqual([400, 400]);
		const [integrator] = await admin.data('/users?filter[email][_eq]=integrator@example.com&fields=id');
		expect((await admin.data(`/items/payments/${first.id}`)).recorded_by).toBe(integrator.id);
		// The actions endpoint offers what the POST accepts.
		const actions = ok(await erp.get(`/visit-flow/actions/sales_orders/${order.id}`), 'actions').actions;
		expect(actions.map((a: { path: string }) => a.path)).toContain(`/visit-flow/orders/${order.id}/payments`);

		ok(await erp.post(`/visit-flow/orders/${order.id}/payments`, { amount: '600.00' }), 'payment');
		expect(await paid(order.id)).toEqual({ paid_amount: 1000, status: 'paid' });
	});

	it('writes no flow-owned field and no credit term, by create or update', async () => {
		await refused('customers', () => erp.post('/items/customers', customerBody({ credit_limit: 100000 })), 403);
		await refused(
			'customers',
			() => erp.post('/items/customers', customerBody({ churned_at: new Date().toISOString() })),
			403,
		);
		const customer = ok(await erp.post('/items/customers', customerBody()), 'customer');
		expect((await erp.patch(`/items/customers/${customer.id}`, { credit_days: 30 })).status).toBe(403);

		for (const field of [{ status: 'paid' }, { paid_amount: 1000 }])
			await refused('sales_orders', () => erp.post('/items/sales_orders', orderBody(customer.id, field)), 403);
		const order = ok(await erp.post('/items/sales_orders', orderBody(customer.id)), 'order');
		for (const field of [{ status: 'paid' }, { paid_amount: 1000 }, { status: 'cancelled' }])
			expect((await erp.patch(`/items/sales_orders/${order.id}`, field)).status, JSON.stringify(field)).toBe(403);
		// Payments only through the endpoint, which allocates them.
		await refused(
			'payments',
			() => erp.post('/items/payments', { order: order.id, amount: 100, received_at: new Date().toISOString() }),
			403,
		);
		expect(await paid(order.id)).toEqual({ paid_amount: 0, status: 'signed' });
		// The rest of the company's work is the people's.
		await refused('visits', () =>
			erp.post('/items/visits', {
				owner: rep,
				customer: customer.id,
				purpose: 'relationship',
				channel: 'phone',
				scheduled_start: `${YEAR}-03-03T02:00:00.000Z`,
			}),
		);
		expect((await erp.patch('/items/visit_settings', { geofence_radius_m: 1 })).status).toBe(403);
	});

	it('names only rows and people that exist, and always an owner', async () => {
		refusedWith(
			await refused('customers', () => erp.post('/items/customers', customerBody({ owner: NOBODY }))),
			403,
			'relation_hidden',
		);
		await refused('customers', () => erp.post('/items/customers', customerBody({ owner: undefined })), 400);
		await refused('customers', () => erp.post('/items/customers', customerBody({ owner: null })), 400);
		refusedWith(
			await refused('contacts', () => erp.post('/items/contacts', { customer: NO_ROW, name: '无主联系人' })),
			403,
			'relation_hidden',
		);
		const customer = ok(await erp.post('/items/customers', customerBody()), 'customer');
		expect((await erp.patch(`/items/customers/${customer.id}`, { owner: null })).status).toBe(400);
		refusedWith(
			await refused('sales_orders', () => erp.post('/items/sales_orders', orderBody(NO_ROW))),
			403,
			'relation_hidden',
		);
		refusedWith(
			await refused('sales_orders', () => erp.post('/items/sales_orders', orderBody(customer.id, { owner: NOBODY }))),
			403,
			'relation_hidden',
		);
		await refused(
			'sales_orders',
			() => erp.post('/items/sales_orders', orderBody(customer.id, { owner: undefined })),
			400,
		);
		expect((await admin.data(`/items/customers/${customer.id}?fields=owner`)).owner).toBe(rep);
	});

	it('gets a 4xx in its language for bad values, and keeps nothing of them', async () => {
		const customer = ok(await erp.post('/items/customers', customerBody()), 'customer');
		await refused('customers', () => erp.post('/items/customers', customerBody({ code: customer.code })));
		await refused('customers', () => erp.post('/items/customers', customerBody({ name: 'x'.repeat(300) })), 400);
		await refused(
			'contacts',
			() => erp.post('/items/contacts', { customer: customer.id, name: '张三', birthday: 'not-a-date' }),
			400,
		);
		for (const bad of [{ amount: -1 }, { amount: 'a lot' }, { signed_at: 'yesterday' }])
			await refused('sales_orders', () => erp.post('/items/sales_orders', orderBody(customer.id, bad)), 400);

		const order = ok(await erp.post('/items/sales_orders', orderBody(customer.id)), 'order');
		const pay = (body: object) => () => erp.post(`/visit-flow/orders/${order.id}/payments`, body);
		refusedWith(await refused('payments', pay({ amount: 'abc' })), 422, 'payment_amount');
		refusedWith(await refused('payments', pay({ amount: 1000.001 })), 422, 'payment_amount');
		refusedWith(await refused('payments', pay({ amount: 2000 })), 409, 'overpayment');
		refusedWith(await refused('payments', pay({ amount: 10, method: 'bitcoin' })), 422, 'payment_method');
		refusedWith(
			await refused('payments', pay({ amount: 10, received_at: `${YEAR}-01-01` })),
			422,
			'payment_received_at',
		);
		const res = await refused('payments', () => erp.post(`/visit-flow/orders/${NO_ROW}/payments`, { amount: 10 }));
		expect(res.status).toBeGreaterThanOrEqual(403);
		// In the caller's language: the integrator's profile says zh-CN.
		expect(
			(await erp.post(`/visit-flow/orders/${order.id}/payments`, { amount: 2000 })).body.errors[0].message,
		).toMatch(/[\u4e00-\u9fff]/);
		expect(await paid(order.id)).toEqual({ paid_amount: 0, status: 'signed' });
	});
});
