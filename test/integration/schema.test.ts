/** The contract's collections and fields exist on every database, with their Studio metadata. */
import { afterAll, describe, expect, it } from 'vitest';
import { Client, targets } from './client.ts';
import { contractFields } from '../contract.ts';
import { closeDatabases, indexesOf } from './db.ts';

describe.each(targets)('schema on $name', (target) => {
	afterAll(closeDatabases);

	it('has every collection and field of the contract', async () => {
		const admin = await Client.admin(target);
		const fields: { collection: string; field: string }[] = await admin.data('/fields');
		const present = new Set(fields.map((f) => `${f.collection}.${f.field}`));
		const missing = Object.entries(contractFields).flatMap(([collection, names]) =>
			names.map((name) => `${collection}.${name}`).filter((key) => !present.has(key)),
		);
		expect(missing).toEqual([]);
	});

	it('names every collection and field in Chinese and English', async () => {
		const admin = await Client.admin(target);
		const collections: any[] = await admin.data('/collections');
		const fields: any[] = await admin.data('/fields');
		for (const collection of Object.keys(contractFields).filter((c) => !c.startsWith('directus_'))) {
			const meta = collections.find((c) => c.collection === collection)?.meta;
			expect(meta?.translations?.map((t: any) => t.language).sort(), collection).toEqual(['en-US', 'zh-CN']);
		}
		for (const [collection, names] of Object.entries(contractFields)) {
			for (const name of names) {
				const meta = fields.find((f) => f.collection === collection && f.field === name)?.meta;
				expect(meta?.translations?.map((t: any) => t.language).sort(), `${collection}.${name}`).toEqual([
					'en-US',
					'zh-CN',
				]);
			}
		}
	});

	it('labels every choice in both languages through custom translations', async () => {
		const admin = await Client.admin(target);
		const fields: any[] = await admin.data('/fields/visits');
		const status = fields.find((f) => f.field === 'status');
		const keys = status.meta.options.choices.map((c: any) => c.text.replace(/^\$t:/, ''));
		expect(status.meta.options.choices.map((c: any) => c.value)).toEqual([
			'scheduled',
			'in_progress',
			'completed',
			'cancelled',
			'missed',
		]);
		const translations: any[] = await admin.data(`/translations?limit=-1&filter[key][_in]=${keys.join(',')}`);
		expect(translations).toHaveLength(keys.length * 2);
		expect(translations.find((t) => t.key === keys[0] && t.language === 'zh-CN')?.value).toBe('已安排');
	});

	it('translates notes and validation messages', async () => {
		const admin = await Client.admin(target);
		const field = (await admin.data('/fields/customers/latitude')).meta;
		const keys = [field.validation_message, (await admin.data('/collections/customers')).meta.note].map((t: string) =>
			t.replace(/^\$t:/, ''),
		);
		const translations: any[] = await admin.data(
			`/translations?limit=-1&filter[key][_in]=${keys.join(',')}&filter[language][_eq]=zh-CN`,
		);
		expect(translations.map((t) => t.value).sort()).toEqual(
			['客户基本资料、分级与归属', '纬度须在 -90 到 90 之间'].sort(),
		);
	});

	it('refuses values outside an enumeration or a range', async () => {
		const admin = await Client.admin(target);
		const bad = [
			{ name: '测试', code: 'T-BAD-1', tier: 'Z', category: 'key', region_scope: 'local' },
			{ name: '测试', code: 'T-BAD-2', tier: 'A', category: 'key', region_scope: 'local', latitude: 123 },
			{ name: '测试', code: 'T-BAD-3', tier: 'A', category: 'key', region_scope: 'local', annual_purchase: -5 },
			{ name: '测试', code: 'T-BAD-4', tier: 'A', category: 'key', region_scope: 'local', kind: 'retail' },
			{ name: '测试', code: 'T-BAD-5', tier: 'A', category: 'key', region_scope: 'local', credit_limit: -1 },
			{ name: '测试', code: 'T-BAD-6', tier: 'A', category: 'key', region_scope: 'local', credit_days: -30 },
		];
		for (const customer of bad) {
			const res = await admin.post('/items/customers', customer);
			expect(res.status, JSON.stringify(customer)).toBe(400);
		}
		const codes = await admin.data('/items/customers?filter[code][_starts_with]=T-BAD&fields=code');
		expect(codes).toEqual([]);
	});

	it('indexes the foreign keys and the columns deadlines and KPIs filter on', async () => {
		// Each leads an index: a plain one, a unique one (plan_item) or a composite (owner, setup/indexes.ts).
		const leading = (await indexesOf(target)).filter((i) => i.table === 'visits').map((i) => i.columns.split(',')[0]);
		expect(leading).toEqual(
			expect.arrayContaining([
				'owner',
				'customer',
				'plan_item',
				'status',
				'scheduled_start',
				'report_due_at',
				'report_status',
			]),
		);
	});

	it('holds the contract’s defaults in visit_settings', async () => {
		const admin = await Client.admin(target);
		const settings = await admin.data('/items/visit_settings');
		expect(settings).toMatchObject({
			timezone: 'Asia/Shanghai',
			report_deadline_hours: 48,
			month_plan_due: 'last_day_of_prior_month',
			week_plan_due_weekday: '0',
			geofence_radius_m: 500,
			quote_response_hours: 48,
		});
		// JSON, filled in by the setup: the column has no default on every vendor.
		expect(settings.stage_probabilities).toEqual({
			lead: 10,
			qualified: 25,
			proposal: 50,
			negotiation: 75,
			won: 100,
			lost: 0,
		});
	});

	it('gives a new customer no credit and makes it an end user, on REST and GraphQL alike', async () => {
		const admin = await Client.admin(target);
		const me = await admin.data('/users/me?fields=id');
		const code = () => `T-CRD-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
		const rest = await admin.post('/items/customers', {
			owner: me.id,
			name: '默认信用测试',
			code: code(),
			tier: 'C',
			category: 'ordinary',
			region_scope: 'local',
		});
		expect(rest.status, JSON.stringify(rest.body)).toBe(200);
		// GraphQL makes a NOT NULL column with a falsy default a required input: the credit terms must not be one.
		const gql = await admin.graphql(
			`mutation { create_customers_item(data: { name: "默认信用测试GQL", code: "${code()}", tier: "C", category: "ordinary", region_scope: "local", owner: { id: "${me.id}" } }) { id } }`,
		);
		expect(gql.body.errors, JSON.stringify(gql.body)).toBeUndefined();
		for (const id of [rest.body.data.id, gql.body.data.create_customers_item.id]) {
			const row = await admin.data(`/items/customers/${id}?fields=kind,credit_limit,credit_days`);
			await admin.delete(`/items/customers/${id}`);
			expect({ ...row, credit_limit: Number(row.credit_limit) }).toEqual({
				kind: 'end_user',
				credit_limit: 0,
				credit_days: 0,
			});
		}
	});
});
