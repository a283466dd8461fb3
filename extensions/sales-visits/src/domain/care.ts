/**
 * Customer care (客户回访制度, 投诉处理): which revisits fall due when, the keys that make each
 * scheduled revisit unique, and a complaint's response deadline. Dates are `YYYY-MM-DD` in the
 * company's time zone.
 */
import { addDays } from './zoned-time.ts';

/** A calendar period of `months` months, counted from January (3 → quarters, 6 → halves). */
export interface Period {
	/** `2026-Q4`, `2026-H2`, `2026` or `2026-M05` (the month it starts). */
	key: string;
	start: string;
	/** Its last day; a period that would run into the next year stops at 31 December. */
	end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

export function periodOf(day: string, months: number): Period {
	const span = Math.min(12, Math.max(1, Math.trunc(months) || 1));
	const year = Number(day.slice(0, 4));
	const index = Math.floor((Number(day.slice(5, 7)) - 1) / span);
	const first = index * span + 1;
	const last = Math.min(12, first + span - 1);
	const key =
		span === 12
			? `${year}`
			: span === 6
				? `${year}-H${index + 1}`
				: span === 3
					? `${year}-Q${index + 1}`
					: `${year}-M${pad(first)}`;
	return { key, start: `${year}-${pad(first)}-01`, end: lastDayOf(year, last) };
}

/** The unique key of a revisit the server schedules: one per order, per complaint, per customer and period. */
export const scheduleKey = {
	firstAfterSale: (order: number | string) => `first_after_sale:order:${order}`,
	complaint: (complaint: number | string) => `complaint:${complaint}`,
	/** The SQL sweeps build the same string with `prefix || customer id || suffix`. */
	/** 质保期内每半年回访: `warranty:order:<id>:<half year>`; the SQL builds it as `prefix || order id || suffix`. */
	warranty: (period: Period) => ({ prefix: 'warranty:order:', suffix: `:${period.key}` }),
	periodic: (kind: 'periodic_phone' | 'key_account_onsite', period: Period) => ({
		prefix: `${kind}:customer:`,
		suffix: `:${period.key}`,
	}),
};

/** 产品售出一个月内首次回访: due `days` after the order is signed. */
export const firstRevisitDue = (signedOn: string, days: number): string => addDays(signedOn, days);

/** 处理投诉后及时回访: due `days` after the day the complaint is resolved. */
export const complaintRevisitDue = (resolvedOn: string, days: number): string => addDays(resolvedOn, days);

/** A complaint must be answered within `minutes` of being received. */
export const responseDueAt = (receivedAt: Date, minutes: number): Date =>
	new Date(receivedAt.getTime() + minutes * 60_000);

/** Per-severity minutes (visit_settings): the response falls back to `complaint_response_minutes` when a severity has none. */
export interface ComplaintMinutes {
	complaint_response_minutes: number;
	complaint_response_minutes_low: number | null;
	complaint_response_minutes_high: number | null;
	complaint_response_minutes_critical: number | null;
	complaint_resolution_minutes_low: number;
	complaint_resolution_minutes_medium: number;
	complaint_resolution_minutes_high: number;
	complaint_resolution_minutes_critical: number;
}

export type ComplaintSeverity = 'low' | 'medium' | 'high' | 'critical';

/** 在X分钟内答复、按时解决: a complaint's response and resolution deadlines, from its received_at and severity. */
export function complaintDeadlines(
	receivedAt: Date,
	severity: string,
	minutes: ComplaintMinutes,
): { response_due_at: Date; resolution_due_at: Date } {
	const sev: ComplaintSeverity = (['low', 'medium', 'high', 'critical'] as const).includes(
		severity as ComplaintSeverity,
	)
		? (severity as ComplaintSeverity)
		: 'medium';
	const response =
		sev === 'medium'
			? minutes.complaint_response_minutes
			: (minutes[`complaint_response_minutes_${sev}`] ?? minutes.complaint_response_minutes);
	return {
		response_due_at: responseDueAt(receivedAt, response),
		resolution_due_at: responseDueAt(receivedAt, minutes[`complaint_resolution_minutes_${sev}`]),
	};
}

/** A satisfaction score is a whole number from 1 to 5. */
export const isSatisfaction = (value: unknown): value is number =>
	Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5;

/** 满意: a revisit's score of 4 (满意) or 5 (非常满意); 3 (一般) and below are not (the 客户满意度 KPI). */
export const SATISFIED_FROM = 4;
export const isSatisfied = (score: number | null): boolean => score !== null && score >= SATISFIED_FROM;

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * The day a birthday (`YYYY-MM-DD`, any year) falls on in `year`: its month and day, and a
 * birthday on 29 February on the 28th in a year without one.
 */
export function birthdayIn(birthday: string, year: number): string {
	const md = birthday.slice(5, 10);
	return `${year}-${md === '02-29' && !isLeap(year) ? '02-28' : md}`;
}

/** The next birthday on or after `today` (both the company's dates). */
export function nextBirthday(birthday: string, today: string): string {
	const year = Number(today.slice(0, 4));
	const thisYear = birthdayIn(birthday, year);
	return thisYear >= today ? thisYear : birthdayIn(birthday, year + 1);
}

/**
 * The birthdays a care sweep on `today` reminds of, `days` ahead (today included): per year of
 * the birthday (a window across New Year has two), the `MM-DD` a contact's birthday is stored
 * with. 29 February is celebrated on the 28th in a year without one, so it joins that day.
 */
export function birthdayWindow(today: string, days: number): { year: number; monthDays: string[] }[] {
	const span = Math.max(0, Math.trunc(days) || 0);
	const byYear = new Map<number, string[]>();
	for (let i = 0; i <= span && i <= 366; i++) {
		const day = addDays(today, i);
		const year = Number(day.slice(0, 4));
		const list = byYear.get(year) ?? byYear.set(year, []).get(year)!;
		const md = day.slice(5, 10);
		if (!list.includes(md)) list.push(md);
		if (md === '02-28' && !isLeap(year)) list.push('02-29');
	}
	return [...byYear].map(([year, monthDays]) => ({ year, monthDays }));
}

/** Whether a festival on `date` is within the reminder window of `today`: `days` ahead, today included. */
export const festivalDue = (date: string, today: string, days: number): boolean =>
	date >= today && date <= addDays(today, Math.max(0, Math.trunc(days) || 0));

/** The key of a care reminder: one per contact's birthday, per festival and owner, per year. */
export const careReminderKey = {
	birthday: (contact: number | string) => String(contact),
	festival: (festival: string, owner: string) => `${festival}:${owner}`,
};

/** 质保期内每半年一次回访: its due date in the half year of `today` for a warranty ending `until` (none once it has ended). */
export function warrantyRevisitDue(today: string, until: string): string | null {
	const half = periodOf(today, 6);
	if (until < today) return null;
	return until < half.end ? until : half.end;
}
