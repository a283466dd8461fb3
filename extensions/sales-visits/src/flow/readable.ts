/**
 * What the caller can read, asked of Directus' permissions rather than worked out again.
 *
 * An endpoint shows no number computed from rows its caller may not read (a sales assistant
 * reads visits, not orders, expenses or budgets; customer service reads customers, not
 * visits). A collection is readable for some people when Directus, under the caller's
 * permissions, counts as many of their rows as there are.
 */
import type { Accountability, FieldFilter } from '@directus/types';
import type { Knex } from 'knex';
import { OWNER_PATHS, type OwnedCollection } from '../domain/ownership.ts';
import type { FlowContext } from './context.ts';

/** A `Sees` for the flows: whether the caller can read one row. */
export const seesAs =
	(ctx: FlowContext, accountability: Accountability | null, knex: Knex) =>
	async (collection: string, key: number): Promise<boolean> =>
		(await readableKeys(ctx, accountability, knex, collection, [key])).has(String(key));

/** Which of `keys` the caller can read in `collection`: one query. */
export async function readableKeys(
	ctx: FlowContext,
	accountability: Accountability | null,
	knex: Knex,
	collection: string,
	keys: (string | number)[],
): Promise<Set<string>> {
	const items = new ctx.services.ItemsService<{ id: string | number }>(collection, {
		schema: await ctx.getSchema({ database: knex }),
		accountability,
		knex,
	});
	const seen = await items.readByQuery({ filter: { id: { _in: keys } }, fields: ['id'], limit: -1 }).catch(() => []);
	return new Set(seen.map((row) => String(row.id)));
}

/** `{ plan: { owner: { _in: members } } }` for the path `plan.owner`. */
const ownedBy = (path: string, members: readonly string[]): FieldFilter => {
	const [field, ...above] = path.split('.').reverse() as [string, ...string[]];
	return above.reduce<FieldFilter>((inner, key) => ({ [key]: inner }), { [field]: { _in: [...members] } });
};

/** Which of `collections` the caller may read every row of, for `members` (null: everyone). */
export async function readableCollections(
	ctx: FlowContext,
	accountability: Accountability | null,
	members: readonly string[] | null,
	collections: readonly OwnedCollection[],
): Promise<Set<OwnedCollection>> {
	if (accountability?.admin || members?.length === 0) return new Set(collections);
	const schema = await ctx.getSchema();
	const count = async (collection: OwnedCollection, as: Accountability | null): Promise<number | null> => {
		const items = new ctx.services.ItemsService(collection, { schema, accountability: as, knex: ctx.database });
		const filter = members ? ownedBy(OWNER_PATHS[collection], members) : {};
		// No read permission at all is a refusal: nothing readable.
		const rows = await items.readByQuery({ filter, aggregate: { count: ['*'] }, limit: -1 }).catch(() => null);
		return rows ? Number(rows[0]?.count ?? 0) : null;
	};
	const readable = await Promise.all(
		collections.map(async (c) => {
			const [seen, all] = await Promise.all([count(c, accountability), count(c, null)]);
			return seen !== null && seen === all ? c : null;
		}),
	);
	return new Set(readable.filter((c): c is OwnedCollection => c !== null));
}
