/**
 * What a request may carry, checked where it comes in (the endpoints' parameters and bodies,
 * the items API's payloads) so that nothing malformed reaches a query or a loop: ids are
 * plain positive integers of a Postgres `integer`, dates and periods fall in years of real
 * business, text has no NUL byte (Postgres refuses it) and a length bound, numbers are
 * finite and fit their column.
 */

/** The largest Postgres `integer` (int4): ids and integer columns. */
export const INT4_MAX = 2_147_483_647;

/** Years a stored date may fall in (a contact's birthday as well as a plan's period). */
export const DATE_YEARS = { min: 1900, max: 2199 } as const;

/** Years a report period (`YYYY-MM`, `YYYY-Qn`, `YYYY`) or a route's day may fall in. */
export const PERIOD_YEARS = { min: 2000, max: 2199 } as const;

/** The longest comment, reason, summary or note accepted, in characters. */
export const TEXT_MAX = 10_000;

/** The most follow-ups one report may promise. */
export const FOLLOW_UPS_MAX = 20;

type Years = { readonly min: number; readonly max: number };

const inYears = (year: number, years: Years) => year >= years.min && year <= years.max;

/**
 * A positive int4 id, from a number or from the decimal digits of a string; null for
 * anything else (` 1`, `%201`, `0x1F`, `1e3`, `01`, `2147483648`, `1.0`).
 */
export function toId(value: unknown): number | null {
	if (typeof value === 'number') return Number.isInteger(value) && value > 0 && value <= INT4_MAX ? value : null;
	if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value)) return null;
	const id = Number(value);
	return id <= INT4_MAX ? id : null;
}

/** A calendar date `YYYY-MM-DD` that exists, in `years`. */
export function isIsoDate(value: unknown, years: Years = DATE_YEARS): value is string {
	if (typeof value !== 'string') return false;
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!m || !inYears(Number(m[1]), years)) return false;
	const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	return day.getUTCMonth() === Number(m[2]) - 1 && day.getUTCDate() === Number(m[3]);
}

/**
 * A moment as the items API takes it: an ISO date, optionally with a time (`T` or a space,
 * seconds and fraction optional) and an offset, that exists and falls in `years`.
 */
export function isIsoDateTime(value: unknown, years: Years = DATE_YEARS): value is string {
	if (typeof value !== 'string') return false;
	const m =
		/^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](?:0\d|1[0-4]):?[0-5]\d)?)?$/.exec(
			value,
		);
	if (!m || !isIsoDate(m[1], years)) return false;
	return m[2] === undefined || (Number(m[2]) <= 23 && Number(m[3]) <= 59 && Number(m[4] ?? 0) <= 59);
}

/** A time of day `HH:MM` or `HH:MM:SS`. */
export const isTimeOfDay = (value: unknown): value is string =>
	typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(value);

/** A year of real business for a report period. */
export const isPeriodYear = (year: number): boolean => Number.isInteger(year) && inYears(year, PERIOD_YEARS);

/** `YYYY-MM` in PERIOD_YEARS → its first day `YYYY-MM-01`, or null. */
export function monthOfPeriod(value: unknown): string | null {
	const m = typeof value === 'string' ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value) : null;
	return m && isPeriodYear(Number(m[1])) ? `${value}-01` : null;
}

/** A user id as Directus writes them. */
export const isUuid = (value: unknown): value is string =>
	typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** Text that Postgres stores as sent: no NUL byte, at most `max` characters. */
export const isCleanText = (value: unknown, max = TEXT_MAX): value is string =>
	typeof value === 'string' && !value.includes('\u0000') && value.length <= max;

/** A number or a numeric string (`12`, `-3.5`), as a finite number; null otherwise. */
export function toNumber(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value.trim())) return null;
	return Number(value);
}

/** An integer column's value: a whole number within int4. */
export function isInt4(value: unknown): boolean {
	const n = toNumber(value);
	return n !== null && Number.isInteger(n) && Math.abs(n) <= INT4_MAX;
}

/** A `decimal(precision, scale)` column's value: finite, with at most precision − scale digits before the point. */
export function fitsDecimal(value: unknown, precision: number, scale: number): boolean {
	const n = toNumber(value);
	return n !== null && Math.abs(n) < 10 ** (precision - scale);
}

/** A `real` column's value: finite and within single precision. */
export function isReal(value: unknown): boolean {
	const n = toNumber(value);
	return n !== null && Math.abs(n) <= 3.4e38;
}
