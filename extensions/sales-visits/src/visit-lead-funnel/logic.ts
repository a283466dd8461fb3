/**
 * `visit-lead-funnel` (意向客户漏斗): the lead grades H/A/B/C/O a person's, team's or the
 * company's customers reached in the period, and how many of each converted to O (成交),
 * from GET /visit-kpi/summary's `funnel`.
 */
import type { Label } from '../domain/choices.ts';
import { formatValue, type Grade, type KpiSummary } from '../shared/insights.ts';
import { t } from '../shared/texts.ts';

export const GRADES: Grade[] = ['H', 'A', 'B', 'C', 'O'];

/** What each grade means (销售线索分级). */
export const gradeLabels: Record<Grade, Label> = {
	H: t('H级：7天内可成交', 'H: to order within 7 days'),
	A: t('A级：1个月内可成交', 'A: to order within a month'),
	B: t('B级：3个月内可成交', 'B: to order within 3 months'),
	C: t('C级：3个月以上', 'C: beyond 3 months'),
	O: t('O级：已成交', 'O: ordered'),
};

export const texts = {
	title: t('{name} · {period}', '{name} · {period}'),
	reached: t('{n} 家', '{n}'),
	conversion: t('转化为O级 {rate}（{converted}/{of}）', 'to O {rate} ({converted}/{of})'),
	empty: t('本期没有意向客户', 'No leads in the period'),
} satisfies Record<string, Label>;

export interface FunnelStep {
	grade: Grade;
	reached: number;
	/** Bar width, percent of the largest grade (at least a sliver when not empty). */
	width: number;
	conversion: { converted: number; of: number; rate: string } | null;
}

export function funnelSteps(funnel: KpiSummary['funnel'] | null | undefined): FunnelStep[] {
	const reached = new Map((funnel?.grades ?? []).map((g) => [g.grade, g.reached]));
	const conversions = new Map((funnel?.conversions ?? []).map((c) => [c.from, c]));
	const max = Math.max(0, ...GRADES.map((g) => reached.get(g) ?? 0));
	return GRADES.map((grade) => {
		const n = reached.get(grade) ?? 0;
		const c = conversions.get(grade);
		return {
			grade,
			reached: n,
			width: max ? Math.max(n ? 4 : 0, Math.round((n / max) * 100)) : 0,
			conversion: c
				? { converted: c.converted, of: c.of, rate: formatValue('ratio', c.rate ?? (c.of ? c.converted / c.of : null)) }
				: null,
		};
	});
}

export const isEmpty = (steps: readonly FunnelStep[]) => steps.every((s) => s.reached === 0);
