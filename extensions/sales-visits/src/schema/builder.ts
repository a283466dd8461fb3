/**
 * A small vocabulary for writing the Directus schema snapshot by hand: each helper
 * returns the snapshot entries (field, and relation for m2o) with the Studio metadata
 * an admin expects: bilingual labels, interfaces, displays, validation and indexes.
 */
import * as choiceSets from '../domain/choices.ts';
import type { ChoiceSet } from '../domain/choices.ts';

export type Bilingual = [zh: string, en: string];
export type ChoiceSetName = {
	[K in keyof typeof choiceSets]: (typeof choiceSets)[K] extends ChoiceSet<string> ? K : never;
}[keyof typeof choiceSets];

type Json = Record<string, unknown>;

export interface SnapshotField {
	collection: string;
	field: string;
	type: string;
	meta: Json;
	schema: Json | null;
}

export interface SnapshotRelation {
	collection: string;
	field: string;
	related_collection: string;
	meta: Json;
	schema: Json;
}

/** What the database does to a row when the row it points at is deleted. */
export type OnDelete = 'SET NULL' | 'CASCADE' | 'NO ACTION';

export interface FieldSpec {
	field: string;
	type: string;
	meta: Json;
	schema: Json | null;
	/** `deleteOnDeselect`: a row taken out of its parent's list is deleted rather than unlinked (it cannot stand alone). */
	relation?: { related: string; onDelete: OnDelete; oneField?: string; deleteOnDeselect?: boolean };
}

export interface FieldOptions {
	required?: boolean;
	note?: Bilingual;
	width?: 'half' | 'full' | 'fill';
	group?: string;
	hidden?: boolean;
	readonly?: boolean;
	indexed?: boolean;
	unique?: boolean;
	nullable?: boolean;
	default?: string | number | boolean | null;
	validation?: Json;
	validationMessage?: Bilingual;
	interface?: string;
	options?: Json;
	display?: string;
	displayOptions?: Json;
	special?: string[];
	/** Directus field conditions: `[{ name, rule, hidden?, readonly? }]` over the form's values. */
	conditions?: Json[];
}

export const translations = ([zh, en]: Bilingual) => [
	{ language: 'zh-CN', translation: zh },
	{ language: 'en-US', translation: en },
];

/** Custom translation key that `$t:` choice labels resolve against (see setup/translations). */
export const choiceKey = (set: string, value: string) => `sv_${set}_${value}`;

/** A note or message in both languages, stored as a custom translation under `key`. */
export interface SchemaText {
	key: string;
	text: Bilingual;
}

const columnSchema = (type: string, o: FieldOptions, extra: Json = {}): Json => ({
	data_type: dataTypes[type],
	default_value: o.default ?? null,
	max_length: type === 'string' ? 255 : null,
	numeric_precision: null,
	numeric_scale: null,
	is_nullable: o.nullable ?? !o.required,
	is_unique: o.unique ?? false,
	is_indexed: o.indexed ?? false,
	is_primary_key: false,
	is_generated: false,
	generation_expression: null,
	has_auto_increment: false,
	foreign_key_table: null,
	foreign_key_column: null,
	...extra,
});

const dataTypes: Record<string, string> = {
	string: 'varchar',
	text: 'text',
	integer: 'integer',
	bigInteger: 'bigint',
	float: 'real',
	decimal: 'numeric',
	boolean: 'boolean',
	date: 'date',
	time: 'time',
	timestamp: 'datetime',
	uuid: 'char',
	json: 'json',
};

const baseMeta = (label: Bilingual, o: FieldOptions, defaults: Json): Json => ({
	interface: null,
	options: null,
	display: null,
	display_options: null,
	special: null,
	readonly: o.readonly ?? false,
	hidden: o.hidden ?? false,
	width: o.width ?? 'half',
	translations: translations(label),
	// Bilingual texts become `$t:` keys in toSnapshotEntries, where the collection is known.
	note: o.note ?? null,
	conditions: o.conditions ?? null,
	required: o.required ?? false,
	group: o.group ?? null,
	validation: o.validation ?? null,
	validation_message: o.validationMessage ?? null,
	...defaults,
	...(o.interface ? { interface: o.interface } : {}),
	...(o.options ? { options: { ...(defaults.options as Json), ...o.options } } : {}),
	...(o.display ? { display: o.display } : {}),
	...(o.displayOptions ? { display_options: o.displayOptions } : {}),
	...(o.special ? { special: o.special } : {}),
});

const scalar =
	(type: string, defaults: (o: FieldOptions) => Json, schemaExtra: Json = {}) =>
	(field: string, label: Bilingual, o: FieldOptions = {}): FieldSpec => ({
		field,
		type,
		meta: baseMeta(label, o, defaults(o)),
		schema: columnSchema(type, o, schemaExtra),
	});

export const string = scalar('string', () => ({ interface: 'input' }));
export const text = scalar('text', () => ({ interface: 'input-multiline', width: 'full' }));
export const integer = scalar('integer', () => ({ interface: 'input' }));
export const float = scalar('float', () => ({ interface: 'input' }));
export const date = scalar('date', () => ({
	interface: 'datetime',
	display: 'datetime',
	display_options: { format: 'short' },
}));
export const time = scalar('time', () => ({ interface: 'datetime' }));
export const timestamp = scalar('timestamp', () => ({
	interface: 'datetime',
	display: 'datetime',
	display_options: { relative: false, format: 'short' },
}));
/** Structured data the server writes, shown as JSON. */
export const json = scalar('json', () => ({
	interface: 'input-code',
	options: { language: 'JSON' },
	display: 'raw',
	special: ['cast-json'],
	width: 'full',
}));
/** A column of `jsonTable`: the object's key, its heading, a choice set its values are labels of, a number format. */
export interface JsonColumn {
	key: string;
	label: Bilingual;
	choices?: string;
	format?: 'percent' | 'amount';
}

/**
 * A JSON field shown as a table (the bundle's `visit-json-table`): a list of objects, or with
 * `map` an object, one row per key (columns `key` and `value`).
 */
export const jsonTable = (columns: JsonColumn[], map = false): Pick<FieldOptions, 'interface' | 'options'> => ({
	interface: 'visit-json-table',
	options: { columns, ...(map ? { map } : {}) },
});
export const boolean = scalar('boolean', () => ({
	interface: 'boolean',
	display: 'boolean',
	special: ['cast-boolean'],
}));

export const decimal = (
	field: string,
	label: Bilingual,
	o: FieldOptions = {},
	precision = 14,
	scale = 2,
): FieldSpec => ({
	field,
	type: 'decimal',
	// Amounts in yuan are grouped by thousands by our `visit-amount`. Other figures get no `format`: the Studio's
	// formatted-value display throws on a decimal in a display template while the value is still missing (NaN
	// into vue-i18n's n()), and shows its raw array from then on ("差旅 · [ 1590 ]").
	meta: baseMeta(
		label,
		o,
		label[0].endsWith('（元）')
			? { interface: 'input', display: 'visit-amount', display_options: null }
			: { interface: 'input', display: 'formatted-value', display_options: { format: false } },
	),
	schema: columnSchema('decimal', o, { numeric_precision: precision, numeric_scale: scale }),
});

/** A coordinate, stored as decimal(10,7) and validated into its range. */
export const coordinate = (field: string, label: Bilingual, axis: 'latitude' | 'longitude', o: FieldOptions = {}) => {
	const limit = axis === 'latitude' ? 90 : 180;
	return decimal(
		field,
		label,
		{
			validation: {
				_or: [{ [field]: { _null: true } }, { _and: [{ [field]: { _gte: -limit } }, { [field]: { _lte: limit } }] }],
			},
			validationMessage: [
				`${label[0]}须在 -${limit} 到 ${limit} 之间`,
				`${label[1]} must be between -${limit} and ${limit}`,
			],
			...o,
		},
		10,
		7,
	);
};

/**
 * A GeoJSON point (json) that the Studio's map layout draws and its `map` interface shows: the layout
 * takes a field of a geometry type or with the `map` interface, and reads a json one as GeoJSON. Plain
 * JSON needs neither Spatialite nor PostGIS. Written by the server, never by hand.
 */
export const point = (field: string, label: Bilingual, o: FieldOptions = {}): FieldSpec => ({
	field,
	type: 'json',
	meta: baseMeta(
		label,
		{ readonly: true, ...o },
		{
			interface: 'map',
			options: { geometryType: 'Point' },
			special: ['cast-json'],
			width: 'full',
		},
	),
	schema: columnSchema('json', o),
});

/** An amount of money or a count that may not be negative. */
export const nonNegative = (
	field: string,
	label: Bilingual,
	o: FieldOptions = {},
	kind: 'decimal' | 'integer' = 'decimal',
) => {
	const rules: FieldOptions = {
		validation: { _or: [{ [field]: { _null: true } }, { [field]: { _gte: 0 } }] },
		validationMessage: [`${label[0]}不能为负数`, `${label[1]} may not be negative`],
		options: { min: 0 },
		...o,
	};
	return kind === 'decimal' ? decimal(field, label, rules) : integer(field, label, rules);
};

const palette: Record<string, string> = {
	gray: '#A2B5CD',
	blue: '#3399FF',
	green: '#2ECDA7',
	orange: '#FFA439',
	red: '#E35169',
	purple: '#9B59B6',
};

/** A dropdown over one of the contract's choice sets; labels resolve through `$t:` custom translations. */
export const select = (
	field: string,
	label: Bilingual,
	set: ChoiceSetName,
	o: FieldOptions & { colors?: Record<string, keyof typeof palette> } = {},
): FieldSpec => {
	const allowed = Object.keys(choiceSets[set]);
	const choices = allowed.map((value) => ({ text: `$t:${choiceKey(set, value)}`, value }));
	const nullable = o.nullable ?? !o.required;
	const inRule = { [field]: { _in: allowed } };
	return {
		field,
		type: 'string',
		meta: baseMeta(label, o, {
			interface: 'select-dropdown',
			options: { choices, allowNone: nullable && !o.required },
			display: 'labels',
			display_options: {
				showAsDot: Boolean(o.colors),
				choices: choices.map((c) => ({
					...c,
					...(o.colors?.[c.value] ? { foreground: '#FFFFFF', background: palette[o.colors[c.value]!] } : {}),
				})),
			},
			validation: nullable ? { _or: [{ [field]: { _null: true } }, inRule] } : inRule,
			validation_message: [`${label[0]}的取值无效`, `Invalid ${label[1].toLowerCase()}`],
		}),
		schema: columnSchema('string', { ...o, nullable }),
	};
};

/**
 * A text column the server fills with keys of several choice sets, shown through the `labels`
 * display over `choices` (texts are `$t:` keys or both languages). No dropdown: it is never typed.
 */
export const labelled = (
	field: string,
	label: Bilingual,
	choices: { value: string; text: string | Bilingual }[],
	o: FieldOptions = {},
): FieldSpec => string(field, label, { ...o, display: 'labels', displayOptions: { showAsDot: false, choices } });

/** Many-to-one to another collection (or directus_users), indexed (unless `indexed: false`), with a dropdown showing `template`. */
export const m2o = (
	field: string,
	label: Bilingual,
	related: string,
	template: string,
	o: FieldOptions & { onDelete?: OnDelete; oneField?: string; deleteOnDeselect?: boolean } = {},
): FieldSpec => {
	const isUser = related === 'directus_users';
	return {
		field,
		type: isUser ? 'uuid' : 'integer',
		meta: baseMeta(label, o, {
			interface: 'select-dropdown-m2o',
			options: { template, enableCreate: false },
			display: 'related-values',
			display_options: { template },
			special: ['m2o'],
		}),
		schema: columnSchema(
			isUser ? 'uuid' : 'integer',
			// A unique column has its unique index already: a second, plain one would only slow writes.
			{ ...o, indexed: o.indexed ?? !o.unique },
			{
				max_length: isUser ? 36 : null,
				foreign_key_table: related,
				foreign_key_column: 'id',
			},
		),
		// A required reference cannot be nulled: such a parent cannot be deleted while it is referenced.
		relation: {
			related,
			onDelete: o.onDelete ?? (o.required ? 'NO ACTION' : 'SET NULL'),
			oneField: o.oneField,
			deleteOnDeselect: o.deleteOnDeselect,
		},
	};
};

/** The alias side of a one-to-many; the m2o on the other side must name it as `oneField`. */
export const o2m = (field: string, label: Bilingual, template: string, o: FieldOptions = {}): FieldSpec => ({
	field,
	type: 'alias',
	meta: baseMeta(label, o, {
		interface: 'list-o2m',
		options: { template, enableCreate: true, enableSelect: false },
		display: 'related-values',
		display_options: { template },
		special: ['o2m'],
		width: 'full',
	}),
	schema: null,
});

/** A field with no column that only shows an interface, such as the approval panel (`visit-approval`). */
export const presentation = (
	field: string,
	label: Bilingual,
	iface: string,
	options: Json = {},
	o: FieldOptions = {},
): FieldSpec => ({
	field,
	type: 'alias',
	meta: baseMeta(label, o, { interface: iface, options, special: ['alias', 'no-data'], width: 'full' }),
	schema: null,
});

/** A collapsible group for long forms; children name it with `group`. */
export const group = (
	field: string,
	label: Bilingual,
	o: FieldOptions & { start?: 'open' | 'closed' } = {},
): FieldSpec => ({
	field,
	type: 'alias',
	meta: baseMeta(label, o, {
		interface: 'group-detail',
		options: { start: o.start ?? 'open' },
		special: ['alias', 'no-data', 'group'],
		width: 'full',
	}),
	schema: null,
});

export const primaryKey = (): FieldSpec => ({
	field: 'id',
	type: 'integer',
	meta: baseMeta(['编号', 'ID'], { hidden: true, readonly: true }, { interface: 'input' }),
	schema: columnSchema('integer', { nullable: false }, { is_primary_key: true, has_auto_increment: true }),
});

export const auditFields = (): FieldSpec[] => [
	timestamp('date_created', ['创建时间', 'Created'], {
		special: ['date-created'],
		readonly: true,
		hidden: true,
		displayOptions: { relative: true },
	}),
	timestamp('date_updated', ['更新时间', 'Updated'], {
		special: ['date-updated'],
		readonly: true,
		hidden: true,
		displayOptions: { relative: true },
	}),
];

export interface CollectionSpec {
	collection: string;
	label: Bilingual;
	singular?: Bilingual;
	icon: string;
	note: Bilingual;
	displayTemplate?: string;
	singleton?: boolean;
	sortField?: string;
	archive?: { field: string; value: string; unarchive: string };
	color?: string;
	fields: FieldSpec[];
}

/**
 * A folder of the Studio's navigation: a collection without a table that groups `members`
 * (in this order). `collapse: 'closed'` keeps what a role rarely opens folded away.
 */
export interface FolderSpec {
	collection: string;
	label: Bilingual;
	icon: string;
	collapse: 'open' | 'closed';
	members: string[];
}

/** Where each collection sits in the navigation: its folder and its place there. */
function placesIn(folders: FolderSpec[], specs: CollectionSpec[]) {
	const places = new Map<string, { group: string; sort: number }>();
	for (const folder of folders)
		folder.members.forEach((member, index) => {
			if (places.has(member)) throw new Error(`${member} is in two navigation folders`);
			places.set(member, { group: folder.collection, sort: index + 1 });
		});
	const homeless = specs.filter((c) => !places.has(c.collection)).map((c) => c.collection);
	if (homeless.length > 0) throw new Error(`not in a navigation folder: ${homeless.join(', ')}`);
	return places;
}

const folderEntry = (folder: FolderSpec, sort: number) => ({
	collection: folder.collection,
	meta: {
		collection: folder.collection,
		icon: folder.icon,
		note: null,
		display_template: null,
		hidden: false,
		singleton: false,
		translations: [
			{ language: 'zh-CN', translation: folder.label[0], singular: folder.label[0], plural: folder.label[0] },
			{ language: 'en-US', translation: folder.label[1], singular: folder.label[1], plural: folder.label[1] },
		],
		archive_field: null,
		archive_app_filter: true,
		archive_value: null,
		unarchive_value: null,
		sort_field: null,
		accountability: 'all',
		color: null,
		item_duplication_fields: null,
		sort,
		group: null,
		collapse: folder.collapse,
		preview_url: null,
		versioning: false,
	},
	// No `schema`: Directus's own snapshots leave it out for a folder (and refuse it null).
});

type Choice = { text: unknown; value: string };

/** Choice texts given in both languages become `$t:` keys; strings (already `$t:` keys) stay. */
const withChoiceKeys = (options: Json | null, key: (value: string, text: unknown) => unknown) =>
	Array.isArray(options?.choices)
		? { ...options, choices: (options.choices as Choice[]).map((c) => ({ ...c, text: key(c.value, c.text) })) }
		: options;

export function toSnapshotEntries(
	specs: CollectionSpec[],
	extraFields: { collection: string; fields: FieldSpec[] }[],
	folders: FolderSpec[],
) {
	const texts: SchemaText[] = [];
	const translated = (key: string, text: unknown) => {
		if (!Array.isArray(text)) return text ?? null;
		texts.push({ key, text: text as Bilingual });
		return `$t:${key}`;
	};
	const places = placesIn(folders, specs);
	const collections = specs.map((c) => ({
		collection: c.collection,
		meta: {
			collection: c.collection,
			icon: c.icon,
			note: translated(`sv_${c.collection}_note`, c.note),
			display_template: c.displayTemplate ?? null,
			hidden: false,
			singleton: c.singleton ?? false,
			translations: [
				{ language: 'zh-CN', translation: c.label[0], singular: (c.singular ?? c.label)[0], plural: c.label[0] },
				{ language: 'en-US', translation: c.label[1], singular: (c.singular ?? c.label)[1], plural: c.label[1] },
			],
			archive_field: c.archive?.field ?? null,
			archive_app_filter: true,
			archive_value: c.archive?.value ?? null,
			unarchive_value: c.archive?.unarchive ?? null,
			sort_field: c.sortField ?? null,
			accountability: 'all',
			color: c.color ?? null,
			item_duplication_fields: null,
			sort: places.get(c.collection)!.sort,
			group: places.get(c.collection)!.group,
			collapse: 'open',
			preview_url: null,
			versioning: false,
		},
		schema: { name: c.collection },
	}));
	const folderEntries = folders.map((f, index) => folderEntry(f, index + 1));

	const fields: SnapshotField[] = [];
	const relations: SnapshotRelation[] = [];
	for (const { collection, fields: specsOf } of [
		...specs.map((s) => ({ collection: s.collection, fields: s.fields })),
		...extraFields,
	]) {
		specsOf.forEach((spec, index) => {
			fields.push({
				collection,
				field: spec.field,
				type: spec.type,
				meta: {
					collection,
					field: spec.field,
					sort: index + 1,
					searchable: true,
					...spec.meta,
					note: translated(`sv_${collection}_${spec.field}_note`, spec.meta.note),
					validation_message: translated(`sv_${collection}_${spec.field}_validation`, spec.meta.validation_message),
					display_options: withChoiceKeys(spec.meta.display_options as Json | null, (value, text) =>
						translated(`sv_${collection}_${spec.field}_${value}`, text),
					),
				},
				schema: spec.schema && { name: spec.field, table: collection, ...spec.schema },
			});
			if (spec.relation) {
				relations.push({
					collection,
					field: spec.field,
					related_collection: spec.relation.related,
					meta: {
						many_collection: collection,
						many_field: spec.field,
						one_collection: spec.relation.related,
						one_field: spec.relation.oneField ?? null,
						one_collection_field: null,
						one_allowed_collections: null,
						junction_field: null,
						sort_field: null,
						one_deselect_action: spec.relation.deleteOnDeselect ? 'delete' : 'nullify',
					},
					schema: {
						table: collection,
						column: spec.field,
						foreign_key_table: spec.relation.related,
						foreign_key_column: 'id',
						on_update: 'NO ACTION',
						on_delete: spec.relation.onDelete,
						constraint_name: null,
					},
				});
			}
		});
	}
	return { collections: [...folderEntries, ...collections], fields, relations, texts };
}
