/**
 * The rows of a JSON field as a table (pure, unit-tested): a list of objects, one row each, or a
 * map, one row per key. Keys that are a choice (a stage, a level) show the choice's label, text in
 * both languages the reader's, numbers as numbers. The columns come from the field's options.
 */
import * as choiceSets from '../domain/choices.ts';
import type { Label } from '../domain/choices.ts';
import type { JsonColumn } from '../schema/builder.ts';
import type { Lang } from '../shared/texts.ts';

/** A column as the schema gives it (`jsonTable`); for a map, `key` and `value` name the map's own. */
export type Column = JsonColumn;

export interface TableOptions {
	columns: Column[];
	/** The value is a map (`{ lead: 10, … }`), one row per key, rather than a list. */
	map?: boolean;
}

type Json = unknown;

const isLabel = (v: Json): v is Label =>
	typeof v === 'object' && v !== null && typeof (v as Label)['zh-CN'] === 'string';

/** One cell as the reader sees it. */
export function cell(value: Json, column: Column, lang: Lang): string {
	if (value === null || value === undefined || value === '') return '—';
	const set = column.choices ? (choiceSets as Record<string, unknown>)[column.choices] : undefined;
	const choice = set && typeof set === 'object' ? (set as Record<string, Label>)[String(value)] : undefined;
	if (choice) return choice[lang];
	if (isLabel(value)) return value[lang];
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	if (Number.isFinite(n)) {
		if (column.format === 'amount')
			return n.toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
		return `${n.toLocaleString(lang)}${column.format === 'percent' ? '%' : ''}`;
	}
	return typeof value === 'string' ? value : '—';
}

/** The table's rows (each a list of cells), or null when the value is not of the expected shape. */
export function tableRows(value: Json, options: TableOptions, lang: Lang): string[][] | null {
	let data = value;
	if (typeof data === 'string') {
		try {
			data = JSON.parse(data);
		} catch {
			return null;
		}
	}
	if (data === null || data === undefined) return [];
	const records: Record<string, Json>[] = options.map
		? typeof data === 'object' && !Array.isArray(data)
			? Object.entries(data as Record<string, Json>).map(([key, v]) => ({ key, value: v }))
			: []
		: Array.isArray(data)
			? data.filter((r): r is Record<string, Json> => typeof r === 'object' && r !== null)
			: [];
	if (!records.length && (Array.isArray(data) ? data.length : Object.keys(data as object).length)) return null;
	return records.map((r) => options.columns.map((c) => cell(r[c.key], c, lang)));
}
