/**
 * What every benchmark shares: the PostgreSQL server (DB_* / PG* or 127.0.0.1:5432), a
 * throwaway database on it, a Directus environment for that database, timing and percentiles.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knex, { type Knex } from 'knex';
import pg from 'pg';
import { directusEnv, freePort, type Env } from './directus.ts';

export const connection = {
	host: process.env.DB_HOST ?? process.env.PGHOST ?? '127.0.0.1',
	port: Number(process.env.DB_PORT ?? process.env.PGPORT ?? 5432),
	user: process.env.DB_USER ?? process.env.PGUSER ?? 'postgres',
	password: process.env.DB_PASSWORD ?? process.env.PGPASSWORD ?? '',
};

/** The nearest-rank percentile `p` (0–1) of `xs`: a value that was measured, never an interpolation. */
export const percentile = (xs: number[], p: number) =>
	[...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(p * xs.length) - 1)]!;
export const median = (xs: number[]) => percentile(xs, 0.5);

/** p50 and p95 of a series of samples, and how many there were. */
export interface Spread {
	p50: number;
	p95: number;
	n: number;
}
export const spreadOf = (xs: number[]): Spread => ({
	p50: percentile(xs, 0.5),
	p95: percentile(xs, 0.95),
	n: xs.length,
});

/** `12.3 / 15.1 ms` (p50 / p95). */
export const msOf = (s: Spread) => `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)} ms`;

export const timed = async <T>(work: () => Promise<T>): Promise<[number, T]> => {
	const start = process.hrtime.bigint();
	const result = await work();
	return [Number(process.hrtime.bigint() - start) / 1e6, result];
};

/** Runs each round's measurements, first in the given order, then reversed, so neither always meets a warmer cache. */
export async function alternate(rounds: number, runs: (() => Promise<unknown>)[]): Promise<void> {
	for (let round = 0; round < rounds; round++) for (const run of round % 2 ? [...runs].reverse() : runs) await run();
}

/** A connection pool to the throwaway database with the server's settings (what our code meets). */
export const serverKnex = (database: string): Knex => knex({ client: 'pg', connection: { ...connection, database } });

/**
 * The hand-written baselines' pool: every connection with `SET jit = off`, since JIT compiling
 * costs PostgreSQL more than it saves on these queries; the same database, so the same indexes.
 */
export const baselineKnex = (database: string): Knex =>
	knex({
		client: 'pg',
		connection: { ...connection, database },
		pool: {
			afterCreate: (conn: pg.Client, done: (error: Error | null, conn: pg.Client) => void) =>
				conn.query('SET jit = off', (error: Error | null) => done(error, conn)),
		},
	});

/** Creates a database named after this process, hands it to `work`, and drops it whatever happens; refuses clearly without a server. */
export async function withThrowawayDatabase(work: (database: string) => Promise<void>): Promise<void> {
	const admin = new pg.Client({ ...connection, database: 'postgres', connectionTimeoutMillis: 3000 });
	try {
		await admin.connect();
	} catch (error) {
		console.error(
			`The benchmarks need PostgreSQL: none answers at ${connection.host}:${connection.port} (${(error as Error).message}). Set DB_HOST/DB_PORT/DB_USER/DB_PASSWORD or PG*.`,
		);
		process.exit(1);
	}
	const database = `sales_visits_bench_${process.pid}`;
	await admin.query(`CREATE DATABASE "${database}"`);
	try {
		await work(database);
	} finally {
		await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
		await admin.end();
	}
}

/** Directus on that database, on a free port, without the demo company or the scheduled sweeps. */
export const benchEnv = async (database: string, overrides: Env = {}): Promise<Env> =>
	directusEnv({
		DB_CLIENT: 'pg',
		DB_HOST: connection.host,
		DB_PORT: String(connection.port),
		DB_USER: connection.user,
		DB_PASSWORD: connection.password,
		DB_DATABASE: database,
		DATA_DIR: mkdtempSync(join(tmpdir(), 'sales-visits-bench-')),
		PORT: await freePort(),
		SEED: 'false',
		// A throwaway database; every env of one run must log in with the same password (without the demo company one would be drawn per env).
		ADMIN_PASSWORD: 'bench-admin-password',
		SWEEP_SCHEDULE: 'off',
		// A run outlasts the default 15 minutes.
		ACCESS_TOKEN_TTL: '1d',
		// On a busy shared machine the event loop lags and Directus sheds load with 503s; we measure work, not shedding.
		PRESSURE_LIMITER_ENABLED: 'false',
		...overrides,
	});

/** A user's access token. */
export async function login(env: Env, email: string, password: string): Promise<string> {
	const res = await fetch(`${env.PUBLIC_URL}/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password }),
	});
	if (!res.ok) throw new Error(`login as ${email} answered ${res.status}: ${await res.text()}`);
	return (await res.json()).data.access_token;
}

/** The administrator's access token. */
export const adminToken = (env: Env): Promise<string> => login(env, env.ADMIN_EMAIL, env.ADMIN_PASSWORD);

/** GET a path as JSON `data`, failing loudly. */
export async function getData(env: Env, token: string, path: string): Promise<any> {
	// A server that died or hangs fails the run instead of stalling it.
	const res = await fetch(`${env.PUBLIC_URL}${path}`, {
		headers: { authorization: `Bearer ${token}` },
		signal: AbortSignal.timeout(120_000),
	});
	if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
	return (await res.json()).data;
}
