/**
 * `directus visits:setup`: brings a database up to this product's definition
 * (schema, translations, roles and policies, settings, calendar, bookmarks). Every step
 * converges, so the start command runs it on every start. The demo company is another
 * bundle's (extensions/sales-visits-demo, `directus visits:demo`).
 */
import { readFileSync } from 'node:fs';
import { defineHook } from '@directus/extensions-sdk';
import type { Accountability } from '@directus/types';
import { counterDrift, syncCounters } from '../counters/rebuild.ts';
import { applyTriggers } from '../counters/triggers.ts';
import { loadSettings } from '../flow/settings.ts';
import { applyAccess } from '../setup/access.ts';
import { applyWorkCalendar } from '../setup/calendar.ts';
import { applySchema, type SchemaServiceLike, type Snapshot } from '../setup/schema.ts';
import { applyDashboards } from '../setup/dashboard.ts';
import { applyCustomerPoints } from '../setup/customer-points.ts';
import { applyGradeHistory } from '../setup/grade-history.ts';
import { applyIndexes } from '../setup/indexes.ts';
import { applyModuleBar } from '../setup/module-bar.ts';
import { applySweepMarks } from '../setup/sweep-marks.ts';
import { applyPresets } from '../setup/presets.ts';
import { unlinkSharedPlanItems } from '../setup/plan-links.ts';
import {
	applyAccountSettings,
	applyConstraints,
	applyProjectOwner,
	applyProjectSettings,
	ensureVisitSettings,
} from '../setup/settings.ts';
import { applyTranslations } from '../setup/translations.ts';

const ADMIN: Accountability = { admin: true, app: true, role: null, roles: [], user: null, ip: null };

export default defineHook(({ init }, { services, database, getSchema, logger, env }) => {
	init('cli.before', ({ program }) => {
		program
			.command('visits:setup')
			.description('Apply the sales-visit schema, policies and settings')
			.option('--schema <path>', 'schema snapshot to apply', 'schema/snapshot.json')
			.action(async ({ schema }: { schema: string }) => {
				try {
					const snapshot = JSON.parse(readFileSync(schema, 'utf8')) as Snapshot;
					// Directus types snapshots strictly; the merge treats them as plain JSON.
					const schemaService = new services.SchemaService({
						knex: database,
						accountability: ADMIN,
						schema: await getSchema({ database }),
					});
					const unlinked = await unlinkSharedPlanItems(database);
					// An earlier release's counter triggers named counted columns, which Postgres would not let the schema alter.
					if (database.client.config.client === 'pg') await applyTriggers(database, { existing: true });
					const changed = await applySchema(schemaService as unknown as SchemaServiceLike, snapshot);
					await applyConstraints(database);
					await applyIndexes(database);
					await applyGradeHistory(database);
					await applyCustomerPoints(database);
					await applySweepMarks(database);
					const labels = await applyTranslations(database);
					const rules = await applyAccess(database);
					await applyProjectSettings(database);
					await applyProjectOwner(database, env.ADMIN_EMAIL as string | undefined);
					await applyAccountSettings(database);
					await applyModuleBar(database);
					await ensureVisitSettings(database);
					const rebuilt = await syncCounters(database, (await loadSettings(database)).timezone);
					const days = await applyWorkCalendar(database);
					const bookmarks = await applyPresets(database);
					const dashboards = await applyDashboards(database);

					// A CLI report, printed whatever the log level.
					console.log(
						[
							`[visits:setup] schema: ${changed.collections} collections, ${changed.fields} fields, ${changed.relations} relations changed`,
							`[visits:setup] translations: ${labels} written; permissions: ${rules ? 'rewritten' : 'unchanged'}; calendar: ${days} days added; presets: ${bookmarks} written; dashboard: ${dashboards} rows written; KPI counters: ${rebuilt ? 'rebuilt' : 'kept'}`,
							...(unlinked > 0
								? [`[visits:setup] ${unlinked} visits unlinked from a plan item another visit holds`]
								: []),
						].join('\n'),
					);
					await database.destroy();
					process.exit(0);
				} catch (error) {
					logger.error(error);
					process.exit(1);
				}
			});

		program
			.command('visits:rollup')
			.description(
				'Build the KPI counters if missing; --rebuild recomputes them, --check compares them with a fresh count',
			)
			.option('--rebuild', 'recompute every counter from the source tables')
			.option('--check', 'list the counters that differ from a fresh count; exit 1 if any')
			.action(async ({ rebuild, check }: { rebuild?: boolean; check?: boolean }) => {
				try {
					const started = Date.now();
					const rebuilt = await syncCounters(database, (await loadSettings(database)).timezone, { force: rebuild });
					const drift = check ? await counterDrift(database) : [];
					console.log(
						[
							`[visits:rollup] KPI counters ${rebuilt ? 'rebuilt' : 'up to date'} in ${Date.now() - started} ms`,
							...(check ? [`[visits:rollup] ${drift.length} counters differ from a fresh count`, ...drift] : []),
						].join('\n'),
					);
					await database.destroy();
					process.exit(drift.length ? 1 : 0);
				} catch (error) {
					logger.error(error);
					process.exit(1);
				}
			});
	});
});
