/**
 * The databases the integration suite runs on: always a temporary SQLite file, and a
 * fresh PostgreSQL database when a server answers (DB_* / PG* variables or 127.0.0.1:5432),
 * each for its own project (vitest.config.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, type Env } from '../../scripts/lib/directus.ts';

export interface Target {
	name: 'sqlite' | 'postgres';
	env: Env;
	/** Removes what the target created (the Postgres database). */
	dispose(): Promise<void>;
}

const common = async (name: string): Promise<Env> => ({
	DATA_DIR: mkdtempSync(join(tmpdir(), `sales-visits-${name}-`)),
	PORT: await freePort(),
	HOST: '127.0.0.1',
	ADMIN_EMAIL: 'admin@example.com',
	ADMIN_PASSWORD: 'admin-test-password',
	LOG_LEVEL: 'warn',
	SEED: 'true',
	// The tests run the sweeps when they mean to; the two-instance test runs the schedule.
	SWEEP_SCHEDULE: 'off',
	// The suite measures behaviour, not capacity: on a busy 2-core machine Directus's pressure
	// limiter answers 503 "Under pressure" instead of doing the work under test.
	PRESSURE_LIMITER_ENABLED: 'false',
	// Every sign-in waits LOGIN_STALL_TIME (500 ms) so that its timing tells nothing; the suite signs
	// in hundreds of times, and none of its tests reads the timing.
	LOGIN_STALL_TIME: '0',
});

export async function sqliteTarget(): Promise<Target> {
	const env = await common('sqlite');
	return {
		name: 'sqlite',
		env: { ...env, DB_CLIENT: 'sqlite3', DB_FILENAME: join(env.DATA_DIR, 'db.sqlite') },
		dispose: async () => {},
	};
}

const pgConnection = () => ({
	host: process.env.DB_HOST ?? process.env.PGHOST ?? '127.0.0.1',
	port: Number(process.env.DB_PORT ?? process.env.PGPORT ?? 5432),
	user: process.env.DB_USER ?? process.env.PGUSER ?? 'postgres',
	password: process.env.DB_PASSWORD ?? process.env.PGPASSWORD ?? '',
});

/** Why no PostgreSQL server answers, or null when one does (vitest.config.ts and test/run.ts leave PostgreSQL out then). */
export async function postgresAbsence(): Promise<string | null> {
	const connection = pgConnection();
	const client = new pg.Client({ ...connection, database: 'postgres', connectionTimeoutMillis: 3000 });
	try {
		await client.connect();
		await client.end();
		return null;
	} catch (error) {
		return `PostgreSQL is not reachable at ${connection.host}:${connection.port} (${(error as Error).message})`;
	}
}

/** A fresh database on the reachable server, or the reason there is none. */
export async function postgresTarget(): Promise<Target | string> {
	const connection = pgConnection();
	const admin = new pg.Client({ ...connection, database: 'postgres', connectionTimeoutMillis: 3000 });
	try {
		await admin.connect();
	} catch (error) {
		return `PostgreSQL is not reachable at ${connection.host}:${connection.port} (${(error as Error).message})`;
	}
	const database = `sales_visits_test_${process.pid}_${Date.now()}`;
	await admin.query(`CREATE DATABASE "${database}"`);
	await admin.end();
	const env = await common('postgres');
	return {
		name: 'postgres',
		env: {
			...env,
			DB_CLIENT: 'pg',
			DB_HOST: connection.host,
			DB_PORT: String(connection.port),
			DB_DATABASE: database,
			DB_USER: connection.user,
			DB_PASSWORD: connection.password,
		},
		async dispose() {
			const client = new pg.Client({ ...connection, database: 'postgres' });
			await client.connect();
			await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
			await client.end();
		},
	};
}
