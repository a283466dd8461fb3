/** The server of the SQLite projects (integration-sqlite, integration-studio): a temporary SQLite database each. */
import type { TestProject } from 'vitest/node';
import { serve } from './global.ts';
import { sqliteTarget } from './targets.ts';

export default async (project: TestProject) => serve(project, await sqliteTarget());
