import { describe, expect, it } from 'vitest';
import { reportDueAt } from '../../extensions/sales-visits/src/domain/deadlines.ts';
import {
	fitsDecimal,
	isCleanText,
	isInt4,
	isIsoDate,
	isIsoDateTime,
	isPeriodYear,
	isReal,
	isTimeOfDay,
	isUuid,
	monthOfPeriod,
	toId,
	toNumber,
} from '../../extensions/sales-visits/src/domain/input.ts';
import { submitDueAt } from '../../extensions/sales-visits/src/domain/plan-rules.ts';
import { readReport } from '../../extensions/sales-visits/src/domain/visit-rules.ts';
import { isWorkday, workdaysBetween } from '../../extensions/sales-visits/src/domain/work-days.ts';
import { addDays } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { workCalendar } from '../../extensions/sales-visits/src/setup/work-calendar.ts';

const calendar = new Map(workCalendar.map((d) => [d.date, d.is_workday]));

describe('ids', () => {
	it('are the decimal digits of a positive int4, or a whole number in range', () => {
		expect(toId('1')).toBe(1);
		expect(toId('2147483647')).toBe(2147483647);
		expect(toId(42)).toBe(42);
	});
	it.each(['%201', ' 1', '1 ', '0x1F', '1e3', '01', '0', '-1', '1.0', '2147483648', '99999999999', '', 'abc', '１'])(
		'refuse %j',
		(value) => {
			expect(toId(value)).toBeNull();
		},
	);
	it.each([0, -1, 1.5, 2 ** 31, Number.NaN, Number.POSITIVE_INFINITY, null, undefined, true, [1], { id: 1 }])(
		'refuse %j',
		(value) => {
			expect(toId(value)).toBeNull();
		},
	);
});

describe('dates and periods', () => {
	it('take real calendar dates in the business years', () => {
		expect(isIsoDate('2026-02-28')).toBe(true);
		expect(isIsoDate('2028-02-29')).toBe(true);
		expect(isIsoDate('1970-05-01')).toBe(true);
	});
	it.each([
		'2026-02-29',
		'2026-13-01',
		'2026-00-10',
		'2026-04-31',
		'0000-01-01',
		'0001-01-01',
		'9999-12-31',
		'+010000-01-01',
		'2026-1-1',
		'2026-01-01x',
		20260101,
		null,
	])('refuse the date %j', (value) => {
		expect(isIsoDate(value)).toBe(false);
	});
	it('bound report periods and route days to 2000–2199', () => {
		expect(monthOfPeriod('2026-11')).toBe('2026-11-01');
		for (const bad of ['9999-12', '0000-01', '0001-01', '1999-12', '2200-01', '2026-13', '2026-1', 202611, undefined])
			expect(monthOfPeriod(bad)).toBeNull();
		expect([2000, 2199].map(isPeriodYear)).toEqual([true, true]);
		expect([0, 1, 1999, 2200, 9999, 2026.5].map(isPeriodYear)).toEqual([false, false, false, false, false, false]);
		expect(isIsoDate('1999-12-31', { min: 2000, max: 2199 })).toBe(false);
	});
	it('take moments as the items API sends them', () => {
		for (const ok of [
			'2026-12-02',
			'2026-12-02T09:00',
			'2026-12-02T09:00:00',
			'2026-12-02T09:00:00.000Z',
			'2026-12-02 09:00:00+08:00',
			'2026-12-02T23:59:59.999999+0800',
		])
			expect(isIsoDateTime(ok), ok).toBe(true);
		for (const bad of [
			'not a date',
			'2026-12-02T24:00:00',
			'2026-12-02T09:60',
			'9999-12-31T00:00:00Z',
			'2026-02-30T09:00:00Z',
			'2026-12-02T09:00:00+99:99',
			'1e20',
			1e20,
			'',
		])
			expect(isIsoDateTime(bad), String(bad)).toBe(false);
	});
	it('take times of day HH:MM[:SS]', () => {
		for (const ok of ['00:00', '20:00:00', '23:59:59']) expect(isTimeOfDay(ok)).toBe(true);
		for (const bad of ['24:00', '20:60', '20:00:60', '8:00', '20', 'noon', '20:00:00.5', 2000])
			expect(isTimeOfDay(bad)).toBe(false);
	});
});

describe('text, uuids and numbers', () => {
	it('refuse NUL bytes and overlong text', () => {
		expect(isCleanText('拜访了客户')).toBe(true);
		expect(isCleanText('a\u0000b')).toBe(false);
		expect(isCleanText('x'.repeat(256), 255)).toBe(false);
		expect(isCleanText('x'.repeat(255), 255)).toBe(true);
		expect(isCleanText(42)).toBe(false);
	});
	it('know a uuid', () => {
		expect(isUuid('2b5c1f0e-7a3d-4c8e-9f10-3d2a4b5c6d7e')).toBe(true);
		for (const bad of ['not-a-uuid', '2b5c1f0e7a3d4c8e9f103d2a4b5c6d7e', "' OR 1=1 --", 1])
			expect(isUuid(bad)).toBe(false);
	});
	it('take finite numbers that fit the column', () => {
		expect(toNumber('12.5')).toBe(12.5);
		expect(toNumber('1e3')).toBeNull();
		expect(toNumber('Infinity')).toBeNull();
		expect(isInt4(2147483647)).toBe(true);
		expect(isInt4(2147483648)).toBe(false);
		expect(isInt4(1.5)).toBe(false);
		expect(fitsDecimal(999_999_999_999.99, 14, 2)).toBe(true);
		expect(fitsDecimal(1e12, 14, 2)).toBe(false);
		expect(fitsDecimal(1e20, 14, 2)).toBe(false);
		expect(fitsDecimal(1e308, 14, 2)).toBe(false);
		expect(fitsDecimal(-181, 10, 7)).toBe(true);
		expect(fitsDecimal(1000, 10, 7)).toBe(false);
		expect(isReal(1e308)).toBe(false);
		expect(isReal(12.5)).toBe(true);
	});
});

describe('date loops driven by input', () => {
	const naive = (from: string, to: string) => {
		let n = 0;
		for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkday(d, calendar)) n++;
		return n;
	};
	it('count working days by arithmetic, as a day-by-day count would, holidays and 调休 included', () => {
		const starts = ['2026-09-24', '2026-09-30', '2026-10-01', '2026-10-10', '2026-12-28', '2027-01-31'];
		for (const from of starts)
			for (const span of [0, 1, 5, 6, 7, 13, 30, 92, 400])
				expect(workdaysBetween(from, addDays(from, span), calendar), `${from}+${span}`).toBe(
					naive(from, addDays(from, span)),
				);
		expect(workdaysBetween('2026-10-02', '2026-10-01', calendar)).toBe(0);
	});
	it('answer at once for ranges no loop could walk', () => {
		const started = Date.now();
		expect(workdaysBetween('2000-01-01', '9999-12-31', new Map())).toBeGreaterThan(2_000_000);
		expect(Date.now() - started).toBeLessThan(100);
	});
	it('stop a report deadline of absurd working days within a year', () => {
		const due = reportDueAt(
			new Date('2026-11-27T08:00:00Z'),
			{ timezone: 'Asia/Shanghai', report_deadline_hours: 48, report_deadline_workdays: 2_000_000_000 },
			calendar,
		);
		expect(due.getTime() - Date.parse('2026-11-27T08:00:00Z')).toBeLessThanOrEqual(367 * 86_400_000);
	});
	it('find a weekly plan’s due day even when the settings name no weekday', () => {
		const due = submitDueAt(
			'week',
			'2026-11-30',
			{ timezone: 'Asia/Shanghai', month_plan_due: 'last_day_of_prior_month', week_plan_due_weekday: '9' },
			calendar,
		);
		expect(due.toISOString()).toBe('2026-11-29T15:59:59.999Z');
	});
});

describe('a report’s body', () => {
	const summary = '拜访了客户，介绍新品';
	it('bounds its follow-ups and refuses NUL bytes and impossible due dates', () => {
		const many = Array.from({ length: 21 }, (_, i) => ({ description: `事项${i}`, due_date: '2030-01-01' }));
		expect(readReport({ summary, follow_ups: many }, '2026-11-26')).toMatchObject({ code: 'follow_ups_too_many' });
		expect(readReport({ summary, follow_ups: many.slice(0, 20) }, '2026-11-26')).toMatchObject({
			followUps: expect.any(Array),
		});
		expect(readReport({ summary: `${summary}\u0000` }, '2026-11-26')).toMatchObject({ code: 'text_invalid' });
		expect(
			readReport({ summary, follow_ups: [{ description: 'a\u0000', due_date: '2030-01-01' }] }, '2026-11-26'),
		).toMatchObject({ code: 'text_invalid' });
		expect(
			readReport({ summary, follow_ups: [{ description: '寄样品', due_date: '2030-02-30' }] }, '2026-11-26'),
		).toMatchObject({ code: 'follow_up_invalid' });
		expect(
			readReport({ summary, follow_ups: [{ description: '寄样品', due_date: '9999-12-31' }] }, '2026-11-26'),
		).toMatchObject({ code: 'follow_up_invalid' });
	});
});
