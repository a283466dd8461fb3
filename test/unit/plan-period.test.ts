import { describe, expect, it } from 'vitest';
import { periodEnd, periodStartOf, periodStartProblem } from '../../extensions/sales-visits/src/domain/plan-rules.ts';
import {
	customersQuery,
	keyOf,
	pickItems,
	PICK_MAX,
} from '../../extensions/sales-visits/src/visit-customer-pick/logic.ts';
import { insidePlan } from '../../extensions/sales-visits/src/visit-plan-item-plan/logic.ts';
import {
	firstDay,
	monthLabels,
	monthOf,
	nextMonth,
	periodLine,
	yearOf,
} from '../../extensions/sales-visits/src/visit-plan-period/logic.ts';

describe('a plan’s period by its month', () => {
	it('takes a month plan’s month as its 1st, and nothing else', () => {
		expect(periodStartOf('month', '2165-02')).toBe('2165-02-01');
		expect(periodStartOf('month', '2165-02-01')).toBe('2165-02-01');
		expect(periodStartOf('week', '2165-02')).toBe('2165-02');
		expect(periodStartProblem('week', periodStartOf('week', '2165-02'))?.code).toBe('period_invalid');
		expect(periodStartProblem('month', periodStartOf('month', '2165-02-15'))?.code).toBe('period_month_start');
		expect(periodEnd('month', periodStartOf('month', '2164-02'))).toBe('2164-02-29');
	});
});

describe('the month picker (visit-plan-period)', () => {
	it('reads and writes a month as its first day', () => {
		expect(monthOf('2166-03-01')).toEqual({ year: 2166, month: 3 });
		expect(monthOf(null)).toBeNull();
		expect(firstDay(2166, 3)).toBe('2166-03-01');
		expect(nextMonth('2026-12-04')).toEqual({ year: 2027, month: 1 });
		expect(nextMonth('2026-05-31')).toEqual({ year: 2026, month: 6 });
	});

	it('words the months and the period in the user’s language', () => {
		expect(monthLabels('zh-CN')[0]).toBe('1月');
		expect(monthLabels('en-US')[11]).toBe('Dec');
		expect(periodLine('2166-02-01', 'zh-CN')).toBe('计划期间：2166-02-01 至 2166-02-28');
		expect(periodLine('2166-02-01', 'en-US')).toBe('Period: 2166-02-01 to 2166-02-28');
		expect(periodLine(null, 'zh-CN')).toBe('请选择月份');
	});

	it('takes only the years the server takes', () => {
		expect(yearOf('2166')).toBe(2166);
		expect(yearOf('1999')).toBeNull();
		expect(yearOf('abc')).toBeNull();
	});
});

describe('the plan field of a plan item (visit-plan-item-plan)', () => {
	it('is hidden on the plan’s own form only', () => {
		expect(insidePlan('/content/visit_plans/12')).toBe(true);
		expect(insidePlan('/content/visit_plans/+')).toBe(true);
		expect(insidePlan('/content/visit_plan_items/5')).toBe(false);
		expect(insidePlan('/content/visit_plans')).toBe(false);
		expect(insidePlan(undefined)).toBe(false);
	});
});

describe('the customer dropdown of a plan item (visit-customer-pick)', () => {
	it('lists a book by name, and hands a long one back to the Studio’s drawer', () => {
		expect(pickItems([{ id: 3, name: '甲公司' }])).toEqual([{ text: '甲公司', value: 3 }]);
		expect(pickItems(Array.from({ length: PICK_MAX + 1 }, (_, i) => ({ id: i, name: `${i}` })))).toBeNull();
		expect(customersQuery().limit).toBe(PICK_MAX + 1);
	});

	it('reads the key of what the form holds', () => {
		expect(keyOf(7)).toBe(7);
		expect(keyOf('7')).toBe(7);
		expect(keyOf({ id: 7, name: '甲' })).toBe(7);
		expect(keyOf(null)).toBeNull();
		expect(keyOf('')).toBeNull();
	});
});
