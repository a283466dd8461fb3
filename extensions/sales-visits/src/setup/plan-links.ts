/**
 * Before the schema's unique index on `visits.plan_item` (one visit per plan item): a database
 * from before it may link several visits to one plan item by hand. The visit the plan item
 * points back at (else the first) keeps the link; the others become unplanned visits.
 */
import type { Knex } from 'knex';

export async function unlinkSharedPlanItems(knex: Knex): Promise<number> {
	if (!(await knex.schema.hasTable('visits')) || !(await knex.schema.hasColumn('visits', 'plan_item'))) return 0;
	const linked: { id: number; plan_item: number; back: number | null }[] = await knex('visits as v')
		.leftJoin('visit_plan_items as i', 'i.id', 'v.plan_item')
		.whereNotNull('v.plan_item')
		.orderBy('v.id')
		.select('v.id', 'v.plan_item', 'i.visit as back');
	const keeper = new Map<number, number>();
	for (const v of linked) if (Number(v.back) === Number(v.id) || !keeper.has(Number(v.plan_item))) keeper.set(Number(v.plan_item), Number(v.id));
	const extra = linked.filter((v) => keeper.get(Number(v.plan_item)) !== Number(v.id)).map((v) => v.id);
	for (let i = 0; i < extra.length; i += 500) await knex('visits').whereIn('id', extra.slice(i, i + 500)).update({ plan_item: null });
	return extra.length;
}
