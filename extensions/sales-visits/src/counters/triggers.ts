/**
 * Triggers that keep the counters true on every write, whatever makes it (the items API, batch,
 * GraphQL, imports, our flows, the sweeps' SQL, an admin's SQL), in the writing transaction.
 *
 * Before a row changes, the group rows it touches are marked pending and their counts taken
 * off, once per key; after the change their counts are added back from the new state. On
 * Postgres a key another table's row touches is held by an advisory lock until the transaction
 * ends (a row's own key by its row lock), so two writers of one customer take turns and each
 * reads what the other committed (a trigger function reads a fresh snapshot per statement), and
 * adds back once per statement (row triggers after it would run
 * only at its end, after the next row's "before"). SQLite writes one transaction at a time and
 * adds back after each row, its marks in kpi_pending. A cascade (a plan's items, a customer's
 * contacts) is counted by the triggers of the table it reaches.
 */
import type { Knex } from 'knex';
import { GROUPS, readers, type Group } from './groups.ts';
import { applyCounts, markPending, pendingKeys, PENDING } from './sql.ts';

const columnsOf = (groups: Group[], table: string) => [...new Set(groups.flatMap((g) => g.reads[table]!.columns))];

/**
 * SQLite: takes off the counts of the keys just marked, then keeps them marked for the "after" step;
 * groups in reverse order, so that one reading another's counters (quota standing) reads them
 * before they change.
 */
const takeOffAll = (groups: Group[]) => [...groups].reverse().flatMap(takeOff);
const takeOff = (g: Group) => [
	applyCounts(g, pendingKeys(g, true), -1),
	`UPDATE ${PENDING} SET fresh = false WHERE grp = '${g.name}' AND fresh = true`,
];
/** SQLite: adds back every pending key's counts and clears the marks. */
const addBack = () => [...GROUPS.map((g) => applyCounts(g, pendingKeys(g, false), 1)), `DELETE FROM ${PENDING}`];

const name = (table: string, step: string) => `kpi_${table}_${step}`;

/**
 * A key another table's row touches (a customer, for an order) is held by one of this many
 * advisory locks per group: a transaction holds each lock to its end, and Postgres has room for a
 * few thousand (an import of ten thousand orders would otherwise run out). Two keys sharing a
 * lock only take turns needlessly.
 */
const LOCK_BUCKETS = 256;

/** The transaction's pending keys of a group, on Postgres: `,12,34,` in a transaction-local setting. */
const keysSetting = (g: Group) => `sales_visits.kpi_${g.name}`;

/**
 * Set (for the transaction) when a "before" marked keys, so that the statement triggers of a
 * write that touched no counted row (an idle sweep's UPDATE of nothing) do nothing.
 */
const FLAG = 'sales_visits.kpi_pending';

/**
 * On Postgres the marks live in the transaction (settings and advisory locks), not in a table: a
 * statement that marked and cleared rows of kpi_pending left dead rows that every later statement
 * of a long transaction read again (a 1,000-item request took a minute).
 *
 * The triggers name no column (no `UPDATE OF`, no `WHEN`): Postgres refuses to alter a column a
 * trigger depends on, and Directus alters a column's type for any change of its definition (an
 * index, a default, "required"), so a counted field could not be changed in the Studio or by a
 * new snapshot. The "before" function returns at once when no counted column changed.
 */
function postgres(table: string, groups: Group[]): string[] {
	const columns = columnsOf(groups, table);
	const keysOf = (g: Group, row: 'NEW' | 'OLD') => g.reads[table]!.keys.replaceAll('$.', `${row}.`);
	/** Each key the row touches, not pending yet: wait for whoever holds it, take its counts off, mark it. */
	const takeOff = (g: Group, rows: ('NEW' | 'OLD')[]) => `
			FOR pending_key IN SELECT x.k FROM (${rows.map((r) => keysOf(g, r)).join(' UNION ')}) x WHERE x.k IS NOT NULL LOOP
				pending_list := COALESCE(NULLIF(current_setting('${keysSetting(g)}', true), ''), ',');
				IF position(',' || pending_key || ',' IN pending_list) = 0 THEN${
					g.reads[table]!.own
						? ''
						: `
					PERFORM pg_advisory_xact_lock(${GROUPS.indexOf(g)}, (pending_key % ${LOCK_BUCKETS})::int);`
				}
					${applyCounts(g, 'pending_key', -1)};
					PERFORM set_config('${keysSetting(g)}', pending_list || pending_key || ',', true);
				END IF;
			END LOOP;`;
	// Reverse order: a group reading another's counters (quota standing) takes off before they change.
	const off = (rows: ('NEW' | 'OLD')[]) =>
		[...groups]
			.reverse()
			.map((g) => takeOff(g, rows))
			.join('\n');
	const changed = columns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
	const before = `sales_visits_${name(table, 'before')}`;
	const after = 'sales_visits_kpi_after';
	return [
		`CREATE OR REPLACE FUNCTION ${before}() RETURNS trigger LANGUAGE plpgsql AS $$
		DECLARE
			pending_key bigint;
			pending_list text;
		BEGIN
			IF TG_OP = 'UPDATE' AND NOT (${changed || 'false'}) THEN RETURN NEW; END IF;
			IF TG_OP = 'INSERT' THEN ${off(['NEW'])}
			ELSIF TG_OP = 'DELETE' THEN ${off(['OLD'])}
			ELSE ${off(['NEW', 'OLD'])}
			END IF;
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
					`CREATE TRIGGER ${name(table, 'before_update')} BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${before}()`,
				]
			: []),
		`CREATE TRIGGER ${name(table, 'after')} AFTER INSERT OR DELETE${columns.length ? ' OR UPDATE' : ''} ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${after}()`,
	];
}

/** The one "after" function every table's statement trigger runs: each group's pending keys added back, in order. */
const POSTGRES_AFTER = `CREATE OR REPLACE FUNCTION sales_visits_kpi_after() RETURNS trigger LANGUAGE plpgsql AS $$
	DECLARE
		pending_list text;
	BEGIN
		IF current_setting('${FLAG}', true) = 'on' THEN
			PERFORM set_config('${FLAG}', 'off', true);
			${GROUPS.map(
				(g) => `pending_list := NULLIF(current_setting('${keysSetting(g)}', true), '');
			IF pending_list IS NOT NULL THEN
				PERFORM set_config('${keysSetting(g)}', '', true);
				${applyCounts(g, `SELECT CAST(unnest(string_to_array(trim(both ',' from pending_list), ',')) AS bigint)`, 1)};
			END IF;`,
			).join('\n')}
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

/**
 * Creates or replaces every counter trigger; `existing`: only on the tables there are (Postgres,
 * before a schema change, so that triggers an earlier release made with column dependencies do
 * not stop it).
 */
export async function applyTriggers(knex: Knex, { existing = false } = {}): Promise<void> {
	if (knex.client.config.client === 'pg') {
		const tables = [...readers()];
		const present = existing
			? new Set(
					await knex('pg_tables')
						.whereIn(
							'tablename',
							tables.map(([t]) => t),
						)
						.where('schemaname', knex.raw('current_schema()'))
						.pluck('tablename'),
				)
			: null;
		const statements = [
			POSTGRES_AFTER,
			...tables
				.filter(([table]) => !present || present.has(table))
				.flatMap(([table, groups]) => postgres(table, groups)),
		];
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
