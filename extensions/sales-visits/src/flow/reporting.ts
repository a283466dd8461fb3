/**
 * Reports' reads on Postgres run with JIT off: their queries are many small index lookups whose
 * estimated cost crosses `jit_above_cost`, and compiling them took longer than running them
 * (1.75 s of a 1.87 s quota query over 5,000 customers). One transaction, so the reads also
 * share a connection; SQLite has no JIT.
 */
import type { Knex } from 'knex';

export async function reading<T>(db: Knex, work: (db: Knex) => Promise<T>): Promise<T> {
	if (db.client.config.client !== 'pg') return work(db);
	return db.transaction(async (trx) => {
		await trx.raw('SET LOCAL jit = off');
		return work(trx);
	});
}
