/**
 * Quota rules matched in SQL, for reports over many customers: the rules ranked as
 * domain/quota.ts ranks them become one CASE (the first that matches applies), and a customer's
 * completed visits in its rule's period are one lookup in kpi_customer_counters. The query
 * reads customers `c` joined to their owner `u`.
 */
import type { Knex } from 'knex';
import { ruleConditions, type QuotaPeriod, type QuotaRule } from '../domain/quota.ts';
import { CUSTOMER_COUNTERS } from '../counters/sql.ts';

/** The counters' key of the `kind` period holding `month` (`YYYY-MM-01`): `2026-11`, `2026-Q4`, `2026-H2`, `2026`. */
export const periodKey: Record<QuotaPeriod, (month: string) => string> = {
	month: (d) => d.slice(0, 7),
	quarter: (d) => `${d.slice(0, 4)}-Q${Math.ceil(Number(d.slice(5, 7)) / 3)}`,
	half_year: (d) => `${d.slice(0, 4)}-H${Number(d.slice(5, 7)) <= 6 ? 1 : 2}`,
	year: (d) => d.slice(0, 4),
};

/** Whether the customer row matches `rule`'s conditions. */
function matches(db: Knex, rule: QuotaRule): Knex.Raw {
	const set = Object.entries(ruleConditions(rule)).filter(([, value]) => value !== null);
	return db.raw(
		set.map(([column]) => `${column === 'owner_position' ? 'u.position' : `c.${column}`} = ?`).join(' AND ') || '1 = 1',
		set.map(([, value]) => value as string),
	);
}

/** An SQL value: numbers written out (Postgres cannot type a CASE of bound parameters alone). */
type Value = Knex.Raw | number;
const sqlOf = (db: Knex, v: Value) => (typeof v === 'number' ? db.raw(String(Number(v))) : v);

/** `CASE WHEN <the customer matches ranked[i]> THEN then(ranked[i]) … ELSE otherwise END`. */
export function byRule(db: Knex, ranked: readonly QuotaRule[], then: (rule: QuotaRule) => Value, otherwise: Value) {
	return db.raw(`CASE ${ranked.map(() => 'WHEN ? THEN ?').join(' ')} ELSE ? END`, [
		...ranked.flatMap((r) => [matches(db, r), sqlOf(db, then(r))]),
		sqlOf(db, otherwise),
	]);
}

/** The customer's completed visits (by `owners`' visits, anyone's when null) in `rule`'s period holding `month`. */
export const doneFor = (db: Knex, rule: QuotaRule, month: string, owners: readonly string[] | null) =>
	db.raw(
		`COALESCE((SELECT SUM(k.n) FROM ${CUSTOMER_COUNTERS} k WHERE k.customer = c.id AND k.period = ? AND k.metric = ?${owners ? ` AND k.owner IN (${owners.map(() => '?').join(', ')})` : ''}), 0)`,
		[periodKey[rule.period](month), rule.channel === 'onsite' ? 'done_onsite' : 'done', ...(owners ?? [])],
	);
