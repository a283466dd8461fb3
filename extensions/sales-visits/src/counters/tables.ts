/**
 * The counter tables (plain tables, not collections: nobody edits them) and kpi_months, the
 * months from 2000 to 2200 with where each begins in the company's time zone: a value's month,
 * quarter, half and year are one indexed lookup away on either database.
 */
import type { Knex } from 'knex';
import { PERIOD_YEARS } from '../domain/input.ts';
import { zonedInstant } from '../domain/zoned-time.ts';
import { addDays } from '../domain/zoned-time.ts';
import { dayKey, periodKey } from './periods.ts';
import { COUNTERS, CUSTOMER_COUNTERS, DAYS, MONTHS, PENDING, PERIODS } from './sql.ts';

/** One row: the time zone the months and counters were built for, and when. */
export const ROLLUP = 'kpi_rollup';

/** Column types as each vendor names them. */
const TYPES = {
	pg: { uuid: 'uuid', instant: 'timestamptz', bool: 'boolean' },
	sqlite3: { uuid: 'char(36)', instant: 'datetime', bool: 'boolean' },
};

export async function ensureTables(knex: Knex): Promise<void> {
	const t = TYPES[knex.client.config.client === 'pg' ? 'pg' : 'sqlite3'];
	for (const statement of [
		`CREATE TABLE IF NOT EXISTS ${MONTHS} (month varchar(7) PRIMARY KEY, quarter varchar(7) NOT NULL, half varchar(7) NOT NULL, year varchar(4) NOT NULL, starts_at ${t.instant} NOT NULL, first_day date NOT NULL)`,
		`CREATE INDEX IF NOT EXISTS ${MONTHS}_starts_at ON ${MONTHS} (starts_at)`,
		`CREATE INDEX IF NOT EXISTS ${MONTHS}_first_day ON ${MONTHS} (first_day)`,
		// Directus wants one primary-key column: `id` is the counter's columns joined (sql.ts counterId).
		// Periods are month ranges: the company reads by month, a team by month and owner.
		`CREATE TABLE IF NOT EXISTS ${COUNTERS} (id varchar(96) PRIMARY KEY, owner ${t.uuid} NOT NULL, month varchar(7) NOT NULL, metric varchar(32) NOT NULL, n decimal(20, 2) NOT NULL)`,
		`CREATE INDEX IF NOT EXISTS ${COUNTERS}_month_owner ON ${COUNTERS} (month, owner)`,
		`CREATE INDEX IF NOT EXISTS ${COUNTERS}_metric_month ON ${COUNTERS} (metric, month)`,
		// A person's or a team's stocks by metric: without it their open receivables, kept by due day,
		// are found among everybody's (7 ms instead of 0.4 for one rep in `npm run bench`'s company).
		`CREATE INDEX IF NOT EXISTS ${COUNTERS}_owner_metric_month ON ${COUNTERS} (owner, metric, month)`,
		`CREATE TABLE IF NOT EXISTS ${PERIODS} (id varchar(16) PRIMARY KEY, period varchar(7) NOT NULL, kind varchar(16) NOT NULL, month varchar(7) NOT NULL)`,
		`CREATE INDEX IF NOT EXISTS ${PERIODS}_period ON ${PERIODS} (period)`,
		`CREATE TABLE IF NOT EXISTS ${CUSTOMER_COUNTERS} (id varchar(96) PRIMARY KEY, customer integer NOT NULL, period varchar(7) NOT NULL, metric varchar(16) NOT NULL, n decimal(20, 2) NOT NULL)`,
		`CREATE INDEX IF NOT EXISTS ${CUSTOMER_COUNTERS}_customer_period ON ${CUSTOMER_COUNTERS} (customer, period)`,
		`CREATE TABLE IF NOT EXISTS ${PENDING} (id varchar(64) PRIMARY KEY, grp varchar(32) NOT NULL, k bigint NOT NULL, fresh ${t.bool} NOT NULL)`,
		`CREATE INDEX IF NOT EXISTS ${PENDING}_grp ON ${PENDING} (grp, fresh)`,
		// Days for the counts kept by due day (receivables aging): the same years as the months.
		`CREATE TABLE IF NOT EXISTS ${DAYS} (day varchar(7) PRIMARY KEY, first_day date NOT NULL)`,
		`CREATE INDEX IF NOT EXISTS ${DAYS}_first_day ON ${DAYS} (first_day)`,
		`CREATE TABLE IF NOT EXISTS ${ROLLUP} (id integer PRIMARY KEY, timezone varchar(64) NOT NULL, rebuilt_at ${t.instant} NOT NULL)`,
	])
		await knex.raw(statement);
	// Added with the sales-cycle KPIs: which groups the counters were built for (rebuild.ts).
	if (!(await knex.schema.hasColumn(ROLLUP, 'groups')))
		await knex.schema.alterTable(ROLLUP, (t) => t.string('groups', 16).nullable());
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Rewrites kpi_months for `timezone`. */
export async function fillMonths(knex: Knex, timezone: string): Promise<void> {
	// Directus keeps SQLite timestamps and dates as epoch milliseconds (flow/values.ts).
	const sqlite = knex.client.config.client !== 'pg';
	const rows = [];
	for (let y = PERIOD_YEARS.min; y <= PERIOD_YEARS.max + 1; y++)
		for (let m = 1; m <= 12; m++) {
			const day = `${y}-${pad(m)}-01`;
			rows.push({
				month: periodKey.month(day),
				quarter: periodKey.quarter(day),
				half: periodKey.half_year(day),
				year: periodKey.year(day),
				starts_at: sqlite ? zonedInstant(day, timezone).getTime() : zonedInstant(day, timezone),
				first_day: sqlite ? Date.parse(`${day}T00:00:00Z`) : day,
			});
		}
	const kinds = { month: 'month', quarter: 'quarter', half: 'half_year', year: 'year' } as const;
	const periods = rows.flatMap((r) =>
		Object.entries(kinds).map(([column, kind]) => ({
			id: `${r[column as keyof typeof kinds]}|${r.month}`,
			period: r[column as keyof typeof kinds],
			kind,
			month: r.month,
		})),
	);
	await knex(MONTHS).del();
	await knex(PERIODS).del();
	// SQLite takes at most 999 bound values a statement.
	await knex.batchInsert(MONTHS, rows, 100);
	await knex.batchInsert(PERIODS, periods, 200);
}

/** Fills kpi_days (every day of the months' years) when it is not complete: days do not depend on the time zone. */
export async function fillDays(knex: Knex): Promise<void> {
	const [first, end] = [`${PERIOD_YEARS.min}-01-01`, `${PERIOD_YEARS.max + 2}-01-01`];
	const expected = Math.round((Date.parse(end) - Date.parse(first)) / 86_400_000);
	const have = await knex(DAYS).count({ n: '*' }).first();
	if (Number(have?.n ?? 0) === expected) return;
	const sqlite = knex.client.config.client !== 'pg';
	const rows = [];
	for (let day = first; day < end; day = addDays(day, 1))
		rows.push({ day: dayKey(day), first_day: sqlite ? Date.parse(`${day}T00:00:00Z`) : day });
	await knex(DAYS).del();
	await knex.batchInsert(DAYS, rows, 400);
}
