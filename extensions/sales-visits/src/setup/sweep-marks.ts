/**
 * What lets an idle sweep skip a rule that would otherwise read every customer each minute: the
 * periodic revisits only change when a customer, an order or a revisit was written, or when
 * the period or its settings moved on. A trigger on those tables marks the rule dirty (a
 * no-op when it already is), whatever wrote; the sweep runs the rule when it finds the mark or
 * a new stamp, and clears it in the same transaction (flow/care.ts).
 *
 * Row triggers, not statement ones: an INSERT of no rows (the rule itself, when everybody is
 * scheduled) marks nothing, so the sweep after it stays idle.
 */
import type { Knex } from 'knex';

export const MARKS = 'sweep_marks';
export const PERIODIC_REVISITS = 'periodic_revisits';
/** Marked by its stamp alone (the current week and month): a new rep gets theirs on demand or next period. */
export const PERIODIC_REPORTS = 'periodic_reports';
/** Marked by its stamp alone (the month just ended): its commission drafts are generated once (flow/commission.ts). */
export const COMMISSION = 'commission';
/** Marked by its stamp alone (the month, quarter and year that ended last): generated once per period. */
export const APPRAISALS = 'appraisals';

/**
 * Care reminders (birthdays and festivals): stamped with the day and the setting, so they scan
 * at most once a day, and again when a contact or the work calendar was written.
 */
export const CARE_REMINDERS = 'care_reminders';
/** What a care reminder was sent for: one row per kind, key and year, inserted with ON CONFLICT DO NOTHING. */
export const CARE_REMINDER_MARKS = 'care_reminder_marks';

const WATCHED: Record<string, string[]> = {
	[PERIODIC_REVISITS]: ['customers', 'sales_orders', 'revisits'],
	[CARE_REMINDERS]: ['contacts', 'work_calendar'],
};

const CARE_TABLE = (instant: string) =>
	`CREATE TABLE IF NOT EXISTS ${CARE_REMINDER_MARKS} (kind varchar(16) NOT NULL, ref varchar(128) NOT NULL, year integer NOT NULL, sent_at ${instant}, PRIMARY KEY (kind, ref, year))`;

const TABLE = (bool: string) =>
	`CREATE TABLE IF NOT EXISTS ${MARKS} (id varchar(64) PRIMARY KEY, stamp varchar(255), dirty ${bool} NOT NULL)`;
const mark = (id: string) => `UPDATE ${MARKS} SET dirty = true WHERE id = '${id}' AND dirty = false`;

const POSTGRES = [
	TABLE('boolean'),
	CARE_TABLE('timestamp with time zone'),
	`CREATE OR REPLACE FUNCTION sales_visits_sweep_mark() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		UPDATE ${MARKS} SET dirty = true WHERE id = TG_ARGV[0] AND dirty = false;
		RETURN NULL;
	END $$`,
	...Object.entries(WATCHED).flatMap(([id, tables]) =>
		tables.flatMap((table) => [
			`DROP TRIGGER IF EXISTS sweep_mark_${table} ON ${table}`,
			`CREATE TRIGGER sweep_mark_${table} AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION sales_visits_sweep_mark('${id}')`,
		]),
	),
];

/** SQLite's triggers by name. */
const SQLITE_TRIGGERS: Record<string, string> = Object.fromEntries(
	Object.entries(WATCHED).flatMap(([id, tables]) =>
		tables.flatMap((table) =>
			['insert', 'update', 'delete'].map((op) => [
				`sweep_mark_${table}_${op}`,
				`AFTER ${op.toUpperCase()} ON ${table} BEGIN ${mark(id)}; END`,
			]),
		),
	),
);

/** The table, a dirty mark per rule (the first sweep runs it) and the triggers. */
export async function applySweepMarks(knex: Knex): Promise<void> {
	const pg = knex.client.config.client === 'pg';
	await knex.transaction(async (trx) => {
		if (pg) for (const statement of POSTGRES) await trx.raw(statement);
		else {
			await trx.raw(TABLE('boolean'));
			await trx.raw(CARE_TABLE('bigint'));
			for (const [name, body] of Object.entries(SQLITE_TRIGGERS)) {
				await trx.raw(`DROP TRIGGER IF EXISTS ${name}`);
				await trx.raw(`CREATE TRIGGER ${name} ${body}`);
			}
		}
		for (const id of Object.keys(WATCHED))
			await trx(MARKS).insert({ id, stamp: null, dirty: true }).onConflict('id').merge({ dirty: true });
		await trx(MARKS).insert({ id: PERIODIC_REPORTS, stamp: null, dirty: true }).onConflict('id').ignore();
		await trx(MARKS).insert({ id: COMMISSION, stamp: null, dirty: true }).onConflict('id').ignore();
		await trx(MARKS).insert({ id: APPRAISALS, stamp: null, dirty: true }).onConflict('id').ignore();
	});
}

/** After a SQLite table rebuild: the triggers back, and every rule marked dirty (writes may have gone unseen). */
export async function restoreSweepMarks(knex: Knex): Promise<void> {
	if (knex.client.config.client === 'pg' || !(await knex.schema.hasTable(MARKS))) return;
	const present = new Set(
		(await knex('sqlite_master').where('type', 'trigger').select('name')).map((r: { name: string }) => r.name),
	);
	const missing = Object.keys(SQLITE_TRIGGERS).filter((name) => !present.has(name));
	if (missing.length === 0) return;
	for (const name of missing) await knex.raw(`CREATE TRIGGER IF NOT EXISTS ${name} ${SQLITE_TRIGGERS[name]}`);
	await knex(MARKS).update({ dirty: true });
}
