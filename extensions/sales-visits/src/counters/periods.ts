/** The counters' key of a quota period (kpi_periods.period, kpi_customer_counters.period). */
import type { QuotaPeriod } from '../domain/quota.ts';

/** The key of the `kind` period holding `month` (`YYYY-MM-01`): `2026-11`, `2026-Q4`, `2026-H2`, `2026`. */
export const periodKey: Record<QuotaPeriod, (month: string) => string> = {
	month: (d) => d.slice(0, 7),
	quarter: (d) => `${d.slice(0, 4)}-Q${Math.ceil(Number(d.slice(5, 7)) / 3)}`,
	half_year: (d) => `${d.slice(0, 4)}-H${Number(d.slice(5, 7)) <= 6 ? 1 : 2}`,
	year: (d) => d.slice(0, 4),
};

/** Day 0 of the counters' day keys. */
const DAY_ZERO = Date.UTC(2000, 0, 1);

/**
 * A day's key in the counters' `month` column (7 characters wide): `D` and the day number since
 * 2000-01-01, five digits, so that keys sort as the days do (up to 2273) and apart from months.
 */
export const dayKey = (day: string): string =>
	`D${String(Math.round((Date.parse(`${day.slice(0, 10)}T00:00:00Z`) - DAY_ZERO) / 86_400_000)).padStart(5, '0')}`;
