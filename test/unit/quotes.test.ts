import { describe, expect, it } from 'vitest';
import {
	fromCents,
	isPositive,
	percentOf,
	times,
	toCents,
	toExactCents,
} from '../../extensions/sales-visits/src/domain/money.ts';
import {
	lineFields,
	priceLine,
	quoteApprover,
	quoteDueAt,
	quoteEditProblem,
	quoteExpired,
	quoteSubmitProblem,
	quoteTotals,
	sentLate,
	type DiscountRule,
	type PricedLine,
	type ProductPrices,
} from '../../extensions/sales-visits/src/domain/quotes.ts';
import { explain, type FlowRefusal } from '../../extensions/sales-visits/src/domain/refusals.ts';

const product: ProductPrices = { name: '工业网关 G200', list_price: '1000.00', floor_price: '800.00' };
const priced = (unit_price: unknown, quantity: unknown = 1, p: ProductPrices = product): PricedLine => {
	const line = priceLine({ unit_price, quantity }, p);
	if ('code' in line) throw new Error(line.code);
	return line;
};
const code = (r: PricedLine | FlowRefusal) => ('code' in r ? r.code : 'ok');

const rules: DiscountRule[] = [
	{ max_discount_rate: 5, approver_position: 'none', active: true },
	{ max_discount_rate: '15.00', approver_position: 'manager', active: true },
	{ max_discount_rate: 30, approver_position: 'general_manager', active: true },
	{ max_discount_rate: 50, approver_position: 'none', active: false },
];

describe('money in cents', () => {
	it('reads decimal text and numbers exactly, rounding half away from zero at the cent', () => {
		expect(toCents('1234.5')).toBe(123450);
		expect(toCents(0.1)! + toCents(0.2)!).toBe(30);
		expect(toCents(1.005)).toBe(101);
		expect(toCents('2.675')).toBe(268);
		expect(toCents('-2.675')).toBe(-268);
		expect(toCents('0.004')).toBe(0);
		expect(toCents(' 7 ')).toBe(700);
		expect(toCents('12.')).toBe(1200);
		for (const bad of ['', 'abc', '1e3', '1,000.00', null, undefined, NaN, Infinity, {}, '99999999999999999999'])
			expect(toCents(bad), String(bad)).toBeNull();
	});

	it('reads amounts given to the cent exactly, and nothing finer', () => {
		expect(toExactCents('6000.01')).toBe(600001);
		expect(toExactCents(0.1)).toBe(10);
		expect(toExactCents('10.500')).toBe(1050);
		expect(toExactCents('10.005')).toBeNull();
		expect(toExactCents('abc')).toBeNull();
	});

	it('writes decimal text with two decimals', () => {
		expect(fromCents(123450)).toBe('1234.50');
		expect(fromCents(5)).toBe('0.05');
		expect(fromCents(0)).toBe('0.00');
		expect(fromCents(-105)).toBe('-1.05');
	});

	it('multiplies by a decimal quantity without float drift', () => {
		// 19.99 × 3 in floats is 59.97000000000001.
		expect(times(1999, 3)).toBe(5997);
		expect(times(1999, '2.5')).toBe(4998); // 49.975 → 49.98
		expect(times(333, '0.333')).toBe(111); // 1.10889 → 1.11
		expect(times(100, 'x')).toBeNull();
		expect(isPositive('0.001')).toBe(true);
		expect(isPositive('0')).toBe(false);
		expect(isPositive('-1')).toBe(false);
	});

	it('gives percentages with two decimals', () => {
		expect(percentOf(1, 3)).toBe(33.33);
		expect(percentOf(2, 3)).toBe(66.67);
		expect(percentOf(1, 8)).toBe(12.5);
		expect(percentOf(-1, 8)).toBe(-12.5);
	});
});

describe('quote lines', () => {
	it('copy the list price from the product and derive the discount and the net amount', () => {
		const line = priced('875.00', 3);
		expect(line).toEqual({
			listPrice: 100000,
			unitPrice: 87500,
			listAmount: 300000,
			netAmount: 262500,
			discountRate: 12.5,
			belowFloor: false,
		});
		expect(lineFields(line)).toEqual({ list_price: '1000.00', discount_rate: 12.5, net_amount: '2625.00' });
	});

	it('round the discount to two decimals and the net amount to the cent', () => {
		const line = priced('666.67', '1.5', { ...product, list_price: '999.99' });
		// (999.99 − 666.67) / 999.99 = 33.3323…%; 666.67 × 1.5 = 1000.005 → 1000.01.
		expect(line.discountRate).toBe(33.33);
		expect(line.netAmount).toBe(100001);
	});

	it('take a product without a list price as nothing to discount from, and a price above the list as a negative discount', () => {
		expect(priced(50, 2, { name: '赠品', list_price: 0, floor_price: null })).toMatchObject({
			discountRate: 0,
			netAmount: 10000,
			belowFloor: false,
		});
		expect(priced(1100).discountRate).toBe(-10);
	});

	it('flag a price under the floor, but not one at it', () => {
		expect(priced('799.99').belowFloor).toBe(true);
		expect(priced('800').belowFloor).toBe(false);
		expect(priced('1', 1, { ...product, floor_price: null }).belowFloor).toBe(false);
	});

	it('refuse quantities and prices that are not amounts, and products without a list price', () => {
		expect(code(priceLine({ unit_price: 10, quantity: 0 }, product))).toBe('quote_line_quantity');
		expect(code(priceLine({ unit_price: 10, quantity: -1 }, product))).toBe('quote_line_quantity');
		expect(code(priceLine({ unit_price: 10, quantity: null }, product))).toBe('quote_line_quantity');
		expect(code(priceLine({ unit_price: -1, quantity: 1 }, product))).toBe('quote_line_price');
		expect(code(priceLine({ unit_price: '1,000', quantity: 1 }, product))).toBe('quote_line_price');
		const missing = priceLine({ unit_price: 10, quantity: 1 }, { ...product, list_price: null });
		expect(code(missing)).toBe('product_price_missing');
		expect(explain(missing as FlowRefusal, 'zh-CN')).toContain('工业网关 G200');
	});
});

describe('quote totals', () => {
	it('add the lines in cents and keep the largest discount', () => {
		const lines = [
			priced('19.99', 3, { ...product, list_price: '24.99', floor_price: '15' }),
			priced(900, 2),
			priced(1100),
		];
		expect(quoteTotals(lines)).toEqual({
			list_total: '3074.97',
			net_total: '2959.97',
			max_discount_rate: 20.01,
			below_floor: false,
		});
	});

	it('are zero for a quote without lines, which cannot be submitted', () => {
		expect(quoteTotals([])).toEqual({
			list_total: '0.00',
			net_total: '0.00',
			max_discount_rate: 0,
			below_floor: false,
		});
		expect(quoteSubmitProblem(0)?.code).toBe('quote_empty');
		expect(quoteSubmitProblem(1)).toBeNull();
	});

	it('never report a markup as a discount', () => {
		expect(quoteTotals([priced(1200)]).max_discount_rate).toBe(0);
	});
});

describe('discount approval', () => {
	it('names the position of the smallest active rule that covers the largest discount', () => {
		expect(quoteApprover([priced(1000)], rules)).toBe('none');
		expect(quoteApprover([priced(950)], rules)).toBe('none'); // exactly 5 %
		expect(quoteApprover([priced('949.90')], rules)).toBe('manager'); // 5.01 %
		expect(quoteApprover([priced(1000), priced(850)], rules)).toBe('manager'); // exactly 15 %
		expect(quoteApprover([priced('849.90'), priced(990)], rules)).toBe('general_manager'); // 15.01 %
		expect(quoteApprover([priced(700)], rules)).toBe('general_manager'); // 30 %
	});

	it('compares the discount as shown, two decimals', () => {
		// 50.01 off 1000 is 5.001 %, shown as 5.00 %: within the rep's 5 %.
		expect(priced('949.99').discountRate).toBe(5);
		expect(quoteApprover([priced('949.99')], rules)).toBe('none');
		// 150.01 off is 15.001 % → 15.00 %: still the manager's.
		expect(quoteApprover([priced('849.99')], [{ max_discount_rate: 15, approver_position: 'manager' }])).toBe(
			'manager',
		);
	});

	it('needs a General Manager for any price under the floor, whatever the discount', () => {
		const cheapFloor = { ...product, floor_price: '990' };
		expect(quoteApprover([priced(1000), priced(989, 1, cheapFloor)], rules)).toBe('general_manager');
	});

	it('needs a General Manager when no active rule covers the discount', () => {
		expect(quoteApprover([priced(600)], rules)).toBe('general_manager'); // 40 %: the 50 % rule is inactive
		expect(quoteApprover([priced(990)], [])).toBe('general_manager');
		expect(quoteApprover([priced(990)], [{ max_discount_rate: 'ten', approver_position: 'none' }])).toBe(
			'general_manager',
		);
		expect(quoteApprover([priced(990)], [{ max_discount_rate: 10, approver_position: 'director' }])).toBe(
			'general_manager',
		);
	});

	it('needs nobody at or above the list price, rules or not', () => {
		expect(quoteApprover([priced(1000)], [])).toBe('none');
		expect(quoteApprover([priced(1200)], [])).toBe('none');
		expect(quoteApprover([], [])).toBe('none');
	});

	it('takes the stricter position when two rules have the same limit', () => {
		const tie: DiscountRule[] = [
			{ max_discount_rate: 10, approver_position: 'none' },
			{ max_discount_rate: 10, approver_position: 'manager' },
		];
		expect(quoteApprover([priced(950)], tie)).toBe('manager');
		expect(quoteApprover([priced(950)], [...tie].reverse())).toBe('manager');
	});
});

describe('quote deadlines', () => {
	const asked = new Date('2026-12-02T09:30:00+08:00');

	it('are the response hours after the customer asked, 48 unless set', () => {
		expect(quoteDueAt(asked, 24).toISOString()).toBe(new Date('2026-12-03T09:30:00+08:00').toISOString());
		expect(quoteDueAt(asked, null).toISOString()).toBe(new Date('2026-12-04T09:30:00+08:00').toISOString());
		expect(quoteDueAt(asked, 0).toISOString()).toBe(new Date('2026-12-04T09:30:00+08:00').toISOString());
	});

	it('make a quote sent after its due time late, not one sent at it', () => {
		const due = quoteDueAt(asked, 24);
		expect(sentLate(due, due)).toBe(false);
		expect(sentLate(new Date(due.getTime() + 1), due.toISOString())).toBe(true);
		expect(sentLate(new Date(due.getTime() + 1), null)).toBe(false);
	});

	it('expire a quote once its last valid day has ended in the company’s zone', () => {
		expect(quoteExpired('2026-12-02', new Date('2026-12-02T15:59:59Z'), 'Asia/Shanghai')).toBe(false);
		expect(quoteExpired('2026-12-02', new Date('2026-12-02T16:00:00Z'), 'Asia/Shanghai')).toBe(true);
		expect(quoteExpired(null, new Date('2099-01-01T00:00:00Z'), 'Asia/Shanghai')).toBe(false);
	});
});

describe('editing a quote', () => {
	it('is for drafts only: approved quotes are locked and a change is a new draft', () => {
		expect(quoteEditProblem('draft')).toBeNull();
		for (const status of ['pending', 'approved', 'rejected', 'sent', 'accepted', 'expired'])
			expect(quoteEditProblem(status)?.code, status).toBe('quote_locked');
		expect(explain(quoteEditProblem('approved')!, 'zh-CN')).toBe(
			'报价单状态为“已批准”，内容已锁定：如需修改请新建报价单',
		);
	});
});
