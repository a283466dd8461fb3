/**
 * Direct database access for the one thing HTTP cannot do: let time pass. The server stamps
 * every deadline from its own clock, so a test that needs a deadline in the past moves it.
 */
import knex, { type Knex } from 'knex';
import type { RunningTarget } from '../setup/global.ts';

const connections = new Map<string, Knex>();

function connect(target: RunningTarget): Knex {
	const { env } = target;
	if (!connections.has(target.url)) {
		connections.set(
			target.url,
			env.DB_CLIENT === 'pg'
				? knex({ client: 'pg', connection: { host: env.DB_HOST, port: Number(env.DB_PORT), user: env.DB_USER, password: env.DB_PASSWORD, database: env.DB_DATABASE }, pool: { min: 0, max: 1 } })
				: knex({ client: 'sqlite3', connection: { filename: env.DB_FILENAME! }, useNullAsDefault: true, pool: { min: 0, max: 1 } }),
		);
	}
	return connections.get(target.url)!;
}

/** Sets a timestamp column as Directus stores it (epoch milliseconds in SQLite). */
export async function backdate(target: RunningTarget, table: string, id: number, column: string, at: Date) {
	const db = connect(target);
	await db(table).where({ id }).update({ [column]: target.env.DB_CLIENT === 'pg' ? at : at.getTime() });
}

/** Sets plain columns, for a state that another flow reaches (a revisit done by customer service). */
export async function setColumns(target: RunningTarget, table: string, id: number, values: Record<string, unknown>) {
	await connect(target)(table).where({ id }).update(values);
}

export async function closeDatabases() {
	await Promise.all([...connections.values()].map((c) => c.destroy()));
	connections.clear();
}

/** A date column's value as Directus stores it (epoch milliseconds of UTC midnight in SQLite). */
export const dateValue = (target: RunningTarget, day: string) => (target.env.DB_CLIENT === 'pg' ? day : Date.parse(`${day}T00:00:00Z`));

/** Inserts a crafted row (Dates become stored timestamps; dates go through dateValue) and returns its id. */
export async function insertRow(target: RunningTarget, table: string, row: Record<string, unknown>): Promise<number> {
	const values = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date && target.env.DB_CLIENT !== 'pg' ? v.getTime() : v]));
	const [inserted] = await connect(target)(table).insert(values, ['id']);
	return Number(typeof inserted === 'object' ? inserted.id : inserted);
}

/** The number of rows of each table, in one query (Postgres counts come back as strings). */
export async function rowCounts(target: RunningTarget, tables: readonly string[]): Promise<Record<string, number>> {
	const db = connect(target);
	const row = await db.select(tables.map((t) => db(t).count('*').as(t))).first();
	return Object.fromEntries(tables.map((t) => [t, Number(row[t])]));
}
