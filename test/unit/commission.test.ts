import { describe, expect, it } from 'vitest';
import {
	commissionOf,
	monthEnded,
	monthlyChampions,
	monthStart,
	nextMonthStart,
	previousMonthStart,
	rulesByPosition,
	tiersProblem,
} from '../../extensions/sales-visits/src/domain/commission.ts';
import { explain } from '../../extensions/sales-visits/src/domain/refusals.ts';

const tiers = [
	{ from: 0, rate: 1 },
	{ from: 100000, rate: 2 },
	{ from: 500000, rate: 3 },
];

describe('tiersProblem', () => {
	it('accepts ascending bands from 0 with rates from 0 to 100', () => {
		expect(tiersProblem(tiers)).toBeNull();
		expect(tiersProblem([{ from: '0', rate: '0' }])).toBeNull();
		expect(
			tiersProblem([
				{ from: 0, rate: 100 },
				{ from: 0.01, rate: 12.5 },
			]),
		).toBeNull();
	});

	it.each([
		['not a list', { from: 0, rate: 1 }],
		['empty', []],
		['not from 0', [{ from: 10, rate: 1 }]],
		[
			'descending',
			[
				{ from: 0, rate: 1 },
				{ from: 100, rate: 2 },
				{ from: 50, rate: 3 },
			],
		],
		[
			'repeated start',
			[
				{ from: 0, rate: 1 },
				{ from: 0, rate: 2 },
			],
		],
		['rate above 100', [{ from: 0, rate: 100.01 }]],
		['negative rate', [{ from: 0, rate: -1 }]],
		[
			'negative start',
			[
				{ from: -5, rate: 1 },
				{ from: 0, rate: 1 },
			],
		],
		['missing rate', [{ from: 0 }]],
		['text', [{ from: 'zero', rate: 1 }]],
		['a boolean', [{ from: 0, rate: true }]],
		['a number', [5]],
		['too many', Array.from({ length: 21 }, (_, i) => ({ from: i, rate: 1 }))],
	])('refuses %s with a 400 in both languages', (_, value) => {
		const problem = tiersProblem(value);
		expect(problem?.status).toBe(400);
		expect(explain(problem!, 'zh-CN')).toMatch(/提成档位无效/);
		expect(explain(problem!, 'en-US')).toMatch(/commission tiers are not valid/);
	});
});

describe('commissionOf', () => {
	it('applies each rate to the part inside its band', () => {
		// 150,000: 100,000 × 1 % + 50,000 × 2 %.
		expect(commissionOf(150_000_00, tiers)).toEqual({
			amount: 2_000_00,
			lines: [
				{ from: '0.00', to: '100000.00', base: '100000.00', rate: 1, amount: '1000.00' },
				{ from: '100000.00', to: '500000.00', base: '50000.00', rate: 2, amount: '1000.00' },
			],
		});
		// 600,000: 1,000 + 8,000 + 3,000.
		expect(commissionOf(600_000_00, tiers).amount).toBe(12_000_00);
		expect(commissionOf(600_000_00, tiers).lines.at(-1)).toEqual({
			from: '500000.00',
			to: null,
			base: '100000.00',
			rate: 3,
			amount: '3000.00',
		});
	});

	it('pays at a band’s edge by the band below', () => {
		expect(commissionOf(100_000_00, tiers)).toEqual({
			amount: 1_000_00,
			lines: [{ from: '0.00', to: '100000.00', base: '100000.00', rate: 1, amount: '1000.00' }],
		});
	});

	it('pays nothing on nothing', () => {
		expect(commissionOf(0, tiers)).toEqual({ amount: 0, lines: [] });
		expect(commissionOf(-5_00, tiers)).toEqual({ amount: 0, lines: [] });
	});

	it('rounds each band to the cent, half away from zero, and the lines add up to the amount', () => {
		// 0.5 cent rounds up: 0.50 × 1 % = 0.005.
		expect(commissionOf(50, [{ from: 0, rate: 1 }]).amount).toBe(1);
		expect(commissionOf(49, [{ from: 0, rate: 1 }]).amount).toBe(0);
		// 12.5 % of 0.10 + 0.20 is 3.75 cents → 4, not a float's 3.7499999.
		expect(commissionOf(30, [{ from: 0, rate: 12.5 }]).amount).toBe(4);
		for (const basis of [1, 99, 123_456_78, 987_654_321_00]) {
			const { amount, lines } = commissionOf(basis, [
				{ from: 0, rate: 1.37 },
				{ from: 1234.56, rate: 2.5 },
				{ from: 99999.99, rate: 33.33 },
			]);
			const cents = lines.reduce((sum, l) => sum + Math.round(Number(l.amount) * 100), 0);
			expect(cents).toBe(amount);
			const bases = lines.reduce((sum, l) => sum + Math.round(Number(l.base) * 100), 0);
			expect(bases).toBe(basis);
		}
	});

	it('stays exact past 2^53 intermediate products', () => {
		// 90 billion yuan at 99.99 %: cents × hundredths is beyond a double's integers.
		expect(commissionOf(9_000_000_000_000, [{ from: 0, rate: 99.99 }]).amount).toBe(8_999_100_000_000);
	});

	it('throws on tiers that were not checked', () => {
		expect(() => commissionOf(100, [{ from: 5, rate: 1 }])).toThrow();
	});
});

describe('months', () => {
	it('reads YYYY-MM only', () => {
		expect(monthStart('2026-11')).toBe('2026-11-01');
		for (const bad of ['2026-13', '2026-1', '2026-11-01', 202611, null, '']) expect(monthStart(bad)).toBeNull();
	});

	it('steps over the year', () => {
		expect(nextMonthStart('2026-12-01')).toBe('2027-01-01');
		expect(nextMonthStart('2026-02-01')).toBe('2026-03-01');
		expect(previousMonthStart('2027-01-15')).toBe('2026-12-01');
		expect(previousMonthStart('2026-03-01')).toBe('2026-02-01');
	});

	it('counts a month ended once the next has begun', () => {
		expect(monthEnded('2026-11-01', '2026-11-30')).toBe(false);
		expect(monthEnded('2026-11-01', '2026-12-01')).toBe(true);
		expect(monthEnded('2026-12-01', '2026-12-03')).toBe(false);
		expect(monthEnded('2095-03-01', '2026-12-03')).toBe(false);
	});
});

describe('rulesByPosition', () => {
	it('takes the newest active rule of each position', () => {
		const chosen = rulesByPosition([
			{ id: 3, position: 'rep' },
			{ id: 7, position: 'rep' },
			{ id: 5, position: 'manager' },
		]);
		expect(chosen.get('rep')?.id).toBe(7);
		expect(chosen.get('manager')?.id).toBe(5);
	});
});

describe('monthlyChampions', () => {
	it('names the highest signed amount', () => {
		expect(
			monthlyChampions([
				{ id: 'a', name: '张三', signed: 100 },
				{ id: 'b', name: '李四', signed: 300 },
			]),
		).toEqual([{ id: 'b', name: '李四', signed: 300 }]);
	});

	it('crowns every one of a tie, in a stable order', () => {
		const tie = monthlyChampions([
			{ id: 'b', name: 'Bo', signed: 300 },
			{ id: 'c', name: 'Al', signed: 100 },
			{ id: 'a', name: 'Bo', signed: 300 },
			{ id: 'd', name: 'Ann', signed: 300 },
		]);
		expect(tie.map((t) => t.id)).toEqual(['d', 'a', 'b']);
	});

	it('has no champion in a month nobody signed', () => {
		expect(monthlyChampions([])).toEqual([]);
		expect(monthlyChampions([{ id: 'a', name: 'A', signed: 0 }])).toEqual([]);
	});
});
