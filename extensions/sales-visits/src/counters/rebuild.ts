/**
 * Building the counters from scratch (`directus visits:rollup --rebuild`, and setup when they
 * are missing, the time zone changed or a trigger was lost) and checking them against a fresh
 * computation (`--check`, the tests).
 */
import type { Knex } from 'knex';
import { GROUPS } from './groups.ts';
import { applyCounts, COUNTERS, CUSTOMER_COUNTERS, PENDING, targetOf } from './sql.ts';
import { ensureTables, fillDays, fillMonths, ROLLUP } from './tables.ts';
import { applyTriggers, missingTriggers } from './triggers.ts';

const TABLES = [COUNTERS, CUSTOMER_COUNTERS];

/** Recomputes every counter in one transaction; writers wait for it on Postgres. */
export async function rebuildCounters(knex: Knex, timezone: string): Promise<void> {
	await knex.transaction(async (trx) => {
		if (trx.client.config.client === 'pg') await trx.raw(`LOCK TABLE ${TABLES.join(', ')} IN EXCLUSIVE MODE`);
		await fillMonths(trx, timezone);
		await fillDays(trx);
		for (const table of [...TABLES, PENDING]) await trx(table).del();
		for (const group of GROUPS) await trx.raw(applyCounts(group, null, 1));
		await trx(ROLLUP).del();
		await trx(ROLLUP).insert({ id: 1, timezone, groups: GROUPS_SIGNATURE, rebuilt_at: new Date() });
	});
}

/**
 * What the counters count (groups.ts as it stands): counters built for other groups (an earlier
 * release, before a KPI was added) are rebuilt, on Postgres too where no trigger is missing.
 */
const GROUPS_SIGNATURE = (() => {
	let hash = 0x811c9dc5;
	for (const ch of JSON.stringify(GROUPS)) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
	return hash.toString(16).padStart(8, '0');
})();

/**
 * Tables, months and triggers in place, the counters rebuilt when they were never built, were
 * built for another time zone or other groups, or a trigger had gone missing (SQLite). Returns
 * whether it rebuilt.
 */
export async function syncCounters(knex: Knex, timezone: string, { force = false } = {}): Promise<boolean> {
	await ensureTables(knex);
	const lost = (await missingTriggers(knex)).length > 0;
	await applyTriggers(knex);
	const built = await knex(ROLLUP).first('timezone', 'groups');
	if (!force && !lost && built?.timezone === timezone && built?.groups === GROUPS_SIGNATURE) return false;
	await rebuildCounters(knex, timezone);
	return true;
}

/** Whether a schema change on SQLite rebuilt a source table without its counter triggers (never before setup built them). */
export async function countersLost(knex: Knex): Promise<boolean> {
	return (await knex.schema.hasTable(ROLLUP)) && (await missingTriggers(knex)).length > 0;
}

/** Counters that differ from a fresh computation: `table key: kept → fresh` lines (none when true). */
export async function counterDrift(knex: Knex): Promise<string[]> {
	const out: string[] = [];
	await knex
		.transaction(async (trx) => {
			const kept = new Map<string, number>();
			const read = async (into: Map<string, number>) => {
				for (const table of TABLES) {
					const { columns } = targetOf({ by: table === COUNTERS ? 'owner' : 'customer' });
					for (const row of await trx(table).select(...columns, 'n'))
						into.set(`${table} ${columns.map((c) => row[c]).join(' ')}`, Number(row.n));
				}
			};
			await read(kept);
			for (const table of TABLES) await trx(table).del();
			for (const group of GROUPS) await trx.raw(applyCounts(group, null, 1));
			const fresh = new Map<string, number>();
			await read(fresh);
			for (const key of new Set([...kept.keys(), ...fresh.keys()])) {
				const [a, b] = [kept.get(key) ?? 0, fresh.get(key) ?? 0];
				if (Math.abs(a - b) > 1e-6) out.push(`${key}: kept ${a}, fresh ${b}`);
			}
			// A check changes nothing.
			throw new Rollback();
		})
		.catch((error) => {
			if (!(error instanceof Rollback)) throw error;
		});
	return out;
}

class Rollback extends Error {}
