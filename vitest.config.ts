import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { postgresAbsence } from './test/setup/targets.ts';

/**
 * Each integration project has a server of its own (test/setup/sqlite.ts, postgres.ts); test/run.ts
 * runs them side by side. Within one, the files share the server and its visit_settings, so they
 * run one at a time; test/integration/years.ts keeps their dated rows apart.
 */
const integration = (
	name: string,
	setup: string,
	files: { include?: string[]; exclude?: string[] },
): TestProjectInlineConfiguration => ({
	test: {
		name,
		include: files.include ?? ['test/integration/**/*.test.ts'],
		exclude: files.exclude ?? [],
		globalSetup: [setup],
		fileParallelism: false,
		testTimeout: 120_000,
		hookTimeout: 300_000,
	},
});
/**
 * Files that drive the Studio in Chromium or check the build: what they test does not depend on the
 * database, so they run once, on a SQLite server of their own beside the two databases' runs.
 */
const STUDIO = [
	'test/integration/*studio.test.ts',
	'test/integration/dashboard.test.ts',
	'test/integration/bundle.test.ts',
];
/** Files about PostgreSQL itself (several instances on one database). */
const POSTGRES_ONLY = ['test/integration/instances.test.ts'];

// Without a PostgreSQL server the suite runs on SQLite only, unless REQUIRE_POSTGRES (CI) asks for both.
const absence = process.env.REQUIRE_POSTGRES ? null : await postgresAbsence();
if (absence) console.warn(`\n[integration] ${absence}: the integration-pg project is left out.\n`);

export default defineConfig({
	test: {
		projects: [
			{ test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
			integration('integration-sqlite', 'test/setup/sqlite.ts', { exclude: [...STUDIO, ...POSTGRES_ONLY] }),
			integration('integration-studio', 'test/setup/sqlite.ts', { include: STUDIO }),
			...(absence ? [] : [integration('integration-pg', 'test/setup/postgres.ts', { exclude: STUDIO })]),
		],
	},
});
