/** Database values as the flows use them: SQLite and Postgres hand dates and stamps back in different forms. */
import type { Knex } from 'knex';

/** A timestamp column's value as an instant: Date (Postgres), epoch milliseconds or text (SQLite). */
export function toInstant(value: unknown): Date | null {
	if (value === null || value === undefined || value === '') return null;
	if (value instanceof Date) return value;
	if (typeof value === 'number' || /^\d+$/.test(String(value))) return new Date(Number(value));
	const text = String(value);
	// SQLite's own `YYYY-MM-DD HH:MM:SS` is UTC.
	return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

export const toIso = (value: unknown): string | null => toInstant(value)?.toISOString() ?? null;

/** A date column's value as `YYYY-MM-DD` (SQLite may hold it as epoch milliseconds of UTC midnight). */
export const toDate = (value: unknown): string =>
	(value instanceof Date || typeof value === 'number' || /^\d+$/.test(String(value))
		? toInstant(value)!.toISOString()
		: String(value)
	).slice(0, 10);

/** Timestamps and dates as the vendor stores them, for raw SQL: Directus keeps epoch milliseconds in SQLite. */
export const vendorValues = (knex: Knex) => {
	const sqlite = knex.client.config.client === 'sqlite3';
	return {
		instant: (d: Date) => (sqlite ? d.getTime() : d),
		date: (day: string) => (sqlite ? Date.parse(`${day}T00:00:00Z`) : day),
	};
};
