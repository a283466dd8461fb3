/** The attainment panel's wording and reading, kept pure (unit-tested). */
import type { Label } from '../domain/choices.ts';
import { t } from '../shared/texts.ts';

export const texts = {
	empty: t('没有可查看的已批准月度目标', 'No approved month targets you may read'),
	badYear: t('面板设置的年度无效，请使用 YYYY', 'The panel’s year is not valid: use YYYY'),
	person: t('人员', 'Person'),
	year: t('全年', 'Year'),
	caption: t('{year} 年 · 签约额 / 目标', '{year} · signed sales / target'),
	withheld: t('无权查看', 'Withheld'),
	cell: t('{name} {month}：签约 {actual} / 目标 {target}', '{name} {month}: signed {actual} / target {target}'),
} satisfies Record<string, Label>;

export type YearMode = 'this_year' | 'last_year' | 'fixed';

/** The year asked for, from the options and the company's date; null when a given year is malformed. */
export function requestedYear(
	mode: YearMode | string | null | undefined,
	fixed: string | null | undefined,
	today: string,
) {
	const y = Number(today.slice(0, 4));
	if (mode === 'last_year') return y - 1;
	if (mode === 'fixed') return /^\d{4}$/.test(fixed?.trim() ?? '') ? Number(fixed!.trim()) : null;
	return y;
}

/** A rate as a whole percentage; — without one. */
export const percent = (rate: number | null): string => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

/** The band a rate colours its cell: met, close (80 %), short, or none. */
export const band = (rate: number | null): 'met' | 'close' | 'short' | 'none' =>
	rate === null ? 'none' : rate >= 1 ? 'met' : rate >= 0.8 ? 'close' : 'short';

/** Cents as yuan, grouped. */
export const yuan = (cents: number | null, lang: string) =>
	cents === null ? '—' : (cents / 100).toLocaleString(lang, { maximumFractionDigits: 0 });
