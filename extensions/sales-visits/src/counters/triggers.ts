/**
 * Triggers that keep the counters true on every write, whatever makes it (the items API, batch,
 * GraphQL, imports, our flows, the sweeps' SQL, an admin's SQL), in the writing transaction.
 *
 * Before a row changes, the group rows it touches are marked pending (kpi_pending) and their
 * counts taken off, once per key; after the change their counts are added back from the new
 * state. A key pending in another open transaction makes the marking wait for it to end, so two
 * writers of one customer take turns and each reads what the other committed (Postgres reads
 * a fresh snapshot per statement in a trigger function). Postgres adds back once per
 * statement (row triggers after it would run only at its end, after the next row's "before"),
 * SQLite after each row; a cascade (a plan's items, a customer's contacts) is counted by the
 * triggers of the table it reaches.
 */
import type { Knex } from 'knex';
import { GROUPS, readers, type Group } from './groups.ts';
import { applyCounts, markPending, pendingKeys, PENDING } from './sql.ts';

const columnsOf = (groups: Group[], table: string) => [...new Set(groups.flatMap((g) => g.reads[table]!.columns))];

/**
 * Takes off the counts of the keys just marked, then keeps them marked for the "after" step;
 * groups in reverse order, so that one reading another's counters (quota standing) reads them
 * before they change.
 */
const takeOffAll = (groups: Group[]) => [...groups].reverse().flatMap(takeOff);
const takeOff = (g: Group) => [
	applyCounts(g, pendingKeys(g, true), -1),
	`UPDATE ${PENDING} SET fresh = false WHERE grp = '${g.name}' AND fresh = true`,
];
/** Adds back every pending key's counts and clears the marks. */
const addBack = () => [...GROUPS.map((g) => applyCounts(g, pendingKeys(g, false), 1)), `DELETE FROM ${PENDING}`];

const name = (table: string, step: string) => `kpi_${table}_${step}`;

function postgres(table: string, groups: Group[]): string[] {
	const columns = columnsOf(groups, table);
	const mark = (row: 'NEW' | 'OLD') => groups.map((g) => `${markPending(g, table, row)};`).join('\n');
	const changed = columns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
	const before = `sales_visits_${name(table, 'before')}`;
	const after = 'sales_visits_kpi_after';
	return [
		`CREATE OR REPLACE FUNCTION ${before}() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF TG_OP <> 'DELETE' THEN ${mark('NEW')} END IF;
			IF TG_OP <> 'INSERT' THEN ${mark('OLD')} END IF;
			${takeOffAll(groups).join(';\n')};
			PERFORM set_config('${FLAG}', 'on', true);
			IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
			RETURN NEW;
		END $$`,
		...['before_write', 'before_update', 'after'].map(
			(step) => `DROP TRIGGER IF EXISTS ${name(table, step)} ON ${table}`,
		),
		`CREATE TRIGGER ${name(table, 'before_write')} BEFORE INSERT OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${before}()`,
		...(columns.length
			? [
					`CREATE TRIGGER ${name(table, 'before_update')} BEFORE UPDATE OF ${columns.join(', ')} ON ${table} FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION ${before}()`,
				]
			: []),
		`CREATE TRIGGER ${name(table, 'after')} AFTER INSERT OR DELETE${columns.length ? ` OR UPDATE OF ${columns.join(', ')}` : ''} ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${after}()`,
	];
}

/**
 * Set (for the transaction) when a "before" marked keys, so that the statement triggers of a
 * write that touched no counted row (an idle sweep's UPDATE of nothing) read no table: kpi_pending
 * churns, and a scan of its dead rows cost 2 ms a statement before autovacuum came by.
 */
const FLAG = 'sales_visits.kpi_pending';

/** The one "after" function every table's statement trigger runs: nothing to do unless this transaction marked keys. */
const POSTGRES_AFTER = `CREATE OR REPLACE FUNCTION sales_visits_kpi_after() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		IF current_setting('${FLAG}', true) = 'on' THEN
			PERFORM set_config('${FLAG}', 'off', true);
			${addBack().join(';\n')};
		END IF;
		RETURN NULL;
	END $$`;

/** SQLite's triggers by name (no functions, no statement triggers: each row marks and adds back). */
function sqlite(table: string, groups: Group[]): Record<string, string> {
	const columns = columnsOf(groups, table);
	const mark = (row: 'NEW' | 'OLD') => groups.map((g) => `${markPending(g, table, row)};`).join('\n');
	const off = takeOffAll(groups).join(';\n');
	const back = `${addBack().join(';\n')};`;
	const changed = columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
	const pending = `EXISTS (SELECT 1 FROM ${PENDING})`;
	return {
		[name(table, 'before_insert')]: `BEFORE INSERT ON ${table} BEGIN ${mark('NEW')} ${off}; END`,
		[name(table, 'before_delete')]: `BEFORE DELETE ON ${table} BEGIN ${mark('OLD')} ${off}; END`,
		// Before an insert SQLite has no id yet: the row's own keys are marked after it.
		[name(table, 'after_insert')]: `AFTER INSERT ON ${table} BEGIN ${mark('NEW')} ${back} END`,
		[name(table, 'after_delete')]: `AFTER DELETE ON ${table} WHEN ${pending} BEGIN ${back} END`,
		...(columns.length
			? {
					[name(table, 'before_update')]:
						`BEFORE UPDATE OF ${columns.join(', ')} ON ${table} WHEN ${changed} BEGIN ${mark('NEW')} ${mark('OLD')} ${off}; END`,
					[name(table, 'after_update')]:
						`AFTER UPDATE OF ${columns.join(', ')} ON ${table} WHEN ${pending} BEGIN ${back} END`,
				}
			: {}),
	};
}

export const sqliteTriggers = (): Record<string, string> =>
	Object.assign({}, ...[...readers()].map(([table, groups]) => sqlite(table, groups)));

/** Creates or replaces every counter trigger. */
export async function applyTriggers(knex: Knex): Promise<void> {
	if (knex.client.config.client === 'pg') {
		const statements = [POSTGRES_AFTER, ...[...readers()].flatMap(([table, groups]) => postgres(table, groups))];
		await knex.transaction(async (trx) => {
			for (const statement of statements) await trx.raw(statement);
		});
		return;
	}
	await knex.transaction(async (trx) => {
		for (const [trigger, body] of Object.entries(sqliteTriggers())) {
			await trx.raw(`DROP TRIGGER IF EXISTS ${trigger}`);
			await trx.raw(`CREATE TRIGGER ${trigger} ${body}`);
		}
	});
}

/**
 * SQLite refuses to rename a table while a trigger elsewhere names it, and rebuilding a table for
 * a schema change ends with such a rename: the counter triggers step aside before one (and come
 * back after it, with a recount: flow-hook). Postgres alters tables in place.
 */
export async function dropTriggersForSchemaChange(knex: Knex): Promise<void> {
	if (knex.client.config.client === 'pg') return;
	for (const trigger of Object.keys(sqliteTriggers())) await knex.raw(`DROP TRIGGER IF EXISTS ${trigger}`);
}

/** The counter triggers missing on SQLite (a schema change rebuilds a table without them); none on Postgres. */
export async function missingTriggers(knex: Knex): Promise<string[]> {
	if (knex.client.config.client === 'pg') return [];
	const present = new Set(
		(await knex('sqlite_master').where('type', 'trigger').select('name')).map((r: { name: string }) => r.name),
	);
	return Object.keys(sqliteTriggers()).filter((t) => !present.has(t));
}
