/**
 * The sweep benchmark: one run of every deadline sweep (with its log rows and notices) against
 * a plain UPDATE with the overdue rule's WHERE, each on the same reset rows.
 */
import type { Knex } from 'knex';
import { runSweeps, type SweepCounts } from '../../extensions/sales-visits/src/flow/sweeps.ts';
import type { FlowContext } from '../../extensions/sales-visits/src/flow/context.ts';
import { alternate, median, timed } from './bench-kit.ts';

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

export async function measureSweep(db: Knex, rounds: number): Promise<SweepFigures> {
	const quiet = () => {};
	const ctx: Pick<FlowContext, 'database' | 'logger'> = {
		database: db,
		logger: { debug: quiet, info: quiet, warn: console.warn, error: console.error },
	};
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
