/**
 * Before the schema's unique index on `visits.plan_item` (one visit per plan item): a database
 * from before it may hold links set by hand. Approving a plan links both ways, so a visit keeps
 * its plan item only when the item points back at it; the others become unplanned visits
 * (and the item can still be scheduled by its plan).
 */
import type { Knex } from 'knex';

export async function unlinkSharedPlanItems(knex: Knex): Promise<number> {
	if (!(await knex.schema.hasTable('visits')) || !(await knex.schema.hasColumn('visits', 'plan_item'))) return 0;
	const handSet = knex('visits as v')
		.leftJoin('visit_plan_items as i', 'i.id', 'v.plan_item')
		.whereNotNull('v.plan_item')
		.where((q) => q.whereNull('i.visit').orWhereRaw('?? <> ??', ['i.visit', 'v.id']))
		.select('v.id');
	return Number(await knex('visits').whereIn('id', handSet).update({ plan_item: null }));
}
