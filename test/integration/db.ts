/**
 * Direct database access for the one thing HTTP cannot do: let time pass. The server stamps
 * every deadline from its own clock, so a test that needs a deadline in the past moves it.
 */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { Response } from './client.ts';
import knex, { type Knex } from 'knex';
import pg from 'pg';
import { eventually } from './expect.ts';
import type { RunningTarget } from '../setup/global.ts';

const connections = new Map<string, Knex>();

/** The test's own connection to the target's database (one per server, closed by closeDatabases). */
export function connect(target: RunningTarget): Knex {
	const { env } = target;
	if (!connections.has(target.url)) {
		connections.set(
			target.url,
			env.DB_CLIENT === 'pg'
				? knex({
						client: 'pg',
						connection: {
							host: env.DB_HOST,
							port: Number(env.DB_PORT),
							user: env.DB_USER,
							password: env.DB_PASSWORD,
							database: env.DB_DATABASE,
						},
						pool: { min: 0, max: 1 },
					})
				: knex({
						client: 'sqlite3',
						connection: { filename: env.DB_FILENAME! },
						useNullAsDefault: true,
						pool: { min: 0, max: 1 },
					}),
		);
	}
	return connections.get(target.url)!;
}

/** Sets a timestamp column as Directus stores it (epoch milliseconds in SQLite). */
export async function backdate(target: RunningTarget, table: string, id: number, column: string, at: Date) {
	const db = connect(target);
	await db(table)
		.where({ id })
		.update({ [column]: target.env.DB_CLIENT === 'pg' ? at : at.getTime() });
}

/** Sets plain columns, for a state that another flow reaches (a revisit done by customer service). */
export async function setColumns(target: RunningTarget, table: string, id: number, values: Record<string, unknown>) {
	await connect(target)(table).where({ id }).update(values);
}

/** The rows of a table that match `where`, as stored. */
export async function selectRows(
	target: RunningTarget,
	table: string,
	where: Record<string, unknown>,
): Promise<Record<string, any>[]> {
	return connect(target)(table).where(where).select('*');
}

/** The rows of `table` with these ids, in one query. */
export async function selectByIds(target: RunningTarget, table: string, ids: number[]): Promise<Record<string, any>[]> {
	return connect(target)(table).whereIn('id', ids).select('*');
}

/** Runs one statement as it is (DDL a test needs, such as a trigger that makes a write fail). */
export async function execute(target: RunningTarget, sql: string) {
	await connect(target).raw(sql);
}

/** An index as the database has it: its table, its columns in order, and its WHERE (a partial index) or null. */
export interface IndexRow {
	table: string;
	name: string;
	columns: string;
	unique: boolean;
	where: string | null;
}

/** Every index of the database's tables (Postgres: the public schema). */
export async function indexesOf(target: RunningTarget): Promise<IndexRow[]> {
	const db = connect(target);
	if (target.env.DB_CLIENT === 'pg')
		return (
			await db.raw(`SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique,
				(SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS columns,
				pg_get_expr(ix.indpred, ix.indrelid) AS where
				FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
				JOIN pg_namespace s ON s.oid = t.relnamespace WHERE s.nspname = 'public'`)
		).rows;
	const indexes: { name: string; tbl_name: string; sql: string | null }[] = await db('sqlite_master')
		.where('type', 'index')
		.select('name', 'tbl_name', 'sql');
	return Promise.all(
		indexes.map(async ({ name, tbl_name, sql }) => {
			const columns: { name: string }[] = await db.raw('PRAGMA index_info(??)', [name]);
			return {
				table: tbl_name,
				name,
				columns: columns.map((c) => c.name).join(','),
				unique: /^CREATE UNIQUE/i.test(sql ?? 'CREATE UNIQUE'),
				where: sql?.match(/\bWHERE\b(.*)$/is)?.[1]?.trim() ?? null,
			};
		}),
	);
}

export async function closeDatabases() {
	await Promise.all([...connections.values()].map((c) => c.destroy()));
	connections.clear();
}

/** A date column's value as Directus stores it (epoch milliseconds of UTC midnight in SQLite). */
export const dateValue = (target: RunningTarget, day: string) =>
	target.env.DB_CLIENT === 'pg' ? day : Date.parse(`${day}T00:00:00Z`);

/** Inserts a crafted row (Dates become stored timestamps; dates go through dateValue) and returns its id. */
export async function insertRow(target: RunningTarget, table: string, row: Record<string, unknown>): Promise<number> {
	const values = Object.fromEntries(
		Object.entries(row).map(([k, v]) => [k, v instanceof Date && target.env.DB_CLIENT !== 'pg' ? v.getTime() : v]),
	);
	const [inserted] = await connect(target)(table).insert(values, ['id']);
	return Number(typeof inserted === 'object' ? inserted.id : inserted);
}

/** What a table holds: its row count, a checksum of its rows and, on Postgres, of their xmin (a no-op UPDATE changes it). */
export interface TableState {
	rows: number;
	checksum: string;
	xmin?: string;
}

/** Every sequence's last value and every table's state, to show that something wrote nothing. */
export async function databaseState(
	target: RunningTarget,
): Promise<{ sequences: Record<string, string | null>; tables: Record<string, TableState> }> {
	const db = connect(target);
	const tables: Record<string, TableState> = {};
	if (target.env.DB_CLIENT === 'pg') {
		const sequences = (await db.raw('SELECT sequencename AS name, last_value::text AS value FROM pg_sequences'))
			.rows as { name: string; value: string | null }[];
		const names: string[] = (await db.raw("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).rows.map(
			(r: { tablename: string }) => r.tablename,
		);
		for (const name of names) {
			const { rows } = await db.raw(
				`SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS checksum, md5(coalesce(string_agg(t.xmin::text, ',' ORDER BY t::text), '')) AS xmin FROM ?? t`,
				[name],
			);
			tables[name] = rows[0];
		}
		return { sequences: Object.fromEntries(sequences.map((s) => [s.name, s.value])), tables };
	}
	const sequences: { name: string; seq: number }[] = await db('sqlite_sequence').select('name', 'seq');
	const names: string[] = (
		await db('sqlite_master').where('type', 'table').whereNot('name', 'like', 'sqlite_%').select('name')
	).map((r: { name: string }) => r.name);
	for (const name of names) {
		const rows = (await db(name).select('*')).map((r: object) => JSON.stringify(r)).sort();
		tables[name] = { rows: rows.length, checksum: createHash('sha256').update(rows.join('\n')).digest('hex') };
	}
	return { sequences: Object.fromEntries(sequences.map((s) => [s.name, String(s.seq)])), tables };
}

/** A connection of the test's own to the target's Postgres database, outside the pool. */
export async function pgClient(target: RunningTarget): Promise<pg.Client> {
	const { env } = target;
	const client = new pg.Client({
		host: env.DB_HOST,
		port: Number(env.DB_PORT),
		user: env.DB_USER,
		password: env.DB_PASSWORD,
		database: env.DB_DATABASE,
	});
	await client.connect();
	return client;
}

/** Backends of this database (other than `except`) waiting for a lock, by application name. */
export async function lockWaiters(
	client: pg.Client,
	except?: number,
): Promise<{ pid: number; application_name: string }[]> {
	// Inside a transaction (the lock holder's) pg_stat_activity is read once and kept: read it afresh.
	await client.query('SELECT pg_stat_clear_snapshot()');
	const { rows } = await client.query(
		"SELECT pid, application_name FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1",
		[except ?? 0],
	);
	return rows;
}

/** A lock the test holds from its own Postgres connection: `queued(n)` waits until n backends wait for a lock, `release()` commits. */
export interface HeldLock {
	queued: (n: number) => Promise<void>;
	release: () => Promise<void>;
}

/** Opens a transaction on a connection of the test's own, takes a lock in it (`take`) and holds it. */
async function holdLock(target: RunningTarget, take: (client: pg.Client) => Promise<unknown>): Promise<HeldLock> {
	const client = await pgClient(target);
	await client.query('BEGIN');
	await take(client);
	const pid: number = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
	return {
		/** Waits until n backends wait for a lock; on a timeout says what the database's backends do. */
		queued: async (n: number) => {
			try {
				await eventually(async () => expect((await lockWaiters(client, pid)).length).toBeGreaterThanOrEqual(n), 15_000);
			} catch (error) {
				await client.query('SELECT pg_stat_clear_snapshot()');
				const { rows } = await client.query(
					'SELECT pid, state, wait_event_type, wait_event, left(query, 80) AS query FROM pg_stat_activity WHERE datname = current_database() AND pid <> $1',
					[pid],
				);
				throw new Error(`${(error as Error).message} (the test holds pid ${pid})\n${JSON.stringify(rows)}`, {
					cause: error,
				});
			}
		},
		release: async () => {
			await client.query('COMMIT');
			await client.end();
		},
	};
}

/** Postgres: takes a row's lock (SELECT … FOR UPDATE in an open transaction) so that requests touching it queue up. */
export const holdRowLock = (target: RunningTarget, table: string, id: number) =>
	holdLock(target, (client) => client.query(`SELECT 1 FROM "${table}" WHERE id = $1 FOR UPDATE`, [id]));

/** Postgres: takes the transaction-level advisory lock keyed by hashtext(`key`), as the server does for a month's document numbers. */
export const holdAdvisoryLock = (target: RunningTarget, key: string) =>
	holdLock(target, (client) => client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]));

/**
 * Sends the requests while the row is locked (Postgres) and releases it once every one of them
 * waits for it, so their transactions overlap; an answer before the release fails the test.
 * SQLite runs one write transaction at a time: there the requests are only sent together.
 */
export async function overlapping(
	target: RunningTarget,
	table: string,
	id: number,
	send: (() => Promise<Response>)[],
): Promise<Response[]> {
	return overlappingUnder(target.env.DB_CLIENT === 'pg' ? await holdRowLock(target, table, id) : null, send);
}

/** Sends the requests while `lock` is held and releases it once every one of them waits for a lock (no lock: sends them together). */
export async function overlappingUnder(lock: HeldLock | null, send: (() => Promise<Response>)[]): Promise<Response[]> {
	const start = Date.now();
	// Each answer with the time it took: a failure says which request waited for what.
	const timed = send.map((request) => request().then((res) => ({ res, ms: Date.now() - start })));
	const sent = timed.map((t) => t.then(({ res }) => res));
	if (lock) {
		const early = Promise.race(
			sent.map((p) =>
				p.then((r) =>
					Promise.reject(new Error(`answered before the lock was released: ${r.status} ${JSON.stringify(r.body)}`)),
				),
			),
		);
		early.catch(() => {});
		try {
			await Promise.race([lock.queued(send.length), early]);
		} catch (error) {
			await lock.release();
			const answers = await Promise.all(timed);
			throw new Error(
				`${(error as Error).message}\nreleased after ${Date.now() - start} ms; answers: ${JSON.stringify(answers.map(({ res, ms }) => [res.status, ms]))}`,
				{ cause: error },
			);
		}
		await lock.release();
	}
	return Promise.all(sent);
}

/** The number of rows of each table, in one query (Postgres counts come back as strings). */
export async function rowCounts(target: RunningTarget, tables: readonly string[]): Promise<Record<string, number>> {
	const db = connect(target);
	const row = await db.select(tables.map((t) => db(t).count('*').as(t))).first();
	return Object.fromEntries(tables.map((t) => [t, Number(row[t])]));
}
