/**
 * `npm run bench:sweep`: the deadline sweep on 100,000 visits against a plain UPDATE with the
 * same WHERE, in one run on PostgreSQL (DB_* / PG* or 127.0.0.1:5432). Prints the statements
 * one sweep sends, the median times and their ratio. Uses a throwaway database.
 *
 *   VISITS=100000 ROUNDS=7 npm run bench:sweep
 */
import knex, { type Knex } from 'knex';
import { benchEnv, connection, withThrowawayDatabase } from './lib/bench-kit.ts';
import { prepare } from './lib/directus.ts';
import { measureSweep } from './lib/sweep.ts';

const VISITS = Number(process.env.VISITS ?? 100_000);
const ROUNDS = Number(process.env.ROUNDS ?? 7);

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

await withThrowawayDatabase(async (database) => {
	console.log(`Preparing ${database} (schema, settings, calendar) …`);
	await prepare(await benchEnv(database), { quiet: true });
	const db = knex({ client: 'pg', connection: { ...connection, database } });
	try {
		await fill(db);
		const s = await measureSweep(db, ROUNDS);
		console.log(
			`${VISITS} visits; one sweep changed ${JSON.stringify(s.counts)} in ${s.statements} statements (BEGIN, advisory lock and COMMIT included)`,
		);
		console.log(
			`median of ${ROUNDS}: sweep (all rules, log and notices) ${s.sweepMs.toFixed(1)} ms; plain UPDATE of the overdue rule ${s.plainMs.toFixed(1)} ms; ratio ${(s.sweepMs / s.plainMs).toFixed(2)}×`,
		);
	} finally {
		await db.destroy();
	}
});
