/**
 * Report deadlines (拜访应于两天内提出客户拜访报告; some companies: 24 hours): a number of
 * hours after check-out, or a number of working days on the work calendar at the same
 * wall-clock time in the settings' zone (holidays skipped, 调休 make-up workdays counted).
 */
import { isWorkday, type WorkCalendar } from './work-days.ts';
import { addDays, zonedDate, zoneOffset, zonedInstant } from './zoned-time.ts';

export interface DeadlineSettings {
	timezone: string;
	report_deadline_hours: number | null;
	/** When set, wins over the hours. */
	report_deadline_workdays: number | null;
}

/** The furthest a deadline in working days reaches, in calendar days. */
const MAX_DAYS = 366;

/** Check-out plus the hours, or plus N working days at the same local time (counting starts the day after). */
export function reportDueAt(checkOut: Date, settings: DeadlineSettings, calendar: WorkCalendar): Date {
	const workdays = settings.report_deadline_workdays;
	if (workdays === null || workdays === undefined || workdays <= 0)
		return new Date(checkOut.getTime() + (settings.report_deadline_hours ?? 48) * 3_600_000);
	const zone = settings.timezone;
	const local = new Date(checkOut.getTime() + zoneOffset(checkOut.getTime(), zone));
	let day = zonedDate(checkOut, zone);
	// Bounded whatever the settings say: a deadline is a year of days away at most.
	for (let counted = 0, n = 0; counted < workdays && n < MAX_DAYS; n++) {
		day = addDays(day, 1);
		if (isWorkday(day, calendar)) counted++;
	}
	return zonedInstant(
		day,
		zone,
		local.getUTCHours(),
		local.getUTCMinutes(),
		local.getUTCSeconds(),
		local.getUTCMilliseconds(),
	);
}
