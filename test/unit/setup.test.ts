import { describe, expect, it } from 'vitest';
import { mergeSnapshot, withoutDeletions } from '../../extensions/sales-visits/src/setup/schema.ts';
import { choiceTranslations, schemaTranslations } from '../../extensions/sales-visits/src/setup/translations.ts';
import { permissionRows, policyRow } from '../../extensions/sales-visits/src/setup/access.ts';
import { roles } from '../../extensions/sales-visits/src/access/policies.ts';
import { buildSnapshot } from '../../extensions/sales-visits/src/schema/snapshot.ts';

const column = (o: object) => ({
	data_type: 'varchar',
	max_length: 255,
	is_nullable: true,
	is_indexed: false,
	default_value: null,
	...o,
});

describe('mergeSnapshot', () => {
	const current = {
		collections: [
			{ collection: 'customers', meta: { icon: 'old', preview_url: 'https://crm' }, schema: { name: 'customers' } },
			{ collection: 'admin_own', meta: {}, schema: {} },
		],
		fields: [
			{
				collection: 'customers',
				field: 'name',
				type: 'string',
				meta: { note: 'admin', width: 'half' },
				schema: column({ data_type: 'character varying' }),
			},
			{
				collection: 'customers',
				field: 'owner',
				type: 'string',
				meta: {},
				schema: column({ data_type: 'char', max_length: null }),
			},
			{ collection: 'admin_own', field: 'x', type: 'string', meta: {}, schema: column({}) },
			{
				collection: 'customers',
				field: 'date_created',
				type: 'dateTime',
				meta: { special: ['date-created', 'cast-timestamp'] },
				schema: column({ data_type: 'datetime' }),
			},
		],
		relations: [],
	};
	const desired = {
		collections: [
			{ collection: 'customers', meta: { icon: 'storefront' }, schema: { name: 'customers' } },
			{ collection: 'contacts', meta: {}, schema: { name: 'contacts' } },
		],
		fields: [
			{
				collection: 'customers',
				field: 'name',
				type: 'string',
				meta: { width: 'full' },
				schema: column({ is_nullable: false, is_indexed: true }),
			},
			{
				collection: 'customers',
				field: 'owner',
				type: 'uuid',
				meta: {},
				schema: column({ data_type: 'char', max_length: 36 }),
			},
			{
				collection: 'customers',
				field: 'date_created',
				type: 'timestamp',
				meta: { special: ['date-created'], readonly: true },
				schema: column({ data_type: 'datetime' }),
			},
		],
		relations: [],
	};
	const merged = mergeSnapshot(current, desired);

	it('keeps what an admin added and lays our definitions over the rest', () => {
		expect(merged.collections.map((c) => c.collection)).toEqual(['customers', 'admin_own', 'contacts']);
		expect(merged.collections[0]!.meta).toEqual({ icon: 'storefront', preview_url: 'https://crm' });
		expect(merged.fields.find((f) => f.field === 'x')).toBeDefined();
		expect(merged.fields[0]!.meta).toEqual({ note: 'admin', width: 'full' });
	});

	it('keeps a folder without a schema, as Directus snapshots and validates it', () => {
		const folder = { collection: 'nav_sales', meta: { collapse: 'open' } };
		const again = mergeSnapshot(
			{ ...current, collections: [...current.collections, folder] },
			{ ...desired, collections: [...desired.collections, { ...folder, meta: { collapse: 'closed' } }] },
		);
		const merged = again.collections.find((c) => c.collection === 'nav_sales')!;
		expect(merged).toEqual({ collection: 'nav_sales', meta: { collapse: 'closed' } });
		expect('schema' in merged).toBe(false);
	});

	it('changes portable column properties only, never the vendor’s type', () => {
		expect(merged.fields[0]!.schema).toMatchObject({
			data_type: 'character varying',
			is_nullable: false,
			is_indexed: true,
		});
		expect(merged.fields[1]).toMatchObject({ type: 'string', schema: { max_length: null } });
	});

	it('keeps the flags SQLite adds to a field’s special', () => {
		expect(merged.fields.find((f) => f.field === 'date_created')!.meta).toEqual({
			special: ['date-created', 'cast-timestamp'],
			readonly: true,
		});
	});

	it('drops whole-entry deletions from a diff', () => {
		const diff = withoutDeletions({
			collections: [{ collection: 'a', diff: [{ kind: 'D' }] }],
			fields: [
				{
					collection: 'a',
					field: 'b',
					diff: [
						{ kind: 'D', path: ['meta'] },
						{ kind: 'E', path: ['meta', 'note'] },
					],
				},
			],
			relations: [],
			systemFields: [{}],
		} as any);
		expect(diff).toEqual({
			collections: [],
			fields: [{ collection: 'a', field: 'b', diff: [{ kind: 'E', path: ['meta', 'note'] }] }],
			relations: [],
			systemFields: [],
		});
	});
});

describe('translations', () => {
	const rows = [...choiceTranslations(), ...schemaTranslations()];
	it('exist in both languages for every `$t:` key the schema refers to', () => {
		const keys = new Set(rows.map((r) => `${r.key}|${r.language}`));
		const referenced = [...JSON.stringify(buildSnapshot()).matchAll(/"\$t:(sv_[^"]+)"/g)].map((m) => m[1]!);
		expect(referenced.length).toBeGreaterThan(300);
		for (const key of referenced) {
			expect(keys.has(`${key}|zh-CN`), key).toBe(true);
			expect(keys.has(`${key}|en-US`), key).toBe(true);
		}
	});

	it('are unique per key and language', () => {
		const keys = rows.map((r) => `${r.key}|${r.language}`);
		expect(new Set(keys).size).toBe(keys.length);
	});

	// The Studio compiles labels and notes as vue-i18n messages: one brace, `|` or `@` fails every field's
	// translation, and every choice then shows its `$t:` key.
	it('hold no vue-i18n syntax, nor do the collections’ and fields’ names', () => {
		const { collections, fields } = buildSnapshot();
		const names = [...collections, ...fields].flatMap((e) =>
			((e.meta as { translations?: { translation: string }[] | null }).translations ?? []).map((t) => t.translation),
		);
		expect(names.length).toBeGreaterThan(500);
		for (const text of [...rows.map((r) => r.value), ...names]) expect(text).not.toMatch(/[{}|@]/);
	});
});

describe('policies as rows', () => {
	it('give no role admin access and only the integrator no app access', () => {
		expect(roles.map(policyRow).filter((p) => p.admin_access)).toEqual([]);
		expect(
			roles
				.map(policyRow)
				.filter((p) => !p.app_access)
				.map((p) => p.name),
		).toEqual(['系统集成 Integrator']);
	});

	it('serialise filters as JSON and field lists as CSV', () => {
		const rep = roles.find((r) => r.key === 'sales_rep')!;
		const read = permissionRows(rep).find((p) => p.collection === 'visits' && p.action === 'read')!;
		expect(JSON.parse(read.permissions!)).toEqual({ owner: { _eq: '$CURRENT_USER' } });
		const update = permissionRows(rep).find((p) => p.collection === 'visits' && p.action === 'update')!;
		expect(update.fields.split(',')).not.toContain('status');
	});

	it('have one rule per role, collection and action', () => {
		for (const role of roles) {
			const keys = role.permissions.map((p) => `${p.collection}.${p.action}`);
			expect(new Set(keys).size, role.key).toBe(keys.length);
		}
	});
});
