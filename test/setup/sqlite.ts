/** The integration-sqlite project's server: a temporary SQLite database. */
import type { TestProject } from 'vitest/node';
import { serve } from './global.ts';
import { sqliteTarget } from './targets.ts';

export default async (project: TestProject) => serve(project, await sqliteTarget());
