/** What the caller can read, asked of Directus' permissions rather than worked out again. */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import type { FlowContext } from './transitions.ts';

/** Which of `keys` the caller can read in `collection`: one query. */
export async function readableKeys(ctx: FlowContext, accountability: Accountability | null, knex: Knex, collection: string, keys: (string | number)[]): Promise<Set<string>> {
	const items = new ctx.services.ItemsService(collection, { schema: await ctx.getSchema({ database: knex }), accountability, knex });
	const seen: { id: string | number }[] = await items.readByQuery({ filter: { id: { _in: keys } }, fields: ['id'], limit: -1 }).catch(() => []);
	return new Set(seen.map((row) => String(row.id)));
}
