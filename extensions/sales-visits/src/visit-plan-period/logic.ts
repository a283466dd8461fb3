/**
 * What the plan period picker (`visit-plan-period`) shows, kept out of the Vue file so that it is
 * type-checked and unit-tested. It only turns a month into its first day and words the period;
 * the server checks the start and fills the end.
 */
import type { Label } from '../domain/choices.ts';
import { isPeriodYear, PERIOD_YEARS } from '../domain/input.ts';
import { periodEnd } from '../domain/plan-rules.ts';
import { say, t, type Lang } from '../shared/texts.ts';

export { PERIOD_YEARS, say, type Lang };

export const texts = {
	year: t('年份', 'Year'),
	previousYear: t('上一年', 'Previous year'),
	nextYear: t('下一年', 'Next year'),
	period: t('计划期间：{from} 至 {to}', 'Period: {from} to {to}'),
	pick: t('请选择月份', 'Pick a month'),
} satisfies Record<string, Label>;

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The twelve months to tap, in the user's language. */
export const monthLabels = (lang: Lang): string[] => EN_MONTHS.map((en, i) => (lang === 'zh-CN' ? `${i + 1}月` : en));

/** The year and month (1–12) of a stored date, or null. */
export function monthOf(value: unknown): { year: number; month: number } | null {
	const match = typeof value === 'string' ? /^(\d{4})-(\d{2})/.exec(value) : null;
	return match ? { year: Number(match[1]), month: Number(match[2]) } : null;
}

/** The first day of a month: what a month plan's period_start holds. */
export const firstDay = (year: number, month: number): string =>
	`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;

/** The month after `today` (YYYY-MM-DD): 每月底提出次月拜访计划, so the one a new month plan is usually for. */
export function nextMonth(today: string): { year: number; month: number } {
	const [y, m] = today.split('-').map(Number) as [number, number];
	return m === 12 ? { year: y + 1, month: 1 } : { year: y, month: m + 1 };
}

/** The line under the months: the period the plan will cover. */
export function periodLine(value: unknown, lang: Lang): string {
	const picked = monthOf(value);
	if (!picked) return say(texts.pick, lang);
	const from = firstDay(picked.year, picked.month);
	return say(texts.period, lang, { from, to: periodEnd('month', from) });
}

/** A year typed in the box, when it is one the server takes. */
export const yearOf = (typed: unknown): number | null => {
	const year = Number(typed);
	return isPeriodYear(year) ? year : null;
};
