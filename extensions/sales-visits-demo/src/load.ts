/**
 * Loads the demo company (seeds/demo.ts) once, in one transaction: the demo users are
 * the marker, so a database that has them is left exactly as it is.
 */
import type { ExtensionsServices, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { DEMO_PASSWORD, demoData, type DemoData } from '../../../seeds/demo.ts';
import { roleByKey } from '../../sales-visits/src/access/policies.ts';

/**
 * Parents before children (orders after the contracts whose signing made them, revisits after
 * their orders); plan items and visits point at each other, linked at the end.
 */
const ORDER = [
	'visit_quota_rules',
	'products',
	'discount_rules',
	'customers',
	'lead_grade_changes',
	'contacts',
	'receptions',
	'reception_escorts',
	'visit_plans',
	'visit_plan_items',
	'visits',
	'visit_reports',
	'follow_ups',
	'daily_reports',
	'complaints',
	'expense_requests',
	'opportunities',
	'quotes',
	'quote_lines',
	'contracts',
	'sales_orders',
	'revisits',
	'deliveries',
	'payment_schedules',
	'payments',
	'sales_targets',
	'periodic_reports',
	'commission_rules',
	'commission_statements',
	'appraisal_schemes',
	'appraisal_items',
	'appraisals',
	'approval_log',
] as const satisfies readonly (keyof DemoData)[];

interface SeedContext {
	knex: Knex;
	services: ExtensionsServices;
	schema: SchemaOverview;
}

async function insert(trx: Knex.Transaction, { services, schema }: SeedContext, collection: string, rows: object[]) {
	if (rows.length === 0) return;
	// PayloadService gives each value its database form (dates, hashes) on every vendor.
	const payload = new services.PayloadService(collection, { knex: trx, schema });
	const values = await payload.processValues('create', structuredClone(rows));
	for (let i = 0; i < values.length; i += 50) await trx(collection).insert(values.slice(i, i + 50));
}

/** Explicit ids leave Postgres sequences behind; move them past the seeded rows. */
async function resetSequences(trx: Knex.Transaction, collections: readonly string[]) {
	if (trx.client.config.client !== 'pg') return;
	for (const collection of collections) {
		await trx.raw(`SELECT setval(pg_get_serial_sequence(?, 'id'), GREATEST((SELECT MAX(id) FROM ??), 1))`, [
			collection,
			collection,
		]);
	}
}

export async function loadDemoData(ctx: SeedContext, anchor = new Date()): Promise<boolean> {
	const data = demoData(anchor);
	const marker = await ctx
		.knex('directus_users')
		.whereIn(
			'id',
			data.users.map((u) => u.id),
		)
		.first('id');
	if (marker) return false;

	await ctx.knex.transaction(async (trx) => {
		const users = data.users.map(({ role, reports_to: _, ...user }) => ({
			...user,
			role: roleByKey(role).roleId,
			password: DEMO_PASSWORD,
			status: 'active',
			// example.com has no mailboxes: the demo staff read their notifications in the Studio.
			email_notifications: false,
		}));
		await insert(trx, ctx, 'directus_users', users);
		for (const user of data.users) {
			if (user.reports_to) await trx('directus_users').where({ id: user.id }).update({ reports_to: user.reports_to });
		}

		for (const collection of ORDER) {
			const rows =
				collection === 'visit_plan_items'
					? data.visit_plan_items.map((item) => ({ ...item, visit: null }))
					: data[collection];
			// The grade-history trigger recorded each new customer's grade; the demo's own history replaces those rows.
			if (collection === 'lead_grade_changes')
				await trx('lead_grade_changes')
					.whereIn(
						'customer',
						data.customers.map((c) => c.id),
					)
					.del();
			await insert(trx, ctx, collection, rows);
		}
		for (const item of data.visit_plan_items) {
			if (item.visit) await trx('visit_plan_items').where({ id: item.id }).update({ visit: item.visit });
		}
		await resetSequences(trx, ORDER);
	});
	return true;
}
