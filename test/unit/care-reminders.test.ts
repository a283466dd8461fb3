import { describe, expect, it } from 'vitest';
import {
	birthdayIn,
	birthdayWindow,
	careReminderKey,
	festivalDue,
	nextBirthday,
	warrantyRevisitDue,
} from '../../extensions/sales-visits/src/domain/care.ts';
import { workdayAfter } from '../../extensions/sales-visits/src/domain/work-days.ts';
import { zonedDate } from '../../extensions/sales-visits/src/domain/zoned-time.ts';

describe('next birthday', () => {
	it('is this year’s when it has not passed, today included, else next year’s', () => {
		expect(nextBirthday('1980-06-15', '2026-06-14')).toBe('2026-06-15');
		expect(nextBirthday('1980-06-15', '2026-06-15')).toBe('2026-06-15');
		expect(nextBirthday('1980-06-15', '2026-06-16')).toBe('2027-06-15');
		expect(nextBirthday('1990-01-02', '2026-12-31')).toBe('2027-01-02');
	});

	it('puts 29 February on the 28th in a year without one', () => {
		expect(birthdayIn('1988-02-29', 2027)).toBe('2027-02-28');
		expect(birthdayIn('1988-02-29', 2028)).toBe('2028-02-29');
		expect(birthdayIn('1988-02-29', 2100)).toBe('2100-02-28');
		expect(birthdayIn('1988-02-29', 2000)).toBe('2000-02-29');
		expect(nextBirthday('1988-02-29', '2027-03-01')).toBe('2028-02-29');
		expect(nextBirthday('1988-02-29', '2026-03-01')).toBe('2027-02-28');
	});

	it('counts from the company’s date, not UTC’s', () => {
		// 16:30 UTC on 14 June is already 15 June in Shanghai: the birthday is today there.
		const today = zonedDate(new Date('2026-06-14T16:30:00Z'), 'Asia/Shanghai');
		expect(today).toBe('2026-06-15');
		expect(nextBirthday('1980-06-15', today)).toBe('2026-06-15');
		expect(nextBirthday('1980-06-14', today)).toBe('2027-06-14');
	});
});

describe('birthday window', () => {
	it('covers today and the days ahead, by the year of the birthday', () => {
		expect(birthdayWindow('2026-06-14', 3)).toEqual([{ year: 2026, monthDays: ['06-14', '06-15', '06-16', '06-17'] }]);
		expect(birthdayWindow('2026-06-14', 0)).toEqual([{ year: 2026, monthDays: ['06-14'] }]);
	});

	it('splits at New Year', () => {
		expect(birthdayWindow('2026-12-30', 3)).toEqual([
			{ year: 2026, monthDays: ['12-30', '12-31'] },
			{ year: 2027, monthDays: ['01-01', '01-02'] },
		]);
	});

	it('takes 29 February in with the 28th only in a year without one', () => {
		expect(birthdayWindow('2027-02-27', 1)).toEqual([{ year: 2027, monthDays: ['02-27', '02-28', '02-29'] }]);
		expect(birthdayWindow('2028-02-27', 1)).toEqual([{ year: 2028, monthDays: ['02-27', '02-28'] }]);
		expect(birthdayWindow('2028-02-27', 2)).toEqual([{ year: 2028, monthDays: ['02-27', '02-28', '02-29'] }]);
	});

	it('treats a negative or broken setting as today only', () => {
		expect(birthdayWindow('2026-06-14', -2)).toEqual([{ year: 2026, monthDays: ['06-14'] }]);
		expect(birthdayWindow('2026-06-14', Number.NaN)).toEqual([{ year: 2026, monthDays: ['06-14'] }]);
	});
});

describe('festival reminder', () => {
	it('is due from `days` before the festival to its day', () => {
		expect(festivalDue('2026-09-25', '2026-09-21', 3)).toBe(false);
		expect(festivalDue('2026-09-25', '2026-09-22', 3)).toBe(true);
		expect(festivalDue('2026-09-25', '2026-09-25', 3)).toBe(true);
		expect(festivalDue('2026-09-25', '2026-09-26', 3)).toBe(false);
	});

	it('is keyed per festival and owner (the year is a column of its own)', () => {
		expect(careReminderKey.festival('mid_autumn', 'u1')).toBe('mid_autumn:u1');
		expect(careReminderKey.birthday(42)).toBe('42');
	});
});

describe('next working day', () => {
	const calendar = new Map([
		['2026-09-25', false],
		['2026-09-28', false],
		['2026-10-10', true],
	]);
	it('skips weekends and the calendar’s days off', () => {
		expect(workdayAfter('2026-09-23', calendar)).toBe('2026-09-24');
		expect(workdayAfter('2026-09-24', calendar)).toBe('2026-09-29');
	});
	it('takes a make-up Saturday', () => {
		expect(workdayAfter('2026-10-09', calendar)).toBe('2026-10-10');
		expect(workdayAfter('2026-10-10', calendar)).toBe('2026-10-12');
	});
});

describe('warranty revisit', () => {
	it('is due at the half year’s end, or the warranty’s when that comes first, and not once it ended', () => {
		expect(warrantyRevisitDue('2026-12-03', '2028-01-01')).toBe('2026-12-31');
		expect(warrantyRevisitDue('2026-12-03', '2026-12-03')).toBe('2026-12-03');
		expect(warrantyRevisitDue('2026-12-03', '2026-12-20')).toBe('2026-12-20');
		expect(warrantyRevisitDue('2026-12-03', '2026-12-02')).toBeNull();
	});
});
