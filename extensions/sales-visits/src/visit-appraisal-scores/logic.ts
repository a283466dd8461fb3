/**
 * What the appraisal form's score table (`visit-appraisal-scores`) shows, kept out of the Vue
 * file so that it is type-checked and unit-tested. The numbers are the server's (the appraisal's
 * `item_scores`, `score` and `level`, written by POST /visit-appraisals/generate); this only
 * names, words and measures them: a KPI by its label in domain/kpi.ts, a ratio in percent.
 */
import type { ItemScore, LevelBand } from '../domain/appraisals.ts';
import { appraisalLevels, type Label } from '../domain/choices.ts';
import { kpiByKey, type KpiUnit } from '../domain/kpi.ts';
import { errorMessage } from '../shared/errors.ts';
import { say, t, type Lang } from '../shared/texts.ts';

export { errorMessage, say, type Lang };

export const texts = {
	kpi: t('考核指标', 'KPI'),
	value: t('实际', 'Actual'),
	target: t('目标', 'Target'),
	points: t('得分 / 权重', 'Points / weight'),
	total: t('总分', 'Total score'),
	level: t('考核等级', 'Level'),
	consequence: t('考核结果', 'What it means'),
	nothing: t('本期无可考核数据，按满分计', 'Nothing to measure this period: full points'),
	empty: t('尚无各项得分（期间结束后由系统生成）', 'No item scores yet: the server computes them once the period ends'),
	loading: t('加载中…', 'Loading…'),
} satisfies Record<string, Label>;

/** The Studio theme's colour per level, so dark and light themes both read right. */
export const levelColors: Record<keyof typeof appraisalLevels, string> = {
	excellent: 'var(--theme--success)',
	good: 'var(--theme--primary)',
	pass: 'var(--theme--foreground-subdued)',
	warning: 'var(--theme--warning)',
	fail: 'var(--theme--danger)',
};

/** `item_scores` as the form gives it: a list, or its JSON text on a database without JSON columns. */
export function parseItemScores(value: unknown): ItemScore[] {
	let list = value;
	if (typeof value === 'string') {
		try {
			list = JSON.parse(value);
		} catch {
			return [];
		}
	}
	if (!Array.isArray(list)) return [];
	return list
		.filter((s): s is Record<string, unknown> => s !== null && typeof s === 'object' && typeof s.kpi === 'string')
		.map((s) => ({
			kpi: s.kpi as string,
			value: s.value === null || s.value === undefined ? null : Number(s.value),
			target: Number(s.target),
			points: Number(s.points),
			weight: Number(s.weight),
		}));
}

const trim = (n: number) => String(Math.round(n * 100) / 100);

/** A value in the KPI's unit: a ratio in percent (95 → `95%`), a count as counted, an amount in whole yuan. */
export function formatAppraisalValue(unit: KpiUnit, value: number | null): string {
	if (value === null || !Number.isFinite(value)) return '—';
	if (unit === 'ratio') return `${Math.round(value * 10) / 10}%`;
	if (unit === 'amount') return Math.round(value).toLocaleString('en-US');
	return trim(value);
}

export interface ScoreRow {
	kpi: string;
	label: Label;
	value: string;
	/** `≥ 95%`, or `≤ 100%` where lower is better. */
	target: string;
	points: string;
	weight: string;
	/** Points as a percent of the weight, 0–100, for the bar. */
	percent: number;
	/** Nothing to measure: scored at its full weight. */
	nothing: boolean;
}

export function scoreRows(scores: readonly ItemScore[]): ScoreRow[] {
	return scores.map((s) => {
		const kpi = kpiByKey(s.kpi);
		const unit = kpi?.unit ?? 'count';
		const percent = s.weight > 0 ? Math.max(0, Math.min(100, Math.round((s.points / s.weight) * 100))) : 0;
		return {
			kpi: s.kpi,
			label: kpi?.label ?? { 'zh-CN': s.kpi, 'en-US': s.kpi },
			value: formatAppraisalValue(unit, s.value),
			target: `${kpi?.better === 'lower' ? '≤' : '≥'} ${formatAppraisalValue(unit, s.target)}`,
			points: trim(s.points),
			weight: trim(s.weight),
			percent,
			nothing: s.value === null,
		};
	});
}

/** The total as stored, else the sum of the points; and the weights' sum. */
export function scoreTotal(scores: readonly ItemScore[], score: unknown) {
	const stored = score === null || score === undefined || score === '' ? NaN : Number(score);
	const sum = scores.reduce((all, s) => all + s.points, 0);
	return {
		score: trim(Number.isFinite(stored) ? stored : sum),
		weight: trim(scores.reduce((all, s) => all + s.weight, 0)),
	};
}

export const levelLabel = (level: unknown): Label | null =>
	typeof level === 'string' && level in appraisalLevels ? appraisalLevels[level as keyof typeof appraisalLevels] : null;

/** The scheme's consequence for the level (its band's `consequence`), in the user's language; null when it names none. */
export function consequenceOf(levels: unknown, level: unknown, lang: Lang): string | null {
	let bands = levels;
	if (typeof levels === 'string') {
		try {
			bands = JSON.parse(levels);
		} catch {
			return null;
		}
	}
	if (!Array.isArray(bands) || typeof level !== 'string') return null;
	const band = (bands as Partial<LevelBand>[]).find((b) => b && b.level === level);
	const text = band?.consequence?.[lang] ?? band?.consequence?.['zh-CN'];
	return typeof text === 'string' && text.trim() ? text : null;
}

/** The scheme's id from the form's `scheme` value (an id, or the related row). */
export const schemeIdOf = (scheme: unknown): string | number | null =>
	typeof scheme === 'number' || (typeof scheme === 'string' && scheme)
		? scheme
		: scheme && typeof scheme === 'object' && 'id' in scheme
			? ((scheme as { id: string | number }).id ?? null)
			: null;
