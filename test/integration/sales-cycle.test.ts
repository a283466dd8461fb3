/**
 * The sales cycle end to end through the API, on every database: a rep's opportunity, a quote over
 * the rep's discount authority approved by the manager, sent and accepted, the contract from it
 * reviewed by Legal then Finance (the credit check) and signed by its owner, the order with its
 * schedules and the opportunity won, a delivery accepted, and Finance's payments settling the order;
 * every step's approval_log row and each refusal on the way (self-approval, the wrong reviewer,
 * another team's manager, overpayment, a rep recording a payment). Then hand edits of the fields the
 * flows own, on every write path, and a signing that fails half way leaving nothing behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, targets } from './client.ts';
import { closeDatabases, execute, selectByIds, selectRows } from './db.ts';
import { refusedWith } from './expect.ts';
import { graphqlRefusedWith, importRows, logRows, newCustomer, ok } from './sales.ts';
import { yearOf } from './years.ts';

const YEAR = yearOf('sales-cycle.test.ts');
const REQUESTED = `${YEAR}-03-02T02:00:00.000Z`;
const VALID_UNTIL = `${YEAR}-12-31`;

describe.each(targets)('the sales cycle on $name', (target) => {
	let admin: Client;
	const as: Record<string, Client> = {};
	let users: Record<string, string>;
	let product: { id: number; list_price: number };

	const act = (who: string, path: string, body: object = {}) => as[who]!.post(`/visit-flow/${path}`, body);
	/** The item's log as [from, to, actor]. */
	const logOf = async (collection: string, id: number) =>
		(await logRows(admin, collection, id)).map((l) => [l.from_status, l.to_status, l.actor]);

	/** rep1's opportunity for `customer`, in `stage`. */
	const opportunity = async (customer: number, stage = 'lead') => {
		const id = ok(
			await as.rep1!.post('/items/opportunities', { name: `销售全流程 ${YEAR}`, customer, amount: 120_000 }),
			'opportunity',
		).id as number;
		if (stage !== 'lead') ok(await act('rep1', `opportunities/${id}/advance`, { stage }), `advance to ${stage}`);
		return id;
	};

	/** rep1's contract of a quote within the rep's authority, sent, with `terms`, reviewed up to `approved`. */
	const approvedContract = async (customer: number, opportunityId: number, terms: object[]) => {
		const quote = ok(
			await as.rep1!.post('/items/quotes', {
				opportunity: opportunityId,
				customer,
				requested_at: REQUESTED,
				valid_until: VALID_UNTIL,
				lines: [{ product: product.id, quantity: 1, unit_price: product.list_price }],
			}),
			'quote',
		).id as number;
		expect(ok(await act('rep1', `quotes/${quote}/submit`), 'quote submit').status).toBe('approved');
		ok(await act('rep1', `quotes/${quote}/send`), 'quote send');
		const contract = ok(
			await as.rep1!.post('/items/contracts', {
				quote,
				opportunity: opportunityId,
				customer,
				amount: 120_000,
				payment_terms: terms,
			}),
			'contract',
		).id as number;
		ok(await act('rep1', `contracts/${contract}/submit`), 'submit');
		ok(await act('legal', `contracts/${contract}/approve`), 'legal review');
		expect(ok(await act('finance', `contracts/${contract}/approve`), 'finance review').status).toBe('approved');
		return contract;
	};

	beforeAll(async () => {
		admin = await Client.admin(target);
		for (const who of ['rep1', 'rep4', 'manager1', 'manager2', 'gm', 'finance', 'legal'])
			as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		const products: any[] = await admin.data('/items/products?limit=-1&sort=id');
		const p = products.find((x) => x.active && Number(x.list_price) >= 10_000)!;
		product = { id: p.id, list_price: Number(p.list_price) };
	});
	afterAll(closeDatabases);

	it('walks opportunity → quote → contract → order → delivery → payments, each step by its role and logged', async () => {
		const { rep1, manager1, legal, finance } = users as Record<string, string>;
		const customer = await newCustomer(admin, rep1!, 1_000_000, 30);

		// 商机: the rep's, in the lead stage, moved forward to the proposal.
		const opp = ok(
			await as.rep1!.post('/items/opportunities', { name: `销售全流程 ${YEAR}`, customer, amount: 120_000 }),
			'opportunity',
		);
		expect(opp).toMatchObject({ stage: 'lead', owner: rep1, closed_at: null });
		expect(ok(await act('rep1', `opportunities/${opp.id}/advance`, { stage: 'proposal' }), 'advance')).toMatchObject({
			stage: 'proposal',
			stage_changed_at: expect.any(String),
		});
		expect(await logOf('opportunities', opp.id)).toEqual([['lead', 'proposal', rep1]]);

		// 报价单: 10 % off one line is beyond the rep's 5 %, within the manager's 15 %.
		const price = (product.list_price * 90) / 100;
		const quote = ok(
			await as.rep1!.post('/items/quotes', {
				opportunity: opp.id,
				customer,
				requested_at: REQUESTED,
				valid_until: VALID_UNTIL,
				lines: [
					{ product: product.id, quantity: 2, unit_price: price },
					{ product: product.id, quantity: 1, unit_price: product.list_price },
				],
			}),
			'quote',
		);
		expect(quote).toMatchObject({ status: 'draft', owner: rep1, quote_no: expect.stringMatching(/^QT\d{6}-\d{4,}$/) });
		expect(Number(quote.net_total)).toBeCloseTo(price * 2 + product.list_price, 2);
		const q = (action: string) => `quotes/${quote.id}/${action}`;
		const submitted = ok(await act('rep1', q('submit')), 'quote submit');
		expect(submitted).toMatchObject({ status: 'pending' });
		expect(Number(submitted.max_discount_rate)).toBe(10);
		expect(await logOf('quotes', quote.id)).toEqual([['draft', 'pending', rep1]]);

		refusedWith(await act('rep1', q('approve')), 403, 'self_review');
		refusedWith(await act('manager2', q('approve')), 404, 'not_found');
		refusedWith(await act('manager2', q('reject'), { comment: '不是我的团队' }), 404, 'not_found');
		refusedWith(await act('rep1', q('send')), 409, 'transition');
		expect(await admin.data(`/items/quotes/${quote.id}?fields=status,approver`)).toEqual({
			status: 'pending',
			approver: null,
		});
		expect(await logOf('quotes', quote.id)).toHaveLength(1);

		expect(ok(await act('manager1', q('approve'), { comment: '同意' }), 'quote approve')).toMatchObject({
			status: 'approved',
			approver: manager1,
			decided_at: expect.any(String),
			decision_comment: '同意',
		});
		refusedWith(await act('manager1', q('send')), 403, 'not_owner');
		expect(ok(await act('rep1', q('send')), 'quote send')).toMatchObject({
			status: 'sent',
			sent_at: expect.any(String),
			sent_late: false,
		});
		expect(ok(await act('rep1', q('accept')), 'quote accept')).toMatchObject({ status: 'accepted' });
		expect(await logOf('quotes', quote.id)).toEqual([
			['draft', 'pending', rep1],
			['pending', 'approved', manager1],
			['approved', 'sent', rep1],
			['sent', 'accepted', rep1],
		]);
		expect((await logRows(admin, 'quotes', quote.id))[1]!.comment).toBe('同意');
		ok(await act('rep1', `opportunities/${opp.id}/advance`, { stage: 'negotiation' }), 'advance');

		// 合同 from the accepted quote, with two payment terms that add up to its amount.
		const contract = ok(
			await as.rep1!.post('/items/contracts', {
				quote: quote.id,
				opportunity: opp.id,
				customer,
				amount: 120_000,
				payment_terms: [
					{ due_date: `${YEAR}-05-31`, amount: 36_000 },
					{ due_date: `${YEAR}-08-31`, amount: 84_000 },
				],
			}),
			'contract',
		);
		expect(contract).toMatchObject({
			status: 'draft',
			owner: rep1,
			contract_no: expect.stringMatching(/^CT\d{6}-\d{4,}$/),
		});
		const c = (action: string) => `contracts/${contract.id}/${action}`;
		refusedWith(await act('legal', c('approve')), 409, 'transition');
		expect(ok(await act('rep1', c('submit')), 'contract submit')).toMatchObject({ status: 'legal_review' });

		refusedWith(await act('rep1', c('approve')), 403, 'self_review');
		refusedWith(await act('finance', c('approve')), 403, 'not_approver');
		refusedWith(await act('manager2', c('approve')), 404, 'not_found');
		refusedWith(await act('manager2', c('reject'), { comment: '不是我的团队' }), 404, 'not_found');
		expect(await admin.data(`/items/contracts/${contract.id}?fields=status,legal_reviewer`)).toEqual({
			status: 'legal_review',
			legal_reviewer: null,
		});
		expect(ok(await act('legal', c('approve')), 'legal review')).toMatchObject({
			status: 'finance_review',
			legal_reviewer: legal,
			legal_reviewed_at: expect.any(String),
		});

		refusedWith(await act('legal', c('approve')), 403, 'not_approver');
		refusedWith(await act('manager2', c('approve')), 404, 'not_found');
		refusedWith(await act('rep1', c('sign')), 409, 'transition');
		expect(await admin.data(`/items/contracts/${contract.id}?fields=status,finance_reviewer`)).toEqual({
			status: 'finance_review',
			finance_reviewer: null,
		});
		// The credit check: nothing outstanding + 120 000 is within the customer's 1 000 000.
		expect(ok(await act('finance', c('approve')), 'finance review')).toMatchObject({
			status: 'approved',
			over_credit: false,
			finance_reviewer: finance,
			finance_reviewed_at: expect.any(String),
		});

		// 签订 by the owner: the order with the terms as its schedules, and the opportunity won.
		refusedWith(await act('finance', c('sign')), 403, 'not_owner');
		expect(await admin.data(`/items/sales_orders?filter[contract][_eq]=${contract.id}`)).toEqual([]);
		expect(ok(await act('rep1', c('sign')), 'sign')).toMatchObject({ status: 'signed', signed_at: expect.any(String) });
		const [order, ...more] = await admin.data(`/items/sales_orders?filter[contract][_eq]=${contract.id}`);
		expect(more).toEqual([]);
		expect(order).toMatchObject({ customer, owner: rep1, status: 'signed', signed_at: expect.any(String) });
		expect(order.order_no).toMatch(/^SO\d{6}-\d{4,}$/);
		expect([Number(order.amount), Number(order.paid_amount)]).toEqual([120_000, 0]);
		const schedules = async () =>
			(await admin.data(`/items/payment_schedules?filter[contract][_eq]=${contract.id}&sort=due_date&limit=-1`)).map(
				(s: any) => [s.order, s.due_date.slice(0, 10), Number(s.amount), Number(s.paid_amount), s.status],
			);
		expect(await schedules()).toEqual([
			[order.id, `${YEAR}-05-31`, 36_000, 0, 'open'],
			[order.id, `${YEAR}-08-31`, 84_000, 0, 'open'],
		]);
		expect(await admin.data(`/items/opportunities/${opp.id}`)).toMatchObject({
			stage: 'won',
			probability: 100,
			closed_at: expect.any(String),
			stage_changed_at: expect.any(String),
		});
		expect(await logOf('opportunities', opp.id)).toEqual([
			['lead', 'proposal', rep1],
			['proposal', 'negotiation', rep1],
			['negotiation', 'won', rep1],
		]);
		expect(await logOf('contracts', contract.id)).toEqual([
			['draft', 'legal_review', rep1],
			['legal_review', 'finance_review', legal],
			['finance_review', 'approved', finance],
			['approved', 'signed', rep1],
		]);
		refusedWith(await act('rep1', c('sign')), 409, 'transition');
		expect(await admin.data(`/items/sales_orders?filter[contract][_eq]=${contract.id}`)).toHaveLength(1);

		// 发货 and 验收: the order is delivered.
		const delivery = ok(
			await as.rep1!.post('/items/deliveries', { order: order.id, shipped_at: `${YEAR}-05-02` }),
			'delivery',
		);
		expect(delivery).toMatchObject({ status: 'shipped', accepted_at: null });
		expect(ok(await act('rep1', `deliveries/${delivery.id}/accept`), 'accept')).toMatchObject({
			status: 'accepted',
			accepted_at: expect.any(String),
		});
		expect(await admin.data(`/items/sales_orders/${order.id}?fields=status,paid_amount`)).toMatchObject({
			status: 'delivered',
		});
		expect(await logOf('deliveries', delivery.id)).toEqual([['shipped', 'accepted', rep1]]);
		expect(await logOf('sales_orders', order.id)).toEqual([['signed', 'delivered', rep1]]);

		// 回款: Finance only, never more than is open; a partial payment, then the rest.
		const pay = (who: string, body: object) => act(who, `orders/${order.id}/payments`, body);
		refusedWith(await pay('rep1', { amount: 1000 }), 403, 'not_finance');
		refusedWith(await pay('manager1', { amount: 1000 }), 403, 'not_finance');
		refusedWith(await pay('finance', { amount: 120_000.01 }), 409, 'overpayment');
		expect(await admin.data(`/items/payments?filter[order][_eq]=${order.id}`)).toEqual([]);

		const first = ok(await pay('finance', { amount: 50_000, method: 'bank_transfer' }), 'first payment');
		expect(first).toMatchObject({ recorded_by: finance, method: 'bank_transfer' });
		expect(Number(first.amount)).toBe(50_000);
		const stateOf = async () => {
			const o = await admin.data(`/items/sales_orders/${order.id}?fields=status,paid_amount`);
			return [o.status, Number(o.paid_amount)];
		};
		expect(await stateOf()).toEqual(['delivered', 50_000]);
		expect(await schedules()).toEqual([
			[order.id, `${YEAR}-05-31`, 36_000, 36_000, 'paid'],
			[order.id, `${YEAR}-08-31`, 84_000, 14_000, 'open'],
		]);

		refusedWith(await pay('finance', { amount: 70_000.01 }), 409, 'overpayment');
		refusedWith(await pay('rep1', { amount: 70_000 }), 403, 'not_finance');
		expect(await stateOf()).toEqual(['delivered', 50_000]);
		ok(await pay('finance', { amount: 70_000, method: 'acceptance_bill' }), 'the rest');
		expect(await stateOf()).toEqual(['paid', 120_000]);
		expect(await schedules()).toEqual([
			[order.id, `${YEAR}-05-31`, 36_000, 36_000, 'paid'],
			[order.id, `${YEAR}-08-31`, 84_000, 84_000, 'paid'],
		]);
		expect(await logOf('sales_orders', order.id)).toEqual([
			['signed', 'delivered', rep1],
			['delivered', 'paid', finance],
		]);
		const [early, late] = (
			await admin.data(`/items/payment_schedules?filter[contract][_eq]=${contract.id}&sort=due_date&fields=id`)
		).map((s: any) => s.id as number);
		expect(await logOf('payment_schedules', early!)).toEqual([['open', 'paid', finance]]);
		expect(await logOf('payment_schedules', late!)).toEqual([['open', 'paid', finance]]);
		refusedWith(await pay('finance', { amount: 0.01 }), 409, 'overpayment');
		expect(
			(await admin.data(`/items/payments?filter[order][_eq]=${order.id}&sort=id`)).map((p: any) => [
				Number(p.amount),
				p.recorded_by,
			]),
		).toEqual([
			[50_000, finance],
			[70_000, finance],
		]);
		// What the cycle went through stays as it was left.
		expect(await admin.data(`/items/quotes/${quote.id}?fields=status`)).toEqual({ status: 'accepted' });
		expect(await admin.data(`/items/contracts/${contract.id}?fields=status`)).toEqual({ status: 'signed' });
	});

	it('refuses hand edits of the fields the flows own through items, batch, GraphQL and import, writing nothing', async () => {
		const customer = await newCustomer(admin, users.rep1!, 1_000_000);
		const opp = await opportunity(customer, 'proposal');
		const contract = await approvedContract(customer, opp, []);
		ok(await act('rep1', `contracts/${contract}/sign`), 'sign');
		const [order] = await admin.data(`/items/sales_orders?filter[contract][_eq]=${contract}&fields=id`);
		const [schedule] = await admin.data(`/items/payment_schedules?filter[order][_eq]=${order.id}&fields=id`);
		const delivery = ok(
			await as.rep1!.post('/items/deliveries', { order: order.id, shipped_at: `${YEAR}-05-02` }),
			'delivery',
		).id as number;
		const open = await opportunity(customer);
		const when = `${YEAR}-06-01T02:00:00.000Z`;

		// Each flow-owned field, the value a hand edit would set, and who tries it: an Administrator may
		// write every field but these (the guard refuses them); an order's own fields stay an
		// Administrator's to correct, so its owner tries those.
		const edits: [string, number, string, unknown, string][] = [
			['opportunities', open, 'stage', 'won', 'admin'],
			['opportunities', open, 'closed_at', when, 'admin'],
			['opportunities', open, 'stage_changed_at', when, 'admin'],
			['opportunities', open, 'lost_reason', 'price', 'admin'],
			['opportunities', opp, 'stage', 'lost', 'admin'],
			['deliveries', delivery, 'status', 'accepted', 'admin'],
			['deliveries', delivery, 'accepted_at', when, 'admin'],
			['deliveries', delivery, 'status', 'accepted', 'rep1'],
			['sales_orders', order.id, 'status', 'paid', 'rep1'],
			['sales_orders', order.id, 'paid_amount', 120_000, 'rep1'],
			['payment_schedules', schedule.id, 'paid_amount', 120_000, 'admin'],
			['payment_schedules', schedule.id, 'status', 'paid', 'admin'],
		];
		const rowsOf = async () => ({
			...Object.fromEntries(
				await Promise.all(
					[
						['opportunities', [open, opp]],
						['deliveries', [delivery]],
						['sales_orders', [order.id]],
						['payment_schedules', [schedule.id]],
					].map(async ([table, ids]) => [table, await selectByIds(target, table as string, ids as number[])]),
				),
			),
			payments: await selectRows(target, 'payments', { order: order.id }),
		});
		const logs = async () =>
			Promise.all(
				[
					['opportunities', open],
					['opportunities', opp],
					['deliveries', delivery],
					['sales_orders', order.id],
					['payment_schedules', schedule.id],
				].map(([collection, id]) => selectRows(target, 'approval_log', { collection, item: id })),
			);
		const before = { rows: await rowsOf(), logs: await logs() };
		expect(before.rows.opportunities.map((o: any) => o.stage).sort()).toEqual(['lead', 'won']);
		expect(before.rows.deliveries[0].status).toBe('shipped');
		expect(before.rows.sales_orders[0].status).toBe('signed');
		expect(before.rows.payment_schedules[0].status).toBe('open');

		for (const [collection, id, field, value, who] of edits) {
			const client = who === 'admin' ? admin : as[who]!;
			const what = `${who} setting ${collection}.${field}`;
			const data = { [field]: value };
			for (const res of [
				await client.patch(`/items/${collection}/${id}`, data),
				await client.patch(`/items/${collection}`, [{ id, ...data }]),
				await client.patch(`/items/${collection}`, { keys: [id], data }),
				await importRows(client, collection, [{ id, ...data }]),
			]) {
				expect(res.status, what).toBeGreaterThanOrEqual(400);
				expect(res.status, what).toBeLessThan(500);
				refusedWith(res, 403, 'hand_edit');
			}
			for (const mutation of [
				`update_${collection}_item(id: ${id}, data: { ${field}: ${JSON.stringify(value)} }) { id }`,
				`update_${collection}_items(ids: [${id}], data: { ${field}: ${JSON.stringify(value)} }) { id }`,
			]) {
				const res = await client.graphql(`mutation { ${mutation} }`);
				// An Administrator's schema has every field: the guard refuses. Another role's has not this one.
				if (who === 'admin') graphqlRefusedWith(res, 'hand_edit');
				else
					expect(res.body.errors?.[0]?.extensions?.errors?.[0]?.message, JSON.stringify(res.body)).toContain(
						`Field "${field}" is not defined`,
					);
			}
		}
		// A hand edit beside an allowed one is refused whole: the allowed one is not written either.
		refusedWith(
			await admin.patch(`/items/opportunities/${open}`, { name: '改名', stage: 'negotiation' }),
			403,
			'hand_edit',
		);
		refusedWith(
			await as.rep1!.patch(`/items/sales_orders/${order.id}`, { warranty_until: `${YEAR}-12-31`, paid_amount: 1 }),
			403,
			'hand_edit',
		);
		refusedWith(
			await admin.patch('/items/opportunities', [
				{ id: open, name: '改名' },
				{ id: opp, stage: 'lost' },
			]),
			403,
			'hand_edit',
		);
		expect({ rows: await rowsOf(), logs: await logs() }).toEqual(before);
	});

	it('leaves nothing half-written when signing fails after the order is made, and signs once the fault is gone', async () => {
		const pg = target.env.DB_CLIENT === 'pg';
		// Signing makes the order, moves the terms to it, then wins the opportunity: each step made to fail in turn.
		for (const table of ['payment_schedules', 'opportunities'] as const) {
			const customer = await newCustomer(admin, users.rep1!, 1_000_000);
			const opp = await opportunity(customer, 'negotiation');
			const contract = await approvedContract(customer, opp, [
				{ due_date: `${YEAR}-05-31`, amount: 20_000 },
				{ due_date: `${YEAR}-07-31`, amount: 100_000 },
			]);
			const when = table === 'opportunities' ? `id = ${opp}` : `contract = ${contract}`;
			const state = async () => ({
				contract: await selectByIds(target, 'contracts', [contract]),
				opportunity: await selectByIds(target, 'opportunities', [opp]),
				orders: await selectRows(target, 'sales_orders', { contract }),
				schedules: await selectRows(target, 'payment_schedules', { contract }),
				logs: [
					await selectRows(target, 'approval_log', { collection: 'contracts', item: contract }),
					await selectRows(target, 'approval_log', { collection: 'opportunities', item: opp }),
				],
			});
			const before = await state();
			expect(before.contract[0]!.status).toBe('approved');
			expect(before.orders).toEqual([]);
			expect(before.schedules.map((s) => [s.order, s.status])).toEqual([
				[null, 'open'],
				[null, 'open'],
			]);

			if (pg) {
				await execute(
					target,
					"CREATE OR REPLACE FUNCTION test_refuse_signing() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$",
				);
				await execute(
					target,
					`CREATE TRIGGER test_refuse_signing BEFORE UPDATE ON ${table} FOR EACH ROW WHEN (OLD.${when}) EXECUTE FUNCTION test_refuse_signing()`,
				);
			} else
				await execute(
					target,
					`CREATE TRIGGER test_refuse_signing BEFORE UPDATE ON ${table} WHEN OLD.${when} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
				);
			let res;
			try {
				res = await act('rep1', `contracts/${contract}/sign`);
			} finally {
				await execute(target, pg ? `DROP TRIGGER test_refuse_signing ON ${table}` : 'DROP TRIGGER test_refuse_signing');
			}
			expect(res.status, `${table}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400);
			expect(await state(), table).toEqual(before);

			// With the fault gone, signing goes through once.
			ok(await act('rep1', `contracts/${contract}/sign`), 'sign');
			const after = await state();
			expect(after.contract[0]!.status).toBe('signed');
			expect(after.orders).toHaveLength(1);
			expect(after.schedules.map((s) => [s.order, s.status])).toEqual([
				[after.orders[0]!.id, 'open'],
				[after.orders[0]!.id, 'open'],
			]);
			expect(after.opportunity[0]!.stage).toBe('won');
		}
	});
});
