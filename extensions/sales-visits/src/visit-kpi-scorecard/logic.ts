/**
 * `visit-kpi-scorecard` (KPI 记分卡): for the chosen KPIs of GET /visit-kpi/summary, the
 * value, the target (the green band), the trend since the previous period and the light.
 */
import type { Label } from '../domain/choices.ts';
import { kpis } from '../domain/kpi.ts';
import {
	formatTarget,
	formatValue,
	lightColors,
	type KpiReading,
	type KpiSummary,
	type Lang,
} from '../shared/insights.ts';
import { t } from '../shared/texts.ts';

export const texts = {
	kpi: t('指标', 'KPI'),
	value: t('本期', 'Value'),
	target: t('目标', 'Target'),
	trend: t('较上期', 'vs previous'),
	light: t('状态', 'Status'),
	previous: t('上期 {value}', 'Previous {value}'),
	title: t('{name} · {period}', '{name} · {period}'),
	empty: t('没有选中的指标', 'No KPI chosen'),
	better: t('变好', 'Better'),
	worse: t('变差', 'Worse'),
	same: t('持平', 'Unchanged'),
} satisfies Record<string, Label>;

export type Arrow = 'up' | 'down' | 'flat' | null;

export interface ScorecardRow {
	key: string;
	label: string;
	formula: string;
	value: string;
	target: string;
	previous: string;
	/** Which way the value moved; its colour says whether that is good. */
	arrow: Arrow;
	trend: KpiReading['trend'];
	trendColor: string;
	light: KpiReading['light'];
	lightColor: string;
}

/** The chosen keys that exist, in kpi.ts's order; none chosen (or none valid) means all. A CSV string (as an API client may save it) counts too. */
export function chosenKeys(option: unknown): string[] {
	const all: string[] = kpis.map((k) => k.key);
	const list: unknown[] = Array.isArray(option)
		? option
		: typeof option === 'string'
			? option.split(',').map((k) => k.trim())
			: [];
	const chosen = list.filter((k): k is string => typeof k === 'string' && all.includes(k));
	return chosen.length ? all.filter((k) => chosen.includes(k)) : all;
}

export function arrowOf(value: number | null, previous: number | null): Arrow {
	if (value === null || previous === null) return null;
	return value > previous ? 'up' : value < previous ? 'down' : 'flat';
}

export const trendColors: Record<'better' | 'worse' | 'same' | 'none', string> = {
	better: 'var(--theme--success)',
	worse: 'var(--theme--danger)',
	same: 'var(--theme--foreground-subdued)',
	none: 'var(--theme--foreground-subdued)',
};

export function scorecardRows(summary: Pick<KpiSummary, 'kpis'>, keys: readonly string[], lang: Lang): ScorecardRow[] {
	const byKey = new Map(summary.kpis.map((k) => [k.key, k]));
	return keys.flatMap((key) => {
		const k = byKey.get(key);
		// A KPI the reader may not see is left out, not shown as a dash.
		if (!k || k.withheld) return [];
		return [
			{
				key,
				label: k.label[lang],
				formula: k.formula?.[lang] ?? '',
				value: formatValue(k.unit, k.value),
				target: formatTarget(k),
				previous: formatValue(k.unit, k.previous?.value ?? null),
				arrow: arrowOf(k.value, k.previous?.value ?? null),
				trend: k.trend,
				trendColor: trendColors[k.trend ?? 'none'],
				light: k.light,
				lightColor: lightColors[k.light ?? 'none'],
			},
		];
	});
}
