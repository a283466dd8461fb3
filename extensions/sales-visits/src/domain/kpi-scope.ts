/**
 * Whose KPIs a summary covers (GET /visit-kpi/summary `scope` and `id`) and whether the
 * caller may ask: a rep for themself, a manager for themself, a team member or the team, a
 * caller who may read everybody's visits, or every row of another collection a KPI is computed
 * from, for anyone and the company.
 */
import { isUuid } from './input.ts';
import { KPI_SOURCES } from './kpi.ts';
import type { OwnedCollection } from './ownership.ts';
import type { ReadReach } from './read-reach.ts';
import { refusal, type FlowRefusal } from './refusals.ts';

export const KPI_SCOPES = ['rep', 'team', 'company'] as const;
export type KpiScope = (typeof KPI_SCOPES)[number];

export interface KpiAsk {
	scope: KpiScope;
	/** The person, or the team's manager; null for the company. */
	id: string | null;
}

/**
 * The scope asked for, defaulting to the caller's own: a rep's self, a manager's team, the
 * company for whoever sees everything. An id alone means that person.
 */
export function kpiAsk(
	query: { scope?: unknown; id?: unknown },
	caller: { id: string; position: string | null },
	seesAll: boolean,
): KpiAsk | FlowRefusal {
	const { scope, id } = query;
	if (scope !== undefined && !(KPI_SCOPES as readonly unknown[]).includes(scope)) return refusal(400, 'kpi_scope');
	if (id !== undefined && !isUuid(id)) return refusal(400, 'kpi_scope');
	const fallback: KpiScope =
		id !== undefined
			? 'rep'
			: caller.position === 'rep'
				? 'rep'
				: caller.position === 'manager'
					? 'team'
					: seesAll
						? 'company'
						: 'rep';
	const chosen = (scope as KpiScope | undefined) ?? fallback;
	if (chosen === 'company') return { scope: chosen, id: null };
	return { scope: chosen, id: (id as string | undefined) ?? caller.id };
}

/**
 * Whether the caller may see the KPIs of `members` (null: the company). `visible` holds
 * whom the caller may see besides themself.
 */
export function mayAsk(
	members: readonly string[] | null,
	callerId: string,
	visible: ReadonlySet<string>,
	seesAll: boolean,
): boolean {
	if (seesAll) return true;
	return members !== null && members.every((m) => m === callerId || visible.has(m));
}

/**
 * 财务查看全部订单与应收: whoever may read every row of a collection a KPI is computed from
 * (Finance the orders, opportunities, quotes and receivables; customer service the customers,
 * revisits and complaints) may ask for anyone's KPIs, a team's and the company's. `reaches` are
 * the caller's read permissions by collection (domain/read-reach.ts). What they may not read
 * for everyone covered is still withheld: the visit KPIs from Finance, say.
 */
export const readsEveryones = (reaches: ReadonlyMap<OwnedCollection, ReadReach | null>): boolean =>
	KPI_SOURCES.some((c) => reaches.get(c)?.everyone === true);
