import knex from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import { unlinkSharedPlanItems } from '../../extensions/sales-visits/src/setup/plan-links.ts';

describe('unlinkSharedPlanItems', () => {
	const db = knex({ client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
	afterAll(() => db.destroy());

	it('keeps a visit on its plan item only when the item points back at it, before the unique index', async () => {
		expect(await unlinkSharedPlanItems(db)).toBe(0);
		await db.schema.createTable('visit_plan_items', (t) => {
			t.increments('id');
			t.integer('visit');
		});
		await db.schema.createTable('visits', (t) => {
			t.increments('id');
			t.integer('plan_item');
		});
		await db('visit_plan_items').insert([
			{ id: 1, visit: 3 },
			{ id: 2, visit: null },
			{ id: 3, visit: 9 },
		]);
		// Item 1: six visits, it points at visit 3; item 2: two visits linked by hand, not yet scheduled; item 3: one.
		await db('visits').insert([1, 1, 1, 1, 1, 1, 2, 2, 3, null].map((plan_item, i) => ({ id: i + 1, plan_item })));
		expect(await unlinkSharedPlanItems(db)).toBe(7);
		expect(await db('visits').whereNotNull('plan_item').orderBy('id').select('id', 'plan_item')).toEqual([
			{ id: 3, plan_item: 1 },
			{ id: 9, plan_item: 3 },
		]);
		expect(await unlinkSharedPlanItems(db)).toBe(0);
	});
});
