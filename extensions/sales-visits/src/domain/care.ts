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

/** A satisfaction score is a whole number from 1 to 5. */
export const isSatisfaction = (value: unknown): value is number =>
	Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5;

/** 满意: a revisit's score of 4 (满意) or 5 (非常满意); 3 (一般) and below are not (the 客户满意度 KPI). */
export const SATISFIED_FROM = 4;
export const isSatisfied = (score: number | null): boolean => score !== null && score >= SATISFIED_FROM;
