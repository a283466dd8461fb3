/**
 * The sweep benchmarks: one run of every deadline sweep (with its log rows and notices) against
 * a plain UPDATE with the overdue rule's WHERE, each on the same reset rows; and the idle sweep,
 * what a run costs when there is nothing left to do, in time and in sequence ids.
 */
import type { Knex } from 'knex';
import { runSweeps, type SweepCounts } from '../../extensions/sales-visits/src/flow/sweeps.ts';
import type { FlowContext } from '../../extensions/sales-visits/src/flow/context.ts';
import { alternate, median, spreadOf, timed, type Spread } from './bench-kit.ts';

export interface SweepFigures {
	counts: SweepCounts | null;
	/** Statements one sweep sends, BEGIN, advisory lock and COMMIT included. */
	statements: number;
	sweepMs: number;
	plainMs: number;
}

/** Puts the swept rows back and drops what the sweep wrote. */
async function reset(db: Knex) {
	await db('visits').where('report_status', 'overdue').update({ report_status: 'pending' });
	await db('visits').whereNotNull('report_reminded_at').update({ report_reminded_at: null });
	await db('approval_log').del();
	await db('directus_notifications').del();
	await db.raw('VACUUM ANALYZE visits');
}

const quiet = () => {};
const sweepContext = (db: Knex): Pick<FlowContext, 'database' | 'logger'> => ({
	database: db,
	logger: { debug: quiet, info: quiet, warn: console.warn, error: console.error },
});

export async function measureSweep(db: Knex, rounds: number): Promise<SweepFigures> {
	const ctx = sweepContext(db);
	let statements = 0;
	const count = () => statements++;
	await reset(db);
	db.on('query', count);
	const counts = await runSweeps(ctx);
	db.off('query', count);

	const sweep: number[] = [];
	const plain: number[] = [];
	await alternate(rounds, [
		async () => {
			await reset(db);
			sweep.push((await timed(() => runSweeps(ctx)))[0]);
		},
		async () => {
			await reset(db);
			plain.push(
				(
					await timed(() =>
						db('visits')
							.where('report_status', 'pending')
							.where('report_due_at', '<=', new Date())
							.update({ report_status: 'overdue' }),
					)
				)[0],
			);
		},
	]);
	return { counts, statements, sweepMs: median(sweep), plainMs: median(plain) };
}

export interface IdleSweepFigures {
	/** What each run changed until one changed nothing, and how long each took. */
	busy: { counts: SweepCounts; ms: number }[];
	/** The runs that changed nothing. */
	idle: Spread;
	/** Runs among the idle ones that found something after all (a report that came within its reminder window meanwhile): not counted. */
	busyAgain: number;
	/** Sequence values taken by the runs that changed nothing, per sequence that moved. */
	consumed: Record<string, number>;
	/** Rules that failed in any run. */
	failed: string[];
}

const changedNothing = (counts: SweepCounts) => Object.entries(counts).every(([key, n]) => key === 'failed' || n === 0);

/** Every sequence's last value (0 until first used). */
async function sequences(db: Knex): Promise<Map<string, number>> {
	const { rows } = await db.raw('SELECT schemaname, sequencename, last_value FROM pg_sequences');
	return new Map(
		rows.map((r: { schemaname: string; sequencename: string; last_value: string | null }) => [
			`${r.schemaname}.${r.sequencename}`,
			Number(r.last_value ?? 0),
		]),
	);
}

/**
 * Sweeps until a run changes nothing (at most `maxBusy` runs), then `runs` more, each timed and
 * with every sequence read before and after it: a run that changes nothing should take no ids.
 */
export async function measureIdleSweep(db: Knex, runs: number, maxBusy = 5): Promise<IdleSweepFigures> {
	const ctx = sweepContext(db);
	const failed: string[] = [];
	const sweep = async () => {
		const [ms, counts] = await timed(() => runSweeps(ctx));
		if (!counts) throw new Error('another instance holds the sweep lock');
		failed.push(...counts.failed.filter((rule) => !failed.includes(rule)));
		return { counts, ms };
	};
	const busy: IdleSweepFigures['busy'] = [];
	do {
		if (busy.length === maxBusy) throw new Error(`the sweep still changed rows after ${maxBusy} runs`);
		busy.push(await sweep());
	} while (!changedNothing(busy.at(-1)!.counts));
	// The settling runs changed thousands of rows; the planner sees that once autovacuum has analyzed
	// the tables (within a minute by default), which a benchmark does not wait for.
	await db.raw('ANALYZE visits, revisits, follow_ups, complaints, directus_notifications, sweep_marks');

	const idle: number[] = [];
	const consumed: Record<string, number> = {};
	let busyAgain = 0;
	for (let i = 0; i < runs; i++) {
		const before = await sequences(db);
		const { counts, ms } = await sweep();
		const after = await sequences(db);
		if (!changedNothing(counts)) {
			busyAgain++;
			continue;
		}
		idle.push(ms);
		for (const [name, value] of after) {
			const taken = value - (before.get(name) ?? 0);
			if (taken) consumed[name] = (consumed[name] ?? 0) + taken;
		}
	}
	return { busy, idle: spreadOf(idle), busyAgain, consumed, failed };
}
