import { describe, expect, it } from 'vitest';
import type { Caller, Person } from '../../extensions/sales-visits/src/domain/approval.ts';
import { awaitingText } from '../../extensions/sales-visits/src/domain/notices.ts';
import { maySalesTake, type SalesFacts } from '../../extensions/sales-visits/src/domain/sales-flows.ts';
import {
	AMOUNT_FIELDS,
	allocate,
	defaultWeights,
	monthsOf,
	periodWeights,
	sharePersonProblem,
	sharesProblem,
	splitAmounts,
	splitProblem,
	splitSumProblem,
	weightsProblem,
	type Amounts,
	type SplitParent,
	type TargetFacts,
} from '../../extensions/sales-visits/src/domain/targets.ts';

const person = (id: string, position: string | null, reports_to: string | null = null): Person => ({
	id,
	name: id,
	position,
	reports_to,
});
const caller = (p: Person, admin = false): Caller => ({ ...p, admin });
const gm = person('gm', 'general_manager');
const manager = person('m1', 'manager', 'gm');
const rep = person('r1', 'rep', 'm1');
const otherRep = person('r2', 'rep', 'm2');

describe('allocate', () => {
	it('adds up to the total to the cent, the remainder on the last child', () => {
		expect(allocate(100, [1, 1, 1])).toEqual([33, 33, 34]);
		expect(allocate(1_000_000_01, Array(12).fill(1))).toEqual([...Array(11).fill(8_333_333), 8_333_338]);
		const weights = [3.5, 0, 7.25, 1, 1, 1, 1, 1, 1, 1, 1, 2];
		const parts = allocate(987_654_321, weights);
		expect(parts.reduce((a, b) => a + b, 0)).toBe(987_654_321);
		const whole = weights.reduce((a, b) => a + b, 0);
		parts.slice(0, -1).forEach((p, i) => expect(p).toBe(Math.floor((987_654_321 * weights[i]!) / whole)));
		expect(parts[1]).toBe(0);
	});

	it('stays exact past 2^53 cents', () => {
		const total = 9_007_199_254_740_99;
		const parts = allocate(total, [1, 2, 3]);
		expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
	});
});

describe('splitAmounts', () => {
	it('splits every amount and leaves unset ones unset', () => {
		const parent = {
			sales_amount: 1000,
			quantity: null,
			collection_amount: 7,
			expense_budget: 0,
			new_customers: 5,
			visits: 13,
			revisits: null,
			calls: 2,
		} as Amounts;
		const children = splitAmounts(parent, [1, 1]);
		expect(children.map((c) => c.sales_amount)).toEqual([500, 500]);
		expect(children.map((c) => c.collection_amount)).toEqual([3, 4]);
		expect(children.map((c) => c.quantity)).toEqual([null, null]);
		expect(children.map((c) => c.visits)).toEqual([6, 7]);
	});
});

describe('splitSumProblem', () => {
	const amounts = (sales: number | null, visits: number | null = null) =>
		({ ...Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, null])), sales_amount: sales, visits }) as Amounts;

	it('passes children that add up to the parent to the cent, and measures the parent does not set', () => {
		expect(splitSumProblem(amounts(1000001, 10), [amounts(500000, 3), amounts(500001, 7)])).toBeNull();
		expect(splitSumProblem(amounts(100, null), [amounts(40, 5), amounts(60, 6)])).toBeNull();
	});

	it('names the measure that no longer adds up, as money or a count', () => {
		const money = splitSumProblem(amounts(1000001), [amounts(500000), amounts(500000)]);
		expect(money).toMatchObject({ status: 409, code: 'target_split_sum' });
		expect(money!.params).toMatchObject({ sum: '10000.00', total: '10000.01' });
		const count = splitSumProblem(amounts(100, 10), [amounts(50, 3), amounts(50, null)]);
		expect(count!.params).toMatchObject({ sum: '3', total: '10' });
	});
});

describe('weights and shares', () => {
	it('take 12 non-negative numbers, not all 0', () => {
		expect(weightsProblem(Array(12).fill(1))).toBeNull();
		expect(weightsProblem(Array(11).fill(1))?.code).toBe('target_weights');
		expect(weightsProblem([...Array(11).fill(1), -1])?.code).toBe('target_weights');
		expect(weightsProblem([...Array(11).fill(1), '1'])?.code).toBe('target_weights');
		expect(weightsProblem(Array(12).fill(0))?.code).toBe('target_weights_zero');
		expect(weightsProblem({})?.code).toBe('target_weights');
	});

	it('shares: 1 to 500 people, not all 0', () => {
		expect(sharesProblem({ a: 1, b: 0 })).toBeNull();
		expect(sharesProblem({})?.code).toBe('target_shares');
		expect(sharesProblem([1])?.code).toBe('target_shares');
		expect(sharesProblem({ a: -1 })?.code).toBe('target_shares');
		expect(sharesProblem({ a: 0 })?.code).toBe('target_weights_zero');
		expect(sharesProblem(Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`u${i}`, 1])))?.code).toBe(
			'target_shares',
		);
	});

	it('default to last year’s months, equal when there were no sales', () => {
		expect(defaultWeights([0, 5, ...Array(10).fill(0)])).toEqual([0, 5, ...Array(10).fill(0)]);
		expect(defaultWeights(Array(12).fill(0))).toEqual(Array(12).fill(1));
	});

	it('a quarter takes its three months, refused when they are all 0', () => {
		expect(monthsOf('quarter', '2070-04-01')).toEqual(['2070-04-01', '2070-05-01', '2070-06-01']);
		expect(monthsOf('year', '2070-01-01')).toHaveLength(12);
		expect(periodWeights('quarter', '2070-04-01', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])).toEqual([4, 5, 6]);
		expect(periodWeights('quarter', '2070-04-01', [1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1])).toMatchObject({
			code: 'target_weights_zero',
		});
	});
});

describe('who splits', () => {
	const team: SplitParent = { level: 'team', period_type: 'year', status: 'approved', subject: manager, children: 0 };
	it('the team’s manager or a General Manager, an approved target, once', () => {
		expect(splitProblem(caller(manager), team, true)).toBeNull();
		expect(splitProblem(caller(gm), team, true)).toBeNull();
		expect(splitProblem(caller(rep), team, true)?.code).toBe('target_split_by');
		expect(splitProblem(caller(manager), { ...team, status: 'draft' }, true)?.code).toBe('target_split_unapproved');
		expect(splitProblem(caller(manager), { ...team, children: 3 }, true)?.code).toBe('target_split_twice');
		expect(splitProblem(caller(manager), { ...team, period_type: 'month' }, false)?.code).toBe('target_split_month');
		const mine: SplitParent = { ...team, level: 'person', subject: rep };
		expect(splitProblem(caller(manager), mine, false)).toBeNull();
		expect(splitProblem(caller(manager), mine, true)?.code).toBe('target_split_person');
		expect(splitProblem(caller(rep), mine, false)?.code).toBe('target_split_by');
	});
	it('shares go to managers from the company, to the team’s people from a team', () => {
		expect(sharePersonProblem(team, rep, 'r1')).toBeNull();
		expect(sharePersonProblem(team, otherRep, 'r2')?.code).toBe('target_share_person');
		expect(sharePersonProblem(team, null, 'nobody')?.code).toBe('target_share_person');
		const company: SplitParent = { ...team, level: 'company', subject: null };
		expect(sharePersonProblem(company, manager, 'm1')).toBeNull();
		expect(sharePersonProblem(company, rep, 'r1')?.code).toBe('target_share_person');
	});
});

describe('target transitions', () => {
	const facts = (status: string, target: Partial<TargetFacts> = {}): SalesFacts => ({
		id: 1,
		status,
		owner: rep,
		target: {
			level: 'person',
			setter: manager,
			submitted_by: null,
			confirmed_at: null,
			newer_revision: null,
			...target,
		},
	});
	const take = (action: string, f: SalesFacts, who: Caller) =>
		maySalesTake('target', action, f, who, null)?.code ?? null;

	it('the setter submits and revises, the level above approves, never their own', () => {
		expect(take('submit', facts('draft'), caller(manager))).toBeNull();
		expect(take('submit', facts('draft'), caller(rep))).toBe('target_not_setter');
		expect(take('approve', facts('submitted', { submitted_by: 'm1' }), caller(gm))).toBeNull();
		expect(take('approve', facts('submitted', { submitted_by: 'm1' }), caller(manager))).toBe('self_approval');
		expect(take('approve', facts('submitted'), caller(rep))).toBe('self_approval');
		expect(take('approve', facts('submitted'), caller(otherRep))).toBe('not_approver');
		expect(take('approve', facts('submitted', { submitted_by: 'gm' }), caller(gm))).toBe('self_approval');
		expect(take('approve', facts('draft'), caller(gm))).toBe('transition');
		expect(take('revise', facts('approved'), caller(manager))).toBeNull();
		expect(take('revise', facts('draft'), caller(manager))).toBe('transition');
		expect(take('revise', facts('approved', { newer_revision: 2 }), caller(manager))).toBe('target_revised');
	});

	it('the person confirms an approved target once', () => {
		expect(take('confirm', facts('approved'), caller(rep))).toBeNull();
		expect(take('confirm', facts('approved'), caller(manager))).toBe('not_owner');
		expect(take('confirm', facts('submitted'), caller(rep))).toBe('transition');
		expect(take('confirm', facts('approved', { confirmed_at: '2070-01-02T00:00:00Z' }), caller(rep))).toBe(
			'target_confirmed',
		);
	});

	it('a General Manager sets the company’s', () => {
		const company = (status: string) => ({
			...facts(status, { level: 'company', setter: null }),
			owner: { id: '', name: 'company', position: null, reports_to: null },
		});
		expect(take('submit', company('draft'), caller(gm))).toBeNull();
		expect(take('submit', company('draft'), caller(manager))).toBe('target_not_setter');
		expect(take('confirm', company('approved'), caller(gm))).toBe('target_company_confirm');
	});
});

describe('the company target’s notice', () => {
	it('names the company in the recipient’s language, not in both', () => {
		const company: Person = { id: '', name: '', position: null, reports_to: null };
		expect(awaitingText('target', 4, company, 'zh-CN').subject).toBe('待你审批：公司的业绩目标 #4');
		expect(awaitingText('target', 4, company, 'en-US').subject).toBe(
			'Awaiting your approval: sales target #4 from the company',
		);
	});
});
