/**
 * `npm run bench:compliance`: GET /visit-quotas/compliance for a whole company (default 200
 * reps, 20,000 customers, 1,000,000 visits; REPS, CUSTOMERS, VISITS) against one hand-written
 * PostgreSQL query that yields the same numbers (JIT off), in one run on a throwaway database.
 * Checks that both agree on every customer and rep, then prints p50 / p95 and the ratio of the p50s.
 *
 *   CUSTOMERS=20000 ROUNDS=7 npm run bench:compliance
 */
import { adminToken, baselineKnex, benchEnv, msOf, serverKnex, timed, withThrowawayDatabase } from './lib/bench-kit.ts';
import { companySize, generateCompany } from './lib/company.ts';
import { measureCompliance } from './lib/compliance.ts';
import { prepare, rebuildCounters, startServer, stopServer } from './lib/directus.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const size = companySize();

await withThrowawayDatabase(async (database) => {
	const env = await benchEnv(database);
	console.log(`Preparing ${database} (schema, settings, calendar) …`);
	await prepare(env, { quiet: true });
	const db = serverKnex(database);
	const sql = baselineKnex(database);
	try {
		const [generated] = await timed(() => generateCompany(db, size));
		console.log(
			`Generated ${size.reps} reps, ${size.customers} customers, ${size.visits} visits in ${(generated / 1000).toFixed(1)} s`,
		);
		await rebuildCounters(env, { quiet: true });
		const server = await startServer(env, { quiet: true });
		try {
			const c = await measureCompliance(db, sql, env, await adminToken(env), ROUNDS);
			console.log(
				`The endpoint and the hand-written query agree on every customer (${c.standings.join(', ')}) and rep.`,
			);
			console.log(
				`p50 / p95 of ${ROUNDS}: GET /visit-quotas/compliance ${msOf(c.endpoint)} (HTTP and JSON included); hand-written SQL (jit off) ${msOf(c.query)}; ratio of the p50s ${(c.endpoint.p50 / c.query.p50).toFixed(2)}×`,
			);
		} finally {
			await stopServer(server);
		}
	} finally {
		await sql.destroy();
		await db.destroy();
	}
});
