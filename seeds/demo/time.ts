/** Calendar arithmetic for the demo history, in China Standard Time (UTC+8, no DST). */
const DAY = 86_400_000;
const CST = 8 * 3_600_000;

/** The Shanghai calendar date of an instant. */
export const chinaDate = (instant: Date): string => new Date(instant.getTime() + CST).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** The instant of a Shanghai wall-clock time, as ISO 8601 UTC. */
export const at = (date: string, hour: number, minute = 0): string =>
	new Date(Date.parse(`${date}T00:00:00Z`) - CST + (hour * 60 + minute) * 60_000).toISOString();

export const addMinutes = (instant: string, minutes: number): string => new Date(Date.parse(instant) + minutes * 60_000).toISOString();

export const monthStart = (date: string, offset = 0): string => {
	const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
	d.setUTCMonth(d.getUTCMonth() + offset);
	return d.toISOString().slice(0, 10);
};
export const monthEnd = (date: string): string => addDays(monthStart(date, 1), -1);

/** Monday of the week holding `date`. */
export const weekStart = (date: string): string => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));

export const daysBetween = (from: string, to: string): string[] => {
	const days: string[] = [];
	for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
	return days;
};
