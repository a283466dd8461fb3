/**
 * Starts one real Directus per target database before the integration tests and
 * stops them afterwards; the tests reach them over HTTP only.
 */
import type { TestProject } from 'vitest/node';
import { directusEnv, prepare, startServer, stopServer } from '../../scripts/lib/directus.ts';
import { buildExtensions } from '../../scripts/lib/build.ts';
import { postgresTarget, sqliteTarget, type Target } from './targets.ts';

export interface RunningTarget {
	name: Target['name'];
	url: string;
	env: Record<string, string>;
}

declare module 'vitest' {
	export interface ProvidedContext {
		targets: RunningTarget[];
	}
}

export default async function setup(project: TestProject) {
	const targets: Target[] = [await sqliteTarget()];
	const postgres = await postgresTarget();
	if (typeof postgres !== 'string') targets.push(postgres);
	else if (process.env.REQUIRE_POSTGRES) throw new Error(postgres);
	else console.warn(`\n[integration] ${postgres}: running on SQLite only.\n`);

	await buildExtensions({ quiet: true });
	const started = await Promise.allSettled(
		targets.map(async (target) => {
			const env = directusEnv(target.env);
			await prepare(env, { quiet: true });
			return { target, env, server: await startServer(env, { quiet: true }) };
		}),
	);
	const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
	const teardown = async () => {
		await Promise.all(servers.map((s) => stopServer(s.server)));
		await Promise.all(targets.map((t) => t.dispose()));
	};
	const failed = started.find((s) => s.status === 'rejected');
	if (failed) {
		await teardown();
		throw failed.reason;
	}

	console.log(`[integration] Directus running on ${servers.map((s) => `${s.target.name} at ${s.env.PUBLIC_URL}`).join(', ')}`);
	project.provide(
		'targets',
		servers.map(({ target, env }) => ({ name: target.name, url: env.PUBLIC_URL, env })),
	);

	return teardown;
}
