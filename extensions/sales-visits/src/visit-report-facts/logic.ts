/**
 * What the report form's figures table (`visit-report-facts`) shows, kept out of the Vue file so
 * that it is type-checked and unit-tested. The figures are the server's: GET
 * /visit-flow/periodic-reports/:id/facts (computed now while the owner may edit, as submitted
 * after), else the field's stored value; this only names them and formats them in the user's
 * locale.
 */
import type { Label } from '../domain/choices.ts';
import type { ReportFacts } from '../domain/periodic-reports.ts';
import { errorMessage } from '../shared/errors.ts';
import { say, t, type Lang } from '../shared/texts.ts';

export { errorMessage, say, type Lang };

export const texts = {
	live: t(
		'实时数据（截至 {time}）：保存与提交时写入报告',
		'Live figures as of {time}: written into the report on each save and on submitting',
	),
	submitted: t('提交时的数据', 'As submitted'),
	stored: t('上次保存时的数据', 'As last saved'),
	unsaved: t('保存后由系统按本期数据计算', 'The server computes them once the report is saved'),
	empty: t('暂无数据', 'No figures yet'),
	loading: t('加载中…', 'Loading…'),
} satisfies Record<string, Label>;

type FactKey = keyof ReportFacts;

/** The figures in the order the table shows them, and which are amounts (yuan). */
export const factLabels: readonly { key: FactKey; label: Label; amount?: true }[] = [
	{ key: 'visits', label: t('完成拜访', 'Completed visits') },
	{ key: 'new_customers', label: t('新增客户', 'New customers') },
	{ key: 'orders', label: t('签约订单', 'Orders signed') },
	{ key: 'order_amount', label: t('订单金额', 'Order amount'), amount: true },
	{ key: 'collections', label: t('回款金额', 'Collections'), amount: true },
	{ key: 'opportunities_moved', label: t('商机推进', 'Opportunities moved') },
];

/** The figures as the form or the route gives them: an object, or its JSON text on a database without JSON columns. */
export function parseFacts(value: unknown): Partial<Record<FactKey, unknown>> | null {
	let facts = value;
	if (typeof value === 'string') {
		try {
			facts = JSON.parse(value);
		} catch {
			return null;
		}
	}
	return facts !== null && typeof facts === 'object' && !Array.isArray(facts)
		? (facts as Partial<Record<FactKey, unknown>>)
		: null;
}

/** A count in the user's locale (1,234), an amount in yuan with two decimals (¥1,234.50 / CN¥1,234.50); `—` when missing. */
export function formatFact(value: unknown, amount: boolean, lang: Lang): string {
	const n = value === null || value === undefined || value === '' ? NaN : Number(value);
	if (!Number.isFinite(n)) return '—';
	return amount
		? new Intl.NumberFormat(lang, { style: 'currency', currency: 'CNY' }).format(n)
		: new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(n);
}

export interface FactRow {
	key: FactKey;
	label: string;
	value: string;
	amount: boolean;
}

/** The table's rows, in the user's language and locale; none when there are no figures. */
export function factRows(value: unknown, lang: Lang): FactRow[] {
	const facts = parseFacts(value);
	if (!facts) return [];
	return factLabels.map(({ key, label, amount }) => ({
		key,
		label: say(label, lang),
		value: formatFact(facts[key], amount === true, lang),
		amount: amount === true,
	}));
}

/** Where the figures come from. */
export type FactsSource = 'live' | 'submitted' | 'stored' | 'unsaved';

/** The line under the table: live (with the time they were read), as submitted, as last saved, or not yet saved. */
export function sourceLine(source: FactsSource, lang: Lang, at: Date = new Date()): string {
	if (source !== 'live') return say(texts[source], lang);
	const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(at);
	return say(texts.live, lang, { time });
}

/** The report's id from the form's primary key: none for a report not yet saved (`+`). */
export const reportIdOf = (primaryKey: unknown): string | null =>
	(typeof primaryKey === 'number' && Number.isInteger(primaryKey)) ||
	(typeof primaryKey === 'string' && /^\d+$/.test(primaryKey))
		? String(primaryKey)
		: null;
