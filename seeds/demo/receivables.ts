/**
 * The sales cycle's second half: each order's payment schedule (30 % on signing, 60 % a month
 * later, 10 % retention 质保金 after a year), the deliveries and their acceptance (验收), and the
 * payments Finance recorded, replayed in time order through the server's own rules
 * (domain/receivables.ts allocatePayment, isOverdue), with the approval_log rows the flows and
 * the sweep would have written. A few older orders, still partly unpaid, give the receivables an
 * age in every bucket (0–30, 31–60, 61–90, over 90 days). An order made by signing a contract
 * has the contract's terms as its schedules (they keep their `contract`); draft and reviewed
 * contracts carry their payment terms.
 */
import { allocatePayment, isOverdue, type Schedule } from '../../extensions/sales-visits/src/domain/receivables.ts';
import { finance } from './people.ts';
import {
	addDays,
	at,
	chinaDate,
	nextOfficeMoment,
	workdayOnOrBefore,
	workdaysAfter,
	workdaysBefore,
	type Clock,
} from './time.ts';
import type {
	ApprovalLogEntry,
	Contract,
	Customer,
	Delivery,
	OrderStatus,
	Payment,
	PaymentSchedule,
	SalesOrder,
} from './types.ts';

type Log = Omit<ApprovalLogEntry, 'id'>;

/** 30 % on signing, 60 % a month on, 10 % retention a year on: shares and days after signing. */
const TERMS: [share: number, days: number][] = [
	[30, 0],
	[60, 30],
	[10, 365],
];

/** Days since signing of the older orders whose second instalment is overdue by 20, 50, 80 and 140 days. */
const OLDER = [50, 80, 110, 170];

const cents = (amount: number | string) => Math.round(Number(amount) * 100);
const yuan = (c: number) => c / 100;

/** `total` cents split by whole-number percentages, the last share taking the rounding. */
function split(total: number, shares: number[]): number[] {
	const parts = shares.map((s) => Math.floor((total * s) / 100));
	parts[parts.length - 1]! += total - parts.reduce((a, b) => a + b, 0);
	return parts;
}

/** What whole instalments of the terms (30, 30 + 60 or all 100 %) come to, in cents, for an order of `amount` yuan. */
export function paidCents(amount: number, percent: 0 | 30 | 90 | 100): number {
	const parts = split(
		cents(amount),
		TERMS.map(([share]) => share),
	);
	const taken = { 0: 0, 30: 1, 90: 2, 100: 3 }[percent];
	return parts.slice(0, taken).reduce((a, b) => a + b, 0);
}

/**
 * The payments Finance recorded to make an order's paid amount: the first instalment two
 * workdays after signing, the rest ten workdays later (never after the last workday before today).
 */
function paymentsOf(clock: Clock, order: SalesOrder): { at: string; cents: number }[] {
	const lastDay = workdaysBefore(clock.today, 1);
	const until = (date: string) => (date < lastDay ? date : lastDay);
	const first = Math.min(
		cents(order.paid_amount),
		split(
			cents(order.amount),
			TERMS.map(([share]) => share),
		)[0]!,
	);
	return [first, cents(order.paid_amount) - first]
		.filter((c) => c > 0)
		.map((c, p) => ({ at: at(until(workdaysAfter(order.signed_at, p === 0 ? 2 : 12)), 10, 30 + p), cents: c }));
}

/**
 * 客户应收 at `instant` (what the finance review's credit check reads): the open amounts of the
 * customer's orders signed by that day and not cancelled, less the payments received before it, in cents.
 */
export function outstandingAt(clock: Clock, orders: SalesOrder[], customer: number, instant: string): number {
	return orders
		.filter((o) => o.customer === customer && o.status !== 'cancelled' && o.signed_at <= chinaDate(instant))
		.reduce(
			(sum, o) =>
				sum +
				cents(o.amount) -
				paymentsOf(clock, o)
					.filter((p) => p.at < instant)
					.reduce((n, p) => n + p.cents, 0),
			0,
		);
}

/**
 * Older orders for the aging, on customers of different reps, each delivered and paid its first
 * 30 %. Like the recent ones of commerce.ts, they were made before the sales cycle (no contract).
 */
export function olderOrders(clock: Clock, customers: Customer[], orders: SalesOrder[]): SalesOrder[] {
	const buyers = customers.filter((c) => c.relationship === 'existing' && c.status === 'active' && c.owner);
	const owners = [...new Set(buyers.map((c) => c.owner))];
	const seqs = new Map<string, number>();
	for (const o of orders) {
		const [month, seq] = o.order_no.slice(2).split('-') as [string, string];
		seqs.set(month, Math.max(seqs.get(month) ?? 0, Number(seq)));
	}
	return OLDER.map((days, n) => {
		const customer = buyers.find((c) => c.owner === owners[n % owners.length])!;
		const signed = workdayOnOrBefore(addDays(clock.today, -days));
		const month = signed.slice(0, 7).replace('-', '');
		const seq = (seqs.get(month) ?? 0) + 1;
		seqs.set(month, seq);
		const amount = 120_000 + 35_000 * n;
		return {
			id: orders.length + n + 1,
			order_no: `SO${month}-${String(seq).padStart(4, '0')}`,
			customer: customer.id,
			owner: customer.owner,
			contract: null,
			signed_at: signed,
			amount,
			paid_amount: Math.round(amount * 0.3),
			status: 'delivered' as OrderStatus,
		};
	});
}

type Event =
	| { at: string; kind: 'accept' }
	| { at: string; kind: 'pay'; cents: number }
	| { at: string; kind: 'overdue'; schedule: number };

/** `orders`: every order, those made by signing a contract included, in id order. */
export function makeReceivables(clock: Clock, orders: SalesOrder[], contracts: Contract[]) {
	const schedules: PaymentSchedule[] = [];
	const payments: Payment[] = [];
	const deliveries: Delivery[] = [];
	const log: Log[] = [];
	// The last workday before today: what the demo's history reaches up to.
	const lastDay = workdaysBefore(clock.today, 1);
	const until = (date: string) => (date < lastDay ? date : lastDay);

	for (const [k, order] of orders.entries()) {
		if (order.status === 'cancelled') continue;
		const total = cents(order.amount);
		const mine: (Schedule & { row: PaymentSchedule })[] = split(
			total,
			TERMS.map(([share]) => share),
		).map((amount, t) => {
			// A contract's terms, drafted with it, reach its order by signing and keep their contract.
			const row: PaymentSchedule = {
				id: schedules.length + t + 1,
				order: order.id,
				contract: order.contract,
				due_date: addDays(order.signed_at, TERMS[t]![1]),
				amount: yuan(amount),
				paid_amount: 0,
				status: 'open',
			};
			return { id: row.id, due_date: row.due_date, amount, paid_amount: 0, status: 'open', row };
		});
		schedules.push(...mine.map((s) => s.row));

		// Delivered (or paid) orders were accepted three workdays after signing; one was first rejected.
		const delivered = order.status !== 'signed';
		const shipped = until(workdaysAfter(order.signed_at, 1));
		const acceptedAt = at(until(workdaysAfter(order.signed_at, 3)), 16);
		if (delivered && k === 0) {
			const id = deliveries.length + 1;
			const rejectedAt = at(shipped, 15);
			deliveries.push({
				id,
				order: order.id,
				shipped_at: order.signed_at,
				accepted_at: null,
				status: 'rejected',
				notes: '到货型号与合同不符，客户拒收，已安排换货',
			});
			log.push(entry('deliveries', id, 'shipped', 'rejected', order.owner, rejectedAt, '型号不符'));
		}
		if (delivered || k % 2 === 0) {
			const id = deliveries.length + 1;
			deliveries.push({
				id,
				order: order.id,
				shipped_at: shipped,
				accepted_at: delivered ? acceptedAt : null,
				status: delivered ? 'accepted' : 'shipped',
				notes: delivered ? '设备已安装调试，客户签收验收单' : null,
			});
			if (delivered) log.push(entry('deliveries', id, 'shipped', 'accepted', order.owner, acceptedAt, null));
		}

		// The payments that make the order's paid amount: the first instalment, then the rest.
		const paid = paymentsOf(clock, order);
		const events: Event[] = [
			...(delivered ? [{ at: acceptedAt, kind: 'accept' as const }] : []),
			...paid.map((p) => ({ at: p.at, kind: 'pay' as const, cents: p.cents })),
			// The sweep's, on the first office moment of the day after the due date.
			...mine.map((s, i) => ({
				at: nextOfficeMoment(at(addDays(s.due_date, 1), 0, 1)),
				kind: 'overdue' as const,
				schedule: i,
			})),
		]
			.filter((e) => e.at <= clock.now)
			.sort((a, b) => a.at.localeCompare(b.at));

		let state = { amount: total, paid_amount: 0, status: 'signed' as OrderStatus, delivered: false };
		const move = (to: OrderStatus, when: string, actor: string) => {
			if (state.status !== to) log.push(entry('sales_orders', order.id, state.status, to, actor, when, null));
			state = { ...state, status: to };
		};
		for (const e of events) {
			if (e.kind === 'accept') {
				state.delivered = true;
				if (state.status === 'signed') move('delivered', e.at, order.owner);
			} else if (e.kind === 'overdue') {
				const s = mine[e.schedule]!;
				if (!isOverdue(s, chinaDate(e.at))) continue;
				s.status = 'overdue';
				log.push(entry('payment_schedules', s.id, 'open', 'overdue', null, e.at, null));
			} else {
				const result = allocatePayment(state, mine, e.cents);
				if ('code' in result) throw new Error(`demo payment of order ${order.id}: ${result.code}`);
				payments.push({
					id: payments.length + 1,
					order: order.id,
					amount: yuan(e.cents),
					received_at: e.at,
					method: e.cents === paid[0]!.cents ? 'bank_transfer' : 'acceptance_bill',
					recorded_by: finance.id,
				});
				for (const r of result.schedules) {
					const s = mine.find((x) => x.id === r.id)!;
					if (r.status !== s.status)
						log.push(entry('payment_schedules', s.id, s.status, r.status, finance.id, e.at, null));
					Object.assign(s, { paid_amount: r.paid_amount, status: r.status });
				}
				state.paid_amount = result.order.paid_amount;
				move(result.order.status, e.at, finance.id);
			}
		}
		for (const s of mine) Object.assign(s.row, { paid_amount: yuan(s.paid_amount), status: s.status });
		if (state.status !== order.status || state.paid_amount !== cents(order.paid_amount))
			throw new Error(`demo order ${order.id} replays to ${state.status}, not ${order.status}`);
	}

	// Terms drafted with the contracts not yet signed: 30 % in a month, the rest in a quarter.
	for (const contract of contracts.filter((c) => c.status !== 'rejected' && c.signed_at === null)) {
		split(cents(contract.amount), [30, 70]).forEach((amount, t) =>
			schedules.push({
				id: schedules.length + 1,
				order: null,
				contract: contract.id,
				due_date: addDays(clock.today, t === 0 ? 30 : 90),
				amount: yuan(amount),
				paid_amount: 0,
				status: 'open',
			}),
		);
	}
	return { orders, schedules, payments, deliveries, log };
}

const entry = (
	collection: 'sales_orders' | 'deliveries' | 'payment_schedules',
	item: number,
	from: string,
	to: string,
	actor: string | null,
	when: string,
	comment: string | null,
): Log => ({ collection, item: String(item), from_status: from, to_status: to, actor, at: when, comment });
