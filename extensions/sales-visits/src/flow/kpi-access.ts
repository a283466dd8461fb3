/**
 * Which of the KPIs' source collections the caller may read for the people a summary covers:
 * an endpoint shows no number computed from rows its caller may not read (a sales assistant
 * reads visits, not orders, expenses or budgets). A source is readable when Directus, under
 * the caller's permissions, counts as many of the members' rows as there are.
 */
import type { Accountability } from '@directus/types';
import { KPI_SOURCES, type KpiSource } from '../domain/kpi.ts';
import type { FlowContext } from './transitions.ts';

/** `{ plan: { owner: { _in: members } } }` for the path `plan.owner`. */
const ownedBy = (path: string, members: readonly string[]): Record<string, unknown> =>
	path
		.split('.')
		.reverse()
		.reduce<Record<string, unknown>>((inner, key) => ({ [key]: inner }), { _in: [...members] });

/** The sources whose rows of `members` (null: everyone's) the caller may read, all of them. */
export async function readableSources(ctx: FlowContext, accountability: Accountability | null, members: readonly string[] | null): Promise<Set<KpiSource>> {
	const sources = Object.keys(KPI_SOURCES) as KpiSource[];
	if (accountability?.admin) return new Set(sources);
	const schema = await ctx.getSchema();
	const count = async (collection: KpiSource, as: Accountability | null): Promise<number | null> => {
		const items = new ctx.services.ItemsService(collection, { schema, accountability: as, knex: ctx.database });
		const filter = members ? ownedBy(KPI_SOURCES[collection], members) : {};
		// No read permission at all is a refusal: nothing readable.
		const rows = await items.readByQuery({ filter, aggregate: { count: ['*'] }, limit: -1 }).catch(() => null);
		return rows ? Number(rows[0]?.count ?? 0) : null;
	};
	const readable = await Promise.all(
		sources.map(async (s) => {
			const [seen, all] = await Promise.all([count(s, accountability), count(s, null)]);
			return seen !== null && seen === all ? s : null;
		}),
	);
	return new Set(readable.filter((s): s is KpiSource => s !== null));
}
