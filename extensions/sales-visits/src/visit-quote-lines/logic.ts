/**
 * What the quote form's line table (`visit-quote-lines`) edits and shows, kept out of the Vue
 * file so that it is type-checked and unit-tested: the rows as the form holds them, the change
 * payload Directus saves an o2m field with (`{ create, update, delete }`, as the stock list-o2m
 * emits it), the preview request, and the amounts in the user's locale. Every figure it shows
 * beyond the product's list price comes from the server (POST /visit-flow/quotes/preview, or the
 * stored values once the quote is locked).
 */
import type { Label } from '../domain/choices.ts';
import { errorMessage } from '../shared/errors.ts';
import { say, t, type Lang } from '../shared/texts.ts';

export { errorMessage, say, type Lang };

export const texts = {
	product: t('产品', 'Product'),
	pick: t('选择产品…', 'Choose a product…'),
	quantity: t('数量', 'Quantity'),
	unitPrice: t('单价（元）', 'Unit price (CNY)'),
	listPrice: t('标准价', 'List price'),
	discount: t('折扣率', 'Discount'),
	amount: t('金额', 'Amount'),
	add: t('添加明细', 'Add a line'),
	remove: t('删除此行', 'Remove this line'),
	empty: t('暂无明细', 'No lines yet'),
	listTotal: t('标准价合计', 'List total'),
	netTotal: t('报价合计', 'Net total'),
	maxDiscount: t('最大折扣率', 'Largest discount'),
	approver: t('审批级别', 'Approval level'),
	belowFloor: t('低于最低限价', 'Below the floor price'),
	incomplete: t('填写产品、数量与单价后计算', 'Computed once the product, quantity and unit price are filled in'),
	preview: t('保存前预览：保存时由系统重新计算', 'Preview before saving: the server computes it again on save'),
	stored: t('已保存的数值', 'As saved'),
	loading: t('计算中…', 'Computing…'),
} satisfies Record<string, Label>;

/** A line as the table holds it; `id` for a stored line, `key` to tell rows apart. */
export interface EditLine {
	key: string;
	id: number | null;
	product: number | null;
	quantity: string;
	unit_price: string;
}

/** A stored line as GET /items/quote_lines gives it. */
export interface StoredLine {
	id: number;
	product: number | null;
	quantity: unknown;
	unit_price: unknown;
	list_price?: unknown;
	discount_rate?: unknown;
	net_amount?: unknown;
}

/** The payload Directus saves an o2m field with: new related items, edits of stored ones by key, keys removed. */
export interface O2MChanges {
	create: Record<string, unknown>[];
	update: Record<string, unknown>[];
	delete: number[];
}

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const idOf = (value: unknown): number | null => {
	const v = value !== null && typeof value === 'object' ? (value as { id?: unknown }).id : value;
	const n = Number(v);
	return v === null || v === undefined || v === '' || !Number.isInteger(n) ? null : n;
};

export const fromStored = (line: StoredLine): EditLine => ({
	key: `s${line.id}`,
	id: line.id,
	product: idOf(line.product),
	quantity: text(line.quantity),
	unit_price: text(line.unit_price),
});

/** Whether the field's value is a change payload (the stock o2m value is an array of keys until edited). */
export const isChanges = (value: unknown): value is O2MChanges =>
	value !== null && typeof value === 'object' && !Array.isArray(value) && 'create' in value;

/** The rows once `value`'s pending changes (kept by the form when the table is drawn again) are applied to the stored lines. */
export function applyChanges(stored: readonly StoredLine[], value: unknown): EditLine[] {
	const rows = stored.map(fromStored);
	if (!isChanges(value)) return rows;
	const removed = new Set((value.delete ?? []).map(Number));
	const edited = rows
		.filter((r) => !removed.has(r.id!))
		.map((r) => {
			const edit = (value.update ?? []).find((u) => idOf(u.id) === r.id);
			return edit
				? {
						...r,
						...('product' in edit ? { product: idOf(edit.product) } : {}),
						...('quantity' in edit ? { quantity: text(edit.quantity) } : {}),
						...('unit_price' in edit ? { unit_price: text(edit.unit_price) } : {}),
					}
				: r;
		});
	const created = (value.create ?? []).map((c, i) => ({
		key: `c${i}`,
		id: null,
		product: idOf(c.product),
		quantity: text(c.quantity),
		unit_price: text(c.unit_price),
	}));
	return [...edited, ...created];
}

/** Equal as numbers when both are ('2' and '2.00'), else as text. */
const same = (a: unknown, b: unknown): boolean => {
	const x = text(a).trim();
	const y = text(b).trim();
	return x === y || (x !== '' && y !== '' && Number(x) === Number(y));
};

/** A decimal as the table sends it: the number the user typed, or null when the cell is empty. */
const decimalOf = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/**
 * The field's new value: the change payload against the stored lines, or — nothing changed — what
 * the stock list-o2m leaves then (the stored keys for a saved quote, nothing for a new one).
 */
export function changesOf(
	stored: readonly StoredLine[],
	rows: readonly EditLine[],
	isNew: boolean,
): O2MChanges | number[] | null {
	const kept = new Set(rows.filter((r) => r.id !== null).map((r) => r.id));
	const changes: O2MChanges = {
		create: rows
			.filter((r) => r.id === null)
			.map((r) => ({ product: r.product, quantity: decimalOf(r.quantity), unit_price: decimalOf(r.unit_price) })),
		update: [],
		delete: stored.filter((s) => !kept.has(s.id)).map((s) => s.id),
	};
	for (const row of rows) {
		const was = stored.find((s) => s.id === row.id);
		if (!was) continue;
		const edit: Record<string, unknown> = {};
		if (row.product !== idOf(was.product)) edit.product = row.product;
		if (!same(row.quantity, was.quantity)) edit.quantity = decimalOf(row.quantity);
		if (!same(row.unit_price, was.unit_price)) edit.unit_price = decimalOf(row.unit_price);
		if (Object.keys(edit).length) changes.update.push({ id: row.id, ...edit });
	}
	if (changes.create.length || changes.update.length || changes.delete.length) return changes;
	return isNew ? null : stored.map((s) => s.id);
}

const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;

/** A row the server can price: a product, a quantity above 0 and a unit price. */
export const isComplete = (row: EditLine): boolean =>
	row.product !== null &&
	DECIMAL.test(row.quantity.trim()) &&
	Number(row.quantity) > 0 &&
	DECIMAL.test(row.unit_price.trim());

/** The body of POST /visit-flow/quotes/preview; null while a row is incomplete (nothing to price yet). */
export function previewBody(rows: readonly EditLine[]) {
	if (!rows.every(isComplete)) return null;
	return {
		lines: rows.map((r) => ({ product: r.product!, quantity: r.quantity.trim(), unit_price: r.unit_price.trim() })),
	};
}

/** An amount in yuan with two decimals in the user's locale (¥1,234.50 / CN¥1,234.50); `—` when missing. */
export function formatAmount(value: unknown, lang: Lang): string {
	const n = value === null || value === undefined || value === '' ? NaN : Number(value);
	return Number.isFinite(n) ? new Intl.NumberFormat(lang, { style: 'currency', currency: 'CNY' }).format(n) : '—';
}

/** A discount with up to two decimals (12.5%); `—` when missing. */
export function formatRate(value: unknown, lang: Lang): string {
	const n = value === null || value === undefined || value === '' ? NaN : Number(value);
	return Number.isFinite(n) ? `${new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(n)}%` : '—';
}

/** A product as the picker names it: `name (code)`. */
export const productLabel = (p: { name?: unknown; code?: unknown; id: number }): string =>
	p.code ? `${text(p.name)} (${text(p.code)})` : text(p.name) || `#${p.id}`;
