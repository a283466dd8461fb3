/**
 * `visit-appraisal-levels` (考核等级分布): for a month, quarter or year and a scope, how many
 * appraisals reached each level (优秀 / 良好 / 合格 / 警告 / 不合格), the average score, and the
 * people at 警告 or 不合格. Read through the items API with the user's own token, so every number
 * comes from rows the user may read (a rep's own, a manager's team's, everyone's for a General
 * Manager). Pure: the Vue file asks for the paths and words what comes back.
 */
import { lastEndedPeriod, type AppraisalPeriodType } from '../domain/appraisals.ts';
import { appraisalLevels, appraisalStatuses, type Label } from '../domain/choices.ts';
import { kpiPeriod } from '../domain/kpi.ts';
import { personOf, type ScopeMode } from '../shared/insights.ts';
import { errorMessage } from '../shared/errors.ts';
import { say, t, type Lang } from '../shared/texts.ts';

export { errorMessage, say, type Lang };

export type AppraisalLevelKey = keyof typeof appraisalLevels;
export const LEVELS = Object.keys(appraisalLevels) as AppraisalLevelKey[];
/** The levels whose people the panel lists. */
export const FLAGGED: readonly AppraisalLevelKey[] = ['warning', 'fail'];

export const texts = {
	title: t('{period} · 共 {n} 份考核 · 平均分 {average}', '{period} · {n} appraisals · average {average}'),
	count: t('{n} 人', '{n}'),
	flagged: t('警告与不合格', 'Warning and fail'),
	noneFlagged: t('没有警告或不合格', 'Nobody at warning or fail'),
	empty: t('该期间没有可查看的考核结果', 'No appraisals you may read for this period'),
	badPeriod: t(
		'面板设置的期间无效，请使用 YYYY-MM、YYYY-Qn 或 YYYY',
		'The panel’s period is not valid: use YYYY-MM, YYYY-Qn or YYYY',
	),
	noPerson: t('请在面板设置中选择人员或团队', 'Choose the person or team in the panel’s options'),
	loading: t('加载中…', 'Loading…'),
} satisfies Record<string, Label>;

export const levelColors: Record<AppraisalLevelKey, string> = {
	excellent: 'var(--theme--success)',
	good: 'var(--theme--primary)',
	pass: 'var(--theme--foreground-subdued)',
	warning: 'var(--theme--warning)',
	fail: 'var(--theme--danger)',
};

// ---- Period -----------------------------------------------------------------------------------

export type AppraisalPeriodMode = 'last_month' | 'last_quarter' | 'last_year' | 'fixed';

/** Appraisals exist for ended periods only: the last month, quarter or year, or a given one. */
export const appraisalPeriodChoices: { text: string; value: AppraisalPeriodMode }[] = [
	{ text: '上月 / Last month', value: 'last_month' },
	{ text: '上季度 / Last quarter', value: 'last_quarter' },
	{ text: '上年 / Last year', value: 'last_year' },
	{ text: '指定期间 / A given period', value: 'fixed' },
];

export interface AppraisalPeriod {
	key: string;
	type: AppraisalPeriodType;
	/** The appraisals' `period_start`. */
	start: string;
}

const typeOf = (key: string): AppraisalPeriodType | null =>
	/^\d{4}-(0[1-9]|1[0-2])$/.test(key)
		? 'month'
		: /^\d{4}-Q[1-4]$/.test(key)
			? 'quarter'
			: /^\d{4}$/.test(key)
				? 'year'
				: null;

/** The period an option names on `today` (the company's date, YYYY-MM-DD); null when a given one is malformed. */
export function appraisalPeriod(
	mode: AppraisalPeriodMode | string | null | undefined,
	fixed: string | null | undefined,
	today: string,
): AppraisalPeriod | null {
	const key =
		mode === 'fixed'
			? (fixed?.trim() ?? '')
			: lastEndedPeriod(mode === 'last_quarter' ? 'quarter' : mode === 'last_year' ? 'year' : 'month', today);
	const type = typeOf(key);
	const days = type ? kpiPeriod(key) : null;
	return type && days ? { key, type, start: days.start } : null;
}

// ---- Queries ----------------------------------------------------------------------------------

type Filter = Record<string, unknown>;

/**
 * The rows of the period in scope. `own` and `company` leave it to the reader's permissions (a
 * rep's own, a manager's team, everyone for a General Manager); `team` is a manager and the people
 * reporting to them; `rep` one person. null when a team or person is asked for but not chosen.
 */
export function appraisalFilter(period: AppraisalPeriod, scope: ScopeMode | string = 'own', person?: unknown) {
	const parts: Filter[] = [{ period_type: { _eq: period.type } }, { period_start: { _eq: period.start } }];
	if (scope === 'team' || scope === 'rep') {
		const id = personOf(person);
		if (!id) return null;
		parts.push(
			scope === 'rep'
				? { person: { _eq: id } }
				: { _or: [{ person: { _eq: id } }, { person: { reports_to: { _eq: id } } }] },
		);
	}
	return { _and: parts };
}

/** GET /items/appraisals counted by level: how many and the sum of their scores, every group (limit −1). */
export function levelCountPath(filter: Filter): string {
	const q = new URLSearchParams({
		'aggregate[count]': 'id',
		'aggregate[sum]': 'score',
		'groupBy[]': 'level',
		filter: JSON.stringify(filter),
		limit: '-1',
	});
	return `/items/appraisals?${q}`;
}

/** GET /items/appraisals of the people at warning or fail, lowest score first. */
export function flaggedPath(filter: Filter, limit = 100): string {
	const q = new URLSearchParams({
		fields: 'id,level,score,status,person.id,person.first_name,person.last_name',
		filter: JSON.stringify({ _and: [filter, { level: { _in: [...FLAGGED] } }] }),
		sort: 'score,id',
		limit: String(limit),
	});
	return `/items/appraisals?${q}`;
}

// ---- Reading the answers ------------------------------------------------------------------------

/** One group of the aggregate; PostgreSQL answers counts and sums as strings. */
export interface LevelGroup {
	level: string | null;
	count?: { id?: number | string | null } | number | string | null;
	sum?: { score?: number | string | null } | null;
}

export interface LevelRow {
	level: AppraisalLevelKey;
	label: Label;
	count: number;
	/** Bar width, percent of the largest level (at least a sliver when not empty). */
	width: number;
}

const num = (v: unknown): number => {
	const n = Number(v ?? 0);
	return Number.isFinite(n) ? n : 0;
};
const countOf = (g: LevelGroup) => num(typeof g.count === 'object' && g.count !== null ? g.count.id : g.count);

/** Every level in order, with its count (0 when none), and the total and average score of them all. */
export function levelSummary(groups: readonly LevelGroup[] | null | undefined) {
	const counts = new Map<string, number>();
	let n = 0;
	let sum = 0;
	for (const g of groups ?? []) {
		const c = countOf(g);
		n += c;
		sum += num(g.sum?.score);
		if (g.level) counts.set(g.level, (counts.get(g.level) ?? 0) + c);
	}
	const max = Math.max(0, ...counts.values());
	const rows: LevelRow[] = LEVELS.map((level) => {
		const count = counts.get(level) ?? 0;
		return {
			level,
			label: appraisalLevels[level],
			count,
			width: max ? Math.max(count ? 4 : 0, Math.round((count / max) * 100)) : 0,
		};
	});
	return { rows, total: n, average: n ? Math.round((sum / n) * 10) / 10 : null };
}

export const formatAverage = (average: number | null) => (average === null ? '—' : String(average));

export interface FlaggedRow {
	id: number | string;
	name: string;
	level: AppraisalLevelKey;
	label: Label;
	score: string;
	status: Label | null;
}

interface FlaggedItem {
	id: number | string;
	level: string;
	score: number | string | null;
	status?: string | null;
	person?: { id?: string; first_name?: string | null; last_name?: string | null } | string | null;
}

/** The people at warning or fail, as the panel lists them (Chinese order of names: family name first). */
export function flaggedRows(items: readonly FlaggedItem[] | null | undefined): FlaggedRow[] {
	return (items ?? [])
		.filter((i) => (FLAGGED as readonly string[]).includes(i.level))
		.map((i) => {
			const p = typeof i.person === 'object' && i.person !== null ? i.person : null;
			const name = p ? `${p.last_name ?? ''}${p.first_name ?? ''}`.trim() : '';
			const level = i.level as AppraisalLevelKey;
			return {
				id: i.id,
				name: name || String((p?.id ?? i.person) || '—'),
				level,
				label: appraisalLevels[level],
				score: i.score === null || i.score === undefined ? '—' : String(Math.round(num(i.score) * 100) / 100),
				status:
					i.status && i.status in appraisalStatuses
						? appraisalStatuses[i.status as keyof typeof appraisalStatuses]
						: null,
			};
		});
}
