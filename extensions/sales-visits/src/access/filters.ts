/** Row filters for Directus permissions, written once and composed per role. */
import type { Scope } from '../domain/ownership.ts';

export type Filter = Record<string, unknown>;

const ME = '$CURRENT_USER';

/** Nest `filter` under a relational path such as `visit.owner`. */
export const at = (path: string, filter: Filter): Filter =>
	path
		.split('.')
		.reverse()
		.reduce<Filter>((inner, key) => ({ [key]: inner }), filter);

/** The user field at `path` is the current user. */
export const own = (path: string): Filter => at(path, { _eq: ME });

/** The user field at `path` is the current user or one of their direct reports. */
export const team = (path: string): Filter => ({
	_or: [at(path, { _eq: ME }), at(`${path}.reports_to`, { _eq: ME })],
});

export const and = (...filters: Filter[]): Filter => ({ _and: filters });
export const or = (...filters: Filter[]): Filter => ({ _or: filters });
export const isIn = (path: string, values: readonly string[]): Filter => at(path, { _in: [...values] });

/** Rows whose user field at `path` is within `scope` of the current user; null: every row. */
export const within = (scope: Scope, path: string): Filter | null =>
	scope === 'all' ? null : scope === 'team' ? team(path) : own(path);

/** Rows matching any of `filters`; null (every row) when one of them is. */
export const anyOf = (...filters: (Filter | null)[]): Filter | null =>
	filters.includes(null) ? null : or(...(filters as Filter[]));
