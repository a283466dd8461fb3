/**
 * What the Insights panels share, kept pure (type-checked, unit-tested): the period and scope
 * options set on the dashboard in the Studio, turning them into GET /visit-kpi/summary's query, the
 * summary's response shape, and how values, targets and lights read.
 */
import type { Label } from '../domain/choices.ts';
import { kpis, type KpiDefinition, type KpiLight, type KpiUnit } from '../domain/kpi.ts';
import { monthOfPeriod } from '../domain/input.ts';
import { errorMessage } from './errors.ts';
import { say, t, type Lang } from './texts.ts';

export { errorMessage, say, type Lang };

export const commonTexts = {
	loading: t('加载中…', 'Loading…'),
	badPeriod: t(
		'面板设置的期间无效，请使用 YYYY-MM、YYYY-Qn 或 YYYY',
		'The panel’s period is not valid: use YYYY-MM, YYYY-Qn or YYYY',
	),
	noPerson: t('请在面板设置中选择人员或团队', 'Choose the person or team in the panel’s options'),
	period: t('期间 {period}', 'Period {period}'),
} satisfies Record<string, Label>;

// ---- Period ---------------------------------------------------------------------------------

export type PeriodMode = 'this_month' | 'last_month' | 'this_quarter' | 'this_year' | 'fixed';

/** The `period` option (with `fixed_period` beside it) every KPI panel offers. */
export const periodChoices: { text: string; value: PeriodMode }[] = [
	{ text: '本月 / This month', value: 'this_month' },
	{ text: '上月 / Last month', value: 'last_month' },
	{ text: '本季度 / This quarter', value: 'this_quarter' },
	{ text: '本年 / This year', value: 'this_year' },
	{ text: '指定期间 / A given period', value: 'fixed' },
];

const pad = (n: number) => String(n).padStart(2, '0');
const PERIOD_KEY = /^(\d{4})(-(0[1-9]|1[0-2])|-Q[1-4])?$/;

/**
 * The summary's `period` for an option, on `today` (YYYY-MM-DD, the company's date):
 * `2026-11`, `2026-Q4` or `2026`; null when a fixed period is malformed.
 */
export function periodKey(
	mode: PeriodMode | string | null | undefined,
	fixed: string | null | undefined,
	today: string,
): string | null {
	const [y, m] = today.split('-').map(Number) as [number, number];
	switch (mode) {
		case 'fixed': {
			const key = fixed?.trim() ?? '';
			return PERIOD_KEY.test(key) ? key : null;
		}
		case 'last_month':
			return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
		case 'this_quarter':
			return `${y}-Q${Math.ceil(m / 3)}`;
		case 'this_year':
			return String(y);
		default:
			return `${y}-${pad(m)}`;
	}
}

/** A month only (the quota endpoints count by month): the month of a month period, else null. */
export const monthOf = (key: string | null): string | null => (key && monthOfPeriod(key) ? key : null);

// ---- Scope ----------------------------------------------------------------------------------

export type ScopeMode = 'own' | 'company' | 'team' | 'rep';

export const scopeChoices: { text: string; value: ScopeMode }[] = [
	{ text: '我的（本人或我的团队） / Mine (myself or my team)', value: 'own' },
	{ text: '全公司 / Company', value: 'company' },
	{ text: '指定团队（经理） / A given team (its manager)', value: 'team' },
	{ text: '指定人员 / A given person', value: 'rep' },
];

/** The user picker stores `{ key, collection }`; an API client may store the id. */
export const personOf = (option: unknown): string | null =>
	typeof option === 'string' && option
		? option
		: option && typeof option === 'object' && typeof (option as { key?: unknown }).key === 'string'
			? (option as { key: string }).key
			: null;

export interface SummaryAsk {
	period: string;
	scope?: ScopeMode;
	person?: unknown;
	byOwner?: boolean;
}

/**
 * GET /visit-kpi/summary's path; `own` leaves scope and id to the server (a rep's self, a
 * manager's team, everything for a GM). null when a team or person is asked for but not chosen.
 */
export function summaryPath({ period, scope = 'own', person, byOwner }: SummaryAsk): string | null {
	const query = new URLSearchParams({ period });
	if (scope === 'company') query.set('scope', 'company');
	if (scope === 'team' || scope === 'rep') {
		const id = personOf(person);
		if (!id) return null;
		query.set('scope', scope);
		query.set('id', id);
	}
	if (byOwner) query.set('by', 'owner');
	return `/visit-kpi/summary?${query}`;
}

// ---- The summary's shape (GET /visit-kpi/summary → data) ------------------------------------

export type Trend = 'better' | 'worse' | 'same' | null;
export type Grade = 'H' | 'A' | 'B' | 'C' | 'O';

export interface KpiReading {
	key: string;
	label: Label;
	formula?: Label;
	unit: KpiUnit;
	better: 'higher' | 'lower';
	numerator: number | null;
	denominator: number | null;
	value: number | null;
	green: number;
	amber: number;
	light: KpiLight | null;
	previous: { numerator: number | null; denominator: number | null; value: number | null };
	trend: Trend;
	/** Computed from rows the reader may not read: no numbers. */
	withheld?: boolean;
}

export interface OwnerKpi {
	numerator: number | null;
	denominator: number | null;
	value: number | null;
	light: KpiLight | null;
	withheld?: boolean;
}

export interface KpiSummary {
	period: { key: string; start: string; end: string };
	previous: { key: string; start: string; end: string };
	scope: 'rep' | 'team' | 'company';
	id: string | null;
	name: string;
	people: number;
	kpis: KpiReading[];
	funnel: {
		grades: { grade: Grade; reached: number }[];
		conversions: { from: Grade; to: 'O'; converted: number; of: number; rate: number | null }[];
	};
	/** Open opportunities by stage, as of now. */
	pipeline?: { withheld: boolean; stages: { stage: string; count: number; amount: number; weighted: number }[] };
	/** Open receivables by days past due as of `as_of` (today), and those not yet due. */
	receivables?: {
		withheld: boolean;
		as_of: string;
		aging: { bucket: string; amount: number }[];
		not_due: number | null;
	};
	by_owner?: { owner: string; name: string; kpis: Record<string, OwnerKpi> }[];
	/** With `by_owner`, for a month: 月度销售冠军, the highest signed amount (CNY) among them; all of a tie. */
	champions?: { owner: string; name: string; signed: number }[];
}

const scopeNames = {
	rep: t('{name}（个人）', '{name} (personal)'),
	team: t('{name}的团队', '{name}’s team'),
	company: t('全公司 {name}', 'Company {name}'),
} satisfies Record<KpiSummary['scope'], Label>;

/**
 * Whose figures a panel shows, said plainly: one person's, a team's (named for its manager) or the
 * company's, so that "李明 · 2026-12" is never read as either.
 */
export const whose = (summary: Pick<KpiSummary, 'scope' | 'name'>, lang: Lang): string =>
	say(scopeNames[summary.scope], lang, { name: summary.name }).trim();

// ---- Reading values -------------------------------------------------------------------------

/** KPI choices for the Studio's option pickers, both languages. */
export const kpiChoices = (kpis as readonly KpiDefinition[]).map((k) => ({
	text: `${k.label['zh-CN']} / ${k.label['en-US']}`,
	value: k.key,
}));

/**
 * A ratio as a percent (one decimal below 10 %, whole above), a count as it is, an amount in whole
 * yuan with thousands separated; — for nothing. Percents round down, so that 199 of 200 reads
 * 99 %: a target shows as reached only when it is.
 */
export function formatValue(unit: KpiUnit, value: number | null | undefined): string {
	if (value === null || value === undefined || Number.isNaN(value)) return '—';
	if (unit === 'count') return String(Math.round(value * 100) / 100);
	if (unit === 'amount') return Math.round(value).toLocaleString('en-US');
	const p = value * 100;
	const shown = p < 10 ? Math.floor(p * 10 + 1e-9) / 10 : Math.floor(p + 1e-9);
	return `${shown}%`;
}

/** The target: the green band's edge, `≥ 95%` when higher is better, `≤ 5` when lower. */
export const formatTarget = (k: Pick<KpiDefinition, 'unit' | 'better' | 'green'>): string =>
	`${k.better === 'higher' ? '≥' : '≤'} ${formatValue(k.unit, k.green)}`;

export const lightColors: Record<KpiLight | 'none', string> = {
	green: 'var(--theme--success)',
	amber: 'var(--theme--warning)',
	red: 'var(--theme--danger)',
	none: 'var(--theme--foreground-subdued)',
};

export const lightLabels: Record<KpiLight | 'none', Label> = {
	green: t('达标', 'On target'),
	amber: t('需关注', 'Watch'),
	red: t('未达标', 'Off target'),
	none: t('无数据', 'No data'),
};
