/**
 * 提成 of the demo company: a rule per sales position with realistic progressive tiers (reps on
 * what they collect, managers on what they sign), and the statements of the three months before
 * this one, computed as the server does (flow/commission.ts): two months back paid, the month
 * before approved, last month a draft, each transition with its log row.
 */
import {
	commissionOf,
	nextMonthStart,
	previousMonthStart,
} from '../../extensions/sales-visits/src/domain/commission.ts';
import { fromCents } from '../../extensions/sales-visits/src/domain/money.ts';
import { finance, fieldStaff, gm } from './people.ts';
import { addDays, at, chinaDate, workdayOnOrAfter, type Clock } from './time.ts';
import type { ApprovalLogEntry, CommissionRule, CommissionStatement, Payment, SalesOrder } from './types.ts';

type Log = Omit<ApprovalLogEntry, 'id'>;

export const commissionRules: CommissionRule[] = [
	// 销售人员按回款: 0–10 万 1%，10–50 万 2%，50 万以上 3%。
	{
		id: 1,
		position: 'rep',
		basis: 'collected',
		tiers: [
			{ from: 0, rate: 1 },
			{ from: 100000, rate: 2 },
			{ from: 500000, rate: 3 },
		],
		active: true,
	},
	// 销售经理按签约: 0–50 万 0.5%，50–200 万 1%，200 万以上 1.5%。
	{
		id: 2,
		position: 'manager',
		basis: 'signed',
		tiers: [
			{ from: 0, rate: 0.5 },
			{ from: 500000, rate: 1 },
			{ from: 2000000, rate: 1.5 },
		],
		active: true,
	},
];

const monthBefore = previousMonthStart;
const cents = (amounts: number[]) => amounts.reduce((sum, a) => sum + Math.round(a * 100), 0);

export function makeCommission(
	clock: Clock,
	orders: SalesOrder[],
	payments: Payment[],
): { statements: CommissionStatement[]; log: Log[] } {
	const statements: CommissionStatement[] = [];
	const log: Log[] = [];
	const thisMonth = `${clock.today.slice(0, 7)}-01`;
	const last = monthBefore(thisMonth);
	const months = [
		{ start: monthBefore(monthBefore(last)), state: 'paid' as const },
		{ start: monthBefore(last), state: 'approved' as const },
		{ start: last, state: 'draft' as const },
	];
	const ownerOf = new Map(orders.map((o) => [o.id, o.owner]));
	for (const { start, state } of months) {
		const end = nextMonthStart(start);
		for (const person of fieldStaff) {
			const rule = commissionRules.find((r) => r.position === person.position && r.active);
			if (!rule) continue;
			const basis =
				rule.basis === 'signed'
					? cents(
							orders
								.filter(
									(o) => o.owner === person.id && o.status !== 'cancelled' && o.signed_at >= start && o.signed_at < end,
								)
								.map((o) => o.amount),
						)
					: cents(
							payments
								.filter((p) => ownerOf.get(p.order) === person.id)
								.filter((p) => chinaDate(p.received_at) >= start && chinaDate(p.received_at) < end)
								.map((p) => p.amount),
						);
			if (basis <= 0) continue;
			const { amount, lines } = commissionOf(basis, rule.tiers);
			const id = statements.length + 1;
			const approvedAt = at(workdayOnOrAfter(addDays(end, 4)), 10);
			const paidAt = at(workdayOnOrAfter(addDays(end, 9)), 15);
			const approved = state !== 'draft' && approvedAt <= clock.now;
			const paid = state === 'paid' && approved && paidAt <= clock.now;
			statements.push({
				id,
				person: person.id,
				month: start,
				status: paid ? 'paid' : approved ? 'approved' : 'draft',
				basis_amount: fromCents(basis),
				amount: fromCents(amount),
				lines,
				rule: rule.id,
				approver: approved ? gm.id : null,
				decided_at: approved ? approvedAt : null,
				paid_at: paid ? paidAt : null,
			});
			if (approved) log.push(entry(id, 'draft', 'approved', gm.id, approvedAt));
			if (paid) log.push(entry(id, 'approved', 'paid', finance.id, paidAt));
		}
	}
	return { statements, log };
}

const entry = (item: number, from: string, to: string, actor: string, when: string): Log => ({
	collection: 'commission_statements',
	item: String(item),
	from_status: from,
	to_status: to,
	actor,
	at: when,
	comment: null,
});
