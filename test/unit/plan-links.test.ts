import knex from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import { unlinkSharedPlanItems } from '../../extensions/sales-visits/src/setup/plan-links.ts';

describe('unlinkSharedPlanItems', () => {
	const db = knex({ client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
	afterAll(() => db.destroy());

	it('leaves one visit per plan item before the unique index: the one the item points back at, else the first', async () => {
		expect(await unlinkSharedPlanItems(db)).toBe(0);
		await db.schema.createTable('visit_plan_items', (t) => {
			t.increments('id');
			t.integer('visit');
		});
		await db.schema.createTable('visits', (t) => {
			t.increments('id');
			t.integer('plan_item');
		});
		await db('visit_plan_items').insert([{ id: 1, visit: 3 }, { id: 2, visit: null }, { id: 3, visit: 6 }]);
		// Item 1: six visits, item 1 points at visit 3; item 2: two visits, no pointer; item 3: one.
		await db('visits').insert([1, 1, 1, 1, 1, 1, 2, 2, 3, null].map((plan_item, i) => ({ id: i + 1, plan_item })));
		expect(await unlinkSharedPlanItems(db)).toBe(6);
		expect(await db('visits').whereNotNull('plan_item').orderBy('id').select('id', 'plan_item')).toEqual([
			{ id: 3, plan_item: 1 },
			{ id: 7, plan_item: 2 },
			{ id: 9, plan_item: 3 },
		]);
		expect(await unlinkSharedPlanItems(db)).toBe(0);
	});
});
