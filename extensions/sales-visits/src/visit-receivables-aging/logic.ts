/**
 * `visit-receivables-aging` (应收账龄): the open amounts of a person's, team's or the company's
 * payment schedules by days past due as of today (0–30 / 31–60 / 61–90 / over 90), and those not
 * yet due, from GET /visit-kpi/summary's `receivables`.
 */
import type { Label } from '../domain/choices.ts';
import { agingBuckets } from '../domain/choices.ts';
import { formatValue, type KpiSummary } from '../shared/insights.ts';
import { t } from '../shared/texts.ts';

export const texts = {
	title: t('{name} · 截至 {date}', '{name} · as of {date}'),
	notDue: t('未到期', 'Not yet due'),
	overdue: t('逾期合计 {amount}', 'Overdue in all {amount}'),
	withheld: t('你无权查看这些应收款', 'You may not read these receivables'),
} satisfies Record<string, Label>;

export interface AgingRow {
	bucket: string;
	label: Label;
	amount: string;
	/** Bar width, percent of the largest overdue bucket (at least a sliver when not empty). */
	width: number;
	/** Older buckets are worse: 0 (0–30 days) to 3 (over 90). */
	severity: number;
}

type Receivables = NonNullable<KpiSummary['receivables']>;

export function agingRows(receivables: Receivables | null | undefined): AgingRow[] {
	const aging = receivables?.aging ?? [];
	const max = Math.max(0, ...aging.map((a) => a.amount));
	return aging.map((a, i) => ({
		bucket: a.bucket,
		label: agingBuckets[a.bucket as keyof typeof agingBuckets] ?? { 'zh-CN': a.bucket, 'en-US': a.bucket },
		amount: formatValue('amount', a.amount),
		width: max ? Math.max(a.amount ? 4 : 0, Math.round((a.amount / max) * 100)) : 0,
		severity: i,
	}));
}

/** What is overdue altogether, and what is not yet due. */
export function agingTotals(receivables: Receivables | null | undefined) {
	return {
		overdue: formatValue(
			'amount',
			(receivables?.aging ?? []).reduce((sum, a) => sum + a.amount, 0),
		),
		notDue: formatValue('amount', receivables?.not_due ?? null),
	};
}
