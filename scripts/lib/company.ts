/**
 * A large company for the benchmarks, written straight into a prepared PostgreSQL database
 * with set-based INSERT … SELECT: a general manager, one manager per ten of REPS reps,
 * CUSTOMERS customers and VISITS visits with their reports over the two years up to today,
 * and around them (company-records.ts) month plans, follow-ups, orders, complaints, revisits,
 * expenses, targets and lead grade histories, and the sales cycle (company-sales.ts). Deterministic: every attribute is a function of
 * the row number and of today's date, so two runs on the same day build the same company.
 *
 * Ids are written explicitly (row n gets id n) so that rows can point at each other without
 * joins, e.g. visit n is plan item n when it was planned; the sequences are moved past them.
 *
 * One transaction with `session_replication_role = replica`: no row trigger fires (the KPI
 * counters, the lead-grade history, the foreign-key checks), which would cost per row what
 * `visits:rollup --rebuild` then computes set-based; the grade history is written explicitly.
 * Needs a superuser (the benchmarks' default `postgres`).
 */
import type { Knex } from 'knex';
import { quotaRules } from '../../seeds/demo/rules.ts';
import { generateRecords } from './company-records.ts';
import { generateSales, salesSize } from './company-sales.ts';

export interface CompanySize {
	reps: number;
	customers: number;
	visits: number;
}

export const companySize = (env = process.env): CompanySize => ({
	reps: Number(env.REPS ?? 200),
	customers: Number(env.CUSTOMERS ?? 20_000),
	visits: Number(env.VISITS ?? 1_000_000),
});

export const managersOf = (size: CompanySize) => Math.max(1, Math.ceil(size.reps / 10));

/** The company's local day and a local wall-clock time on a day: the settings' timezone, not the session's. */
export const TZ = 'Asia/Shanghai';
export const TODAY = `(now() AT TIME ZONE '${TZ}')::date`;
export const localAt = (day: string, time: string) => `((${day}) + ${time}) AT TIME ZONE '${TZ}'`;

/**
 * Row `n` → 1…`count` by a multiplicative hash, so that what a row decides by n mod k (a
 * customer's tier, a visit's channel …) is not tied to whom it is assigned to.
 */
export const spread = (n: string, count: string) => `((${n}::bigint * 2654435761) % 4294967296 / 1024) % ${count} + 1`;

export async function generateCompany(knex: Knex, size: CompanySize): Promise<void> {
	await knex.transaction(async (trx) => {
		await trx.raw('SET LOCAL session_replication_role = replica');
		await generate(trx, size);
	});
	await knex.raw('VACUUM ANALYZE');
}

async function generate(db: Knex, size: CompanySize) {
	const managers = managersOf(size);
	// Addresses under example.com: Directus refuses to sign in one whose top-level domain is not real (`.example`).
	await db.raw(
		`INSERT INTO directus_users (id, email, first_name, last_name, status, position, language)
		VALUES (md5('bench-gm')::uuid, 'gm@bench.example.com', '总', '赵', 'active', 'general_manager', 'zh-CN')`,
	);
	await db.raw(
		`INSERT INTO directus_users (id, email, first_name, last_name, status, position, language, reports_to)
		SELECT md5('bench-manager-' || n)::uuid, 'manager' || n || '@bench.example.com', '经理' || n, '王', 'active', 'manager', 'zh-CN', md5('bench-gm')::uuid FROM generate_series(1, ?) n`,
		[managers],
	);
	await db.raw(
		`INSERT INTO directus_users (id, email, first_name, last_name, status, position, language, reports_to)
		SELECT md5('bench-rep-' || n)::uuid, 'rep' || n || '@bench.example.com', '代表' || n, '李', 'active', 'rep', 'zh-CN', md5('bench-manager-' || (n % ? + 1))::uuid FROM generate_series(1, ?) n`,
		[managers, size.reps],
	);
	// Customer n belongs to rep spread(n), so each rep gets every kind. Tiers weighted A 10 %,
	// B 30 %, C 40 %, D 20 %; regions local 50 %, province 30 %, other 20 %; one in fifty
	// dormant, one in 97 churned (at some day in the two years); one in nine without an address
	// or coordinates.
	await db.raw(
		`INSERT INTO customers (id, name, code, tier, category, relationship, region_scope, province, city, address, latitude, longitude, owner, status, churned_at, lead_grade, annual_purchase, date_created)
		SELECT n, '客户' || n, 'BENCH' || n,
			CASE WHEN n % 10 = 0 THEN 'A' WHEN n % 10 < 4 THEN 'B' WHEN n % 10 < 8 THEN 'C' ELSE 'D' END,
			CASE WHEN n % 7 = 0 THEN 'key' WHEN n % 7 < 3 THEN 'potential' ELSE 'ordinary' END,
			'existing',
			CASE WHEN n % 10 < 5 THEN 'local' WHEN n % 10 < 8 THEN 'province' ELSE 'other' END,
			'浙江省', '杭州市',
			CASE WHEN n % 9 <> 0 THEN '西湖区文三路' || n || '号' END,
			CASE WHEN n % 9 <> 0 THEN 30.2 + (n % 100) * 0.001 END, CASE WHEN n % 9 <> 0 THEN 120.1 + (n % 100) * 0.001 END,
			md5('bench-rep-' || ${spread('n', '?')})::uuid,
			CASE WHEN n % 97 = 0 THEN 'churned' WHEN n % 50 = 0 THEN 'dormant' ELSE 'active' END,
			CASE WHEN n % 97 = 0 THEN now() - (n % 700) * interval '1 day' END,
			(ARRAY['H', 'A', 'B', 'C', 'O', NULL])[n % 6 + 1],
			(n % 97) * 100000,
			now() - interval '800 days'
		FROM generate_series(1, ?) n`,
		[size.reps, size.customers],
	);
	await db('visit_quota_rules').insert(quotaRules.map(({ id: _id, ...rule }) => rule));
	await generateVisits(db, size);
	await generateRecords(db, size);
	for (const table of [
		'customers',
		'visits',
		'visit_plans',
		'visit_plan_items',
		'follow_ups',
		'sales_orders',
		'complaints',
		'expense_requests',
	]) {
		await db.raw(`SELECT setval(pg_get_serial_sequence(?, 'id'), (SELECT max(id) FROM ??))`, [table, table]);
	}
	// After the orders: their schedules and payments.
	await generateSales(db, size, salesSize(size));
}

/**
 * Visit n: customer spread(n), on one of the 730 days up to today at 9–16 h.
 * Today's even ones are still scheduled; one in twenty missed, one in twenty cancelled, the rest
 * completed (two hours on site). Two in three were planned (plan item n, see company-records.ts).
 * A tenth are trips needing an application; one trip in forty checked in without approval; one
 * on-site check-in in 25 outside the geofence. Reports are due 48 hours after the check-out;
 * of those past due a tenth are overdue, a twentieth came in late, a twentieth were returned.
 */
async function generateVisits(db: Knex, size: CompanySize) {
	await db.raw(
		`INSERT INTO visits (id, owner, customer, plan_item, purpose, channel, scheduled_start, status, travel, requires_application, application_status, unauthorized,
			check_in_at, check_in_distance_m, outside_geofence, check_out_at, report_due_at, report_status, report_submitted_at, report_late)
		SELECT n, c.owner, c.id, NULL, (ARRAY['relationship', 'market_research', 'payment_collection', 'product_promotion'])[n % 4 + 1], s.channel, s.at, s.status,
			s.travel, s.travel, CASE WHEN NOT s.travel THEN 'not_required' WHEN s.unauthorized THEN 'pending' ELSE 'approved' END, s.unauthorized AND s.status = 'completed',
			CASE WHEN s.status = 'completed' THEN s.at END,
			CASE WHEN s.status = 'completed' AND s.channel = 'onsite' THEN CASE WHEN n % 25 = 0 THEN 1200 ELSE n % 400 END END,
			s.status = 'completed' AND s.channel = 'onsite' AND n % 25 = 0,
			CASE WHEN s.status = 'completed' THEN s.at + interval '2 hours' END,
			r.due,
			COALESCE(r.status, 'not_due'),
			CASE WHEN r.status IN ('submitted', 'approved', 'returned') THEN CASE WHEN r.late THEN r.due + interval '12 hours' ELSE s.at + interval '6 hours' END END,
			COALESCE(r.late, false)
		FROM generate_series(1::bigint, ?) n
		JOIN customers c ON c.id = ${spread('n', '?')}
		CROSS JOIN LATERAL (SELECT ${localAt(`${TODAY} - ((n * 104729) % 730)::int`, "interval '9 hours' + (n % 8) * interval '1 hour'")} AS at,
			CASE WHEN n % 10 < 6 THEN 'onsite' WHEN n % 10 < 9 THEN 'phone' ELSE 'video' END AS channel,
			CASE WHEN (n * 104729) % 730 = 0 AND n % 2 = 0 THEN 'scheduled' WHEN n % 20 = 3 THEN 'missed' WHEN n % 20 = 7 THEN 'cancelled' ELSE 'completed' END AS status,
			n % 10 = 0 AS travel, n % 400 = 0 AS unauthorized) s
		CROSS JOIN LATERAL (SELECT s.at + interval '50 hours' AS due, (n / 7) % 20 AS k) d
		CROSS JOIN LATERAL (SELECT CASE WHEN s.status <> 'completed' THEN NULL
				WHEN d.due > now() THEN CASE WHEN d.k < 10 THEN 'pending' ELSE 'submitted' END
				WHEN d.k < 2 THEN 'overdue' WHEN d.k = 3 THEN 'returned' WHEN d.k = 4 AND s.at > now() - interval '14 days' THEN 'submitted' ELSE 'approved' END AS status,
			s.status = 'completed' AND d.due <= now() AND d.k = 2 AS late,
			CASE WHEN s.status = 'completed' THEN d.due END AS due) r`,
		[size.visits, size.customers],
	);
}
