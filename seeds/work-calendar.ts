/**
 * China's public holidays and make-up workdays (调休) for 2026 and 2027. Only the
 * exceptions are listed: any other Saturday or Sunday is a day off, any other day a
 * workday. 2026 follows the State Council notice (国办发明电〔2025〕); 2027 is projected
 * from the usual rules until its notice is published: admins correct it in the Studio.
 */
export interface CalendarDay {
	date: string;
	is_workday: boolean;
	note: string;
}

const holiday = (zh: string, en: string, projected = false) => `${zh}${projected ? '（预计）' : ''} / ${en}${projected ? ' (projected)' : ''}`;
const makeUp = (zh: string, en: string, projected = false) => holiday(`${zh}调休上班`, `${en} make-up workday`, projected);

/** Consecutive days off from `start` (inclusive) for `days` days. */
function block(start: string, days: number, note: string): CalendarDay[] {
	const first = new Date(`${start}T00:00:00Z`);
	return Array.from({ length: days }, (_, i) => ({
		date: new Date(first.getTime() + i * 86_400_000).toISOString().slice(0, 10),
		is_workday: false,
		note,
	}));
}
const workdays = (dates: string[], note: string): CalendarDay[] => dates.map((date) => ({ date, is_workday: true, note }));

const y2026: CalendarDay[] = [
	...block('2026-01-01', 3, holiday('元旦', 'New Year’s Day')),
	...workdays(['2026-01-04'], makeUp('元旦', 'New Year')),
	...block('2026-02-15', 9, holiday('春节', 'Spring Festival')),
	...workdays(['2026-02-14', '2026-02-28'], makeUp('春节', 'Spring Festival')),
	...block('2026-04-04', 3, holiday('清明节', 'Qingming Festival')),
	...block('2026-05-01', 5, holiday('劳动节', 'Labour Day')),
	...workdays(['2026-05-09'], makeUp('劳动节', 'Labour Day')),
	...block('2026-06-19', 3, holiday('端午节', 'Dragon Boat Festival')),
	...block('2026-09-25', 3, holiday('中秋节', 'Mid-Autumn Festival')),
	...block('2026-10-01', 7, holiday('国庆节', 'National Day')),
	...workdays(['2026-09-20', '2026-10-10'], makeUp('国庆节', 'National Day')),
];

const y2027: CalendarDay[] = [
	...block('2027-01-01', 3, holiday('元旦', 'New Year’s Day', true)),
	...block('2027-02-05', 9, holiday('春节', 'Spring Festival', true)),
	...workdays(['2027-02-20'], makeUp('春节', 'Spring Festival', true)),
	...block('2027-04-03', 3, holiday('清明节', 'Qingming Festival', true)),
	...block('2027-05-01', 5, holiday('劳动节', 'Labour Day', true)),
	...workdays(['2027-04-25'], makeUp('劳动节', 'Labour Day', true)),
	...block('2027-06-09', 1, holiday('端午节', 'Dragon Boat Festival', true)),
	...block('2027-09-15', 1, holiday('中秋节', 'Mid-Autumn Festival', true)),
	...block('2027-10-01', 7, holiday('国庆节', 'National Day', true)),
	...workdays(['2027-09-26', '2027-10-09'], makeUp('国庆节', 'National Day', true)),
];

export const workCalendar: CalendarDay[] = [...y2026, ...y2027].sort((a, b) => a.date.localeCompare(b.date));

/** Whether `date` (YYYY-MM-DD) is a workday: listed exceptions first, then Monday to Friday. */
export function isWorkday(date: string, calendar: readonly CalendarDay[] = workCalendar): boolean {
	const listed = calendar.find((d) => d.date === date);
	if (listed) return listed.is_workday;
	const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
	return weekday !== 0 && weekday !== 6;
}
