/**
 * A large company for the benchmarks, written straight into a prepared PostgreSQL database
 * with set-based INSERT … SELECT: REPS reps (one manager per ten), CUSTOMERS customers and
 * VISITS visits over the two years up to now. Deterministic: every attribute is a function of
 * the row number, so two runs build the same company.
 */
import type { Knex } from 'knex';
import { quotaRules } from '../../seeds/demo/rules.ts';

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

export async function generateCompany(db: Knex, size: CompanySize): Promise<void> {
	const managers = Math.max(1, Math.ceil(size.reps / 10));
	await db.raw(
		`INSERT INTO directus_users (id, email, first_name, last_name, status, position, language)
		SELECT md5('bench-manager-' || n)::uuid, 'manager' || n || '@bench.example', '经理' || n, '王', 'active', 'manager', 'zh-CN' FROM generate_series(1, ?) n`,
		[managers],
	);
	await db.raw(
		`INSERT INTO directus_users (id, email, first_name, last_name, status, position, language, reports_to)
		SELECT md5('bench-rep-' || n)::uuid, 'rep' || n || '@bench.example', '代表' || n, '李', 'active', 'rep', 'zh-CN', md5('bench-manager-' || (n % ? + 1))::uuid FROM generate_series(1, ?) n`,
		[managers, size.reps],
	);
	// Tiers weighted A 10 %, B 30 %, C 40 %, D 20 %; regions local 50 %, province 30 %, other 20 %.
	await db.raw(
		`INSERT INTO customers (name, code, tier, category, relationship, region_scope, province, city, owner, status, lead_grade, annual_purchase)
		SELECT '客户' || n, 'BENCH' || n,
			CASE WHEN n % 10 = 0 THEN 'A' WHEN n % 10 < 4 THEN 'B' WHEN n % 10 < 8 THEN 'C' ELSE 'D' END,
			CASE WHEN n % 7 = 0 THEN 'key' WHEN n % 7 < 3 THEN 'potential' ELSE 'ordinary' END,
			'existing',
			CASE WHEN n % 10 < 5 THEN 'local' WHEN n % 10 < 8 THEN 'province' ELSE 'other' END,
			'浙江省', '杭州市', md5('bench-rep-' || (n % ? + 1))::uuid,
			CASE WHEN n % 50 = 0 THEN 'dormant' ELSE 'active' END,
			(ARRAY['H', 'A', 'B', 'C', 'O', NULL])[n % 6 + 1],
			(n % 97) * 100000
		FROM generate_series(1, ?) n`,
		[size.reps, size.customers],
	);
	await db('visit_quota_rules').insert(quotaRules.map(({ id: _id, ...rule }) => rule));
	// Visits spread over 730 days back from now; the future tenth is still scheduled, the past
	// mostly completed (a check-in and -out two hours apart), one in twenty missed or cancelled.
	await db.raw(
		`INSERT INTO visits (owner, customer, purpose, channel, scheduled_start, status, check_in_at, check_out_at, report_due_at, report_status)
		SELECT c.owner, c.id, 'relationship', s.channel, s.at, s.status,
			CASE WHEN s.status = 'completed' THEN s.at END, CASE WHEN s.status = 'completed' THEN s.at + interval '2 hours' END,
			CASE WHEN s.status = 'completed' THEN s.at + interval '50 hours' END,
			CASE WHEN s.status <> 'completed' THEN 'not_due' WHEN s.at > now() - interval '3 days' THEN 'pending' ELSE 'approved' END
		FROM generate_series(1::bigint, ?) n
		JOIN customers c ON c.id = (n * 7919) % ? + 1
		CROSS JOIN LATERAL (SELECT
			date_trunc('day', now()) - ((n * 104729) % 730) * interval '1 day' + interval '9 hours' + (n % 8) * interval '1 hour' AS at,
			CASE WHEN n % 10 < 6 THEN 'onsite' WHEN n % 10 < 9 THEN 'phone' ELSE 'video' END AS channel,
			CASE WHEN (n * 104729) % 730 = 0 AND n % 2 = 0 THEN 'scheduled' WHEN n % 20 = 3 THEN 'missed' WHEN n % 20 = 7 THEN 'cancelled' ELSE 'completed' END AS status) s`,
		[size.visits, size.customers],
	);
	await db.raw('VACUUM ANALYZE');
}
