/**
 * `visit-sales-pipeline` (商机管道): the open opportunities of a person, a team or the company by
 * stage, as of now: how many, their expected amount and the amount weighted by probability, from
 * GET /visit-kpi/summary's `pipeline`.
 */
import type { Label } from '../domain/choices.ts';
import { opportunityStages } from '../domain/choices.ts';
import { formatValue, type KpiSummary } from '../shared/insights.ts';
import { t } from '../shared/texts.ts';

export const texts = {
	title: t('{name} · 截至今日', '{name} · as of today'),
	count: t('{n} 个', '{n}'),
	amounts: t('金额 {amount} · 加权 {weighted}', 'amount {amount} · weighted {weighted}'),
	total: t('合计 {n} 个 · 金额 {amount} · 加权 {weighted}', 'Total {n} · amount {amount} · weighted {weighted}'),
	empty: t('没有进行中的商机', 'No open opportunities'),
	withheld: t('你无权查看这些商机', 'You may not read these opportunities'),
} satisfies Record<string, Label>;

export interface PipelineRow {
	stage: string;
	label: Label;
	count: number;
	amount: string;
	weighted: string;
	/** Bar width, percent of the largest stage amount (at least a sliver when not empty). */
	width: number;
}

type Pipeline = NonNullable<KpiSummary['pipeline']>;

export function pipelineRows(pipeline: Pipeline | null | undefined): PipelineRow[] {
	const stages = pipeline?.stages ?? [];
	const max = Math.max(0, ...stages.map((s) => s.amount));
	return stages.map((s) => ({
		stage: s.stage,
		label: opportunityStages[s.stage as keyof typeof opportunityStages] ?? { 'zh-CN': s.stage, 'en-US': s.stage },
		count: s.count,
		amount: formatValue('amount', s.amount),
		weighted: formatValue('amount', s.weighted),
		width: max ? Math.max(s.amount ? 4 : 0, Math.round((s.amount / max) * 100)) : 0,
	}));
}

/** The open opportunities altogether. */
export function pipelineTotal(pipeline: Pipeline | null | undefined) {
	const stages = pipeline?.stages ?? [];
	const sum = (key: 'count' | 'amount' | 'weighted') => stages.reduce((all, s) => all + s[key], 0);
	return {
		n: sum('count'),
		amount: formatValue('amount', sum('amount')),
		weighted: formatValue('amount', sum('weighted')),
	};
}

export const isEmpty = (rows: readonly PipelineRow[]) => rows.every((r) => r.count === 0);
