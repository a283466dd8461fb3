/** What the quota reports share: whose customers the caller may see, the rules, the customers. */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { isUuid } from '../domain/input.ts';
import type { OwnedCollection } from '../domain/ownership.ts';
import type { QuotaRule } from '../domain/quota.ts';
import type { Language } from '../domain/language.ts';
import { refusal } from '../domain/refusals.ts';
import { refusalError } from './errors.ts';
import type { ReadReach } from '../domain/read-reach.ts';
import { readableCollections, reachesOwner } from './readable.ts';
import type { FlowContext, Row } from './context.ts';

/**
 * The owners whose customers the caller may read, as Directus' permissions say; `owner` (one
 * user id) narrows to one of them, or is refused. So is a caller who may not read all of those
 * owners' rows of a collection the report counts (`reads`): customer service reads customers,
 * not the visits a quota counts. `reaches`: readReaches() of `reads`, when the caller has it.
 */
export async function visibleOwners(
	ctx: FlowContext,
	accountability: Accountability | null,
	owner: unknown,
	language: Language,
	reads: readonly OwnedCollection[],
	reaches?: Map<OwnedCollection, ReadReach | null> | null,
): Promise<string[]> {
	if (owner !== undefined && !isUuid(owner)) throw refusalError(refusal(400, 'owner_invalid'), language);
	const owners = await customerOwners(
		ctx,
		accountability,
		owner as string | undefined,
		language,
		reaches?.get('customers'),
	);
	const readable = await readableCollections(ctx, accountability, owners, reads, reaches);
	if (reads.some((c) => !readable.has(c))) throw refusalError(refusal(403, 'quota_unreadable'), language);
	return owners;
}

/** Whose customers: one permission-scoped GROUP BY, unless one owner is asked for whom `reach` covers. */
async function customerOwners(
	ctx: FlowContext,
	accountability: Accountability | null,
	owner: string | undefined,
	language: Language,
	reach: ReadReach | null | undefined,
): Promise<string[]> {
	if (
		owner !== undefined &&
		accountability &&
		reach &&
		(await reachesOwner(ctx.database, accountability, reach, owner))
	)
		return [owner];
	const customers = new ctx.services.ItemsService<{ owner: string }>('customers', {
		schema: await ctx.getSchema(),
		accountability,
		knex: ctx.database,
	});
	// ItemsService calls REST's `groupBy` `group`; without `limit: -1` it stops at 100 groups.
	const groups = await customers
		.readByQuery({ aggregate: { count: ['*'] }, group: ['owner'], limit: -1 })
		.catch(() => null);
	// No read permission on customers at all (Legal): every report here counts them.
	if (groups === null) throw refusalError(refusal(403, 'quota_unreadable'), language);
	const visible: string[] = groups.map((g) => g.owner);
	if (owner !== undefined && !visible.includes(owner)) throw refusalError(refusal(403, 'quota_owner'), language);
	return owner === undefined ? visible : [owner];
}

export async function loadRules(db: Knex): Promise<QuotaRule[]> {
	return (await db('visit_quota_rules').where({ active: true }).select()).map((r: Row) => ({
		...(r as QuotaRule),
		min_visits: Number(r.min_visits),
		priority: Number(r.priority),
		active: Boolean(r.active),
	}));
}

export interface OwnedCustomer {
	id: number;
	name: string;
	owner: string;
	tier: string | null;
	category: string | null;
	region_scope: string | null;
	owner_position: string | null;
}

/** The owners' active customers with what rule matching needs. */
export async function activeCustomers(db: Knex, owners: string[]): Promise<OwnedCustomer[]> {
	if (owners.length === 0) return [];
	return db('customers as c')
		.join('directus_users as u', 'u.id', 'c.owner')
		.whereIn('c.owner', owners)
		.where('c.status', 'active')
		.select('c.id', 'c.name', 'c.owner', 'c.tier', 'c.category', 'c.region_scope', 'u.position as owner_position')
		.orderBy('c.id');
}
