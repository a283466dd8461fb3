/** 目标达成 person × month (domain/target-attainment.ts) and its panel's reading. */
import { describe, expect, it } from 'vitest';
import { attainmentLines, attainmentRate } from '../../extensions/sales-visits/src/domain/target-attainment.ts';
import {
	band,
	percent,
	requestedYear,
	texts,
	yuan,
} from '../../extensions/sales-visits/src/visit-target-attainment/logic.ts';
import { texts as splitTexts } from '../../extensions/sales-visits/src/visit-targets-split/logic.ts';

describe('target attainment', () => {
	it('is signed sales over the target, none without a target', () => {
		expect(attainmentRate(50, 100)).toBe(0.5);
		expect(attainmentRate(0, 100)).toBe(0);
		expect(attainmentRate(100, 0)).toBeNull();
		expect(attainmentRate(null, 100)).toBeNull();
		expect(attainmentRate(1, null)).toBeNull();
	});

	it('adds the counters up per person and month in cents, the year too, in the owners’ order', () => {
		const lines = attainmentLines(
			2105,
			['b', 'a'],
			[
				{ owner: 'a', month: '2105-01', metric: 'target_sales', n: '1000.10' },
				{ owner: 'a', month: '2105-01', metric: 'signed', n: 500.05 },
				{ owner: 'a', month: '2105-01', metric: 'signed', n: '0.2' },
				{ owner: 'a', month: '2105-12', metric: 'signed', n: '10' },
				{ owner: 'b', month: '2105-03', metric: 'target_sales', n: '300' },
				{ owner: 'b', month: '2104-03', metric: 'target_sales', n: '999' },
			],
			{ targets: false, sales: false },
		);
		expect(lines.map((l) => l.owner)).toEqual(['b', 'a']);
		const a = lines[1]!;
		expect(a.months[0]).toEqual({ target: 100010, actual: 50025, rate: 50025 / 100010 });
		expect(a.months[11]).toEqual({ target: 0, actual: 1000, rate: null });
		expect(a.total).toEqual({ target: 100010, actual: 51025, rate: 51025 / 100010 });
		expect(lines[0]!.months[2]).toEqual({ target: 30000, actual: 0, rate: 0 });
		expect(lines[0]!.total.target).toBe(30000);
	});

	it('withholds a column the reader may not read, with no number in it', () => {
		const [line] = attainmentLines(2105, ['a'], [{ owner: 'a', month: '2105-01', metric: 'signed', n: '10' }], {
			targets: false,
			sales: true,
		});
		expect(line!.months.every((c) => c.actual === null && c.rate === null)).toBe(true);
		expect(line!.total).toEqual({ target: 0, actual: null, rate: null });
	});
});

describe('the attainment panel', () => {
	it('reads its year option on the company’s date', () => {
		expect(requestedYear('this_year', null, '2105-06-30')).toBe(2105);
		expect(requestedYear('last_year', null, '2105-01-01')).toBe(2104);
		expect(requestedYear('fixed', ' 2107 ', '2105-01-01')).toBe(2107);
		expect(requestedYear('fixed', '21', '2105-01-01')).toBeNull();
	});

	it('shows rates, bands and amounts', () => {
		expect(percent(0.876)).toBe('88%');
		expect(percent(null)).toBe('—');
		expect([band(1.2), band(0.85), band(0.1), band(null)]).toEqual(['met', 'close', 'short', 'none']);
		expect(yuan(123456789, 'en-US')).toBe('1,234,568');
		expect(yuan(null, 'en-US')).toBe('—');
	});

	it('words everything in both languages', () => {
		for (const label of [...Object.values(texts), ...Object.values(splitTexts)])
			expect(label['zh-CN'] && label['en-US']).toBeTruthy();
	});
});
