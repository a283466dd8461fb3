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
