/**
 * Applies schema/snapshot.json without Directus' "make the database equal to the
 * snapshot" semantics: our collections, fields and relations are created or brought
 * up to date, and whatever an admin added beside them is kept (never a DELETE).
 */
/** Snapshot JSON: Directus types snapshots strictly, the merge reads and copies their entries as plain JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Json = Record<string, any>;
export interface Snapshot {
	collections: Json[];
	fields: Json[];
	relations: Json[];
	systemFields?: Json[];
	[key: string]: unknown;
}
export interface SnapshotDiff {
	collections: { diff: { kind: string }[] }[];
	fields: { diff: { kind: string }[] }[];
	relations: { diff: { kind: string }[] }[];
	systemFields?: unknown[];
}

/**
 * Column properties that every vendor reports alike. Types and numeric precision are
 * left as the database reflects them (SQLite reads a uuid back as a string, for one).
 */
const PORTABLE_COLUMN = ['default_value', 'max_length', 'is_nullable', 'is_unique', 'is_indexed'] as const;

function portableColumn(current: Json, wanted: Json): Json {
	const props = Object.fromEntries(PORTABLE_COLUMN.filter((k) => k in wanted).map((k) => [k, wanted[k]]));
	// Postgres reports no length for uuid columns, which a snapshot written on SQLite has.
	if (current.max_length === null) delete props.max_length;
	return props;
}

function mergeEntries(
	current: Json[],
	desired: Json[],
	key: (e: Json) => string,
	merge: (cur: Json, want: Json) => Json,
) {
	const wanted = new Map(desired.map((e) => [key(e), e]));
	const merged = current.map((cur) => {
		const want = wanted.get(key(cur));
		wanted.delete(key(cur));
		return want ? merge(cur, want) : cur;
	});
	return [...merged, ...wanted.values()];
}

const mergeMeta = (cur: Json, want: Json) => (cur.meta && want.meta ? { ...cur.meta, ...want.meta } : want.meta);

/** Flags a database helper adds to a field's `special` when it creates it (SQLite stores timestamps as numbers). */
const VENDOR_FLAGS = ['cast-timestamp', 'cast-json'];

function mergeFieldMeta(cur: Json, want: Json) {
	const meta = mergeMeta(cur, want);
	const flags = ((cur.meta?.special as string[] | null) ?? []).filter((f) => VENDOR_FLAGS.includes(f));
	if (!meta || flags.length === 0) return meta;
	const special = (want.meta?.special as string[] | null) ?? [];
	return { ...meta, special: [...special, ...flags.filter((f) => !special.includes(f))] };
}

/** The snapshot to diff against: the current one with our definitions laid over it. */
export function mergeSnapshot(current: Snapshot, desired: Snapshot): Snapshot {
	return {
		...desired,
		collections: mergeEntries(
			current.collections,
			desired.collections,
			(c) => c.collection,
			(cur, want) => {
				// A folder has no `schema` at all, as Directus snapshots it.
				const schema = cur.schema ?? want.schema;
				return { ...want, meta: mergeMeta(cur, want), ...(schema ? { schema } : {}) };
			},
		),
		fields: mergeEntries(
			current.fields,
			desired.fields,
			(f) => `${f.collection}.${f.field}`,
			(cur, want) => ({
				...want,
				type: cur.type,
				meta: mergeFieldMeta(cur, want),
				schema: cur.schema && want.schema ? { ...cur.schema, ...portableColumn(cur.schema, want.schema) } : want.schema,
			}),
		),
		relations: mergeEntries(
			current.relations,
			desired.relations,
			(r) => `${r.collection}.${r.field}`,
			(cur, want) => ({
				...want,
				meta: mergeMeta(cur, want),
				schema: cur.schema ?? want.schema,
			}),
		),
		systemFields: current.systemFields ?? [],
	};
}

/** Drops any deletion a diff might still carry (e.g. of an array entry an admin added). */
export function withoutDeletions<D extends SnapshotDiff>(diff: D): D {
	const keep = <T extends { diff: { kind: string }[] }>(entries: T[]) =>
		entries
			.map((e) => ({ ...e, diff: e.diff.filter((d) => d.kind !== 'D' || (d as Json).path?.length > 1) }))
			.filter((e) => e.diff.length > 0);
	return {
		...diff,
		collections: keep(diff.collections),
		fields: keep(diff.fields),
		relations: keep(diff.relations),
		systemFields: [],
	};
}

export const isEmptyDiff = (diff: SnapshotDiff | null) =>
	!diff || (diff.collections.length === 0 && diff.fields.length === 0 && diff.relations.length === 0);

export interface SchemaServiceLike {
	snapshot(): Promise<Snapshot>;
	diff(snapshot: Snapshot, options: { currentSnapshot: Snapshot; force: boolean }): Promise<SnapshotDiff | null>;
	apply(payload: { hash: string; diff: SnapshotDiff }, options: { force: boolean }): Promise<void>;
	getHashedSnapshot(snapshot: Snapshot): { hash: string };
}

/** Returns how many collections, fields and relations changed. */
export async function applySchema(service: SchemaServiceLike, desired: Snapshot) {
	const current = await service.snapshot();
	const raw = await service.diff(mergeSnapshot(current, desired), { currentSnapshot: current, force: true });
	const diff = raw && withoutDeletions(raw);
	if (isEmptyDiff(diff)) return { collections: 0, fields: 0, relations: 0 };
	await service.apply({ hash: service.getHashedSnapshot(current).hash, diff: diff! }, { force: true });
	return { collections: diff!.collections.length, fields: diff!.fields.length, relations: diff!.relations.length };
}
