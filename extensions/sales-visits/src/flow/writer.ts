/**
 * The only way flow-owned fields get written: through ItemsService (so revisions, activity
 * and cache purges happen as usual) with an accountability that the guard hook recognises,
 * that has the rights to write them and still names the caller in the activity log.
 */
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { refusal } from '../domain/refusals.ts';
import type { FlowContext } from './context.ts';
import { Refused } from './errors.ts';

const flowAccountabilities = new WeakSet<object>();

/** Whether a write is the flow's own (the guard hook lets those through). */
export const isFlowWrite = (accountability: unknown): boolean =>
	typeof accountability === 'object' && accountability !== null && flowAccountabilities.has(accountability);

/** The caller's accountability with the rights a flow needs to stamp its fields. */
export function flowAccountability(accountability: Accountability | null | undefined): Accountability {
	const escalated = {
		...(accountability ?? { user: null, role: null, roles: [], ip: null }),
		admin: true,
		app: true,
	} as Accountability;
	flowAccountabilities.add(escalated);
	return escalated;
}

/** Postgres' deadlock_detected and serialization_failure: the transaction was rolled back whole and may run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/**
 * A flow's writes and reads under lock, in one transaction. When Postgres breaks a deadlock
 * (the row locks of two flows and the KPI counters their triggers keep), it rolls one side
 * back: that side runs again instead of answering 500, at most three times.
 */
export async function inFlowTransaction<T>(knex: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await knex.transaction(work);
		} catch (error) {
			const code = (error as { code?: unknown } | null)?.code;
			if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
		}
	}
}

/**
 * Takes the row's write lock before reading it: a no-op UPDATE locks the row on Postgres
 * and the database on SQLite, so two deciders queue and the second sees the first's result.
 * Returns false when there is no such row.
 */
export async function lockRow(trx: Knex.Transaction, collection: string, id: number | string): Promise<boolean> {
	const touched = await trx(collection)
		.where({ id })
		.update({ id: trx.ref('id') });
	return Number(touched) > 0;
}

/** Locks the row; items the caller may not read do not exist for them. */
export async function lockVisible(
	ctx: FlowContext,
	trx: Knex.Transaction,
	schema: SchemaOverview,
	collection: string,
	id: number,
	accountability: Accountability | null,
) {
	const visible = new ctx.services.ItemsService(collection, { schema, accountability, knex: trx });
	// A role with no read permission on the collection at all gets the same 404 as for a hidden row.
	const seen = await visible
		.readByQuery({ filter: { id: { _eq: id } }, fields: ['id'], limit: 1 })
		.catch((error: { code?: string }) => (error?.code === 'FORBIDDEN' ? [] : Promise.reject(error)));
	if (seen.length === 0 || !(await lockRow(trx, collection, id))) throw new Refused(refusal(404, 'not_found'));
}
