/**
 * Contracts (合同): what a contract needs before review, the credit check of the finance
 * review and the review path (法务审核 → 财务审核 → 批准, 超信用额度先报总经理). Amounts in cents.
 */
import { contractStatuses } from './choices.ts';
import { fromCents, sum, toCents, type Cents } from './money.ts';
import { refusal, type FlowRefusal } from './refusals.ts';

export type ContractStatus = keyof typeof contractStatuses;

/**
 * 信用额度: the customer's outstanding receivables plus this contract over `credit_limit` is
 * over credit; exactly at the limit is not. A limit of 0 grants no credit (any amount is over);
 * no limit set (null) means Finance has not limited the customer, as with expense budgets.
 */
export function overCredit(outstanding: Cents, amount: Cents, creditLimit: unknown): boolean {
	if (creditLimit === null || creditLimit === undefined || creditLimit === '') return false;
	const limit = toCents(creditLimit);
	// A limit that is not a number cannot vouch for anything.
	return limit === null || outstanding + amount > limit;
}

/** Why finance may (or may not) approve without a General Manager, in the message's numbers. */
export const creditParams = (outstanding: Cents, amount: Cents, creditLimit: unknown) => {
	const limit = toCents(creditLimit);
	return {
		outstanding: fromCents(outstanding),
		amount: fromCents(amount),
		limit: limit === null ? String(creditLimit ?? '') : fromCents(limit),
	};
};

/** Who reviews a contract in each review state. */
export type Reviewer = 'legal' | 'finance' | 'general_manager';

const REVIEWERS: Partial<Record<ContractStatus, Reviewer>> = {
	legal_review: 'legal',
	finance_review: 'finance',
	pending_gm: 'general_manager',
};

export const contractReviewer = (status: string): Reviewer | null => REVIEWERS[status as ContractStatus] ?? null;

/**
 * `POST /contracts/:id/approve` is the caller's review step: legal passes it to finance; finance
 * approves it, or sends it to a General Manager first when it is over credit; the General
 * Manager approves. The action names a row of `salesFlows.contract`.
 */
export function contractApproveAction(status: string, isOverCredit: boolean): string | null {
	if (status === 'legal_review') return 'approve_legal';
	if (status === 'finance_review') return isOverCredit ? 'approve_over_credit' : 'approve_finance';
	if (status === 'pending_gm') return 'approve_gm';
	return null;
}

/** A contract and its payment terms are edited while a draft only: what legal and finance reviewed is what is signed. */
export const contractEditProblem = (status: string): FlowRefusal | null =>
	status === 'draft'
		? null
		: refusal(409, 'contract_locked', {
				status: contractStatuses[status as ContractStatus] ?? { 'zh-CN': status, 'en-US': status },
			});

/** A contract goes to review with an amount above 0 and payment terms (回款计划) that add up to it. */
export function contractSubmitProblem(amount: unknown, terms: readonly Cents[]): FlowRefusal | null {
	const cents = toCents(amount);
	if (cents === null || cents <= 0) return refusal(422, 'contract_amount');
	const total = sum(terms);
	return total === cents
		? null
		: refusal(409, 'contract_terms_sum', { terms: fromCents(total), amount: fromCents(cents) });
}

/** A contract is made from a sent or accepted quote; without a quote, only by a manager (or an Administrator). */
export function contractSourceProblem(
	quoteStatus: string | null,
	creator: { position: string | null; admin: boolean },
): FlowRefusal | null {
	if (quoteStatus === null)
		return creator.admin || creator.position === 'manager' || creator.position === 'general_manager'
			? null
			: refusal(409, 'contract_source');
	return quoteStatus === 'sent' || quoteStatus === 'accepted' ? null : refusal(409, 'contract_source');
}
