/**
 * Working days: weekends are days off and weekdays are workdays, unless the work calendar
 * (public holidays and 调休 make-up workdays) says otherwise.
 */
import { addDays, weekday } from './zoned-time.ts';

/** The calendar's exceptions, by date. */
export type WorkCalendar = ReadonlyMap<string, boolean>;

export const isWorkday = (date: string, calendar: WorkCalendar): boolean =>
	calendar.get(date) ?? (weekday(date) !== 0 && weekday(date) !== 6);

const DAY = 86_400_000;
const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;

/**
 * The workdays from `from` to `to`, both included, by arithmetic: whole weeks have five, the
 * rest is at most six days, then the calendar's exceptions inside the range are applied. No
 * loop over the days, so no range can make it spin.
 */
export function workdaysBetween(from: string, to: string, calendar: WorkCalendar): number {
	const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY + 1;
	if (!Number.isFinite(days)) throw new RangeError(`not a range of dates: ${from} to ${to}`);
	if (days <= 0) return 0;
	let n = Math.floor(days / 7) * 5;
	const first = weekday(from);
	for (let i = 0; i < days % 7; i++) if ((first + i) % 7 !== 0 && (first + i) % 7 !== 6) n++;
	for (const [date, working] of calendar) {
		if (date < from || date > to || working !== isWeekend(date)) continue;
		n += working ? 1 : -1;
	}
	return n;
}

/** The latest workday strictly before `date` (searches a year back at most). */
export function workdayBefore(date: string, calendar: WorkCalendar): string {
	for (let d = addDays(date, -1), n = 0; n < 366; d = addDays(d, -1), n++) if (isWorkday(d, calendar)) return d;
	throw new RangeError(`no workday in the year before ${date}`);
}

/** The first workday strictly after `date` (searches a year ahead at most): a revisit's report is due then. */
export function workdayAfter(date: string, calendar: WorkCalendar): string {
	for (let d = addDays(date, 1), n = 0; n < 366; d = addDays(d, 1), n++) if (isWorkday(d, calendar)) return d;
	throw new RangeError(`no workday in the year after ${date}`);
}
