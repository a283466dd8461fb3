/**
 * Calendar arithmetic for the demo history. The company works in China Standard Time
 * (Asia/Shanghai: UTC+8, no DST), so local wall-clock times are a fixed offset from UTC.
 */
import { isWorkday } from '../../extensions/sales-visits/src/setup/work-calendar.ts';

const DAY = 86_400_000;
const CST = 8 * 3_600_000;

/** Office hours in local minutes: stamps written by people fall inside them. */
const OPENS = 9 * 60;
const CLOSES = 18 * 60;

/** The Shanghai calendar date of an instant. */
export const chinaDate = (instant: string | Date): string =>
	new Date(new Date(instant).getTime() + CST).toISOString().slice(0, 10);

/** Minutes since local midnight of an instant. */
export const chinaMinutes = (instant: string): number => Math.floor(((Date.parse(instant) + CST) % DAY) / 60_000);

/** The instant of a Shanghai wall-clock time, as ISO 8601 UTC. */
export const at = (date: string, hour: number, minute = 0): string =>
	new Date(Date.parse(`${date}T00:00:00Z`) - CST + (hour * 60 + minute) * 60_000).toISOString();

export const addMinutes = (instant: string, minutes: number): string =>
	new Date(Date.parse(instant) + minutes * 60_000).toISOString();

export const addDays = (date: string, days: number): string =>
	new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

export const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

export const monthStart = (date: string, offset = 0): string => {
	const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
	d.setUTCMonth(d.getUTCMonth() + offset);
	return d.toISOString().slice(0, 10);
};
export const monthEnd = (date: string): string => addDays(monthStart(date, 1), -1);

/** Monday of the week holding `date` (Chinese weeks start on Monday). */
export const weekStart = (date: string): string => addDays(date, -((weekday(date) + 6) % 7));

export const daysBetween = (from: string, to: string): string[] => {
	const days: string[] = [];
	for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
	return days;
};

export const workdaysBetween = (from: string, to: string): string[] =>
	daysBetween(from, to).filter((d) => isWorkday(d));

/** The first workday on or after `date`. */
export const workdayOnOrAfter = (date: string): string => {
	let d = date;
	while (!isWorkday(d)) d = addDays(d, 1);
	return d;
};

/** The first workday on or before `date`. */
export const workdayOnOrBefore = (date: string): string => {
	let d = date;
	while (!isWorkday(d)) d = addDays(d, -1);
	return d;
};

/** The `n`-th workday before `date` (n = 1: the previous workday). */
export const workdaysBefore = (date: string, n: number): string => {
	let d = date;
	for (let i = 0; i < n; i++) d = workdayOnOrBefore(addDays(d, -1));
	return d;
};

/** The `n`-th workday after `date` (n = 1: the next workday). */
export const workdaysAfter = (date: string, n: number): string => {
	let d = date;
	for (let i = 0; i < n; i++) d = workdayOnOrAfter(addDays(d, 1));
	return d;
};

/**
 * The first moment in office hours at or after `instant`: what someone who acts “as soon
 * as they can” stamps. `minute` (0–59) spreads such stamps over the first hour.
 */
export function nextOfficeMoment(instant: string, minute = 0): string {
	const date = chinaDate(instant);
	const minutes = chinaMinutes(instant);
	if (isWorkday(date) && minutes >= OPENS && minutes < CLOSES) return instant;
	if (isWorkday(date) && minutes < OPENS) return at(date, 9, minute);
	return at(workdaysAfter(date, 1), 9, minute);
}

/** “Now”, as the anchor instant and its Shanghai date. */
export interface Clock {
	now: string;
	today: string;
}

export const clockAt = (anchor: Date): Clock => ({ now: anchor.toISOString(), today: chinaDate(anchor) });

/** Office-hour moments of a workday, latest first: when recent decisions are stamped. */
const SLOTS: [number, number][] = [
	[17, 20],
	[15, 40],
	[14, 10],
	[11, 30],
	[10, 15],
	[9, 20],
];

/**
 * The `n`-th most recent office-hour moment strictly before now (n = 0: the latest). Used
 * for things that happened “lately”, whatever day and hour the demo is loaded at.
 */
export function recentMoment(clock: Clock, n: number): string {
	let date = clock.today;
	let left = n;
	for (;;) {
		if (isWorkday(date)) {
			for (const [h, m] of SLOTS) {
				const moment = at(date, h, m);
				if (moment < clock.now && left-- === 0) return moment;
			}
		}
		date = addDays(date, -1);
	}
}
