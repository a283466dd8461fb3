/**
 * Receivables (应收账款): payment schedules (回款计划), how a payment is allocated to them, when
 * they are overdue and how old they are, and the order status they lead to. Amounts in cents
 * (money.ts); dates are the company's `YYYY-MM-DD`.
 */
import type { Caller } from './approval.ts';
import {
	paymentMethods,
	values,
	type agingBuckets,
	type orderStatuses,
	type paymentScheduleStatuses,
} from './choices.ts';
import { isIsoDate, isIsoDateTime } from './input.ts';
import { fromCents, sum, toExactCents, type Cents } from './money.ts';
import { refusal, type FlowRefusal } from './refusals.ts';
import { addDays, endOfDay, zonedDate, zonedInstant } from './zoned-time.ts';

export type ScheduleStatus = keyof typeof paymentScheduleStatuses;
export type OrderStatus = keyof typeof orderStatuses;
export type AgingBucket = keyof typeof agingBuckets;

export interface Schedule {
	id: number;
	due_date: string;
	amount: Cents;
	paid_amount: Cents;
	status: ScheduleStatus;
}

/** What is still to be paid on a schedule: nothing once paid, never below zero. */
export const openAmount = (s: Schedule): Cents => (s.status === 'paid' ? 0 : Math.max(0, s.amount - s.paid_amount));

/** 客户应收: the open amounts of a customer's schedules (the credit check's outstanding receivables). */
export const outstanding = (schedules: readonly Schedule[]): Cents => sum(schedules.map(openAmount));

/** Oldest first: by due date, then by id so that two schedules due the same day keep one order. */
const oldestFirst = (a: Schedule, b: Schedule) =>
	a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : a.id - b.id;

export interface Order {
	amount: Cents;
	paid_amount: Cents;
	status: OrderStatus;
	/** Whether one of its deliveries is accepted (验收). */
	delivered: boolean;
}

/**
 * An order is `paid` once payments cover its amount, delivered or not; else `delivered` once a
 * delivery is accepted; else `signed`. A cancelled order stays cancelled.
 */
export function orderStatus(order: Order): OrderStatus {
	if (order.status === 'cancelled') return 'cancelled';
	if (order.paid_amount >= order.amount) return 'paid';
	return order.delivered ? 'delivered' : 'signed';
}

export interface Allocation {
	/** The schedules the payment reaches, with their new paid amount and status. */
	schedules: { id: number; paid_amount: Cents; status: ScheduleStatus }[];
	/** What no schedule takes (schedules that add up to less than the order). */
	unallocated: Cents;
	order: { paid_amount: Cents; status: OrderStatus };
}

/**
 * 回款核销: a payment goes to the oldest open schedules first (by due date, then id), each
 * taking at most its open amount; a schedule fully paid becomes `paid`, a partly paid one keeps
 * its status (an overdue one stays overdue until paid). More than the order's open amount
 * (amount − paid) is refused, as is a payment to a cancelled order.
 */
export function allocatePayment(
	order: Order,
	schedules: readonly Schedule[],
	amount: Cents | null,
): Allocation | FlowRefusal {
	if (order.status === 'cancelled') return refusal(409, 'order_cancelled');
	if (amount === null || !Number.isSafeInteger(amount) || amount <= 0) return refusal(422, 'payment_amount');
	const open = Math.max(0, order.amount - order.paid_amount);
	if (amount > open) return refusal(409, 'overpayment', { amount: fromCents(amount), open: fromCents(open) });
	let left = amount;
	const reached: Allocation['schedules'] = [];
	for (const s of [...schedules].filter((s) => openAmount(s) > 0).sort(oldestFirst)) {
		if (left === 0) break;
		const part = Math.min(left, openAmount(s));
		left -= part;
		const paid = s.paid_amount + part;
		reached.push({ id: s.id, paid_amount: paid, status: paid >= s.amount ? 'paid' : s.status });
	}
	const paid = order.paid_amount + amount;
	return {
		schedules: reached,
		unallocated: left,
		order: { paid_amount: paid, status: orderStatus({ ...order, paid_amount: paid }) },
	};
}

/** 回款由财务登记: payments are recorded by Finance, the integrator (the ERP's bank receipts) or an Administrator. */
export const paymentRecorderProblem = (caller: Caller): FlowRefusal | null =>
	caller.admin || caller.position === 'finance' || caller.role === 'integrator' ? null : refusal(403, 'not_finance');

/** `POST /orders/:id/payments { amount }`: who records it, then the allocation of an amount given to the cent. */
export const recordPayment = (
	caller: Caller,
	order: Order,
	schedules: readonly Schedule[],
	amount: unknown,
): Allocation | FlowRefusal =>
	paymentRecorderProblem(caller) ?? allocatePayment(order, schedules, toExactCents(amount));

/**
 * Whether the payments action is offered on an order: to Finance, while the order is not
 * cancelled and has money still open. The amount itself is checked when it is recorded.
 */
export function paymentOfferProblem(caller: Caller, order: Order): FlowRefusal | null {
	const problem = paymentRecorderProblem(caller);
	if (problem) return problem;
	if (order.status === 'cancelled') return refusal(409, 'order_cancelled');
	return order.paid_amount >= order.amount ? refusal(409, 'order_paid_up') : null;
}

export type PaymentMethod = keyof typeof paymentMethods;

/**
 * A payment's `received_at` and `method` as sent: when the money arrived (a date is that day's
 * start in the company's zone; none means now), never after today, and one of the methods.
 */
export function paymentDetails(
	body: { received_at?: unknown; method?: unknown },
	now: Date,
	timezone: string,
): { received_at: string; method: PaymentMethod | null } | FlowRefusal {
	const { received_at: at, method } = body;
	let received = now;
	if (at !== undefined && at !== null && at !== '') {
		if (isIsoDate(at)) received = zonedInstant(at, timezone);
		else if (isIsoDateTime(at) && /(Z|[+-]\d\d:?\d\d)$/.test(at)) received = new Date(at);
		else return refusal(422, 'payment_received_at');
		if (received > endOfDay(zonedDate(now, timezone), timezone)) return refusal(422, 'payment_received_at');
	}
	if (method !== undefined && method !== null && method !== '' && !Object.hasOwn(paymentMethods, String(method)))
		return refusal(422, 'payment_method', { methods: values(paymentMethods).join(' / ') });
	return { received_at: received.toISOString(), method: (method || null) as PaymentMethod | null };
}

/**
 * 未约定付款条款: a contract signed without payment terms is due in full `credit_days` after
 * signing (the customer's 账期, none when not set).
 */
export function defaultSchedule(
	amount: Cents,
	signedOn: string,
	creditDays: unknown,
): { due_date: string; amount: Cents } {
	const days = Number(creditDays);
	// A century at most: any credit term past it is a typing error, and the date stays a date.
	return { due_date: addDays(signedOn, Number.isInteger(days) && days > 0 ? Math.min(days, 36_525) : 0), amount };
}

/** What an order signed from a contract took from it: changing one would part the order from its schedule. */
export const SIGNED_ORDER_FIELDS = ['customer', 'amount', 'signed_at'] as const;

/** 合同订单: the customer, amount and date of an order made by signing a contract are the contract's; a change is a new contract. */
export const signedOrderEditProblem = (fields: readonly string[], fromContract: boolean): FlowRefusal | null =>
	fromContract && fields.some((f) => (SIGNED_ORDER_FIELDS as readonly string[]).includes(f))
		? refusal(409, 'order_from_contract')
		: null;

/** 逾期: an open schedule with money still owed becomes overdue the day after its due date (`today` in the company's zone), once. */
export const isOverdue = (s: Schedule, today: string): boolean =>
	s.status === 'open' && openAmount(s) > 0 && s.due_date.slice(0, 10) < today;

const DAY = 86_400_000;

/** Whole days from the due date to `today`; 0 on the due date, negative before it. */
export const daysPastDue = (dueDate: string, today: string): number =>
	Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueDate.slice(0, 10)}T00:00:00Z`)) / DAY);

/** 账龄: 1–30 days past due is `d0_30` (0 to 30 days late), then 31–60, 61–90, over 90; null when not yet past due. */
export function agingBucket(dueDate: string, today: string): AgingBucket | null {
	const days = daysPastDue(dueDate, today);
	if (!(days > 0)) return null;
	return days <= 30 ? 'd0_30' : days <= 60 ? 'd31_60' : days <= 90 ? 'd61_90' : 'over_90';
}

/** The open amounts past due by age bucket (应收账款账龄分析). */
export function aging(schedules: readonly Schedule[], today: string): Record<AgingBucket, Cents> {
	const totals: Record<AgingBucket, Cents> = { d0_30: 0, d31_60: 0, d61_90: 0, over_90: 0 };
	for (const s of schedules) {
		const bucket = agingBucket(s.due_date, today);
		if (bucket) totals[bucket] += openAmount(s);
	}
	return totals;
}
