/**
 * A customer's `geo_point` (a GeoJSON point the Studio's map layout draws) is written by the
 * database from `latitude` and `longitude`, in the statement that writes them, whatever wrote
 * them: the items API on any path (create, update, batch, GraphQL, import), a flow, the demo
 * seeds' raw inserts. No Spatialite or PostGIS: the point is plain JSON, `[longitude, latitude]`
 * as GeoJSON orders them, and null while either coordinate is missing. A hand-written
 * `geo_point` is put back the same way.
 *
 * Recreated on every setup (which also fills in the rows written before), and put back after a
 * schema change on SQLite (restoreCustomerPoints).
 */
import type { Knex } from 'knex';

const pgPoint = (row: string) => `CASE WHEN ${row}latitude IS NULL OR ${row}longitude IS NULL THEN NULL
	ELSE json_build_object('type', 'Point', 'coordinates', json_build_array(${row}longitude, ${row}latitude)) END`;

const POSTGRES = [
	`CREATE OR REPLACE FUNCTION sales_visits_customer_point() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		NEW.geo_point := ${pgPoint('NEW.')};
		RETURN NEW;
	END $$`,
	'DROP TRIGGER IF EXISTS customers_point ON customers',
	'CREATE TRIGGER customers_point BEFORE INSERT OR UPDATE OF latitude, longitude, geo_point ON customers FOR EACH ROW EXECUTE FUNCTION sales_visits_customer_point()',
	// Rows written before the trigger, set-based.
	`UPDATE customers SET geo_point = ${pgPoint('')} WHERE geo_point::jsonb IS DISTINCT FROM (${pgPoint('')})::jsonb`,
];

const sqlitePoint = (row: string) => `CASE WHEN ${row}latitude IS NULL OR ${row}longitude IS NULL THEN NULL
	ELSE json_object('type', 'Point', 'coordinates', json_array(${row}longitude, ${row}latitude)) END`;

/** SQLite has no BEFORE trigger that changes the row: the row is written again after (triggers do not recurse). */
const SQLITE_TRIGGERS = {
	customers_point_created: `AFTER INSERT ON customers FOR EACH ROW
	BEGIN
		UPDATE customers SET geo_point = ${sqlitePoint('NEW.')} WHERE id = NEW.id;
	END`,
	customers_point_changed: `AFTER UPDATE OF latitude, longitude, geo_point ON customers FOR EACH ROW
	BEGIN
		UPDATE customers SET geo_point = ${sqlitePoint('NEW.')} WHERE id = NEW.id;
	END`,
};

const SQLITE = [
	...Object.entries(SQLITE_TRIGGERS).flatMap(([name, body]) => [
		`DROP TRIGGER IF EXISTS ${name}`,
		`CREATE TRIGGER ${name} ${body}`,
	]),
	// Rows written before the triggers, set-based.
	`UPDATE customers SET geo_point = ${sqlitePoint('')} WHERE geo_point IS NOT ${sqlitePoint('')}`,
];

export async function applyCustomerPoints(knex: Knex): Promise<void> {
	const statements = knex.client.config.client === 'pg' ? POSTGRES : SQLITE;
	await knex.transaction(async (trx) => {
		for (const statement of statements) await trx.raw(statement);
	});
}

/**
 * SQLite rebuilds a table for many schema changes and drops its triggers with it: put back what
 * is missing. Postgres keeps triggers through ALTER TABLE.
 */
export async function restoreCustomerPoints(knex: Knex): Promise<void> {
	if (
		knex.client.config.client === 'pg' ||
		!(await knex.schema.hasTable('customers')) ||
		!(await knex.schema.hasColumn('customers', 'geo_point'))
	)
		return;
	for (const [name, body] of Object.entries(SQLITE_TRIGGERS))
		await knex.raw(`CREATE TRIGGER IF NOT EXISTS ${name} ${body}`);
}
