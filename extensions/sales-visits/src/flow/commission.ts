/**
 * 提成单的生成: after a month has ended, one `draft` statement a person from the rule of their
 * position (domain/commission.ts). Set-based: one query reads every person's collected and
 * signed amounts of the month, one statement writes the new and changed drafts. Idempotent:
 * a second run finds every draft as it would write it and writes nothing; approved and paid
 * statements are never touched (the upsert's WHERE keeps them, even against a run racing it).
 *
 * Called by `POST /visit-flow/commission/generate?month=YYYY-MM` (Administrators), by the
 * sweep for the month just ended (once a month: a stamp in sweep_marks), and by the appraisal
 * generation for its period.
 */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import {
	commissionOf,
	monthEnded,
	monthStart,
	nextMonthStart,
	previousMonthStart,
	rulesByPosition,
	tiersProblem,
} from '../domain/commission.ts';
import { fromCents, toCents, type Cents } from '../domain/money.ts';
import { refusal } from '../domain/refusals.ts';
import { zonedDate, zonedInstant } from '../domain/zoned-time.ts';
import { MARKS, COMMISSION } from '../setup/sweep-marks.ts';
import { clearDataCache } from './cache.ts';
import type { FlowContext } from './context.ts';
import { refusalError } from './errors.ts';
import { loadCaller } from './people.ts';
import { loadSettings } from './settings.ts';
import { vendorValues } from './values.ts';

export interface CommissionRun {
	month: string;
	/** New drafts, drafts rewritten because their figures changed, drafts already right, statements decided (left alone). */
	created: number;
	updated: number;
	unchanged: number;
	decided: number;
}

interface Rule {
	id: number;
	position: string;
	basis: 'collected' | 'signed';
	tiers: unknown;
}

const parseJson = (value: unknown): unknown => {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		return null;
	}
};

/** Rows per INSERT: under SQLite's limit on bound parameters. */
const CHUNK = 200;

/**
 * Generates the month's statements (`start` = its first day) inside `trx`. The company's
 * time zone bounds the month for payments (timestamps); signing dates are calendar dates.
 */
export async function generateCommissionIn(trx: Knex, start: string, timezone: string): Promise<CommissionRun> {
	const run: CommissionRun = { month: start.slice(0, 7), created: 0, updated: 0, unchanged: 0, decided: 0 };
	const rules = rulesByPosition(
		((await trx('commission_rules').where('active', true).select('id', 'position', 'basis', 'tiers')) as Rule[])
			.map((r) => ({ ...r, id: Number(r.id), tiers: parseJson(r.tiers) }))
			// A rule saved before its tiers were checked (an SQL import) pays nobody rather than the wrong amount.
			.filter((r) => tiersProblem(r.tiers) === null),
	);
	if (rules.size === 0) return run;
	const end = nextMonthStart(start);
	const v = vendorValues(trx);
	const from = v.instant(zonedInstant(start, timezone));
	const to = v.instant(zonedInstant(end, timezone));
	// Whole cents summed as integers: no float drift on SQLite, exact on Postgres.
	const cents = (column: string) => `COALESCE(SUM(CAST(ROUND(${column} * 100) AS BIGINT)), 0)`;
	const collected = trx('payments as p')
		.join('sales_orders as o', 'o.id', 'p.order')
		.whereRaw('o.owner = u.id')
		.where('p.received_at', '>=', from)
		.where('p.received_at', '<', to)
		.select(trx.raw(cents('p.amount')));
	const signed = trx('sales_orders as o')
		.whereRaw('o.owner = u.id')
		.whereNot('o.status', 'cancelled')
		.where('o.signed_at', '>=', v.date(start))
		.where('o.signed_at', '<', v.date(end))
		.select(trx.raw(cents('o.amount')));
	// Whoever holds a paid position, active or not: someone who left during the month still earned it.
	const people: { id: string; position: string; collected: unknown; signed: unknown }[] = await trx(
		'directus_users as u',
	)
		.whereIn('u.position', [...rules.keys()])
		.select('u.id', 'u.position', collected.as('collected'), signed.as('signed'));

	const existing = new Map<string, { status: string; basis: Cents; amount: Cents; lines: string; rule: number | null }>(
		(
			await trx('commission_statements')
				.where('month', v.date(start))
				.select('person', 'status', 'basis_amount', 'amount', 'lines', 'rule')
		).map((s: Record<string, unknown>) => [
			String(s.person),
			{
				status: String(s.status),
				basis: toCents(s.basis_amount) ?? 0,
				amount: toCents(s.amount) ?? 0,
				lines: JSON.stringify(parseJson(s.lines) ?? null),
				rule: s.rule === null ? null : Number(s.rule),
			},
		]),
	);

	const now = v.instant(new Date());
	const rows: Record<string, unknown>[] = [];
	for (const person of people) {
		const rule = rules.get(person.position)!;
		const basis = Number(rule.basis === 'signed' ? person.signed : person.collected);
		const held = existing.get(person.id);
		if (held && held.status !== 'draft') {
			run.decided++;
			continue;
		}
		// Nobody gets a statement of nothing; a draft whose money went away is brought to zero.
		if (!held && basis <= 0) continue;
		const { amount, lines } = commissionOf(basis, rule.tiers);
		if (
			held &&
			held.basis === basis &&
			held.amount === amount &&
			held.lines === JSON.stringify(lines) &&
			held.rule === rule.id
		) {
			run.unchanged++;
			continue;
		}
		if (held) run.updated++;
		else run.created++;
		rows.push({
			person: person.id,
			month: v.date(start),
			status: 'draft',
			basis_amount: fromCents(basis),
			amount: fromCents(amount),
			lines: JSON.stringify(lines),
			rule: rule.id,
			date_created: now,
		});
	}
	for (let i = 0; i < rows.length; i += CHUNK)
		await trx('commission_statements')
			.insert(rows.slice(i, i + CHUNK))
			.onConflict(['person', 'month'])
			.merge({
				basis_amount: trx.raw('excluded.basis_amount'),
				amount: trx.raw('excluded.amount'),
				lines: trx.raw('excluded.lines'),
				rule: trx.raw('excluded.rule'),
				date_updated: now,
			})
			.where('commission_statements.status', 'draft');
	return run;
}

/** Generates `month` ('YYYY-MM') in a transaction of its own; clears the data cache when rows changed. */
export async function generateCommission(
	ctx: Pick<FlowContext, 'database' | 'services' | 'getSchema'>,
	month: string,
): Promise<CommissionRun> {
	const start = monthStart(month);
	if (!start) throw new Error(`commission: not a month: ${month}`);
	const { timezone } = await loadSettings(ctx.database);
	const run = await ctx.database.transaction((trx) => generateCommissionIn(trx, start, timezone));
	if (run.created + run.updated > 0) await clearDataCache(ctx);
	return run;
}

/**
 * `POST /visit-flow/commission/generate?month=YYYY-MM`: an Administrator generates a month that
 * has ended on the company's calendar; anyone else is refused, and so is a month not over yet.
 */
export async function generateCommissionAs(
	ctx: FlowContext,
	accountability: Accountability | null,
	month: unknown,
	acceptLanguage?: string,
): Promise<CommissionRun> {
	const { language } = await loadCaller(ctx.database, accountability, acceptLanguage);
	if (!accountability?.admin) throw refusalError(refusal(403, 'admin_only'), language);
	const start = monthStart(month);
	const { timezone } = await loadSettings(ctx.database);
	if (!start || !monthEnded(start, zonedDate(new Date(), timezone)))
		throw refusalError(refusal(422, 'commission_month', { month: String(month ?? '') }), language);
	return generateCommission(ctx, start.slice(0, 7));
}

/**
 * The sweep's rule: the month just ended, once. Nothing is read while the stamp in sweep_marks
 * names it already; a payment recorded late for that month is taken by generating it again.
 */
export async function sweepCommission(trx: Knex.Transaction, today: string, timezone: string): Promise<number> {
	const start = previousMonthStart(today);
	const due = await trx(MARKS)
		.where('id', COMMISSION)
		.where((q) => q.whereNull('stamp').orWhereNot('stamp', start))
		.update({ dirty: false, stamp: start });
	if (!due) return 0;
	const run = await generateCommissionIn(trx, start, timezone);
	return run.created + run.updated;
}
