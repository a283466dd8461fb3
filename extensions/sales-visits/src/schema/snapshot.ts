/** Assembles the Directus schema snapshot that `schema/snapshot.json` holds. */
import { collections, folders, userFields } from './collections.ts';
import { toSnapshotEntries } from './builder.ts';

export const DIRECTUS_VERSION = '11.17.4';

const entries = () => toSnapshotEntries(collections, [{ collection: 'directus_users', fields: userFields }], folders);

export function buildSnapshot() {
	const { collections, fields, relations } = entries();
	return { version: 1, directus: DIRECTUS_VERSION, vendor: 'sqlite', collections, fields, relations, systemFields: [] };
}

/** The notes and validation messages the snapshot refers to as `$t:` keys. */
export const schemaTexts = () => entries().texts;
