/** Field lists for permissions, derived from the schema definition so that they never drift. */
import { collections, userFields } from '../schema/collections.ts';
import { flowOwnedFields } from '../domain/flow-fields.ts';

const SYSTEM_MANAGED = new Set(['id', 'date_created', 'date_updated', 'user_created', 'user_updated']);

const specs = new Map(collections.map((c) => [c.collection, c.fields]));

export const domainCollections = collections.map((c) => c.collection);

/** The real columns of a collection (no aliases). */
export const columnsOf = (collection: string): string[] =>
	(specs.get(collection) ?? []).filter((f) => f.schema !== null).map((f) => f.field);

/**
 * What a non-admin may write: every column except keys, audit stamps and flow-owned
 * fields, minus `except`, plus the o2m aliases named in `nested` (for inline editing).
 */
export function writable(
	collection: string,
	{ except = [], nested = [] }: { except?: string[]; nested?: string[] } = {},
) {
	const flow = new Set<string>((flowOwnedFields as Record<string, readonly string[]>)[collection] ?? []);
	const excluded = new Set(except);
	return [
		...columnsOf(collection).filter((f) => !SYSTEM_MANAGED.has(f) && !flow.has(f) && !excluded.has(f)),
		...nested,
	];
}

/**
 * What a role may read of a collection when its rule says every field: every field but the
 * relations into collections the role does not read (a customer's visits, for customer service).
 * The Studio would show Directus's English "relationship is not configured properly" there, and
 * the rows behind them are not the role's to see. `['*']` when nothing is left out.
 */
export function readableFields(collection: string, readable: ReadonlySet<string>): string[] {
	const fields = specs.get(collection);
	if (!fields) return ['*'];
	const hidden = new Set<string>();
	for (const f of fields)
		if (f.relation && !f.relation.related.startsWith('directus_') && !readable.has(f.relation.related))
			hidden.add(f.field);
	for (const [other, otherFields] of specs)
		for (const f of otherFields)
			if (f.relation?.related === collection && f.relation.oneField && !readable.has(other))
				hidden.add(f.relation.oneField);
	return hidden.size ? fields.map((f) => f.field).filter((f) => !hidden.has(f)) : ['*'];
}

/** What colleagues may see of each other: names and the org chart, never credentials. */
export const userDirectoryFields = [
	'id',
	'first_name',
	'last_name',
	'email',
	'avatar',
	'title',
	'status',
	...userFields.map((f) => f.field),
];

/** What a user may change on their own profile. */
export const ownProfileFields = [
	'first_name',
	'last_name',
	'password',
	'avatar',
	'location',
	'title',
	'description',
	'language',
	'appearance',
	'theme_light',
	'theme_dark',
	'theme_light_overrides',
	'theme_dark_overrides',
	'email_notifications',
	'tfa_secret',
];
