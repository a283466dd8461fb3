/** The counters' key of a quota period (kpi_periods.period, kpi_customer_counters.period). */
import type { QuotaPeriod } from '../domain/quota.ts';

/** The key of the `kind` period holding `month` (`YYYY-MM-01`): `2026-11`, `2026-Q4`, `2026-H2`, `2026`. */
export const periodKey: Record<QuotaPeriod, (month: string) => string> = {
	month: (d) => d.slice(0, 7),
	quarter: (d) => `${d.slice(0, 4)}-Q${Math.ceil(Number(d.slice(5, 7)) / 3)}`,
	half_year: (d) => `${d.slice(0, 4)}-H${Number(d.slice(5, 7)) <= 6 ? 1 : 2}`,
	year: (d) => d.slice(0, 4),
};
