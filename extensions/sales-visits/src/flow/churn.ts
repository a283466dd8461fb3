/**
 * `customers.churned_at`: when a customer was lost (the churn rate counts it). Stamped by the
 * server on every write path once the status is `churned`, cleared when it is anything else;
 * one set-based statement each over the written keys, so a batch costs two queries.
 */
import { clearDataCache } from './cache.ts';
import type { FlowContext } from './context.ts';
import { vendorValues } from './values.ts';

export async function stampChurn(ctx: FlowContext, keys: readonly (string | number)[]): Promise<void> {
	const db = ctx.database;
	const stamped = await db('customers')
		.whereIn('id', keys)
		.where('status', 'churned')
		.whereNull('churned_at')
		.update({ churned_at: vendorValues(db).instant(new Date()) });
	const cleared = await db('customers')
		.whereIn('id', keys)
		.whereNot('status', 'churned')
		.whereNotNull('churned_at')
		.update({ churned_at: null });
	if (stamped + cleared > 0) await clearDataCache(ctx);
}
