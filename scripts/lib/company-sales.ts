/**
 * The sales cycle of the generated company (company.ts), set-based like the rest: a price list,
 * OPPORTUNITIES opportunities over the customers (a fifth still open, in every stage), QUOTES
 * quotes of them with LINES_PER_QUOTE lines each (approved, sent on time or late, accepted,
 * expired, a few drafts and pending), CONTRACTS contracts from accepted quotes, and for every
 * order not cancelled its payment schedule (three instalments, 30 / 60 / 90 days after signing)
 * paid as far as the order is, and PAYMENTS payments spread over them. Defaults scale with
 * CUSTOMERS as issue 15 sizes them for 20,000: 100,000 opportunities, 150,000 quotes with
 * 600,000 lines, 40,000 contracts, 300,000 payments.
 */
import type { Knex } from 'knex';
import { localAt, spread, TODAY, type CompanySize } from './company.ts';

export interface SalesSize {
	opportunities: number;
	quotes: number;
	linesPerQuote: number;
	contracts: number;
	payments: number;
}

export const salesSize = (size: CompanySize, env = process.env): SalesSize => {
	const per = (n: number) => Math.max(1, Math.round((n * size.customers) / 20_000));
	return {
		opportunities: Number(env.OPPORTUNITIES ?? per(100_000)),
		quotes: Number(env.QUOTES ?? per(150_000)),
		linesPerQuote: Number(env.LINES_PER_QUOTE ?? 4),
		contracts: Number(env.CONTRACTS ?? per(40_000)),
		payments: Number(env.PAYMENTS ?? per(300_000)),
	};
};

const PRODUCTS = 50;

export async function generateSales(db: Knex, size: CompanySize, sales: SalesSize): Promise<void> {
	await db.raw(
		`INSERT INTO products (id, code, name, unit, list_price, floor_price, dealer_price, wholesale_price, active)
		SELECT p, 'BP' || p, '产品' || p, '台', 1000 * p, 780 * p, 900 * p, 850 * p, p % 25 <> 0 FROM generate_series(1, ${PRODUCTS}) p`,
	);
	// Opportunity n: customer spread(n); stage by n mod 10 (closed: won 3 in 10, lost 3 in 10, on one of the 730 days).
	await db.raw(
		`INSERT INTO opportunities (id, name, customer, owner, stage, amount, probability, expected_close, stage_changed_at, closed_at, lost_reason, lost_analysis)
		SELECT n, '商机' || n, c.id, c.owner, s.stage, 50000 + (n % 200) * 5000,
			CASE s.stage WHEN 'lead' THEN 10 WHEN 'qualified' THEN 25 WHEN 'proposal' THEN 50 WHEN 'negotiation' THEN 75 WHEN 'won' THEN 100 ELSE 0 END,
			${TODAY} + (n % 120), s.at, CASE WHEN s.stage IN ('won', 'lost') THEN s.at END,
			CASE WHEN s.stage = 'lost' THEN (ARRAY['price', 'product', 'relationship', 'competitor', 'timing', 'other'])[n % 6 + 1] END,
			CASE WHEN s.stage = 'lost' THEN '客户选择了竞争对手的方案，价格差距较大' END
		FROM generate_series(1, ?) n
		JOIN customers c ON c.id = ${spread('n * 3', '?')}
		CROSS JOIN LATERAL (SELECT (ARRAY['lead', 'qualified', 'proposal', 'negotiation', 'won', 'won', 'won', 'lost', 'lost', 'lost'])[n % 10 + 1] AS stage,
			${localAt(`${TODAY} - ((n * 7919) % 730)::int`, "interval '15 hours'")} AS at) s`,
		[sales.opportunities, size.customers],
	);
	// Quote n of opportunity ((n - 1) mod OPPORTUNITIES) + 1, requested on one of the 730 days; list and net totals from its lines below.
	await db.raw(
		`INSERT INTO quotes (id, quote_no, opportunity, customer, owner, requested_at, due_at, valid_until, status, max_discount_rate, below_floor, decided_at, sent_at, sent_late)
		SELECT n, 'BQ' || n, o.id, o.customer, o.owner, q.at, q.at + interval '48 hours', (q.at + interval '30 days')::date, q.status, n % 20, false,
			CASE WHEN q.status NOT IN ('draft', 'pending') THEN q.at + interval '20 hours' END,
			CASE WHEN q.status IN ('sent', 'accepted', 'expired') THEN q.at + CASE WHEN n % 9 = 0 THEN interval '60 hours' ELSE interval '30 hours' END END,
			q.status IN ('sent', 'accepted', 'expired') AND n % 9 = 0
		FROM generate_series(1::bigint, ?) n
		JOIN opportunities o ON o.id = (n - 1) % ? + 1
		CROSS JOIN LATERAL (SELECT ${localAt(`${TODAY} - ((n * 104723) % 730)::int`, "interval '10 hours'")} AS at,
			(ARRAY['draft', 'pending', 'approved', 'rejected', 'sent', 'sent', 'accepted', 'accepted', 'accepted', 'expired'])[n % 10 + 1] AS status) q`,
		[sales.quotes, sales.opportunities],
	);
	await db.raw(
		`INSERT INTO quote_lines (quote, product, quantity, list_price, unit_price, discount_rate, net_amount)
		SELECT q, p.id, 1 + l, p.list_price, p.list_price * (100 - (q + l) % 20) / 100, (q + l) % 20, (1 + l) * p.list_price * (100 - (q + l) % 20) / 100
		FROM generate_series(1, ?) q CROSS JOIN generate_series(1, ?) l
		JOIN products p ON p.id = (q * 7 + l) % ${PRODUCTS} + 1`,
		[sales.quotes, sales.linesPerQuote],
	);
	await db.raw(
		`UPDATE quotes q SET list_total = t.list, net_total = t.net
		FROM (SELECT quote, sum(quantity * list_price) AS list, sum(net_amount) AS net FROM quote_lines GROUP BY quote) t WHERE t.quote = q.id`,
	);
	// Contract n from the n-th accepted quote; signed ones point at the order of the same number when there is one.
	await db.raw(
		`INSERT INTO contracts (id, contract_no, quote, opportunity, customer, owner, amount, status, signed_at)
		SELECT row_number() OVER (ORDER BY q.id), 'BC' || q.id, q.id, q.opportunity, q.customer, q.owner, q.net_total,
			CASE WHEN q.id % 8 = 0 THEN 'legal_review' ELSE 'signed' END, CASE WHEN q.id % 8 <> 0 THEN q.sent_at + interval '5 days' END
		FROM quotes q WHERE q.status = 'accepted' ORDER BY q.id LIMIT ?`,
		[sales.contracts],
	);
	// Each order not cancelled: three instalments of a third, due 30, 60 and 90 days after signing, paid in due order
	// as far as the order is paid; due ones unpaid are overdue (as the sweep leaves them).
	await db.raw(
		`INSERT INTO payment_schedules ("order", due_date, amount, paid_amount, status)
		SELECT o.id, o.signed_at + 30 * i, o.amount / 3, p.paid, CASE WHEN p.paid >= o.amount / 3 THEN 'paid' WHEN o.signed_at + 30 * i < ${TODAY} THEN 'overdue' ELSE 'open' END
		FROM sales_orders o CROSS JOIN generate_series(1, 3) i
		CROSS JOIN LATERAL (SELECT LEAST(o.amount / 3, GREATEST(0, COALESCE(o.paid_amount, 0) - o.amount / 3 * (i - 1))) AS paid) p
		WHERE o.status <> 'cancelled'`,
	);
	// Payments: about PAYMENTS rows over the orders with money paid (at least one each), each order's paid amount split evenly.
	await db.raw(
		`INSERT INTO payments ("order", amount, received_at, method)
		SELECT o.id, o.paid_amount / k.n, ${localAt('o.signed_at + 10 * j', "interval '11 hours'")}, 'bank_transfer'
		FROM (SELECT id, signed_at, paid_amount, row_number() OVER (ORDER BY id) AS r, count(*) OVER () AS total FROM sales_orders WHERE paid_amount > 0) o
		CROSS JOIN LATERAL (SELECT GREATEST(1, (? / o.total) + CASE WHEN o.r <= ? % o.total THEN 1 ELSE 0 END)::int AS n) k
		CROSS JOIN generate_series(1, k.n) j`,
		[sales.payments, sales.payments],
	);
	for (const table of [
		'products',
		'opportunities',
		'quotes',
		'quote_lines',
		'contracts',
		'payment_schedules',
		'payments',
	])
		await db.raw(`SELECT setval(pg_get_serial_sequence(?, 'id'), GREATEST(1, (SELECT max(id) FROM ??)))`, [
			table,
			table,
		]);
}
