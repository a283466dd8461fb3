/**
 * Wall-clock arithmetic in an IANA time zone without a date library: the offset comes from
 * Intl, so zones with daylight saving time are right too. Dates are `YYYY-MM-DD` strings.
 */
const DAY = 86_400_000;

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterOf = (zone: string): Intl.DateTimeFormat => {
	let f = formatters.get(zone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formatters.set(zone, f);
	}
	return f;
};

/** Offset of `zone` from UTC at `instant`, in milliseconds (UTC+8 → 28 800 000). */
export function zoneOffset(instant: number, zone: string): number {
	const parts = Object.fromEntries(
		formatterOf(zone)
			.formatToParts(new Date(instant))
			.map((p) => [p.type, p.value]),
	);
	const wall = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
	return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the clocks in `zone` show `date` `hh:mm:ss.mmm`. */
export function zonedInstant(date: string, zone: string, hours = 0, minutes = 0, seconds = 0, ms = 0): Date {
	const wall = Date.parse(`${date}T00:00:00Z`) + ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms;
	// Twice: the first guess may sit on the other side of a DST change.
	let instant = wall - zoneOffset(wall, zone);
	instant = wall - zoneOffset(instant, zone);
	return new Date(instant);
}

/** The last moment of `date` in `zone`. */
export const endOfDay = (date: string, zone: string): Date => zonedInstant(date, zone, 23, 59, 59, 999);

/** The calendar date that `instant` falls on in `zone`. */
export const zonedDate = (instant: Date, zone: string): string =>
	new Date(instant.getTime() + zoneOffset(instant.getTime(), zone)).toISOString().slice(0, 10);

/** `YYYY-MM-DD HH:mm` on the clocks of `zone` at `instant`. */
export const zonedMinute = (instant: Date, zone: string): string =>
	new Date(instant.getTime() + zoneOffset(instant.getTime(), zone)).toISOString().slice(0, 16).replace('T', ' ');

export const addDays = (date: string, days: number): string =>
	new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();
