/**
 * `npm run bench:sweep`: the deadline sweep on 100,000 visits against a plain UPDATE with the
 * same WHERE, in one run on PostgreSQL (DB_* / PG* or 127.0.0.1:5432). Prints the statements
 * one sweep sends, the median times and their ratio. Uses a throwaway database.
 *
 *   VISITS=100000 ROUNDS=7 npm run bench:sweep
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knex, { type Knex } from 'knex';
import pg from 'pg';
import { runSweeps } from '../extensions/sales-visits/src/flow/sweeps.ts';
import type { FlowContext } from '../extensions/sales-visits/src/flow/transitions.ts';
import { directusEnv, prepare } from './lib/directus.ts';

const VISITS = Number(process.env.VISITS ?? 100_000);
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const connection = {
	host: process.env.DB_HOST ?? process.env.PGHOST ?? '127.0.0.1',
	port: Number(process.env.DB_PORT ?? process.env.PGPORT ?? 5432),
	user: process.env.DB_USER ?? process.env.PGUSER ?? 'postgres',
	password: process.env.DB_PASSWORD ?? process.env.PGPASSWORD ?? '',
};
const database = `sales_visits_bench_${process.pid}`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = async (work: () => Promise<unknown>) => {
	const start = process.hrtime.bigint();
	await work();
	return Number(process.hrtime.bigint() - start) / 1e6;
};

/** 200 reps, 2,000 customers, VISITS visits: every tenth with its report past due, every twentieth due within the reminder window. */
async function fill(db: Knex) {
	await db.raw(`INSERT INTO directus_users (id, email, status, position, language)
		SELECT gen_random_uuid(), 'bench' || n || '@example.com', 'active', 'rep', 'zh-CN' FROM generate_series(1, 200) n`);
	await db.raw(`INSERT INTO customers (name, code, tier, category, relationship, region_scope, province, city, owner, status)
		SELECT '客户' || n, 'B' || n, 'B', 'ordinary', 'existing', 'local', '浙江省', '杭州市', (SELECT id FROM directus_users WHERE email = 'bench' || (n % 200 + 1) || '@example.com'), 'active'
		FROM generate_series(1, 2000) n`);
	await db.raw(
		`INSERT INTO visits (owner, customer, purpose, channel, scheduled_start, status, check_in_at, check_out_at, report_due_at, report_status)
		SELECT c.owner, c.id, 'relationship', 'phone', now() - (n % 90) * interval '1 day', 'completed', now() - (n % 90) * interval '1 day', now() - (n % 90) * interval '1 day',
			CASE WHEN n % 10 = 0 THEN now() - interval '1 hour' WHEN n % 20 = 5 THEN now() + interval '1 hour' ELSE now() - (n % 90) * interval '1 day' + interval '48 hours' END,
			CASE WHEN n % 10 = 0 OR n % 20 = 5 THEN 'pending' ELSE 'approved' END
		FROM generate_series(1, ?) n JOIN customers c ON c.id = n % 2000 + 1`,
		[VISITS],
	);
	await db.raw('VACUUM ANALYZE');
}

/** Puts the swept rows back and drops what the sweep wrote. */
async function reset(db: Knex) {
	await db('visits').where('report_status', 'overdue').update({ report_status: 'pending' });
	await db('visits').whereNotNull('report_reminded_at').update({ report_reminded_at: null });
	await db('approval_log').del();
	await db('directus_notifications').del();
	await db.raw('VACUUM ANALYZE visits');
}

const admin = new pg.Client({ ...connection, database: 'postgres' });
await admin.connect();
await admin.query(`CREATE DATABASE "${database}"`);
try {
	const env = directusEnv({ DB_CLIENT: 'pg', DB_HOST: connection.host, DB_PORT: String(connection.port), DB_USER: connection.user, DB_PASSWORD: connection.password, DB_DATABASE: database, DATA_DIR: mkdtempSync(join(tmpdir(), 'sales-visits-bench-')), SEED: 'false' });
	console.log(`Preparing ${database} (schema, settings, calendar) …`);
	await prepare(env, { quiet: true });
	const db = knex({ client: 'pg', connection: { ...connection, database } });
	await fill(db);
	const ctx = { database: db } as FlowContext;

	let statements = 0;
	const count = () => statements++;
	db.on('query', count);
	const counts = await runSweeps(ctx);
	db.off('query', count);
	console.log(`${VISITS} visits; one sweep changed ${JSON.stringify(counts)} in ${statements} statements (BEGIN, advisory lock and COMMIT included)`);

	const sweep: number[] = [];
	const plain: number[] = [];
	for (let round = 0; round < ROUNDS; round++) {
		// Alternate which goes first, so neither always meets a warmer cache.
		const runs = [
			async () => {
				await reset(db);
				sweep.push(await ms(() => runSweeps(ctx)));
			},
			async () => {
				await reset(db);
				plain.push(await ms(() => db('visits').where('report_status', 'pending').where('report_due_at', '<=', new Date()).update({ report_status: 'overdue' })));
			},
		];
		for (const run of round % 2 ? runs.reverse() : runs) await run();
	}
	const [s, p] = [median(sweep), median(plain)];
	console.log(`median of ${ROUNDS}: sweep (all five rules, log and notices) ${s.toFixed(1)} ms; plain UPDATE of the overdue rule ${p.toFixed(1)} ms; ratio ${(s / p).toFixed(2)}×`);
	await db.destroy();
} finally {
	await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
	await admin.end();
}
