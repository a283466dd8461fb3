/** The integration-pg project's server: a fresh database on the PostgreSQL server that answers. */
import type { TestProject } from 'vitest/node';
import { serve } from './global.ts';
import { postgresTarget } from './targets.ts';

export default async (project: TestProject) => {
	const target = await postgresTarget();
	if (typeof target === 'string') throw new Error(target);
	return serve(project, target);
};
