/**
 * `npm run bench`: the whole benchmark set on one generated company (REPS, CUSTOMERS, VISITS;
 * default 200, 20,000, 1,000,000) in a throwaway PostgreSQL database, each figure a ratio
 * against a baseline measured in the same run with alternating order and medians of ROUNDS:
 *
 *   f. the server's peak resident memory during KPI summaries, above its idle (goal < 100 MB),
 *      first, before other requests have grown its heap;
 *   a. GET /visit-kpi/summary (company and one team, KPI_PERIOD, default last month) against
 *      one hand-written query (goal ≤ 1.5×) and
 *   b. against the same counts from the generic items API, all three checked to agree first;
 *   c. GET /visit-quotas/compliance against one hand-written query (checked to agree first);
 *   e. POST /items/visits throughput (CREATES per round, CONCURRENCY in flight) with our
 *      extensions against the same Directus without them (goal ≥ 0.85);
 *   d. the deadline sweep against a plain UPDATE (last: it rewrites report statuses).
 *
 *   ROUNDS=5 KPI_PERIOD=2026-10 CREATES=200 CONCURRENCY=4 npm run bench
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knex from 'knex';
import { kpiPeriod } from '../extensions/sales-visits/src/domain/kpi.ts';
import { adminToken, benchEnv, connection, getData, timed, withThrowawayDatabase } from './lib/bench-kit.ts';
import { companySize, generateCompany } from './lib/company.ts';
import { measureCompliance } from './lib/compliance.ts';
import { measureCreates } from './lib/creates.ts';
import { kpiPath, measureKpi } from './lib/kpi.ts';
import { prepare, startServer, stopServer } from './lib/directus.ts';
import { idleRss, memoryOf, peakRssDuring } from './lib/memory.ts';
import { measureSweep } from './lib/sweep.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const CREATES = Number(process.env.CREATES ?? 200);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 4);
const KPI_PERIOD = process.env.KPI_PERIOD ?? kpiPeriod(new Date().toISOString().slice(0, 7))!.previous;
const size = companySize();

interface Figure {
	what: string;
	figure: string;
	goal?: string;
	met?: boolean;
}
const figures: Figure[] = [];
const ms = (x: number) => `${x.toFixed(1)} ms`;
const record = (f: Figure) => {
	figures.push(f);
	console.log(`${f.what}: ${f.figure}${f.goal ? ` (goal ${f.goal}: ${f.met ? 'met' : 'NOT met'})` : ''}`);
};

await withThrowawayDatabase(async (database) => {
	const env = await benchEnv(database);
	// The same Directus on the same database, with an empty extensions folder: the schema is there, our hooks and endpoints are not.
	const bareEnv = await benchEnv(database, {
		EXTENSIONS_PATH: mkdtempSync(join(tmpdir(), 'sales-visits-no-extensions-')),
	});
	console.log(`Preparing ${database} (schema, settings, calendar) …`);
	await prepare(env, { quiet: true });
	const db = knex({ client: 'pg', connection: { ...connection, database } });
	try {
		const [generated] = await timed(() => generateCompany(db, size));
		console.log(
			`Generated ${size.reps} reps, ${size.customers} customers, ${size.visits} visits and their records in ${(generated / 1000).toFixed(1)} s; ${ROUNDS} rounds each`,
		);
		const ours = await startServer(env, { quiet: true });
		const bare = await startServer(bareEnv, { quiet: true });
		try {
			const pid = ours.pid!;
			const token = await adminToken(env);
			const idle = await idleRss(pid);
			console.log(`Directus idle: ${idle.toFixed(0)} MB resident`);

			// Memory first, before any other request has grown the heap.
			const manager: { id: string; email: string } = await db('directus_users')
				.where('position', 'manager')
				.orderBy('email')
				.first('id', 'email');
			const team = manager.id;
			const [kpiPeak] = await peakRssDuring(pid, async () => {
				for (let round = 0; round < ROUNDS; round++)
					for (const scope of [null, team]) await getData(env, token, kpiPath(KPI_PERIOD, scope));
			});
			const above = kpiPeak - idle;
			record({
				what: `f. peak RSS during ${ROUNDS * 2} KPI summaries above idle`,
				figure: `${kpiPeak.toFixed(0)} MB, +${above.toFixed(0)} MB`,
				goal: '< 100 MB',
				met: above < 100,
			});

			for (const [scope, id] of [
				['company', null],
				[`team of ${manager.email}`, team],
			] as const) {
				const k = await measureKpi(db, env, token, ROUNDS, KPI_PERIOD, id);
				console.log(
					`KPI ${KPI_PERIOD} (${scope}): the endpoint, the query and the items API agree on every count: ${k.values.join(', ')}`,
				);
				const ratio = k.endpointMs / k.queryMs;
				record({
					what: `a. GET /visit-kpi/summary ${scope} vs hand-written SQL`,
					figure: `${ms(k.endpointMs)} vs ${ms(k.queryMs)}, ${ratio.toFixed(2)}×`,
					goal: '≤ 1.5×',
					met: ratio <= 1.5,
				});
				record({
					what: `b. GET /visit-kpi/summary ${scope} vs generic /items aggregates`,
					figure: `${ms(k.endpointMs)} vs ${ms(k.itemsMs)}, ${(k.endpointMs / k.itemsMs).toFixed(2)}×`,
				});
			}

			const [compliancePeak, c] = await peakRssDuring(pid, () => measureCompliance(db, env, token, ROUNDS));
			console.log(
				`Compliance: the endpoint and the query agree on all ${c.customers} customers (${c.standings.join(', ')}); peak RSS ${compliancePeak.toFixed(0)} MB.`,
			);
			record({
				what: 'c. GET /visit-quotas/compliance vs hand-written SQL',
				figure: `${ms(c.endpointMs)} vs ${ms(c.queryMs)}, ${(c.endpointMs / c.queryMs).toFixed(2)}×`,
			});

			const e = await measureCreates(
				db,
				{ env, token },
				{ env: bareEnv, token: await adminToken(bareEnv) },
				{ rounds: ROUNDS, perRound: CREATES, concurrency: CONCURRENCY },
			);
			const share = e.withExtensions / e.without;
			record({
				what: `e. POST /items/visits (${CREATES} per round, ${CONCURRENCY} in flight) with vs without our extensions`,
				figure: `${e.withExtensions.toFixed(0)} vs ${e.without.toFixed(0)} visits/s, ${share.toFixed(2)}`,
				goal: '≥ 0.85',
				met: share >= 0.85,
			});
			console.log(`Directus peak resident memory since start (VmHWM): ${memoryOf(pid).hwm.toFixed(0)} MB`);
		} finally {
			await stopServer(bare);
			await stopServer(ours);
		}

		const d = await measureSweep(db, ROUNDS);
		console.log(`Sweep: one run changed ${JSON.stringify(d.counts)} in ${d.statements} statements`);
		record({
			what: 'd. deadline sweep (all rules, log, notices) vs plain UPDATE of the overdue rule',
			figure: `${ms(d.sweepMs)} vs ${ms(d.plainMs)}, ${(d.sweepMs / d.plainMs).toFixed(2)}×`,
		});
	} finally {
		await db.destroy();
	}
	const goals = figures.filter((f) => f.goal);
	console.log(
		`\nGoals met: ${goals.filter((f) => f.met).length} of ${goals.length}${
			goals.some((f) => !f.met)
				? ` (not met: ${goals
						.filter((f) => !f.met)
						.map((f) => f.what.slice(0, 2))
						.join(' ')})`
				: ''
		}`,
	);
});
