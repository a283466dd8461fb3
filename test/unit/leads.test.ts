import { describe, expect, it } from 'vitest';
import {
	gradeFunnel,
	intervalsOf,
	leadConversion,
	leadDue,
	type LeadIntervals,
} from '../../extensions/sales-visits/src/domain/leads.ts';

const intervals: LeadIntervals = { H: 2, A: 3, B: 7, C: 14, O: 30 };

describe('lead follow-up due dates', () => {
	it('counts the interval from the last contact', () => {
		expect(leadDue('H', intervals, '2031-03-01', '2031-02-01', '2031-03-05')).toEqual({
			since: '2031-03-01',
			due_date: '2031-03-03',
			overdue_days: 2,
			due: true,
		});
		expect(leadDue('B', intervals, '2031-03-01', '2031-02-01', '2031-03-05')).toEqual({
			since: '2031-03-01',
			due_date: '2031-03-08',
			overdue_days: 0,
			due: false,
		});
		// Due on the due date itself, overdue by nothing yet.
		expect(leadDue('C', intervals, '2031-03-01', null, '2031-03-15')).toMatchObject({
			due_date: '2031-03-15',
			overdue_days: 0,
			due: true,
		});
	});

	it('counts from the grading when it is later than the last contact, or there was none', () => {
		expect(leadDue('H', intervals, '2031-02-01', '2031-03-04', '2031-03-05')).toEqual({
			since: '2031-03-04',
			due_date: '2031-03-06',
			overdue_days: 0,
			due: false,
		});
		expect(leadDue('A', intervals, null, '2031-02-26', '2031-03-05')).toEqual({
			since: '2031-02-26',
			due_date: '2031-03-01',
			overdue_days: 4,
			due: true,
		});
	});

	it('is due at once when nothing is known', () => {
		expect(leadDue('O', intervals, null, null, '2031-03-05')).toEqual({
			since: null,
			due_date: '2031-03-05',
			overdue_days: 0,
			due: true,
		});
	});

	it('reads the intervals from the settings', () => {
		expect(
			intervalsOf({
				lead_interval_h_days: 1,
				lead_interval_a_days: 2,
				lead_interval_b_days: 3,
				lead_interval_c_days: 4,
				lead_interval_o_days: 5,
			}),
		).toEqual({ H: 1, A: 2, B: 3, C: 4, O: 5 });
	});
});

describe('lead grade funnel', () => {
	it('counts who held each grade in the period and how many of them ordered', () => {
		const changes = [
			// 1: C before the period, then B, A, O inside it.
			{ customer: 1, from_grade: null, to_grade: 'C', changed_at: '2031-01-10T02:00:00.000Z' },
			{ customer: 1, from_grade: 'C', to_grade: 'B', changed_at: '2031-02-03T02:00:00.000Z' },
			{ customer: 1, from_grade: 'B', to_grade: 'A', changed_at: '2031-02-10T02:00:00.000Z' },
			{ customer: 1, from_grade: 'A', to_grade: 'O', changed_at: '2031-02-20T02:00:00.000Z' },
			// 2: graded H inside, no order.
			{ customer: 2, from_grade: null, to_grade: 'H', changed_at: '2031-02-05T02:00:00.000Z' },
			// 3: B inside, orders after the period.
			{ customer: 3, from_grade: null, to_grade: 'B', changed_at: '2031-02-05T02:00:00.000Z' },
			{ customer: 3, from_grade: 'B', to_grade: 'O', changed_at: '2031-03-02T02:00:00.000Z' },
		] as const;
		expect(gradeFunnel(changes as any, '2031-02-01', '2031-03-01')).toEqual([
			{ grade: 'H', reached: 1, converted: 0, conversion: 0 },
			{ grade: 'A', reached: 1, converted: 1, conversion: 1 },
			{ grade: 'B', reached: 2, converted: 1, conversion: 0.5 },
			{ grade: 'C', reached: 1, converted: 1, conversion: 1 },
			{ grade: 'O', reached: 1, converted: 1, conversion: 1 },
		]);
		// Leads: 1 (C, B, A), 2 (H), 3 (B); only 1 ordered in the period.
		expect(leadConversion(changes as any, '2031-02-01', '2031-03-01')).toEqual({ converted: 1, leads: 3 });
		// In March 2 still holds H and 3 its B until it orders; 1 holds O, no lead.
		expect(leadConversion(changes as any, '2031-03-01', '2031-04-01')).toEqual({ converted: 1, leads: 2 });
	});
});
