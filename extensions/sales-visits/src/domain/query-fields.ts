/**
 * The fields a read query tests without reading them: its filter, sort, groupBy, aggregate and
 * deep clauses. Directus checks these against the union of the caller's read permissions on a
 * collection, not per row, so a field readable only on one's own row (every user reads their own
 * `description`, `tfa_secret`, `role`) could be tested on everybody's. The guard refuses a query
 * that tests a field outside what the caller may read on every row.
 */

/** A path of fields from the queried collection; a segment may be `$FOLLOW(collection,field)`. */
export type FieldPath = string[];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** `year(date_created)` tests `date_created`, `count(items)` tests `items`. */
const fieldOf = (key: string) => /^\w+\((.+)\)$/.exec(key)?.[1] ?? key;

const list = (value: unknown): string[] =>
	(Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [])
		.filter((v): v is string => typeof v === 'string')
		.map((v) => v.trim())
		.filter(Boolean);

function filterPaths(filter: unknown, prefix: FieldPath, out: FieldPath[]): void {
	if (Array.isArray(filter)) return filter.forEach((f) => filterPaths(f, prefix, out));
	if (!isObject(filter)) return;
	for (const [key, value] of Object.entries(filter)) {
		if (key === '_and' || key === '_or' || key === '_some' || key === '_none') filterPaths(value, prefix, out);
		else if (key.startsWith('_'))
			continue; // an operator: its operand is a value
		else {
			const path = [...prefix, fieldOf(key)];
			out.push(path);
			// A relational field's value holds the related collection's fields (and _and, _or, _some, _none); operators are skipped above.
			filterPaths(value, path, out);
		}
	}
}

const dotted = (prefix: FieldPath, names: string[]) =>
	names.map((name) => [...prefix, ...name.replace(/^-/, '').split('.').map(fieldOf)]);

/** The clauses of one level: the query's own (`filter`), or a `deep` level's (`_filter`). */
function clausePaths(clauses: Json, prefix: FieldPath, out: FieldPath[], nested: boolean): void {
	const at = (name: string) => clauses[nested ? `_${name}` : name];
	filterPaths(at('filter'), prefix, out);
	const aggregate = at('aggregate');
	// A sort may name an aggregate's result (`sort=-count`) rather than a field.
	const results = isObject(aggregate) ? Object.keys(aggregate) : [];
	out.push(
		...dotted(
			prefix,
			list(at('sort')).filter((s) => !results.includes(s.replace(/^-/, '').split('.')[0]!)),
		),
	);
	// The REST parameter is `groupBy`; the sanitized query Directus hands to hooks calls it `group`.
	out.push(...dotted(prefix, [...list(at('groupBy')), ...list(at('group'))]));
	if (isObject(aggregate))
		for (const fields of Object.values(aggregate))
			out.push(
				...dotted(
					prefix,
					list(fields).filter((f) => f !== '*'),
				),
			);
}

function deepPaths(deep: unknown, prefix: FieldPath, out: FieldPath[]): void {
	if (!isObject(deep)) return;
	for (const [key, nested] of Object.entries(deep)) {
		if (key.startsWith('_') || !isObject(nested)) continue;
		const path = [...prefix, key];
		out.push(path);
		clausePaths(nested, path, out, true);
		deepPaths(nested, path, out);
	}
}

/** Every field path a read query tests: filter, sort, groupBy, aggregate, and the same inside deep. */
export function testedPaths(query: Json): FieldPath[] {
	const out: FieldPath[] = [];
	clausePaths(query, [], out, false);
	deepPaths(query.deep, [], out);
	return out;
}

/** What the guard needs of the schema: where a field leads. */
export interface RelationLike {
	collection: string;
	field: string;
	related_collection: string | null;
	meta?: { one_field?: string | null } | null;
}

const FOLLOW = /^\$FOLLOW\(\s*([\w-]+)\s*,\s*([\w-]+)\s*\)$/;

/**
 * A segment as (collection holding the field, field, collection it leads to when known):
 * `$FOLLOW(visits,owner)` reads `visits.owner` backwards, `item:customers` is a many-to-any hop.
 */
function step(
	relations: readonly RelationLike[],
	collection: string,
	segment: string,
): [string, string, string | null] {
	const follow = FOLLOW.exec(segment);
	if (follow) return [follow[1]!, follow[2]!, follow[1]!];
	const [field, anyTarget] = segment.split(':') as [string, string | undefined];
	return [collection, field, anyTarget ?? relatedCollection(relations, collection, field)];
}

/** The collection a field of `collection` points into, or null for a plain field. */
export function relatedCollection(
	relations: readonly RelationLike[],
	collection: string,
	field: string,
): string | null {
	const m2o = relations.find((r) => r.collection === collection && r.field === field);
	if (m2o) return m2o.related_collection;
	const o2m = relations.find((r) => r.related_collection === collection && r.meta?.one_field === field);
	return o2m ? o2m.collection : null;
}

/**
 * The first path that tests a field the caller may not read on every row, as `a.b.c`, or null.
 * `readable(collection)` is that field set, or null when every readable row shows every field.
 */
export function firstHiddenPath(
	paths: FieldPath[],
	collection: string,
	relations: readonly RelationLike[],
	readable: (collection: string) => ReadonlySet<string> | null,
): string | null {
	for (const path of paths) {
		let current: string | null = collection;
		for (const segment of path) {
			if (current === null) break;
			const [owner, field, next] = step(relations, current, segment);
			const allowed = readable(owner);
			if (allowed && !allowed.has(field)) return path.join('.');
			current = next;
		}
	}
	return null;
}
