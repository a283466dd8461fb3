/**
 * `npm run bench:compliance`: GET /visit-quotas/compliance for a whole company (default 200
 * reps, 20,000 customers, 1,000,000 visits; REPS, CUSTOMERS, VISITS) against one hand-written
 * PostgreSQL query that yields the same numbers, in one run on a throwaway database. Checks
 * that both agree on every customer and rep, then prints the medians and their ratio.
 *
 *   CUSTOMERS=20000 ROUNDS=7 npm run bench:compliance
 */
import knex from 'knex';
import { adminToken, benchEnv, connection, timed, withThrowawayDatabase } from './lib/bench-kit.ts';
import { companySize, generateCompany } from './lib/company.ts';
import { measureCompliance } from './lib/compliance.ts';
import { prepare, startServer, stopServer } from './lib/directus.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const size = companySize();

await withThrowawayDatabase(async (database) => {
	const env = await benchEnv(database);
	console.log(`Preparing ${database} (schema, settings, calendar) …`);
	await prepare(env, { quiet: true });
	const db = knex({ client: 'pg', connection: { ...connection, database } });
	try {
		const [generated] = await timed(() => generateCompany(db, size));
		console.log(
			`Generated ${size.reps} reps, ${size.customers} customers, ${size.visits} visits in ${(generated / 1000).toFixed(1)} s`,
		);
		const server = await startServer(env, { quiet: true });
		try {
			const c = await measureCompliance(db, env, await adminToken(env), ROUNDS);
			console.log(
				`The endpoint and the hand-written query agree on every customer (${c.standings.join(', ')}) and rep.`,
			);
			console.log(
				`median of ${ROUNDS}: GET /visit-quotas/compliance ${c.endpointMs.toFixed(1)} ms (HTTP and JSON included); hand-written SQL ${c.queryMs.toFixed(1)} ms; ratio ${(c.endpointMs / c.queryMs).toFixed(2)}×`,
			);
		} finally {
			await stopServer(server);
		}
	} finally {
		await db.destroy();
	}
});
