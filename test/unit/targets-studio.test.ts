/**
 * The split screen's sums (visit-targets-split/logic.ts): seeded and checked with the split's own
 * allocate, so what adds up on the screen is what POST /visit-targets/split writes, to the cent.
 */
import { describe, expect, it } from 'vitest';
import { allocate, splitAmounts } from '../../extensions/sales-visits/src/domain/targets.ts';
import {
	asWeights,
	cellCents,
	cellText,
	checkGrid,
	seedGrid,
	seedRow,
	sharesOf,
} from '../../extensions/sales-visits/src/visit-targets-split/logic.ts';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('the split screen’s cells', () => {
	it('reads amounts to the cent, never negative or finer', () => {
		expect(cellCents('1234.5')).toBe(123450);
		expect(cellCents('1,234.56')).toBe(123456);
		expect(cellCents('')).toBe(0);
		expect(cellCents(' 7 ')).toBe(700);
		expect(cellCents('0.1')).toBe(10);
		for (const bad of ['-1', '1.005', 'abc', '1e3', '1.2.3']) expect(cellCents(bad), bad).toBeNull();
		expect(cellText(123450)).toBe('1234.50');
		expect(cellCents(cellText(1))).toBe(1);
	});
});

describe('the people × months grid', () => {
	it('is seeded with the split’s own arithmetic: people equal, months by the weights, all to the cent', () => {
		const weights = [0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 2];
		const grid = seedGrid(123456789, 3, weights);
		expect(grid).toHaveLength(3);
		const rows = grid.map(sum);
		expect(rows).toEqual(allocate(123456789, [1, 1, 1]));
		grid.forEach((row, i) => expect(row).toEqual(allocate(rows[i]!, weights)));
		expect(sum(rows)).toBe(123456789);
		expect(checkGrid(grid, 123456789)).toMatchObject({ remainder: 0, invalid: 0, ok: true });
		// Without last year's sales every month weighs the same.
		expect(seedRow(1200, Array(12).fill(0))).toEqual(Array(12).fill(100));
		expect(seedGrid(100, 0, weights)).toEqual([]);
	});

	it('shows each person’s and each month’s total and the remainder as a cell changes', () => {
		const grid: (number | null)[][] = [
			[100, 200, 300],
			[1, 2, 3],
		];
		expect(checkGrid(grid, 606)).toEqual({
			rows: [600, 6],
			months: [101, 202, 303],
			total: 606,
			remainder: 0,
			invalid: 0,
			ok: true,
		});
		grid[1]![2] = 4;
		expect(checkGrid(grid, 606)).toMatchObject({ remainder: -1, ok: false });
		grid[1]![2] = 2;
		expect(checkGrid(grid, 606)).toMatchObject({ remainder: 1, ok: false });
		grid[1]![2] = null;
		expect(checkGrid(grid, 603)).toMatchObject({ remainder: 0, invalid: 1, ok: false });
		expect(checkGrid([[0, 0]], 0).ok).toBe(false);
	});

	it('sends row totals that the server’s split gives back to each person exactly', () => {
		// A year too large for cents as weights (above 10⁹): the shares go in yuan.
		const total = 1_234_567_890_12;
		const grid = seedGrid(total, 7, [5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9]);
		grid[0]![0]! += 33;
		grid[6]![11]! -= 33;
		const check = checkGrid(grid, total);
		expect(check.ok).toBe(true);
		const ids = grid.map((_, i) => `p${i}`);
		const shares = sharesOf(ids, check);
		expect(Object.keys(shares)).toEqual(ids);
		expect(allocate(total, Object.values(shares))).toEqual(check.rows);
		// Every measure of the parent follows the same shares, adding up to the parent's.
		const children = splitAmounts(
			{
				sales_amount: total,
				quantity: null,
				collection_amount: 99_999,
				expense_budget: 1,
				new_customers: 31,
				visits: 1201,
				revisits: 0,
				calls: 7,
			},
			Object.values(shares),
		);
		expect(children.map((c) => c.sales_amount)).toEqual(check.rows);
		expect(sum(children.map((c) => c.visits!))).toBe(1201);
		// And a person's months as weights give each month exactly its amount.
		for (const row of grid) expect(allocate(sum(row), asWeights(row))).toEqual(row);
	});
});
