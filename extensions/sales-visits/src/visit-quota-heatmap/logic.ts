/**
 * `visit-quota-heatmap` (达标热力图): per rep and customer tier (A/B/C/D), how many customers
 * with a visit quota met it in the month, coloured by coverage. The lines are
 * GET /visit-quotas/compliance's (scoped to the caller); this groups and colours them.
 */
import type { Label } from '../domain/choices.ts';
import { bandOf, percent, type Band } from '../visit-quota-coverage/logic.ts';
import { t } from '../shared/texts.ts';

export { bandOf, percent, type Band };

export const TIERS = ['A', 'B', 'C', 'D'] as const;
export type Tier = (typeof TIERS)[number];

export const texts = {
	rep: t('人员', 'Rep'),
	tier: t('{tier}级客户', 'Tier {tier}'),
	total: t('合计', 'Total'),
	month: t('统计月份 {month}', 'Month {month}'),
	empty: t('没有可查看的人员', 'No reps to show'),
	cell: t('{name} · {tier}级：{met} / {of} 达标', '{name} · tier {tier}: {met} of {of} met'),
	legend: t('达标 / 有要求的客户', 'met / customers with a requirement'),
} satisfies Record<string, Label>;

/** The heat of a cell: the Studio theme's colours, faint to strong as coverage falls. */
export const cellColors: Record<Band, string> = {
	good: 'var(--theme--success-background, #e6f7ec)',
	fair: 'var(--theme--warning-background, #fff4e0)',
	poor: 'var(--theme--danger-background, #fde8e8)',
	none: 'transparent',
};
export const cellInk: Record<Band, string> = {
	good: 'var(--theme--success)',
	fair: 'var(--theme--warning)',
	poor: 'var(--theme--danger)',
	none: 'var(--theme--foreground-subdued)',
};

export interface ComplianceLine {
	owner: string;
	tier?: string | null;
	rule: unknown | null;
	status: string | null;
}

export interface Cell {
	met: number;
	of: number;
	coverage: number | null;
	band: Band;
}

export interface HeatRow {
	owner: string;
	name: string;
	cells: Record<Tier, Cell>;
	total: Cell;
}

const cell = (met: number, of: number): Cell => {
	const coverage = of ? met / of : null;
	return { met, of, coverage, band: bandOf(coverage) };
};

/** One row per rep (in the order given, which the caller sorts), a total row last when there are several. */
export function heatMatrix(
	lines: readonly ComplianceLine[],
	reps: readonly { owner: string; name: string }[],
): { rows: HeatRow[]; total: HeatRow } {
	const counts = new Map<string, Record<Tier, { met: number; of: number }>>();
	const blank = () =>
		Object.fromEntries(TIERS.map((tier) => [tier, { met: 0, of: 0 }])) as Record<Tier, { met: number; of: number }>;
	for (const l of lines) {
		if (!l.rule || !TIERS.includes(l.tier as Tier)) continue;
		const mine = counts.get(l.owner) ?? blank();
		counts.set(l.owner, mine);
		mine[l.tier as Tier].of++;
		if (l.status === 'met') mine[l.tier as Tier].met++;
	}
	const row = (owner: string, name: string, c: Record<Tier, { met: number; of: number }>): HeatRow => {
		const met = TIERS.reduce((n, tier) => n + c[tier].met, 0);
		const of = TIERS.reduce((n, tier) => n + c[tier].of, 0);
		return {
			owner,
			name,
			cells: Object.fromEntries(TIERS.map((tier) => [tier, cell(c[tier].met, c[tier].of)])) as Record<Tier, Cell>,
			total: cell(met, of),
		};
	};
	const rows = reps.map((r) => row(r.owner, r.name, counts.get(r.owner) ?? blank()));
	const all = blank();
	for (const r of rows)
		for (const tier of TIERS) {
			all[tier].met += r.cells[tier].met;
			all[tier].of += r.cells[tier].of;
		}
	return { rows, total: row('', '', all) };
}

/** By name, in the caller's language. */
export const byName = <R extends { name: string }>(rows: readonly R[], lang: string) =>
	[...rows].sort((a, b) => a.name.localeCompare(b.name, lang));
