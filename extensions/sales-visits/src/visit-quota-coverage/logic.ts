/**
 * What the Insights panel `visit-quota-coverage` (拜访达标) shows: per rep, customers with a
 * requirement, met, at risk, missed and coverage for one month. The numbers are
 * GET /visit-quotas/compliance's; this picks the month, sorts, words and colours.
 */
import type { Label } from '../domain/choices.ts';
import { monthOfPeriod } from '../domain/input.ts';
import { formatValue } from '../shared/insights.ts';
import { say, t, type Lang } from '../shared/texts.ts';

/** Every text of the panel, in both languages. */
export const texts = {
	rep: t('人员', 'Rep'),
	withRequirement: t('有要求客户', 'With a requirement'),
	met: t('达标', 'Met'),
	atRisk: t('有风险', 'At risk'),
	missed: t('未达标', 'Missed'),
	coverage: t('达标率', 'Coverage'),
	total: t('合计', 'Total'),
	month: t('统计月份 {month}', 'Month {month}'),
	empty: t('没有可查看的人员', 'No reps to show'),
	badMonth: t('面板设置的月份无效，请使用 YYYY-MM', 'The panel’s month is not valid: use YYYY-MM'),
	loading: t('加载中…', 'Loading…'),
} satisfies Record<string, Label>;

export type PeriodMode = 'current' | 'previous' | 'fixed';

/** One rep of GET /visit-quotas/compliance → data.reps. */
export interface RepRow {
	owner: string;
	name: string;
	customers: number;
	with_requirement: number;
	met: number;
	at_risk: number;
	missed: number;
	coverage: number | null;
}

export type SortKey = 'name' | 'with_requirement' | 'met' | 'at_risk' | 'missed' | 'coverage';

/** The month before `YYYY-MM`. */
export function previousMonth(month: string): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * The `period` to ask for: undefined lets the server take its own current month (its time
 * zone decides, not the browser's); null when the fixed month in the options is not YYYY-MM.
 * `currentMonth` (YYYY-MM) is this month in the company's time zone (visit_settings.timezone).
 */
export function requestedPeriod(
	mode: PeriodMode | null | undefined,
	fixed: string | null | undefined,
	currentMonth: string,
): string | null | undefined {
	if (mode === 'fixed') return monthOfPeriod(fixed?.trim()) ? fixed!.trim() : null;
	if (mode === 'previous') return previousMonth(currentMonth);
	return undefined;
}

/** The owner option: the user picker stores `{ key, collection }`, an API client may store the id. */
export const ownerOf = (option: unknown): string | null =>
	typeof option === 'string' && option
		? option
		: option && typeof option === 'object' && typeof (option as { key?: unknown }).key === 'string'
			? (option as { key: string }).key
			: null;

export function compliancePath(period: string | undefined, owner: string | null): string {
	const query = new URLSearchParams();
	if (period) query.set('period', period);
	if (owner) query.set('owner', owner);
	const qs = query.toString();
	return `/visit-quotas/compliance${qs ? `?${qs}` : ''}`;
}

/** Sorted copy; reps without a requirement (no coverage) stay last either way, then by name. */
export function sortReps(reps: readonly RepRow[], key: SortKey, descending: boolean, lang: Lang): RepRow[] {
	const byName = (a: RepRow, b: RepRow) => a.name.localeCompare(b.name, lang);
	return [...reps].sort((a, b) => {
		if (key === 'coverage' && (a.coverage === null) !== (b.coverage === null)) return a.coverage === null ? 1 : -1;
		const diff = key === 'name' ? byName(a, b) : (a[key] ?? 0) - (b[key] ?? 0);
		return (descending ? -diff : diff) || byName(a, b);
	});
}

/** Colour band of a coverage: 90 % and up good, 60 % and up fair, below poor. */
export type Band = 'good' | 'fair' | 'poor' | 'none';
export const bandOf = (coverage: number | null): Band =>
	coverage === null ? 'none' : coverage >= 0.9 ? 'good' : coverage >= 0.6 ? 'fair' : 'poor';
export const bandColors: Record<Band, string> = {
	good: 'var(--theme--success)',
	fair: 'var(--theme--warning)',
	poor: 'var(--theme--danger)',
	none: 'var(--theme--foreground-subdued)',
};

/** Coverage as every panel shows a ratio: rounded down, so 199 of 200 is not yet 100 %. */
export const percent = (coverage: number | null) => formatValue('ratio', coverage);

/** The team line: the reps' counts added up, coverage over all their customers with a requirement. */
export function totals(reps: readonly RepRow[]): Omit<RepRow, 'owner' | 'name'> {
	const sum = (k: 'customers' | 'with_requirement' | 'met' | 'at_risk' | 'missed') =>
		reps.reduce((n, r) => n + r[k], 0);
	const withRequirement = sum('with_requirement');
	return {
		customers: sum('customers'),
		with_requirement: withRequirement,
		met: sum('met'),
		at_risk: sum('at_risk'),
		missed: sum('missed'),
		coverage: withRequirement ? sum('met') / withRequirement : null,
	};
}

export const monthTitle = (month: string, lang: Lang) => say(texts.month, lang, { month });
