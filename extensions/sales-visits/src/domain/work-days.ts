/**
 * Working days: weekends are days off and weekdays are workdays, unless the work calendar
 * (public holidays and 调休 make-up workdays) says otherwise.
 */
import { addDays, weekday } from './zoned-time.ts';

/** The calendar's exceptions, by date. */
export type WorkCalendar = ReadonlyMap<string, boolean>;

export const isWorkday = (date: string, calendar: WorkCalendar): boolean => calendar.get(date) ?? (weekday(date) !== 0 && weekday(date) !== 6);

/** The latest workday strictly before `date` (searches a year back at most). */
export function workdayBefore(date: string, calendar: WorkCalendar): string {
	for (let d = addDays(date, -1), n = 0; n < 366; d = addDays(d, -1), n++) if (isWorkday(d, calendar)) return d;
	throw new RangeError(`no workday in the year before ${date}`);
}
