/** The columns of each collection in the committed snapshot, for checking seed rows against it. */
import snapshot from '../../schema/snapshot.json' with { type: 'json' };

export const snapshotFieldsByCollection: Record<string, { field: string; required: boolean; hasDefault: boolean }[]> =
	{};
for (const f of snapshot.fields as any[]) {
	if (!f.schema || f.collection === 'directus_users') continue;
	(snapshotFieldsByCollection[f.collection] ??= []).push({
		field: f.field,
		required: f.schema.is_nullable === false && !f.schema.has_auto_increment,
		hasDefault: f.schema.default_value !== null,
	});
}
