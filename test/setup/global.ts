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
	if (typeof postgres === 'string') console.warn(`\n[integration] ${postgres}: running on SQLite only.\n`);
	else targets.push(postgres);

	await buildExtensions({ quiet: true });
	const servers = await Promise.all(
		targets.map(async (target) => {
			const env = directusEnv(target.env);
			await prepare(env, { quiet: true });
			return { target, env, server: await startServer(env, { quiet: true }) };
		}),
	);
	console.log(`[integration] Directus running on ${servers.map((s) => `${s.target.name} at ${s.env.PUBLIC_URL}`).join(', ')}`);
	project.provide(
		'targets',
		servers.map(({ target, env }) => ({ name: target.name, url: env.PUBLIC_URL, env })),
	);

	return async () => {
		await Promise.all(servers.map((s) => stopServer(s.server)));
		await Promise.all(targets.map((t) => t.dispose()));
	};
}
