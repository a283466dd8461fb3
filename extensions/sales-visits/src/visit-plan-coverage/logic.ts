/**
 * What the plan form's coverage table (`visit-plan-coverage`) shows, kept out of the Vue file so
 * that it is type-checked and unit-tested. The shortfalls are the server's: GET
 * /visit-flow/plans/:id/coverage (computed now for a draft, as submitted after), else the field's
 * stored value; this only words them in the user's language. The buttons are the server's too.
 */
import type { Label } from '../domain/choices.ts';
import type { OfferedAction } from '../domain/action-model.ts';
import type { Shortfall } from '../domain/coverage.ts';
import { errorMessage } from '../shared/errors.ts';
import { say, t, type Lang } from '../shared/texts.ts';
import { ruleSummary } from '../visit-quota-progress/logic.ts';

export { errorMessage, say, type Lang };

export const texts = {
	live: t('按当前计划明细计算，提交时保存', 'Computed from the plan’s items as they stand; saved on submitting'),
	submitted: t('提交时的检查结果', 'As submitted'),
	stored: t('上次提交时的检查结果', 'As last submitted'),
	count: t('{n} 位客户未满足拜访频次', '{n} {customers} left short of their visit quota'),
	covered: t('所有客户均满足拜访频次', 'Every customer’s visit quota is covered'),
	notChecked: t('只有月计划检查拜访覆盖', 'Only monthly plans are checked'),
	notYet: t('提交后显示检查结果', 'Shown once the plan is submitted'),
	saveFirst: t('保存计划后显示拜访覆盖检查', 'Save the plan to see its coverage check'),
	loading: t('加载中…', 'Loading…'),
	filled: t('已添加 {n} 条计划明细', 'Added {n} plan items'),
} satisfies Record<string, Label>;

/** The table's columns after the customer and the rule: the numbers of each line. */
export const numberColumns = [
	{ key: 'required', label: t('应拜访', 'Required') },
	{ key: 'done', label: t('已完成', 'Done') },
	{ key: 'scheduled', label: t('已排期', 'Scheduled') },
	{ key: 'planned', label: t('本计划', 'Planned') },
	{ key: 'short', label: t('还差', 'Short') },
] as const satisfies readonly { key: keyof Shortfall; label: Label }[];

export const headings = { customer: t('客户', 'Customer'), rule: t('频次规则', 'Rule') } satisfies Record<
	string,
	Label
>;

/** GET /visit-flow/plans/:id/coverage → data. */
export interface PlanCoverage {
	id: number;
	status: string;
	checked: boolean;
	live: boolean;
	shortfalls: Shortfall[] | null;
	/** What the server offers from the table: 按频次补齐 while it would add items. */
	actions?: OfferedAction[];
}

export const coveragePath = (id: string | number) => `/visit-flow/plans/${encodeURIComponent(String(id))}/coverage`;

/** The shortfalls as the form holds them: a list, or its JSON text on a database without JSON columns. */
export function parseShortfalls(value: unknown): Shortfall[] | null {
	let list = value;
	if (typeof value === 'string') {
		try {
			list = JSON.parse(value);
		} catch {
			return null;
		}
	}
	return Array.isArray(list) ? (list as Shortfall[]) : null;
}

export interface CoverageRow {
	customer: number;
	name: string;
	rule: string;
	period: string;
	numbers: { key: (typeof numberColumns)[number]['key']; label: string; value: number }[];
}

/** One line per customer left short, in the user's language. */
export function coverageRows(shortfalls: readonly Shortfall[], lang: Lang): CoverageRow[] {
	return shortfalls.map((s) => ({
		customer: s.customer,
		name: s.name,
		rule: ruleSummary(s.rule, lang),
		period: `${s.period.start} – ${s.period.end}`,
		numbers: numberColumns.map(({ key, label }) => ({ key, label: say(label, lang), value: Number(s[key]) })),
	}));
}

/** The line above the table: how many customers are short, all covered, or why there is nothing to show. */
export function summaryLine(view: Pick<PlanCoverage, 'checked' | 'shortfalls'>, lang: Lang): string {
	if (!view.checked) return say(texts.notChecked, lang);
	if (view.shortfalls === null) return say(texts.notYet, lang);
	const n = view.shortfalls.length;
	if (n === 0) return say(texts.covered, lang);
	return say(texts.count, lang, { n, customers: n === 1 ? 'customer is' : 'customers are' });
}

/** The line under the table: where the numbers come from. */
export const sourceLine = (view: Pick<PlanCoverage, 'live'> | null, lang: Lang): string =>
	say(view === null ? texts.stored : view.live ? texts.live : texts.submitted, lang);

/** The plan's id from the form's primary key: none for a plan not yet saved (`+`). */
export const planIdOf = (primaryKey: unknown): string | null =>
	(typeof primaryKey === 'number' && Number.isInteger(primaryKey)) ||
	(typeof primaryKey === 'string' && /^\d+$/.test(primaryKey))
		? String(primaryKey)
		: null;

/** What a fill answered ({ id, added }), in words. */
export const filledLine = (answer: unknown, lang: Lang): string =>
	say(texts.filled, lang, { n: Number((answer as { added?: unknown } | null)?.added ?? 0) });
