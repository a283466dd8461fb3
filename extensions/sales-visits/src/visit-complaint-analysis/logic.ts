/**
 * `visit-complaint-analysis` (投诉分析): the complaints received in a period, counted by cause, by
 * product, by responsible department and by validity, each split into resolved on time, late
 * (resolved after the resolution deadline, or still unresolved past it: the `resolution_late` flag
 * the server keeps) and still open. Read through the items API with the user's own token, so every
 * number comes from rows the user may read (a rep's own, a manager's team's, everyone's for a
 * General Manager or customer service). Pure: the Vue file asks for the paths and words the answers.
 */
import { complaintCauses, type Label } from '../domain/choices.ts';
import { kpiPeriod } from '../domain/kpi.ts';
import { addDays, zonedInstant } from '../domain/zoned-time.ts';
import { personOf, periodKey, type ScopeMode } from '../shared/insights.ts';
import { errorMessage } from '../shared/errors.ts';
import { say, t, type Lang } from '../shared/texts.ts';

export { errorMessage, say, type Lang };

export const texts = {
	title: t('{period} · 共 {n} 件投诉', '{period} · {n} complaints'),
	empty: t('该期间没有可查看的投诉', 'No complaints you may read for this period'),
	notGiven: t('未填写', 'Not given'),
	others: t('其他 {n} 项', '{n} more'),
	valid: t('有效投诉', 'Valid'),
	invalid: t('无效投诉', 'Not valid'),
	total: t('{n} 件', '{n}'),
} satisfies Record<string, Label>;

// ---- Outcomes ---------------------------------------------------------------------------------

export type Outcome = 'on_time' | 'late' | 'open';
export const OUTCOMES: readonly Outcome[] = ['on_time', 'late', 'open'];

export const outcomeLabels: Record<Outcome, Label> = {
	on_time: t('按时解决', 'Resolved on time'),
	late: t('超时', 'Late'),
	open: t('处理中', 'Still open'),
};

export const outcomeColors: Record<Outcome, string> = {
	on_time: 'var(--theme--success)',
	late: 'var(--theme--danger)',
	open: 'var(--theme--foreground-subdued)',
};

/** The statuses of a complaint not yet resolved (the complaint flow's: respond, then resolve, then close). */
const UNRESOLVED = new Set(['open', 'responded']);

const flag = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';

/**
 * Late when the server flagged it (resolved after its deadline, or still unresolved past it),
 * else on time once resolved or closed, else still open.
 */
export const outcomeOf = (status: unknown, late: unknown): Outcome =>
	flag(late) ? 'late' : typeof status === 'string' && !UNRESOLVED.has(status) ? 'on_time' : 'open';

// ---- Period and scope ---------------------------------------------------------------------------

export interface ComplaintPeriod {
	key: string;
	/** The first instant of the period and the first after it, on the company's clocks. */
	from: string;
	to: string;
}

/** The period an option names on `today` (the company's date), as instants in `zone`; null when malformed. */
export function complaintPeriod(
	mode: string | null | undefined,
	fixed: string | null | undefined,
	today: string,
	zone: string,
): ComplaintPeriod | null {
	const key = periodKey(mode, fixed, today);
	const days = key ? kpiPeriod(key) : null;
	if (!key || !days) return null;
	return {
		key,
		from: zonedInstant(days.start, zone).toISOString(),
		to: zonedInstant(addDays(days.end, 1), zone).toISOString(),
	};
}

type Filter = Record<string, unknown>;

/**
 * The complaints received in the period and in scope. `own` and `company` leave it to the reader's
 * permissions (which read a complaint by its customer's owner or its handler); `team` is those of
 * the customers of a manager and the people reporting to them, or handled by them; `rep` one
 * person's the same way. null when a team or person is asked for but not chosen.
 */
export function complaintFilter(period: ComplaintPeriod, scope: ScopeMode | string = 'own', person?: unknown) {
	const parts: Filter[] = [{ received_at: { _gte: period.from } }, { received_at: { _lt: period.to } }];
	if (scope === 'team' || scope === 'rep') {
		const id = personOf(person);
		if (!id) return null;
		const whose = (path: 'owner' | 'customer') => {
			const user = (f: Filter): Filter => (path === 'owner' ? { owner: f } : { customer: { owner: f } });
			return scope === 'rep' ? [user({ _eq: id })] : [user({ _eq: id }), user({ reports_to: { _eq: id } })];
		};
		parts.push({ _or: [...whose('customer'), ...whose('owner')] });
	}
	return { _and: parts };
}

// ---- Queries ----------------------------------------------------------------------------------

export type Dimension = 'cause' | 'product' | 'department' | 'valid';
export const DIMENSIONS: readonly Dimension[] = ['cause', 'product', 'department', 'valid'];

export const dimensionLabels: Record<Dimension, Label> = {
	cause: t('按投诉原因', 'By cause'),
	product: t('按产品', 'By product'),
	department: t('按责任部门', 'By department'),
	valid: t('有效性', 'Validity'),
};

/**
 * GET /items/complaints counted by one dimension, status and the late flag: every group (limit −1),
 * at most the dimension's values × 4 statuses × 2.
 */
export function countPath(dimension: Dimension, filter: Filter): string {
	const q = new URLSearchParams({ 'aggregate[count]': 'id', filter: JSON.stringify(filter), limit: '-1' });
	for (const g of [dimension, 'status', 'resolution_late']) q.append('groupBy[]', g);
	return `/items/complaints?${q}`;
}

/** GET /items/products of the products counted, for their names (as the reader may read them). */
export function productsPath(ids: readonly (string | number)[]): string | null {
	if (!ids.length) return null;
	const q = new URLSearchParams({
		fields: 'id,name,code',
		filter: JSON.stringify({ id: { _in: ids } }),
		limit: String(ids.length),
	});
	return `/items/products?${q}`;
}

// ---- Reading the answers ------------------------------------------------------------------------

/** One group of the aggregate; PostgreSQL answers counts as strings, SQLite booleans as 0/1. */
export interface CountGroup {
	status?: string | null;
	resolution_late?: unknown;
	count?: { id?: number | string | null } | number | string | null;
	[dimension: string]: unknown;
}

const num = (v: unknown): number => {
	const n = Number(v ?? 0);
	return Number.isFinite(n) ? n : 0;
};
const countOf = (g: CountGroup) => num(typeof g.count === 'object' && g.count !== null ? g.count.id : g.count);

export type Split = Record<Outcome, number> & { total: number };
const emptySplit = (): Split => ({ on_time: 0, late: 0, open: 0, total: 0 });

const keyOf = (dimension: Dimension, v: unknown): string => {
	if (dimension === 'valid') return flag(v) ? 'valid' : 'invalid';
	return v === null || v === undefined ? '' : String(v).trim();
};

/** The groups folded into one split per value of the dimension ('' for none given), and the total. */
export function splitBy(dimension: Dimension, groups: readonly CountGroup[] | null | undefined) {
	const by = new Map<string, Split>();
	const total = emptySplit();
	for (const g of groups ?? []) {
		const n = countOf(g);
		if (!n) continue;
		const key = keyOf(dimension, g[dimension]);
		const outcome = outcomeOf(g.status, g.resolution_late);
		const s = by.get(key) ?? emptySplit();
		s[outcome] += n;
		s.total += n;
		by.set(key, s);
		total[outcome] += n;
		total.total += n;
	}
	return { by, total };
}

export interface Product {
	id: number | string;
	name?: string | null;
	code?: string | null;
}

export interface Segment {
	outcome: Outcome;
	count: number;
	/** Percent of the track: the largest row's total fills it. */
	width: number;
}

export interface GroupRow {
	key: string;
	label: Label;
	split: Split;
	segments: Segment[];
}

const plain = (s: string): Label => ({ 'zh-CN': s, 'en-US': s });

function labelOf(dimension: Dimension, key: string, products: ReadonlyMap<string, Product>): Label {
	if (dimension === 'valid') return key === 'valid' ? texts.valid : texts.invalid;
	if (key === '') return texts.notGiven;
	if (dimension === 'cause') return complaintCauses[key as keyof typeof complaintCauses] ?? plain(key);
	if (dimension === 'product') {
		const p = products.get(key);
		const name = p?.name?.trim();
		return plain(name ? (p?.code ? `${name} (${p.code})` : name) : `#${key}`);
	}
	return plain(key);
}

/** How many values of a free dimension (product, department) the panel lists before folding the rest. */
export const SHOWN = 8;

/**
 * The rows of one dimension: causes and validity in their fixed order (those with none left out),
 * products and departments the most complained of first, then by name, the ones beyond `shown`
 * folded into one row; each row's bar segments scaled to the largest row.
 */
export function groupRows(
	dimension: Dimension,
	groups: readonly CountGroup[] | null | undefined,
	products: readonly Product[] = [],
	shown = SHOWN,
): GroupRow[] {
	const { by } = splitBy(dimension, groups);
	const byId = new Map(products.map((p) => [String(p.id), p]));
	let rows = [...by.entries()].map(([key, split]) => ({ key, label: labelOf(dimension, key, byId), split }));
	const fixed =
		dimension === 'cause' ? Object.keys(complaintCauses) : dimension === 'valid' ? ['valid', 'invalid'] : null;
	// A fixed list keeps its order, values it does not know after it; none given comes last.
	const rank = (key: string) =>
		key === '' ? fixed!.length + 1 : fixed!.includes(key) ? fixed!.indexOf(key) : fixed!.length;
	const none = (key: string) => (key === '' ? 1 : 0);
	rows.sort(
		(a, b) =>
			(fixed ? rank(a.key) - rank(b.key) : none(a.key) - none(b.key) || b.split.total - a.split.total) ||
			a.label['zh-CN'].localeCompare(b.label['zh-CN']),
	);
	if (!fixed && rows.length > shown) {
		const rest = rows.slice(shown - 1);
		const folded = emptySplit();
		for (const r of rest) for (const k of [...OUTCOMES, 'total'] as const) folded[k] += r.split[k];
		rows = [
			...rows.slice(0, shown - 1),
			{
				key: '*',
				label: t(say(texts.others, 'zh-CN', { n: rest.length }), say(texts.others, 'en-US', { n: rest.length })),
				split: folded,
			},
		];
	}
	const max = Math.max(0, ...rows.map((r) => r.split.total));
	return rows.map((r) => ({
		...r,
		segments: OUTCOMES.filter((o) => r.split[o] > 0).map((outcome) => ({
			outcome,
			count: r.split[outcome],
			width: max ? (r.split[outcome] / max) * 100 : 0,
		})),
	}));
}

/** The product ids among the groups, for their names. */
export const productIds = (groups: readonly CountGroup[] | null | undefined): (string | number)[] => [
	...new Set(
		(groups ?? [])
			.map((g) => g.product)
			.filter((v): v is string | number => (typeof v === 'number' || typeof v === 'string') && v !== ''),
	),
];

export type Counts = Record<Dimension, CountGroup[]>;

/** Every section of the panel, and the period's total split (from the validity groups: every row has one). */
export function analysis(counts: Partial<Counts>, products: readonly Product[] = []) {
	return {
		total: splitBy('valid', counts.valid).total,
		sections: DIMENSIONS.map((dimension) => ({
			dimension,
			label: dimensionLabels[dimension],
			rows: groupRows(dimension, counts[dimension], products),
		})),
	};
}
