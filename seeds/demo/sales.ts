/**
 * The sales cycle's first half for each rep: an opportunity in every stage and a quote in
 * every status, priced and approved by the same rules the server applies (domain/quotes.ts),
 * with the approval_log rows the flows would have written, and contracts from the accepted
 * quote in each state of review up to approval. Each rep's won opportunity was won the way the
 * server wins one (签订合同即赢单): its accepted quote became a contract that went through review
 * (法务 → 财务, over the customer's credit limit 总经理 first) and was signed, which made the sales
 * order of the contract's customer, amount and date; one rep's first contract for it was then
 * terminated (合同终止) and replaced by a second, signed from a new quote.
 */
import { overCredit } from '../../extensions/sales-visits/src/domain/contracts.ts';
import { documentNo, documentPrefix, nextSequence } from '../../extensions/sales-visits/src/domain/numbering.ts';
import { DEFAULT_STAGE_PROBABILITIES } from '../../extensions/sales-visits/src/domain/stage-probabilities.ts';
import {
	lineFields,
	priceLine,
	QUOTE_RESPONSE_HOURS,
	quoteApprover,
	quoteDueAt,
	quoteTotals,
	sentLate,
	type PricedLine,
} from '../../extensions/sales-visits/src/domain/quotes.ts';
import { finance, gm, legal, reps, supervisor } from './people.ts';
import { discountRules, products } from './products.ts';
import { outstandingAt, paidCents } from './receivables.ts';
import { addDays, at, chinaDate, nextOfficeMoment, recentMoment, workdaysBefore, type Clock } from './time.ts';
import type {
	ApprovalLogEntry,
	Contract,
	ContractStatus,
	Customer,
	DemoUser,
	Opportunity,
	OpportunityStage,
	OrderStatus,
	Quote,
	QuoteLine,
	QuoteStatus,
	SalesOrder,
} from './types.ts';

type Log = Omit<ApprovalLogEntry, 'id'>;

const STAGES: OpportunityStage[] = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];
const OPEN: OpportunityStage[] = ['lead', 'qualified', 'proposal', 'negotiation'];

/** Each quote status with the discount its line carries: within a rep's authority (≤ 5 %), a manager's (≤ 15 %) or beyond. */
const QUOTES: [QuoteStatus, number][] = [
	['draft', 8],
	['pending', 10],
	['approved', 12],
	['rejected', 14],
	['sent', 4],
	['accepted', 2],
	['expired', 3],
];

/** A contract in each state of review up to approval (rejected by legal, after the others in the list). */
const CONTRACTS: ContractStatus[] = ['draft', 'legal_review', 'finance_review', 'pending_gm', 'approved', 'rejected'];

const OPPORTUNITY_NAMES = [
	'空压站节能改造',
	'新厂房供气系统',
	'干燥机更新',
	'供水设备扩容',
	'年度保养合同',
	'管网改造',
];

/**
 * Each rep's won deal, by the rep's index: signed this many workdays before today, and how far
 * its order has come since: whether a delivery was accepted (验收) and the share of the amount
 * paid (the terms are 30 % on signing, 60 % a month on, 10 % retention a year on).
 */
const WON: Signing[] = [
	{ ago: 2, status: 'signed', paid: 0 },
	{ ago: 5, status: 'signed', paid: 30 },
	{ ago: 9, status: 'delivered', paid: 30 },
	{ ago: 4, status: 'signed', paid: 0 },
	{ ago: 20, status: 'delivered', paid: 90 },
	{ ago: 30, status: 'paid', paid: 100 },
];

/** The rep whose first contract for the won opportunity was signed, paid its first 30 %, and was terminated this many workdays ago. */
const REPLACED = { rep: 3, signing: { ago: 18, status: 'signed', paid: 30 } as Signing, terminatedAgo: 12 };
const TERMINATION = '客户扩建方案调整为两期实施，经双方协商终止原合同，按新方案重新报价签约';

interface Signing {
	/** Workdays before today. */
	ago: number;
	status: OrderStatus;
	/** Percent of the amount paid: whole instalments. */
	paid: 0 | 30 | 90 | 100;
}

/**
 * The moments of a deal signed on `day`, oldest first, each at an office moment of its own
 * workday: the quote asked for, submitted, decided, sent and accepted; the contract submitted,
 * passed by Legal, by Finance, by a General Manager (when over credit) and signed.
 */
function dealMoments(day: string) {
	const on = (workdays: number, hour: number, minute: number) => at(workdaysBefore(day, workdays), hour, minute);
	return {
		requested: on(12, 9, 20),
		submitted: on(11, 10, 15),
		decided: on(11, 15, 40),
		sent: on(10, 11, 30),
		accepted: on(8, 14, 10),
		contractSubmitted: on(6, 9, 20),
		legal: on(5, 14, 10),
		finance: on(4, 11, 30),
		gm: on(3, 15, 40),
		signed: at(day, 10, 15),
	};
}

/**
 * `historic`: the orders made before the demo's sales cycle (no contract); the orders made by
 * signing follow them, numbered after them.
 */
export function makeSales(clock: Clock, customers: Customer[], historic: SalesOrder[]) {
	const opportunities: Opportunity[] = [];
	const quotes: Quote[] = [];
	const lines: QuoteLine[] = [];
	const contracts: Contract[] = [];
	const orders: SalesOrder[] = [];
	const log: Log[] = [];
	const machines = products.filter((p) => p.active && p.list_price >= 10_000);
	let moment = 0;
	const recent = () => recentMoment(clock, 40 + moment++);

	/** A quote priced and decided by the rules, with its log: `moments` are asked, submitted, decided, sent, accepted. */
	const addQuote = (
		rep: DemoUser,
		opportunity: Opportunity,
		status: QuoteStatus,
		discount: number,
		productIndex: number,
		quantity: number,
		[requested, submitted, decision, sent, accepted]: string[],
	): Quote => {
		const id = quotes.length + 1;
		const product = machines[productIndex % machines.length]!;
		const priced = priceLine(
			{ quantity, unit_price: Math.round(product.list_price * (100 - discount)) / 100 },
			product,
		) as PricedLine;
		lines.push({
			id: lines.length + 1,
			quote: id,
			product: product.id,
			quantity,
			unit_price: priced.unitPrice / 100,
			...lineFields(priced),
		});
		const due = quoteDueAt(new Date(requested!), QUOTE_RESPONSE_HOURS).toISOString();
		const approver = quoteApprover([priced], discountRules);
		const within = approver === 'none';
		// Within the rep's authority, submitting approves it.
		const decided = within ? submitted! : decision!;
		const past = (statuses: QuoteStatus[]) => statuses.includes(status);
		const decider = approver === 'none' ? null : approver === 'manager' ? supervisor(rep) : gm;
		const quote: Quote = {
			id,
			quote_no: documentNo('quote', chinaDate(requested!), id),
			opportunity: opportunity.id,
			customer: opportunity.customer,
			owner: rep.id,
			requested_at: requested!,
			due_at: due,
			// An expired quote's last valid day has passed; the others are valid a month on.
			valid_until: status === 'expired' ? chinaDate(sent!) : addDays(clock.today, 30),
			status,
			...quoteTotals([priced]),
			approver: past(['approved', 'rejected', 'sent', 'accepted', 'expired']) && decider ? decider.id : null,
			decided_at: past(['approved', 'rejected', 'sent', 'accepted', 'expired']) ? decided : null,
			decision_comment: status === 'rejected' ? '折扣超出本季度政策，请重新报价' : null,
			sent_at: past(['sent', 'accepted', 'expired']) ? sent! : null,
			sent_late: past(['sent', 'accepted', 'expired']) ? sentLate(new Date(sent!), due) : false,
		};
		quotes.push(quote);
		if (status === 'draft') return quote;
		log.push(entry('quotes', id, 'draft', within ? 'approved' : 'pending', rep.id, submitted!, null));
		if (status === 'pending') return quote;
		if (!within)
			log.push(
				entry('quotes', id, 'pending', status === 'rejected' ? 'rejected' : 'approved', decider!.id, decided, null),
			);
		if (past(['sent', 'accepted', 'expired'])) log.push(entry('quotes', id, 'approved', 'sent', rep.id, sent!, null));
		if (status === 'accepted') log.push(entry('quotes', id, 'sent', 'accepted', rep.id, accepted!, null));
		// The sweep's, on the first office moment after its last valid day (valid for the day it was sent).
		if (status === 'expired')
			log.push(
				entry('quotes', id, 'sent', 'expired', null, nextOfficeMoment(at(addDays(chinaDate(sent!), 1), 0, 1)), null),
			);
		return quote;
	};

	/**
	 * 签订: an accepted quote made into a contract, reviewed and signed on the deal's day, which
	 * makes its order (the contract's customer, owner, amount and date) and wins the opportunity
	 * when it is still open; the terms become the order's schedules (receivables.ts).
	 */
	const sign = (
		rep: DemoUser,
		opportunity: Opportunity,
		quote: Quote,
		signing: Signing,
		m: ReturnType<typeof dealMoments>,
	) => {
		const id = contracts.length + 1;
		const customer = customers.find((c) => c.id === quote.customer)!;
		// 信用额度: what the customer owed when Finance reviewed it, this contract included.
		const owed = outstandingAt(clock, [...historic, ...orders], customer.id, m.finance);
		const over = overCredit(owed, Math.round(Number(quote.net_total) * 100), customer.credit_limit);
		const contract: Contract = {
			id,
			contract_no: documentNo('contract', chinaDate(m.contractSubmitted), id),
			quote: quote.id,
			opportunity: opportunity.id,
			customer: customer.id,
			owner: rep.id,
			amount: quote.net_total,
			status: 'signed',
			legal_reviewer: legal.id,
			legal_reviewed_at: m.legal,
			finance_reviewer: finance.id,
			finance_reviewed_at: m.finance,
			over_credit: over,
			signed_at: m.signed,
			decision_comment: null,
		};
		contracts.push(contract);
		log.push(entry('contracts', id, 'draft', 'legal_review', rep.id, m.contractSubmitted, null));
		log.push(entry('contracts', id, 'legal_review', 'finance_review', legal.id, m.legal, null));
		log.push(entry('contracts', id, 'finance_review', over ? 'pending_gm' : 'approved', finance.id, m.finance, null));
		if (over) log.push(entry('contracts', id, 'pending_gm', 'approved', gm.id, m.gm, null));
		log.push(entry('contracts', id, 'approved', 'signed', rep.id, m.signed, null));
		// The order signing makes: numbered in the month of its date, after the month's numbers in use.
		const date = chinaDate(m.signed);
		const taken = [...historic, ...orders].map((o) => o.order_no);
		const amount = Number(quote.net_total);
		orders.push({
			id: historic.length + orders.length + 1,
			order_no: documentNo('order', date, nextSequence(documentPrefix('order', date), taken)),
			customer: customer.id,
			owner: rep.id,
			contract: id,
			signed_at: date,
			amount,
			paid_amount: paidCents(amount, signing.paid) / 100,
			status: signing.status,
		});
		// 赢单 on the first signing, as the signer's; a won opportunity stays as it is.
		if (opportunity.stage !== 'won') {
			log.push(entry('opportunities', opportunity.id, opportunity.stage, 'won', rep.id, m.signed, null));
			Object.assign(opportunity, {
				stage: 'won',
				probability: DEFAULT_STAGE_PROBABILITIES.won,
				stage_changed_at: m.signed,
				closed_at: m.signed,
			});
		}
		return contract;
	};

	for (const [r, rep] of reps.entries()) {
		const mine = customers.filter((c) => c.owner === rep.id && c.status === 'active');
		STAGES.forEach((stage, s) => {
			const id = opportunities.length + 1;
			const changed = recent();
			const closed = stage === 'won' || stage === 'lost';
			const opportunity: Opportunity = {
				id,
				customer: mine[s % mine.length]!.id,
				owner: rep.id,
				name: OPPORTUNITY_NAMES[(r + s) % OPPORTUNITY_NAMES.length]!,
				// The won one is won below, by signing its contract.
				stage: stage === 'won' ? 'lead' : stage,
				amount: 100_000 * (s + 2),
				probability: DEFAULT_STAGE_PROBABILITIES[stage === 'won' ? 'lead' : stage],
				expected_close: addDays(clock.today, 30 * (s + 1)),
				source: s % 2 ? '展会' : '老客户推荐',
				competitors: s % 3 ? '阿特拉斯·科普柯、英格索兰' : null,
				lost_reason: stage === 'lost' ? 'price' : null,
				lost_analysis:
					stage === 'lost' ? '客户预算压缩，最终选择了报价低 12% 的竞品，我方未能及时提供节能收益测算。' : null,
				stage_changed_at: stage === 'lead' || stage === 'won' ? null : changed,
				closed_at: stage === 'lost' ? changed : null,
			};
			opportunities.push(opportunity);
			// Forward in one step from lead: the log reads as the stage history.
			if (stage !== 'lead' && stage !== 'won') {
				const from = closed ? OPEN[s % OPEN.length]! : 'lead';
				log.push(entry('opportunities', id, from, stage, rep.id, changed, stage === 'lost' ? '价格因素' : null));
			}
		});

		// The rep's quotes are for the opportunity at the proposal stage (方案报价).
		const proposal = opportunities.find((o) => o.owner === rep.id && o.stage === 'proposal')!;
		QUOTES.forEach(([status, discount], q) => {
			// Each step at an office moment of its own, oldest first: asked, submitted, decided, sent, accepted.
			const [accepted, sent, decision, submitted, requested] = [recent(), recent(), recent(), recent(), recent()];
			addQuote(rep, proposal, status, discount, r * 3 + q, 1 + (q % 3), [
				requested!,
				submitted!,
				decision!,
				sent!,
				accepted!,
			]);
		});

		// Contracts from the accepted quote, reviewed after it was accepted (the quotes' moments are older).
		const accepted = quotes.find((q) => q.owner === rep.id && q.status === 'accepted')!;
		const [submitted, legalAt, financeAt] = [20, 15, 10].map((n) => recentMoment(clock, n + r));
		CONTRACTS.forEach((status, k) => {
			const id = contracts.length + 1;
			const financeDone = status === 'pending_gm' || status === 'approved';
			contracts.push({
				id,
				contract_no: documentNo('contract', chinaDate(submitted!), id),
				quote: accepted.id,
				opportunity: accepted.opportunity,
				customer: accepted.customer,
				owner: rep.id,
				amount: accepted.net_total,
				status,
				legal_reviewer: k >= 2 ? legal.id : null,
				legal_reviewed_at: k >= 2 ? legalAt! : null,
				finance_reviewer: financeDone ? finance.id : null,
				finance_reviewed_at: financeDone ? financeAt! : null,
				over_credit: status === 'pending_gm',
				signed_at: null,
				decision_comment: status === 'rejected' ? '违约责任条款需按公司模板修改' : null,
			});
			if (k === 0) return;
			log.push(entry('contracts', id, 'draft', 'legal_review', rep.id, submitted!, null));
			if (status === 'rejected') {
				log.push(
					entry('contracts', id, 'legal_review', 'rejected', legal.id, legalAt!, '违约责任条款需按公司模板修改'),
				);
				return;
			}
			if (status === 'legal_review') return;
			log.push(entry('contracts', id, 'legal_review', 'finance_review', legal.id, legalAt!, null));
			if (status === 'finance_review') return;
			// The approved one was within credit; the other waits on a General Manager.
			log.push(entry('contracts', id, 'finance_review', status, finance.id, financeAt!, null));
		});

		const won = opportunities.filter((o) => o.owner === rep.id)[STAGES.indexOf('won')]!;
		// The won opportunity: its accepted quote signed as a contract (a second one for the rep whose first was terminated).
		const deal = (signing: Signing, n: number) => {
			const m = dealMoments(workdaysBefore(clock.today, signing.ago));
			const quote = addQuote(rep, won, 'accepted', (r + n) % 2 ? 10 : 4, r * 3 + 7 + n, 2, [
				m.requested,
				m.submitted,
				m.decided,
				m.sent,
				m.accepted,
			]);
			return sign(rep, won, quote, signing, m);
		};
		if (r === REPLACED.rep) {
			const first = deal(REPLACED.signing, 1);
			const ended = at(workdaysBefore(clock.today, REPLACED.terminatedAgo), 16, 20);
			const manager = supervisor(rep);
			Object.assign(first, { status: 'terminated', decision_comment: TERMINATION });
			log.push(entry('contracts', first.id, 'signed', 'terminated', manager.id, ended, TERMINATION));
		}
		deal(WON[r]!, 0);
	}
	return { opportunities, quotes, lines, contracts, orders, log };
}

const entry = (
	collection: 'opportunities' | 'quotes' | 'contracts',
	item: number,
	from: string,
	to: string,
	actor: string | null,
	when: string,
	comment: string | null,
): Log => ({ collection, item: String(item), from_status: from, to_status: to, actor, at: when, comment });
