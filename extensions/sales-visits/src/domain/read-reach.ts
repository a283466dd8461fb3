/**
 * Whose rows a caller's read permissions on one collection reach, where the permission filters
 * say so by the row's owner alone: the shapes `access/filters.ts` writes (every row; the owner
 * is the current user; the owner reports to the current user; any of those). Whatever else a
 * filter says (a status, another path, an `_and`) is not worked out here: the caller asks
 * Directus by counting instead (flow/readable.ts).
 */

const ME = '$CURRENT_USER';

export interface ReadReach {
	/** A permission without a filter: every row. */
	everyone: boolean;
	/** Rows whose owner is the caller. */
	own: boolean;
	/** Rows whose owner reports to the caller. */
	reports: boolean;
	/** Rows some other filter lets through: more than the above, by rules not read here. */
	other: boolean;
}

/** The path a filter tests for equality with the current user (`{ plan: { owner: { _eq: … } } }` → `plan.owner`); null for any other filter. */
function currentUserPath(filter: unknown): string | null {
	const path: string[] = [];
	let node = filter;
	while (node && typeof node === 'object' && !Array.isArray(node)) {
		const keys = Object.keys(node);
		if (keys.length !== 1) return null;
		const key = keys[0]!;
		const inner = (node as Record<string, unknown>)[key];
		if (key === '_eq') return inner === ME && path.length > 0 ? path.join('.') : null;
		if (key.startsWith('_')) return null;
		path.push(key);
		node = inner;
	}
	return null;
}

/** A filter's alternatives: nested `_or`s flattened. */
const alternatives = (filter: unknown): unknown[] => {
	const or =
		filter && typeof filter === 'object' && Object.keys(filter).length === 1 && (filter as { _or?: unknown })._or;
	return Array.isArray(or) ? or.flatMap(alternatives) : [filter];
};

const isEmpty = (filter: unknown) =>
	filter === null || filter === undefined || (typeof filter === 'object' && Object.keys(filter).length === 0);

/**
 * What the read permissions `filters` (one per permission row; Directus grants the union) reach
 * by the owner at `ownerPath`; null when there is no read permission at all.
 */
export function readReach(filters: readonly unknown[], ownerPath: string): ReadReach | null {
	if (filters.length === 0) return null;
	const reach: ReadReach = { everyone: false, own: false, reports: false, other: false };
	for (const filter of filters) {
		if (isEmpty(filter)) reach.everyone = true;
		else
			for (const path of alternatives(filter).map(currentUserPath)) {
				if (path === ownerPath) reach.own = true;
				else if (path === `${ownerPath}.reports_to`) reach.reports = true;
				else reach.other = true;
			}
	}
	return reach;
}

/** Whether the reach covers every row owned by `member`; `reportsTo` is the member's supervisor. */
export const reaches = (reach: ReadReach, caller: string, member: string, reportsTo: string | null): boolean =>
	reach.everyone || (reach.own && member === caller) || (reach.reports && reportsTo === caller);
