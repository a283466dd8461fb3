import { describe, expect, it } from 'vitest';
import { fillDays, fillItems, fillOffered, fillProblem } from '../../extensions/sales-visits/src/domain/plan-fill.ts';
import { explain } from '../../extensions/sales-visits/src/domain/refusals.ts';
import { weekday } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { workCalendar } from '../../extensions/sales-visits/src/setup/work-calendar.ts';

const calendar = new Map(workCalendar.map((d) => [d.date, d.is_workday]));
const plan = { owner: 'rep', status: 'draft', period_type: 'month' };

describe('按频次补齐: who may fill a plan', () => {
	it('lets the owner fill their draft or rejected month plan', () => {
		expect(fillProblem({ id: 'rep' }, plan)).toBeNull();
		expect(fillProblem({ id: 'rep' }, { ...plan, status: 'rejected' })).toBeNull();
	});

	it('refuses anyone else, a locked plan and a week plan, in both languages', () => {
		const other = fillProblem({ id: 'manager' }, plan)!;
		expect(other).toMatchObject({ status: 403, code: 'plan_fill_owner' });
		const locked = fillProblem({ id: 'rep' }, { ...plan, status: 'approved' })!;
		expect(locked).toMatchObject({ status: 409, code: 'plan_locked' });
		expect(explain(locked, 'zh-CN')).toContain('已批准');
		expect(explain(locked, 'en-US')).toContain('approved');
		expect(fillProblem({ id: 'rep' }, { ...plan, status: 'submitted' })?.status).toBe(409);
		expect(fillProblem({ id: 'rep' }, { ...plan, period_type: 'week' })).toMatchObject({
			status: 422,
			code: 'plan_fill_month',
		});
	});

	it('is offered only while something is short', () => {
		expect(fillOffered({ id: 'rep' }, plan, 2)).toBe(true);
		expect(fillOffered({ id: 'rep' }, plan, 0)).toBe(false);
		expect(fillOffered({ id: 'manager' }, plan, 2)).toBe(false);
	});
});

describe('按频次补齐: the days', () => {
	it('takes the working days of October 2026: no 国庆 holiday, no weekend, the 调休 Saturday', () => {
		const days = fillDays('2026-10-01', '2026-10-31', '2026-09-15', calendar);
		expect(days).toHaveLength(18);
		expect(days[0]).toBe('2026-10-08');
		expect(days).toContain('2026-10-10');
		expect(days.some((d) => d <= '2026-10-07')).toBe(false);
		expect(days.filter((d) => d !== '2026-10-10').every((d) => weekday(d) >= 1 && weekday(d) <= 5)).toBe(true);
	});

	it('starts from today in a month under way, and uses the whole month once it is over', () => {
		expect(fillDays('2026-10-01', '2026-10-31', '2026-10-28', calendar)).toEqual([
			'2026-10-28',
			'2026-10-29',
			'2026-10-30',
		]);
		expect(fillDays('2026-10-01', '2026-10-31', '2026-12-01', calendar)).toHaveLength(18);
	});

	it('stops after a month whatever the range', () => {
		expect(fillDays('2026-01-01', '9999-12-31', '2026-01-01', new Map()).length).toBeLessThanOrEqual(31);
	});
});

describe('按频次补齐: the items', () => {
	const days = fillDays('2026-10-01', '2026-10-31', '2026-09-15', calendar);

	it('adds one item per missing visit, on working days only', () => {
		const items = fillItems(
			[
				{ customer: 1, short: 2 },
				{ customer: 2, short: 1 },
				{ customer: 3, short: 3 },
			],
			days,
		);
		expect(items).toHaveLength(6);
		expect(items.filter((i) => i.customer === 3)).toHaveLength(3);
		expect(items.every((i) => days.includes(i.date))).toBe(true);
	});

	it('spreads them over the month and keeps one customer’s visits apart', () => {
		const items = fillItems(
			[
				{ customer: 1, short: 2 },
				{ customer: 2, short: 2 },
			],
			days,
		);
		expect(items.map((i) => i.date)).toEqual([days[0], days[4], days[9], days[13]]);
		const [first, second] = items.filter((i) => i.customer === 1);
		expect(days.indexOf(second!.date) - days.indexOf(first!.date)).toBe(9);
	});

	it('adds nothing when nothing is short or no day is left', () => {
		expect(fillItems([], days)).toEqual([]);
		expect(fillItems([{ customer: 1, short: 0 }], days)).toEqual([]);
		expect(fillItems([{ customer: 1, short: 2 }], [])).toEqual([]);
	});
});
