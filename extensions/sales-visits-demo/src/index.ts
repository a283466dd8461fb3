/**
 * `directus visits:demo`: loads the demo company (seeds/) once, after `directus visits:setup`.
 * A bundle of its own, so the product's bundle carries no demo data and no demo secret; the
 * compose `setup` service mounts it, the served Directus does not. SEED=false skips it.
 */
import { defineHook } from '@directus/extensions-sdk';
import { loadDemoData } from './load.ts';

export default defineHook(({ init }, { services, database, getSchema, logger, env }) => {
	init('cli.before', ({ program }) => {
		program
			.command('visits:demo')
			.description('Load the demo company once (after visits:setup); SEED=false skips it')
			.action(async () => {
				try {
					const demo =
						String(env.SEED) === 'false'
							? null
							: await loadDemoData({
									knex: database,
									services,
									schema: await getSchema({ database, bypassCache: true }),
								});
					// A CLI report, printed whatever the log level.
					console.log(`[visits:demo] demo company: ${demo === null ? 'skipped' : demo ? 'loaded' : 'already present'}`);
					await database.destroy();
					process.exit(0);
				} catch (error) {
					logger.error(error);
					process.exit(1);
				}
			});
	});
});
