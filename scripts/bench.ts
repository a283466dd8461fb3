/**
 * `npm run bench`: the whole benchmark set on one generated company (REPS, CUSTOMERS, VISITS;
 * default 200, 20,000, 1,000,000; the sales cycle scaled with CUSTOMERS or set by OPPORTUNITIES,
 * QUOTES, LINES_PER_QUOTE, CONTRACTS, PAYMENTS: lib/company-sales.ts) in a throwaway PostgreSQL database, every goal of issue 14
 * printed with its measured value and whether it is met. Times are p50 / p95; each of our
 * figures is measured in the same run as its baseline, alternating which goes first. The
 * hand-written SQL baselines run on a connection of their own with `SET jit = off`, on the same
 * database and so over the same indexes as the server.
 *
 *   1. the server's peak resident memory during 10 company KPI summaries, above its idle;
 *   2. GET /visit-kpi/summary (company and one team, KPI_PERIOD, default last month) against
 *      the hand-written SQL computing the same counts from the raw tables, and against the
 *      generic items API (all three checked to agree first), ROUNDS each;
 *   3. GET /visit-quotas/compliance against its hand-written SQL (checked to agree first), ROUNDS;
 *   4. a rep's small calls (this week's visits, one customer's quota, the day's route, own KPIs)
 *      against Directus's floor (GET /users/me as the rep) and against their SQL, SAMPLES each;
 *   5. POST /items/visits throughput (CREATES per round, CONCURRENCY in flight) with our
 *      extensions against the same Directus without them, ROUNDS;
 *   6. the sweep run until it changes nothing, then SWEEPS idle runs: time and sequence ids taken.
 *
 *   ROUNDS=11 SAMPLES=101 SWEEPS=31 KPI_PERIOD=2026-10 CREATES=200 CONCURRENCY=4 npm run bench
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kpiPeriod } from '../extensions/sales-visits/src/domain/kpi.ts';
import {
	adminToken,
	baselineKnex,
	benchEnv,
	getData,
	msOf,
	serverKnex,
	timed,
	withThrowawayDatabase,
	type Spread,
} from './lib/bench-kit.ts';
import { companySize, generateCompany } from './lib/company.ts';
import { salesSize } from './lib/company-sales.ts';
import { measureCompliance } from './lib/compliance.ts';
import { measureCreates } from './lib/creates.ts';
import { prepare, rebuildCounters, startServer, stopServer } from './lib/directus.ts';
import { kpiPath, measureKpi } from './lib/kpi.ts';
import { idleRss, memoryOf, peakRssDuring } from './lib/memory.ts';
import { measureRepCalls } from './lib/rep-calls.ts';
import { measureIdleSweep } from './lib/sweep.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 11);
const SAMPLES = Number(process.env.SAMPLES ?? 101);
const SWEEPS = Number(process.env.SWEEPS ?? 31);
const CREATES = Number(process.env.CREATES ?? 200);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 4);
const KPI_PERIOD = process.env.KPI_PERIOD ?? kpiPeriod(new Date().toISOString().slice(0, 7))!.previous;
const MEMORY_CALLS = 10;
const size = companySize();
const sales = salesSize(size);

interface Goal {
	goal: string;
	value: string;
	met: boolean;
}
const goals: Goal[] = [];
/** Prints a goal with its measured value and keeps it for the summary. */
const goal = (g: Goal) => {
	goals.push(g);
	console.log(`  GOAL ${g.goal}: ${g.value} — ${g.met ? 'met' : 'NOT met'}`);
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const versus = (ours: Spread, baseline: Spread) => `${msOf(ours)} vs ${msOf(baseline)} (p50 / p95, ${ours.n} each)`;

await withThrowawayDatabase(async (database) => {
	const env = await benchEnv(database);
	// The same Directus on the same database, with an empty extensions folder: the schema is there, our hooks and endpoints are not.
	const bareEnv = await benchEnv(database, {
		EXTENSIONS_PATH: mkdtempSync(join(tmpdir(), 'sales-visits-no-extensions-')),
	});
	console.log(`Preparing ${database} (schema, settings, calendar) …`);
	await prepare(env, { quiet: true });
	const db = serverKnex(database);
	const sql = baselineKnex(database);
	try {
		const [generated] = await timed(() => generateCompany(db, size));
		console.log(
			`Generated ${size.reps} reps, ${size.customers} customers, ${size.visits} visits and their records, ${sales.opportunities} opportunities, ${sales.quotes} quotes of ${sales.linesPerQuote} lines, ${sales.contracts} contracts, about ${sales.payments} payments in ${seconds(generated)} (row triggers off)`,
		);
		const [rebuilt] = await timed(() => rebuildCounters(env, { quiet: true }));
		console.log(`Rebuilt the KPI counters (directus visits:rollup --rebuild) in ${seconds(rebuilt)}`);
		const jit = (await sql.raw('SHOW jit')).rows[0].jit;
		console.log(
			`Baselines: hand-written SQL on a connection of its own with SET jit = off (jit ${jit}; the server keeps PostgreSQL's default), same database and indexes as the server.`,
		);
		console.log(
			`Times are p50 / p95; ours and the baseline alternate in one series. ROUNDS=${ROUNDS}, SAMPLES=${SAMPLES}, SWEEPS=${SWEEPS}.`,
		);

		const ours = await startServer(env, { quiet: true });
		const bare = await startServer(bareEnv, { quiet: true });
		try {
			const pid = ours.pid!;
			const token = await adminToken(env);
			const idle = await idleRss(pid);

			// Memory first, before any other request has grown the heap.
			const [kpiPeak] = await peakRssDuring(pid, async () => {
				for (let i = 0; i < MEMORY_CALLS; i++) await getData(env, token, kpiPath(KPI_PERIOD, null));
			});
			console.log(`\n1. Memory: Directus idle ${idle.toFixed(0)} MB resident, peak ${kpiPeak.toFixed(0)} MB`);
			goal({
				goal: `resident memory during ${MEMORY_CALLS} company KPI summaries < 30 MB above idle`,
				value: `+${(kpiPeak - idle).toFixed(0)} MB`,
				met: kpiPeak - idle < 30,
			});

			const manager: { id: string; email: string } = await db('directus_users')
				.where('position', 'manager')
				.orderBy('email')
				.first('id', 'email');
			for (const [scope, id, limit] of [
				['company', null, 60],
				[`team of ${manager.email}`, manager.id, 30],
			] as const) {
				const k = await measureKpi(db, sql, env, token, ROUNDS, KPI_PERIOD, id);
				console.log(`\n2. GET /visit-kpi/summary?period=${KPI_PERIOD}, ${scope}`);
				console.log(`  the endpoint, the SQL and the items API agree on every count: ${k.values.join(', ')}`);
				console.log(`  endpoint vs hand-written SQL: ${versus(k.endpoint, k.query)}`);
				console.log(
					`  endpoint vs generic /items aggregates: ${msOf(k.endpoint)} vs ${msOf(k.items)}, ${(k.items.p50 / k.endpoint.p50).toFixed(1)}× faster`,
				);
				goal({
					goal: `KPI summary, ${scope}, ≤ ${limit} ms p50`,
					value: `${k.endpoint.p50.toFixed(1)} ms`,
					met: k.endpoint.p50 <= limit,
				});
				const faster = k.query.p50 / k.endpoint.p50;
				goal({
					goal: `KPI summary, ${scope}, ≥ 20× faster than the hand-written SQL (p50)`,
					value: `${faster.toFixed(1)}×`,
					met: faster >= 20,
				});
			}

			const c = await measureCompliance(db, sql, env, token, ROUNDS);
			console.log(`\n3. GET /visit-quotas/compliance`);
			console.log(`  the endpoint and the SQL agree on all ${c.customers} customers (${c.standings.join(', ')})`);
			console.log(`  endpoint vs hand-written SQL: ${versus(c.endpoint, c.query)}`);
			const complianceRatio = c.endpoint.p50 / c.query.p50;
			goal({
				goal: 'compliance endpoint ≤ 1.2× its hand-written SQL (p50)',
				value: `${complianceRatio.toFixed(2)}×`,
				met: complianceRatio <= 1.2,
			});

			const r = await measureRepCalls(db, sql, env, token, SAMPLES, KPI_PERIOD);
			console.log(`\n4. A rep's small calls, as ${r.email} (each agrees with its SQL)`);
			console.log(`  Directus's floor, GET /users/me: ${msOf(r.floor)} (p50 / p95, ${r.floor.n})`);
			for (const call of r.calls) {
				console.log(`  ${call.what}, GET ${call.path}`);
				console.log(
					`    endpoint vs its hand-written SQL: ${versus(call.endpoint, call.query)}, ${(call.endpoint.p50 / call.query.p50).toFixed(1)}×`,
				);
				const share = call.endpoint.p50 / r.floor.p50;
				goal({
					goal: `${call.what} within 2× of GET /users/me (p50)`,
					value: `${share.toFixed(2)}×`,
					met: share <= 2,
				});
			}

			const e = await measureCreates(
				db,
				{ env, token },
				{ env: bareEnv, token: await adminToken(bareEnv) },
				{ rounds: ROUNDS, perRound: CREATES, concurrency: CONCURRENCY },
			);
			const share = e.withExtensions.p50 / e.without.p50;
			console.log(`\n5. POST /items/visits, ${CREATES} per round, ${CONCURRENCY} in flight, ${ROUNDS} rounds each`);
			console.log(
				`  with our extensions ${e.withExtensions.p50.toFixed(0)} visits/s (per request ${msOf(e.latencyWith)}), without ${e.without.p50.toFixed(0)} visits/s (per request ${msOf(e.latencyWithout)})`,
			);
			goal({
				goal: 'POST /items/visits throughput with our extensions ≥ 0.85× without (p50 of rounds)',
				value: `${share.toFixed(2)}×`,
				met: share >= 0.85,
			});
			console.log(`\nDirectus peak resident memory since start (VmHWM): ${memoryOf(pid).hwm.toFixed(0)} MB`);
		} finally {
			await stopServer(bare);
			await stopServer(ours);
		}

		const s = await measureIdleSweep(db, SWEEPS);
		console.log(`\n6. The sweep`);
		s.busy.forEach((run, i) =>
			console.log(`  run ${i + 1}: ${run.ms.toFixed(1)} ms, changed ${JSON.stringify(run.counts)}`),
		);
		if (s.busyAgain) console.log(`  ${s.busyAgain} of ${SWEEPS} later runs found something new (not counted as idle)`);
		const taken = Object.values(s.consumed).reduce((a, b) => a + b, 0);
		console.log(
			`  ${s.idle.n} idle runs (after ANALYZE of the swept tables, as autovacuum would): ${msOf(s.idle)}; sequence ids taken: ${taken ? JSON.stringify(s.consumed) : 'none'}`,
		);
		goal({
			goal: 'idle sweep ≤ 30 ms (p50)',
			value: `${s.idle.n ? `${s.idle.p50.toFixed(1)} ms` : 'no idle run'}${s.failed.length ? ` (rules failed: ${s.failed.join(', ')})` : ''}`,
			met: s.idle.n > 0 && s.idle.p50 <= 30 && !s.failed.length,
		});
		goal({
			goal: 'idle sweep takes 0 sequence ids',
			value: s.idle.n ? `${(taken / s.idle.n).toFixed(1)} per run` : 'no idle run',
			met: s.idle.n > 0 && taken === 0,
		});
	} finally {
		await sql.destroy();
		await db.destroy();
	}
	const missed = goals.filter((g) => !g.met);
	console.log(
		`\nGoals met: ${goals.length - missed.length} of ${goals.length}${missed.length ? `; NOT met: ${missed.map((g) => g.goal).join('; ')}` : ''}`,
	);
});
