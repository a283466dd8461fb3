/**
 * `visit-kpi-leaderboard` (团队排行榜): the people of a team (GET /visit-kpi/summary
 * `by=owner`) ranked on one KPI the good way (highest first when higher is better), with lights.
 */
import type { Label } from '../domain/choices.ts';
import { kpiByKey, type KpiDefinition } from '../domain/kpi.ts';
import { formatValue, lightColors, say, type KpiSummary, type Lang } from '../shared/insights.ts';
import { t } from '../shared/texts.ts';

export const texts = {
	rank: t('排名', 'Rank'),
	person: t('人员', 'Person'),
	value: t('数值', 'Value'),
	counts: t('分子 / 分母', 'Counted'),
	title: t('{kpi} · {name} · {period}', '{kpi} · {name} · {period}'),
	empty: t('没有可排名的人员', 'Nobody to rank'),
	badKpi: t('面板设置的指标无效', 'The panel’s KPI is not valid'),
	champion: t(
		'月度销售冠军：{names}（签约 {amount} 元）',
		'Sales champion of the month: {names} (signed CNY {amount})',
	),
} satisfies Record<string, Label>;

export interface LeaderRow {
	owner: string;
	name: string;
	/** 1, 2, 2, 4… ; null for whoever has nothing to measure (listed last). */
	rank: number | null;
	value: string;
	counts: string;
	light: 'green' | 'amber' | 'red' | null;
	lightColor: string;
}

export function rankOwners(
	byOwner: NonNullable<KpiSummary['by_owner']>,
	kpi: Pick<KpiDefinition, 'key' | 'unit' | 'better'>,
	lang: Lang,
): LeaderRow[] {
	const sign = kpi.better === 'higher' ? -1 : 1;
	const rows = byOwner.map((o) => ({
		o,
		k: o.kpis[kpi.key] ?? { numerator: 0, denominator: null, value: null, light: null },
	}));
	rows.sort((a, b) => {
		const [x, y] = [a.k.value, b.k.value];
		if ((x === null) !== (y === null)) return x === null ? 1 : -1;
		return (x === null || y === null ? 0 : sign * (x - y)) || a.o.name.localeCompare(b.o.name, lang);
	});
	let rank = 0;
	return rows.map(({ o, k }, i) => {
		if (k.value !== null && (i === 0 || rows[i - 1]!.k.value !== k.value)) rank = i + 1;
		return {
			owner: o.owner,
			name: o.name,
			rank: k.value === null ? null : rank,
			value: formatValue(kpi.unit, k.value),
			counts:
				k.numerator === null
					? '—'
					: kpi.unit === 'ratio'
						? `${k.numerator} / ${k.denominator ?? 0}`
						: String(k.numerator),
			light: k.light,
			lightColor: lightColors[k.light ?? 'none'],
		};
	});
}

/** 月度销售冠军 as the server names them (ties: all of them), as one line; null when there is none. */
export function championLine(champions: KpiSummary['champions'], lang: Lang): string | null {
	if (!champions || champions.length === 0) return null;
	return say(texts.champion, lang, {
		names: champions.map((c) => c.name).join(lang === 'zh-CN' ? '、' : ', '),
		amount: formatValue('amount', champions[0]!.signed),
	});
}

export const leaderKpi = (key: unknown): KpiDefinition | undefined =>
	typeof key === 'string' ? kpiByKey(key) : undefined;
