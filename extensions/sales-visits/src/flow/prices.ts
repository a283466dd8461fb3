/**
 * A product's prices stay in order (domain/prices.ts) on every write path of the items API:
 * a create as sent, an update together with the prices the row already has. Administrators
 * included: the order is the price list's, not a permission.
 */
import type { Item } from '@directus/types';
import { PRICE_FIELDS, priceOrderProblem } from '../domain/prices.ts';
import { refusal } from '../domain/refusals.ts';
import { refusalError } from './errors.ts';
import { fieldLabel, type GuardContext } from './guard.ts';
import { loadCaller } from './people.ts';

export async function guardPrices(ctx: GuardContext, keys: readonly (string | number)[] | null, payload: Item) {
	const sent = Object.fromEntries(PRICE_FIELDS.filter((f) => f in payload).map((f) => [f, payload[f]]));
	if (keys && Object.keys(sent).length === 0) return;
	const stored: Item[] = keys
		? await ctx
				.database('products')
				.whereIn('id', keys)
				.select(...PRICE_FIELDS)
		: [{}];
	for (const row of stored) {
		const problem = priceOrderProblem({ ...row, ...sent });
		if (!problem) continue;
		const { language } = await loadCaller(ctx.database, ctx.accountability);
		const [lower, higher] = problem.map((f) => fieldLabel('products', f));
		throw refusalError(refusal(400, 'price_order', { lower: lower!, higher: higher! }), language);
	}
}
