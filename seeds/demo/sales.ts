/**
 * The sales cycle's first half for each rep: an opportunity in every stage and a quote in
 * every status, priced and approved by the same rules the server applies (domain/quotes.ts),
 * with the approval_log rows the flows would have written, and contracts from the accepted
 * quote in each state of review up to approval. A won opportunity stands for one whose
 * contract was signed; signed contracts come with the orders of the second half.
 */
import { documentNo } from '../../extensions/sales-visits/src/domain/numbering.ts';
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
import { addDays, at, chinaDate, nextOfficeMoment, recentMoment, type Clock } from './time.ts';
import type {
	ApprovalLogEntry,
	Contract,
	ContractStatus,
	Customer,
	Opportunity,
	OpportunityStage,
	Quote,
	QuoteLine,
	QuoteStatus,
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

export function makeSales(clock: Clock, customers: Customer[]) {
	const opportunities: Opportunity[] = [];
	const quotes: Quote[] = [];
	const lines: QuoteLine[] = [];
	const contracts: Contract[] = [];
	const log: Log[] = [];
	const machines = products.filter((p) => p.active && p.list_price >= 10_000);
	let moment = 0;
	const recent = () => recentMoment(clock, 40 + moment++);

	for (const [r, rep] of reps.entries()) {
		const mine = customers.filter((c) => c.owner === rep.id && c.status === 'active');
		const boss = supervisor(rep);
		STAGES.forEach((stage, s) => {
			const id = opportunities.length + 1;
			const changed = recent();
			const closed = stage === 'won' || stage === 'lost';
			opportunities.push({
				id,
				customer: mine[s % mine.length]!.id,
				owner: rep.id,
				name: OPPORTUNITY_NAMES[(r + s) % OPPORTUNITY_NAMES.length]!,
				stage,
				amount: 100_000 * (s + 2),
				probability: DEFAULT_STAGE_PROBABILITIES[stage],
				expected_close: addDays(clock.today, 30 * (s + 1)),
				source: s % 2 ? '展会' : '老客户推荐',
				competitors: s % 3 ? '阿特拉斯·科普柯、英格索兰' : null,
				lost_reason: stage === 'lost' ? 'price' : null,
				lost_analysis:
					stage === 'lost' ? '客户预算压缩，最终选择了报价低 12% 的竞品，我方未能及时提供节能收益测算。' : null,
				stage_changed_at: stage === 'lead' ? null : changed,
				closed_at: closed ? changed : null,
			});
			// Forward in one step from lead: the log reads as the stage history.
			if (stage !== 'lead') {
				const from = closed ? OPEN[s % OPEN.length]! : 'lead';
				log.push(entry('opportunities', id, from, stage, rep.id, changed, stage === 'lost' ? '价格因素' : null));
			}
		});

		// The rep's quotes are for the opportunity at the proposal stage (方案报价).
		const proposal = opportunities.find((o) => o.owner === rep.id && o.stage === 'proposal')!;
		QUOTES.forEach(([status, discount], q) => {
			const id = quotes.length + 1;
			const product = machines[(r * 3 + q) % machines.length]!;
			const quantity = 1 + (q % 3);
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
			// Each step at an office moment of its own, oldest first: asked, submitted, decided, sent, accepted.
			const [accepted, sent, decision, submitted, requested] = [recent(), recent(), recent(), recent(), recent()];
			const due = quoteDueAt(new Date(requested!), QUOTE_RESPONSE_HOURS).toISOString();
			const approver = quoteApprover([priced], discountRules);
			const within = approver === 'none';
			// Within the rep's authority, submitting approves it.
			const decided = within ? submitted! : decision!;
			const past = (statuses: QuoteStatus[]) => statuses.includes(status);
			const decider = approver === 'none' ? null : approver === 'manager' ? boss : gm;
			quotes.push({
				id,
				quote_no: documentNo('quote', chinaDate(requested), id),
				opportunity: proposal.id,
				customer: proposal.customer,
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
			});
			if (status === 'draft') return;
			log.push(entry('quotes', id, 'draft', within ? 'approved' : 'pending', rep.id, submitted, null));
			if (status === 'pending') return;
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
	}
	return { opportunities, quotes, lines, contracts, log };
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
