/**
 * China's public holidays and make-up workdays (调休) for 2026 and 2027.
 *
 * Only the exceptions are listed: every day of each official holiday block (weekend days
 * inside it included) as a day off, and every weekend day that is worked instead (调休上班).
 * Any other Saturday or Sunday is a day off and any other day a workday.
 *
 * 2026 follows the State Council notice of 2025 (国务院办公厅关于2026年部分节假日安排的通知).
 * 2027 is not published yet: it is projected from the lunar dates and the usual rules
 * (春节 from 除夕, 9 days; 劳动节 May 1–5; 国庆节 Oct 1–7; a mid-week festival is one day)
 * and marked “（预计）”. When the State Council publishes it, admins adjust the
 * rows in the Studio (工作日历); setup only adds dates that are missing, so edits are kept.
 */
export interface CalendarDay {
	date: string;
	is_workday: boolean;
	note: string;
	/** The festival's own day (domain/choices.ts `festivals`): owners are reminded to greet their customers. */
	festival?: FestivalKey;
}

type FestivalKey = keyof typeof festivals;

import type { festivals } from '../domain/choices.ts';

const DAY_MS = 86_400_000;

/** A note in Chinese only (the holiday's name in other languages is its `festival` choice's label). */
const label = (zh: string, projected: boolean) => (projected ? `${zh}（预计）` : zh);

/** A festival's days off (`start`, `days` long, its own day `[key, day]` among them) and its make-up workdays. */
function festival(
	zh: string,
	[key, day]: [FestivalKey, string],
	start: string,
	days: number,
	makeUp: string[] = [],
	projected = false,
): CalendarDay[] {
	const first = Date.parse(`${start}T00:00:00Z`);
	const off = Array.from({ length: days }, (_, i) => {
		const date = new Date(first + i * DAY_MS).toISOString().slice(0, 10);
		return { date, is_workday: false, note: label(zh, projected), ...(date === day ? { festival: key } : {}) };
	});
	const on = makeUp.map((date) => ({
		date,
		is_workday: true,
		note: label(`${zh}调休上班`, projected),
	}));
	return [...off, ...on];
}

const y2026: CalendarDay[] = [
	...festival('元旦', ['new_year', '2026-01-01'], '2026-01-01', 3, ['2026-01-04']),
	...festival('春节', ['spring_festival', '2026-02-17'], '2026-02-15', 9, ['2026-02-14', '2026-02-28']),
	...festival('清明节', ['qingming', '2026-04-05'], '2026-04-04', 3),
	...festival('劳动节', ['labour_day', '2026-05-01'], '2026-05-01', 5, ['2026-05-09']),
	...festival('端午节', ['dragon_boat', '2026-06-19'], '2026-06-19', 3),
	...festival('中秋节', ['mid_autumn', '2026-09-25'], '2026-09-25', 3),
	...festival('国庆节', ['national_day', '2026-10-01'], '2026-10-01', 7, ['2026-09-20', '2026-10-10']),
];

/** Projected: 春节 Feb 6 (除夕 Feb 5), 清明 Apr 5, 端午 Jun 9 (Wed), 中秋 Sep 15 (Wed). */
const y2027: CalendarDay[] = [
	...festival('元旦', ['new_year', '2027-01-01'], '2027-01-01', 3, [], true),
	// Four statutory days (除夕–初三) stretched to nine, as in 2026: two Sundays are worked.
	...festival('春节', ['spring_festival', '2027-02-06'], '2027-02-05', 9, ['2027-01-31', '2027-02-14'], true),
	...festival('清明节', ['qingming', '2027-04-05'], '2027-04-03', 3, [], true),
	...festival('劳动节', ['labour_day', '2027-05-01'], '2027-05-01', 5, ['2027-04-25'], true),
	// A Wednesday festival is a single day off, with no make-up day.
	...festival('端午节', ['dragon_boat', '2027-06-09'], '2027-06-09', 1, [], true),
	...festival('中秋节', ['mid_autumn', '2027-09-15'], '2027-09-15', 1, [], true),
	...festival('国庆节', ['national_day', '2027-10-01'], '2027-10-01', 7, ['2027-09-26', '2027-10-09'], true),
];

export const workCalendar: CalendarDay[] = [...y2026, ...y2027].sort((a, b) => a.date.localeCompare(b.date));

const indexes = new WeakMap<readonly CalendarDay[], Map<string, boolean>>();

/** Whether `date` (YYYY-MM-DD) is a workday: a listed day as listed, otherwise Monday to Friday. */
export function isWorkday(date: string, calendar: readonly CalendarDay[] = workCalendar): boolean {
	let index = indexes.get(calendar);
	if (!index) indexes.set(calendar, (index = new Map(calendar.map((d) => [d.date, d.is_workday]))));
	const listed = index.get(date);
	if (listed !== undefined) return listed;
	const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
	return weekday !== 0 && weekday !== 6;
}
