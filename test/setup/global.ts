/**
 * Starts one real Directus on the project's database before its integration tests and stops it
 * afterwards; the tests reach it over HTTP only. Each integration project (vitest.config.ts) has a
 * server of its own, so that they can run side by side.
 */
import type { ChildProcess } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { directusEnv, prepare, startServer, stopServer } from '../../scripts/lib/directus.ts';
import type { Target } from './targets.ts';

export interface RunningTarget {
	name: Target['name'];
	url: string;
	env: Record<string, string>;
}

declare module 'vitest' {
	export interface ProvidedContext {
		/** The one server of the project, as a list so that the files' `describe.each(targets)` reads either way. */
		targets: RunningTarget[];
	}
}

export async function serve(project: TestProject, target: Target) {
	const env = directusEnv(target.env);
	let server: ChildProcess;
	try {
		// prepare() builds the extension first when its sources changed (test/run.ts builds it once for every project).
		await prepare(env, { quiet: true });
		server = await startServer(env, { quiet: true });
	} catch (error) {
		await target.dispose();
		throw error;
	}
	console.log(`[integration] Directus running on ${target.name} at ${env.PUBLIC_URL}`);
	project.provide('targets', [{ name: target.name, url: env.PUBLIC_URL, env }]);
	return async () => {
		await stopServer(server);
		await target.dispose();
	};
}
