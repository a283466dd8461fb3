/**
 * What the caller can read, asked of Directus' permissions rather than worked out again.
 *
 * An endpoint shows no number computed from rows its caller may not read (a sales assistant
 * reads visits, not orders, expenses or budgets; customer service reads customers, not
 * visits). A collection is readable for some people when Directus, under the caller's
 * permissions, counts as many of their rows as there are; where the permission filters say it
 * by the owner alone, reading them answers the same without the counts.
 */
import type { Accountability, FieldFilter } from '@directus/types';
import type { Knex } from 'knex';
import { OWNER_PATHS, type OwnedCollection } from '../domain/ownership.ts';
import { reaches, readReach, type ReadReach } from '../domain/read-reach.ts';
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

/**
 * What the caller's read permissions on each of `collections` reach by the owner (null: no read
 * permission), from one SQL read of Directus' access, policy and permission rows, picking the
 * caller's policies the way Directus does; null when that pick is not the plain one (a policy
 * limited by IP, a share, no role tree): then ask Directus.
 */
export async function readReaches<C extends OwnedCollection>(
	db: Knex,
	accountability: Accountability,
	collections: readonly C[],
): Promise<Map<C, ReadReach | null> | null> {
	const { user, role, roles } = accountability;
	if (!user || accountability.share || !Array.isArray(roles) || (role && !roles.includes(role))) return null;
	const rows: { ip_access: unknown; collection: string | null; permissions: unknown }[] = await db(
		'directus_access as a',
	)
		.join('directus_policies as p', 'p.id', 'a.policy')
		.leftJoin('directus_permissions as r', (on) =>
			on
				.on('r.policy', 'p.id')
				.andOnVal('r.action', 'read')
				.andOnIn('r.collection', [...collections]),
		)
		// As Directus: the user's own policies, and their roles' (the public policy for a user without a role).
		.where((q) =>
			q
				.where('a.user', user)
				.modify((q) =>
					roles.length ? q.orWhereIn('a.role', roles) : q.orWhere((q) => q.whereNull('a.role').whereNull('a.user')),
				),
		)
		.select('p.ip_access', 'r.collection', 'r.permissions');
	if (rows.some((r) => r.ip_access !== null && r.ip_access !== '')) return null;
	const filtersOf = (c: C) =>
		rows
			.filter((r) => r.collection === c)
			.map((r) => (typeof r.permissions === 'string' ? JSON.parse(r.permissions) : r.permissions));
	return new Map(collections.map((c) => [c, readReach(filtersOf(c), OWNER_PATHS[c])]));
}

/**
 * Whether `reach` (the caller's, on one collection) covers every row `owner` owns; false when it
 * does not say so: then ask Directus.
 */
export async function reachesOwner(db: Knex, accountability: Accountability, reach: ReadReach, owner: string) {
	if (!accountability.user) return false;
	if (reach.everyone || (reach.own && owner === accountability.user)) return true;
	if (!reach.reports) return false;
	const supervisor = await db('directus_users').where('id', owner).first('reports_to');
	return supervisor?.reports_to === accountability.user;
}

/**
 * Which of `collections` the caller may read every row of, for `members` (null: everyone).
 * Read from the permission filters where they say it by the owner alone (domain/read-reach.ts);
 * otherwise Directus, under the caller's permissions, counts as many of the members' rows as
 * there are, or not.
 */
export async function readableCollections(
	ctx: FlowContext,
	accountability: Accountability | null,
	members: readonly string[] | null,
	collections: readonly OwnedCollection[],
	/** readReaches() of these collections when the caller has it already. */
	known?: Map<OwnedCollection, ReadReach | null> | null,
): Promise<Set<OwnedCollection>> {
	if (accountability?.admin || members?.length === 0) return new Set(collections);
	const db = ctx.database;
	const reachOf =
		known !== undefined ? known : accountability ? await readReaches(db, accountability, collections) : null;
	// Whom the members report to, when a reach through reports_to is to be checked for someone else.
	const supervisors = new Map<string, string | null>(
		reachOf && members?.some((m) => m !== accountability?.user) && [...reachOf.values()].some((r) => r?.reports)
			? (
					await db('directus_users')
						.whereIn('id', [...members])
						.select('id', 'reports_to')
				).map((u: { id: string; reports_to: string | null }) => [u.id, u.reports_to])
			: [],
	);
	const schema = await ctx.getSchema();
	const count = async (collection: OwnedCollection, as: Accountability | null): Promise<number | null> => {
		const items = new ctx.services.ItemsService(collection, { schema, accountability: as, knex: db });
		const filter = members ? ownedBy(OWNER_PATHS[collection], members) : {};
		// No read permission at all is a refusal: nothing readable.
		const rows = await items.readByQuery({ filter, aggregate: { count: ['*'] }, limit: -1 }).catch(() => null);
		return rows ? Number(rows[0]?.count ?? 0) : null;
	};
	const readable = await Promise.all(
		collections.map(async (c) => {
			// null: no read permission at all; undefined: not read here (ask Directus).
			const reach = reachOf?.get(c);
			if (reach === null) return null;
			const caller = accountability?.user;
			if (
				reach &&
				caller &&
				(reach.everyone || members?.every((m) => reaches(reach, caller, m, supervisors.get(m) ?? null)))
			)
				return c;
			const [seen, all] = await Promise.all([count(c, accountability), count(c, null)]);
			return seen !== null && seen === all ? c : null;
		}),
	);
	return new Set(readable.filter((c): c is OwnedCollection => c !== null));
}
