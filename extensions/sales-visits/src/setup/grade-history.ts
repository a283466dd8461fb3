/**
 * The lead-grade history (lead_grade_changes) is written by the database: a trigger on
 * customers adds a row whenever a customer is created with a grade or its grade changes, in the
 * transaction of that write, whatever wrote it (the items API on any path, a flow, raw SQL).
 * Two concurrent changes of one customer are serialised by its row lock, so each row's
 * `from_grade` is the grade the other change left. `changed_by` is the row's `user_created` /
 * `user_updated`, which Directus stamps with the writer; `changed_at` the moment of the write
 * (Postgres: clock_timestamp(), as a change that waited for the row lock comes after the one it waited for).
 *
 * Recreated on every setup, and put back after a schema change on SQLite (restoreGradeHistory).
 */
import type { Knex } from 'knex';

const POSTGRES = [
	`CREATE OR REPLACE FUNCTION sales_visits_lead_grade_history() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		IF TG_OP = 'INSERT' THEN
			INSERT INTO lead_grade_changes (customer, from_grade, to_grade, changed_at, changed_by) VALUES (NEW.id, NULL, NEW.lead_grade, clock_timestamp(), NEW.user_created);
		ELSE
			INSERT INTO lead_grade_changes (customer, from_grade, to_grade, changed_at, changed_by) VALUES (NEW.id, OLD.lead_grade, NEW.lead_grade, clock_timestamp(), NEW.user_updated);
		END IF;
		RETURN NULL;
	END $$`,
	'DROP TRIGGER IF EXISTS customers_lead_grade_created ON customers',
	'CREATE TRIGGER customers_lead_grade_created AFTER INSERT ON customers FOR EACH ROW WHEN (NEW.lead_grade IS NOT NULL) EXECUTE FUNCTION sales_visits_lead_grade_history()',
	'DROP TRIGGER IF EXISTS customers_lead_grade_changed ON customers',
	'CREATE TRIGGER customers_lead_grade_changed AFTER UPDATE OF lead_grade ON customers FOR EACH ROW WHEN (OLD.lead_grade IS DISTINCT FROM NEW.lead_grade) EXECUTE FUNCTION sales_visits_lead_grade_history()',
];

/** Directus keeps SQLite timestamps as epoch milliseconds. */
const SQLITE_NOW = "CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)";

/** The SQLite triggers by name; setup replaces them, a schema change puts back a missing one. */
const SQLITE_TRIGGERS = {
	customers_lead_grade_created: `AFTER INSERT ON customers FOR EACH ROW WHEN NEW.lead_grade IS NOT NULL
	BEGIN
		INSERT INTO lead_grade_changes (customer, from_grade, to_grade, changed_at, changed_by) VALUES (NEW.id, NULL, NEW.lead_grade, ${SQLITE_NOW}, NEW.user_created);
	END`,
	customers_lead_grade_changed: `AFTER UPDATE OF lead_grade ON customers FOR EACH ROW WHEN OLD.lead_grade IS NOT NEW.lead_grade
	BEGIN
		INSERT INTO lead_grade_changes (customer, from_grade, to_grade, changed_at, changed_by) VALUES (NEW.id, OLD.lead_grade, NEW.lead_grade, ${SQLITE_NOW}, NEW.user_updated);
	END`,
};

const SQLITE = Object.entries(SQLITE_TRIGGERS).flatMap(([name, body]) => [
	`DROP TRIGGER IF EXISTS ${name}`,
	`CREATE TRIGGER ${name} ${body}`,
]);

export async function applyGradeHistory(knex: Knex): Promise<void> {
	const statements = knex.client.config.client === 'pg' ? POSTGRES : SQLITE;
	await knex.transaction(async (trx) => {
		for (const statement of statements) await trx.raw(statement);
	});
}

/**
 * SQLite rebuilds a table for many schema changes (a field removed in the Studio) and drops its
 * triggers with it: put back what is missing, leaving an existing trigger alone (setup may be
 * replacing it at the same moment). Postgres keeps triggers through ALTER TABLE.
 */
export async function restoreGradeHistory(knex: Knex): Promise<void> {
	// Setup's own schema changes come here too, before the tables exist on a new database.
	if (
		knex.client.config.client === 'pg' ||
		!(await knex.schema.hasTable('customers')) ||
		!(await knex.schema.hasTable('lead_grade_changes'))
	)
		return;
	for (const [name, body] of Object.entries(SQLITE_TRIGGERS))
		await knex.raw(`CREATE TRIGGER IF NOT EXISTS ${name} ${body}`);
}
