/**
 * `npm run bench:requests`: what one request costs with the schema frozen and shared
 * (CACHE_SCHEMA_FREEZE_ENABLED=true, our default) against Directus's default, which deep-copies the
 * schema for every request. Two servers on one throwaway PostgreSQL database (DB_* / PG* or
 * 127.0.0.1:5432), the same requests to each, alternating which goes first; prints the medians and
 * their ratio.
 *
 *   REQUESTS=300 ROUNDS=5 npm run bench:requests
 */
import { adminToken, alternate, benchEnv, median, timed, withThrowawayDatabase } from './lib/bench-kit.ts';
import { prepare, startServer, stopServer, type Env } from './lib/directus.ts';

const REQUESTS = Number(process.env.REQUESTS ?? 300);
const ROUNDS = Number(process.env.ROUNDS ?? 5);

/** A plain read, a list read and a refused flow action (the plan does not exist): each answered by every request path. */
const REQUESTS_OF_A_ROUND: [string, string][] = [
	['GET', '/users/me'],
	['GET', '/items/customers?limit=10'],
	['POST', '/visit-flow/plans/1/approve'],
];

await withThrowawayDatabase(async (database) => {
	console.log(`Preparing ${database} (schema, settings, calendar) …`);
	const frozenEnv = await benchEnv(database, { CACHE_SCHEMA_FREEZE_ENABLED: 'true' });
	const copiedEnv = await benchEnv(database, { CACHE_SCHEMA_FREEZE_ENABLED: 'false' });
	await prepare(frozenEnv, { quiet: true });
	const servers = await Promise.all([startServer(frozenEnv, { quiet: true }), startServer(copiedEnv, { quiet: true })]);
	try {
		const perRequest: Record<'frozen' | 'copied', number[]> = { frozen: [], copied: [] };
		const measure = async (name: keyof typeof perRequest, env: Env) => {
			const token = await adminToken(env);
			const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
			const [ms] = await timed(async () => {
				for (let i = 0; i < REQUESTS; i++) {
					const [method, path] = REQUESTS_OF_A_ROUND[i % REQUESTS_OF_A_ROUND.length]!;
					const res = await fetch(`${env.PUBLIC_URL}${path}`, {
						method,
						headers,
						body: method === 'POST' ? '{}' : undefined,
					});
					await res.arrayBuffer();
					if (res.status >= 500) throw new Error(`${method} ${path} answered ${res.status}`);
				}
			});
			perRequest[name].push(ms / REQUESTS);
		};
		// A warm-up round for each, not counted.
		await measure('frozen', frozenEnv);
		await measure('copied', copiedEnv);
		perRequest.frozen = [];
		perRequest.copied = [];
		await alternate(ROUNDS, [() => measure('frozen', frozenEnv), () => measure('copied', copiedEnv)]);
		const frozen = median(perRequest.frozen);
		const copied = median(perRequest.copied);
		console.log(
			`median of ${ROUNDS} rounds of ${REQUESTS} requests (${REQUESTS_OF_A_ROUND.map(([m, p]) => `${m} ${p}`).join(', ')}): ` +
				`schema frozen ${frozen.toFixed(2)} ms per request; copied per request (Directus's default) ${copied.toFixed(2)} ms; ratio ${(frozen / copied).toFixed(2)}×`,
		);
	} finally {
		await Promise.all(servers.map(stopServer));
	}
});
