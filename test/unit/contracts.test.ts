import { describe, expect, it } from 'vitest';
import {
	contractApproveAction,
	contractEditProblem,
	contractReviewer,
	contractSourceProblem,
	contractSubmitProblem,
	creditParams,
	overCredit,
} from '../../extensions/sales-visits/src/domain/contracts.ts';
import { explain, refusal } from '../../extensions/sales-visits/src/domain/refusals.ts';

describe('the credit check', () => {
	it('is over when outstanding receivables plus the contract exceed the limit, not when they reach it', () => {
		expect(overCredit(300_000, 700_000, '10000.00')).toBe(false);
		expect(overCredit(300_001, 700_000, '10000.00')).toBe(true);
		expect(overCredit(0, 1_000_001, 10000)).toBe(true);
		expect(overCredit(0, 999_999, 10000)).toBe(false);
	});

	it('grants no credit with a limit of 0, and no limit when none is set', () => {
		expect(overCredit(0, 1, 0)).toBe(true);
		expect(overCredit(0, 1, '0.00')).toBe(true);
		expect(overCredit(5_000_000, 99_000_000, null)).toBe(false);
		expect(overCredit(5_000_000, 99_000_000, undefined)).toBe(false);
	});

	it('does not trust a limit that is not a number', () => {
		expect(overCredit(0, 1, 'lots')).toBe(true);
	});

	it('explains itself in both languages with the amounts', () => {
		const r = refusal(409, 'contract_over_credit', creditParams(300_001, 700_000, '10000'));
		expect(explain(r, 'zh-CN')).toBe(
			'客户未回款 3000.01 元加本合同 7000.00 元，超过信用额度 10000.00 元：须先由总经理审批',
		);
		expect(explain(r, 'en-US')).toContain('exceed the 10000.00 CNY credit limit');
	});
});

describe('the review path', () => {
	it('names the reviewer of each review state', () => {
		expect(contractReviewer('legal_review')).toBe('legal');
		expect(contractReviewer('finance_review')).toBe('finance');
		expect(contractReviewer('pending_gm')).toBe('general_manager');
		for (const s of ['draft', 'approved', 'signed', 'rejected', 'terminated', 'nonsense'])
			expect(contractReviewer(s)).toBeNull();
	});

	it('maps approve to the caller’s step, over credit through a General Manager', () => {
		expect(contractApproveAction('legal_review', true)).toBe('approve_legal');
		expect(contractApproveAction('finance_review', false)).toBe('approve_finance');
		expect(contractApproveAction('finance_review', true)).toBe('approve_over_credit');
		expect(contractApproveAction('pending_gm', true)).toBe('approve_gm');
		expect(contractApproveAction('approved', false)).toBeNull();
		expect(contractApproveAction('draft', false)).toBeNull();
	});
});

describe('submitting a contract', () => {
	it('needs an amount above 0 and payment terms that add up to it to the cent', () => {
		expect(contractSubmitProblem('10000.00', [300_000, 600_000, 100_000])).toBeNull();
		expect(contractSubmitProblem('10000.00', [300_000, 600_000, 99_999])).toMatchObject({
			code: 'contract_terms_sum',
			params: { terms: '9999.99', amount: '10000.00' },
		});
		expect(contractSubmitProblem('10000.00', [])?.code).toBe('contract_terms_sum');
		expect(contractSubmitProblem(0, [])?.code).toBe('contract_amount');
		expect(contractSubmitProblem(null, [])?.code).toBe('contract_amount');
		expect(contractSubmitProblem('-5', [-500])?.code).toBe('contract_amount');
	});
});

describe('where a contract comes from', () => {
	const rep = { position: 'rep', admin: false };
	const manager = { position: 'manager', admin: false };

	it('is a sent or accepted quote', () => {
		expect(contractSourceProblem('sent', rep)).toBeNull();
		expect(contractSourceProblem('accepted', rep)).toBeNull();
		for (const s of ['draft', 'pending', 'approved', 'rejected', 'expired'])
			expect(contractSourceProblem(s, manager)?.code, s).toBe('contract_source');
	});

	it('or nothing, for a manager', () => {
		expect(contractSourceProblem(null, rep)?.code).toBe('contract_source');
		expect(contractSourceProblem(null, manager)).toBeNull();
		expect(contractSourceProblem(null, { position: 'general_manager', admin: false })).toBeNull();
		expect(contractSourceProblem(null, { position: null, admin: true })).toBeNull();
	});
});

describe('editing a contract', () => {
	it('is for drafts only, its payment terms included', () => {
		expect(contractEditProblem('draft')).toBeNull();
		for (const status of ['legal_review', 'finance_review', 'pending_gm', 'approved', 'signed', 'rejected'])
			expect(contractEditProblem(status)?.code, status).toBe('contract_locked');
		expect(explain(contractEditProblem('finance_review')!, 'en-US')).toBe(
			'The contract is Finance review: it and its payment terms are only edited as a draft',
		);
	});
});
