import { describe, expect, it } from 'vitest';
import type { Caller } from '../../extensions/sales-visits/src/domain/approval.ts';
import { explain, type FlowRefusal } from '../../extensions/sales-visits/src/domain/refusals.ts';
import { zonedDate } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import {
	aging,
	agingBucket,
	allocatePayment,
	daysPastDue,
	defaultSchedule,
	isOverdue,
	openAmount,
	orderStatus,
	outstanding,
	paymentDetails,
	paymentOfferProblem,
	recordPayment,
	signedOrderEditProblem,
	type Allocation,
	type Order,
	type Schedule,
} from '../../extensions/sales-visits/src/domain/receivables.ts';

const schedule = (
	id: number,
	due_date: string,
	amount: number,
	paid_amount = 0,
	status: Schedule['status'] = 'open',
) => ({
	id,
	due_date,
	amount,
	paid_amount,
	status,
});
const order = (o: Partial<Order> = {}): Order => ({
	amount: 1_000_000,
	paid_amount: 0,
	status: 'signed',
	delivered: false,
	...o,
});
// 30 % on signing, 60 % on delivery, 10 % retention (质保金).
const terms: Schedule[] = [
	schedule(12, '2027-03-01', 100_000),
	schedule(10, '2026-11-01', 300_000),
	schedule(11, '2026-12-15', 600_000),
];
const allocated = (r: Allocation | FlowRefusal): Allocation => {
	if ('code' in r) throw new Error(r.code);
	return r;
};

describe('open amounts', () => {
	it('are what is left to pay, nothing once paid', () => {
		expect(openAmount(schedule(1, '2026-12-01', 500, 200))).toBe(300);
		expect(openAmount(schedule(1, '2026-12-01', 500, 200, 'paid'))).toBe(0);
		expect(openAmount(schedule(1, '2026-12-01', 500, 600))).toBe(0);
		expect(outstanding([...terms, schedule(13, '2026-10-01', 500, 100, 'overdue')])).toBe(1_000_400);
		expect(outstanding([])).toBe(0);
	});
});

describe('allocating a payment', () => {
	it('pays the oldest schedule first and leaves a partly paid one open', () => {
		const r = allocated(allocatePayment(order(), terms, 350_000));
		expect(r.schedules).toEqual([
			{ id: 10, paid_amount: 300_000, status: 'paid' },
			{ id: 11, paid_amount: 50_000, status: 'open' },
		]);
		expect(r.unallocated).toBe(0);
		expect(r.order).toEqual({ paid_amount: 350_000, status: 'signed' });
	});

	it('continues where earlier payments stopped, across schedules partly paid', () => {
		const partly = [
			schedule(10, '2026-11-01', 300_000, 300_000, 'paid'),
			schedule(11, '2026-12-15', 600_000, 50_000),
			schedule(12, '2027-03-01', 100_000, 0),
		];
		const r = allocated(allocatePayment(order({ paid_amount: 350_000, delivered: true }), partly, 600_000));
		expect(r.schedules).toEqual([
			{ id: 11, paid_amount: 600_000, status: 'paid' },
			{ id: 12, paid_amount: 50_000, status: 'open' },
		]);
		expect(r.order).toEqual({ paid_amount: 950_000, status: 'delivered' });
	});

	it('keeps an overdue schedule overdue until it is paid in full', () => {
		const late = [schedule(10, '2026-11-01', 300_000, 0, 'overdue'), schedule(11, '2026-12-15', 700_000)];
		expect(allocated(allocatePayment(order(), late, 299_999)).schedules).toEqual([
			{ id: 10, paid_amount: 299_999, status: 'overdue' },
		]);
		expect(allocated(allocatePayment(order(), late, 300_000)).schedules).toEqual([
			{ id: 10, paid_amount: 300_000, status: 'paid' },
		]);
	});

	it('orders schedules due the same day by id', () => {
		const sameDay = [schedule(9, '2026-12-01', 100), schedule(3, '2026-12-01', 100)];
		const r = allocated(allocatePayment(order({ amount: 200 }), sameDay, 150));
		expect(r.schedules.map((s) => [s.id, s.paid_amount])).toEqual([
			[3, 100],
			[9, 50],
		]);
	});

	it('marks the order paid when payments cover its amount, delivered or not', () => {
		expect(allocated(allocatePayment(order(), terms, 1_000_000)).order).toEqual({
			paid_amount: 1_000_000,
			status: 'paid',
		});
		const r = allocated(allocatePayment(order({ paid_amount: 999_999, delivered: true }), terms, 1));
		expect(r.order.status).toBe('paid');
	});

	it('accepts exactly the open amount and refuses one cent more', () => {
		const o = order({ paid_amount: 400_000 });
		expect(allocated(allocatePayment(o, terms, 600_000)).order.paid_amount).toBe(1_000_000);
		const over = allocatePayment(o, terms, 600_001) as FlowRefusal;
		expect(over).toMatchObject({ status: 409, code: 'overpayment', params: { amount: '6000.01', open: '6000.00' } });
		expect(explain(over, 'en-US')).toBe('The payment of 6000.01 CNY is more than the 6000.00 CNY open on the order');
		expect(allocatePayment(order({ paid_amount: 1_000_000, status: 'paid' }), terms, 1)).toMatchObject({
			code: 'overpayment',
		});
	});

	it('refuses amounts that are not above zero, and cancelled orders', () => {
		for (const bad of [0, -100, null, 1.5])
			expect(allocatePayment(order(), terms, bad)).toMatchObject({ code: 'payment_amount' });
		expect(allocatePayment(order({ status: 'cancelled' }), terms, 100)).toMatchObject({
			status: 409,
			code: 'order_cancelled',
		});
	});

	it('leaves unallocated what the schedules do not take', () => {
		const r = allocated(allocatePayment(order(), [schedule(1, '2026-12-01', 400_000)], 500_000));
		expect(r.schedules).toEqual([{ id: 1, paid_amount: 400_000, status: 'paid' }]);
		expect(r.unallocated).toBe(100_000);
		expect(allocated(allocatePayment(order(), [], 1)).unallocated).toBe(1);
	});
});

describe('recording a payment', () => {
	const finance: Caller = { id: 'f', name: '陈静', position: 'finance', reports_to: 'gm', admin: false };
	const rep: Caller = { id: 'r1', name: '刘洋', position: 'rep', reports_to: 'm1', admin: false };

	it('is for Finance, the integrator (an ERP) or an Administrator only', () => {
		expect(recordPayment(rep, order(), terms, '100.00')).toMatchObject({ status: 403, code: 'not_finance' });
		expect(recordPayment({ ...rep, role: 'sales_rep' }, order(), terms, 1)).toMatchObject({ code: 'not_finance' });
		expect(allocated(recordPayment(finance, order(), terms, '100.00')).order.paid_amount).toBe(10_000);
		expect(allocated(recordPayment({ ...rep, admin: true }, order(), terms, 1)).order.paid_amount).toBe(100);
		const erp: Caller = { id: 'i', name: 'ERP', position: null, reports_to: null, admin: false, role: 'integrator' };
		expect(allocated(recordPayment(erp, order(), terms, 1)).order.paid_amount).toBe(100);
	});

	it('takes the amount to the cent as the body gives it, and nothing finer', () => {
		expect(allocated(recordPayment(finance, order(), terms, 0.1)).order.paid_amount).toBe(10);
		expect(recordPayment(finance, order(), terms, '0.005')).toMatchObject({ code: 'payment_amount' });
		expect(recordPayment(finance, order(), terms, '10000.01')).toMatchObject({ code: 'overpayment' });
		expect(recordPayment(finance, order(), terms, 'lots')).toMatchObject({ code: 'payment_amount' });
	});
});

describe('the payment action', () => {
	const finance: Caller = { id: 'f', name: '陈静', position: 'finance', reports_to: 'gm', admin: false };
	const rep: Caller = { id: 'r1', name: '刘洋', position: 'rep', reports_to: 'm1', admin: false };

	it('is offered to Finance while money is open on an order that is not cancelled', () => {
		expect(paymentOfferProblem(finance, order({ paid_amount: 999_999 }))).toBeNull();
		expect(paymentOfferProblem(rep, order())).toMatchObject({ status: 403, code: 'not_finance' });
		expect(paymentOfferProblem(finance, order({ paid_amount: 1_000_000, status: 'paid' }))).toMatchObject({
			status: 409,
			code: 'order_paid_up',
		});
		expect(paymentOfferProblem(finance, order({ status: 'cancelled' }))).toMatchObject({ code: 'order_cancelled' });
	});
});

describe('a payment’s details', () => {
	// 2026-12-02 01:00 in Shanghai is still 12-01 in UTC.
	const now = new Date('2026-12-01T17:00:00Z');
	const zone = 'Asia/Shanghai';

	it('default to now and no method', () => {
		expect(paymentDetails({}, now, zone)).toEqual({ received_at: now.toISOString(), method: null });
	});

	it('read a date as the start of that day in the company’s zone, and take a time with its offset', () => {
		expect(paymentDetails({ received_at: '2026-11-30', method: 'cheque' }, now, zone)).toEqual({
			received_at: '2026-11-29T16:00:00.000Z',
			method: 'cheque',
		});
		expect(paymentDetails({ received_at: '2026-12-02T00:30:00+08:00' }, now, zone)).toMatchObject({
			received_at: '2026-12-01T16:30:00.000Z',
		});
	});

	it('refuse a day after the company’s today, a time without its offset and an unknown method', () => {
		// The company's today is 12-02 already: that day is fine, the next one is not.
		expect(paymentDetails({ received_at: '2026-12-02' }, now, zone)).not.toHaveProperty('code');
		expect(paymentDetails({ received_at: '2026-12-03' }, now, zone)).toMatchObject({
			status: 422,
			code: 'payment_received_at',
		});
		expect(paymentDetails({ received_at: '2026-12-01T10:00:00' }, now, zone)).toMatchObject({
			code: 'payment_received_at',
		});
		expect(paymentDetails({ received_at: 20261201 }, now, zone)).toMatchObject({ code: 'payment_received_at' });
		const barter = paymentDetails({ method: 'barter' }, now, zone) as FlowRefusal;
		expect(barter).toMatchObject({ status: 422, code: 'payment_method' });
		expect(explain(barter, 'en-US')).toContain('bank_transfer');
	});
});

describe('an order signed from a contract', () => {
	it('keeps the contract’s customer, amount and date; its other fields stay editable', () => {
		for (const field of ['customer', 'amount', 'signed_at'])
			expect(signedOrderEditProblem([field, 'warranty_until'], true)).toMatchObject({
				status: 409,
				code: 'order_from_contract',
			});
		expect(signedOrderEditProblem(['warranty_until', 'order_no'], true)).toBeNull();
		expect(signedOrderEditProblem(['amount'], false)).toBeNull();
	});
});

describe('a contract signed without payment terms', () => {
	it('is due in full the customer’s credit days after signing', () => {
		expect(defaultSchedule(500_000, '2026-12-20', 45)).toEqual({ due_date: '2027-02-03', amount: 500_000 });
	});

	it('is due on signing without credit days, and a century at most after it', () => {
		expect(defaultSchedule(1, '2026-12-20', null).due_date).toBe('2026-12-20');
		expect(defaultSchedule(1, '2026-12-20', -5).due_date).toBe('2026-12-20');
		expect(defaultSchedule(1, '2026-12-20', 2_147_483_647).due_date).toBe('2126-12-21');
	});
});

describe('order status', () => {
	it('follows acceptance and payments, and a cancelled order stays cancelled', () => {
		expect(orderStatus(order())).toBe('signed');
		expect(orderStatus(order({ delivered: true }))).toBe('delivered');
		expect(orderStatus(order({ paid_amount: 1_000_000 }))).toBe('paid');
		expect(orderStatus(order({ paid_amount: 999_999, delivered: true }))).toBe('delivered');
		expect(orderStatus(order({ status: 'cancelled', paid_amount: 1_000_000 }))).toBe('cancelled');
	});
});

describe('overdue schedules', () => {
	it('are open ones with money owed, from the day after the due date', () => {
		const s = schedule(1, '2026-12-01', 500, 100);
		expect(isOverdue(s, '2026-12-01')).toBe(false);
		expect(isOverdue(s, '2026-12-02')).toBe(true);
		expect(isOverdue({ ...s, due_date: '2026-12-01T00:00:00' }, '2026-12-02')).toBe(true);
	});

	it('count by the company’s date: Shanghai’s midnight, not UTC’s', () => {
		const s = schedule(1, '2026-12-01', 500);
		expect(isOverdue(s, zonedDate(new Date('2026-12-01T15:59:59Z'), 'Asia/Shanghai'))).toBe(false);
		expect(isOverdue(s, zonedDate(new Date('2026-12-01T16:00:00Z'), 'Asia/Shanghai'))).toBe(true);
	});

	it('are marked once: not again when overdue, never when paid', () => {
		expect(isOverdue(schedule(1, '2026-11-01', 500, 0, 'overdue'), '2026-12-02')).toBe(false);
		expect(isOverdue(schedule(1, '2026-11-01', 500, 500, 'paid'), '2026-12-02')).toBe(false);
		expect(isOverdue(schedule(1, '2026-11-01', 500, 500, 'open'), '2026-12-02')).toBe(false);
	});
});

describe('receivables aging', () => {
	const today = '2026-12-02';

	it('puts days past due in 0–30, 31–60, 61–90 and over 90, at the bucket edges', () => {
		expect(daysPastDue('2026-12-02', today)).toBe(0);
		expect(agingBucket('2026-12-02', today)).toBeNull();
		expect(agingBucket('2026-12-03', today)).toBeNull();
		expect(agingBucket('2026-12-01', today)).toBe('d0_30');
		expect(agingBucket('2026-11-02', today)).toBe('d0_30'); // 30 days
		expect(agingBucket('2026-11-01', today)).toBe('d31_60'); // 31
		expect(agingBucket('2026-10-03', today)).toBe('d31_60'); // 60
		expect(agingBucket('2026-10-02', today)).toBe('d61_90'); // 61
		expect(agingBucket('2026-09-03', today)).toBe('d61_90'); // 90
		expect(agingBucket('2026-09-02', today)).toBe('over_90'); // 91
		expect(agingBucket('2024-01-01', today)).toBe('over_90');
	});

	it('counts across a DST change in whole days', () => {
		expect(daysPastDue('2026-03-01', '2026-04-01')).toBe(31);
	});

	it('sums the open amounts past due per bucket', () => {
		expect(
			aging(
				[
					schedule(1, '2026-11-20', 1000, 400, 'overdue'),
					schedule(2, '2026-10-20', 2000, 0, 'overdue'),
					schedule(3, '2026-08-01', 3000, 0, 'overdue'),
					schedule(4, '2026-08-01', 3000, 3000, 'paid'),
					schedule(5, '2026-12-31', 5000),
				],
				today,
			),
		).toEqual({ d0_30: 600, d31_60: 2000, d61_90: 0, over_90: 3000 });
	});
});
