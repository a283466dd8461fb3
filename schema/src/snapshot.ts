/** Assembles the Directus schema snapshot that `schema/snapshot.json` holds. */
import { collections, userFields } from './collections.ts';
import { toSnapshotEntries } from './builder.ts';

export const DIRECTUS_VERSION = '11.17.4';

export function buildSnapshot() {
	return {
		version: 1,
		directus: DIRECTUS_VERSION,
		vendor: 'sqlite',
		...toSnapshotEntries(collections, [{ collection: 'directus_users', fields: userFields }]),
		systemFields: [],
	};
}
