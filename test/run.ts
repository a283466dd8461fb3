/**
 * The tests of `npm test` (after the static checks): the integration tests on SQLite and on
 * PostgreSQL side by side, each in a Vitest of its own (Vitest runs one project's files at a time
 * only by running the projects one after the other), and the unit tests beside the lighter one.
 * Each line says which run it comes from. Arguments go to both, e.g. a file to run.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildExtensions } from '../scripts/lib/build.ts';
import { postgresAbsence } from './setup/targets.ts';

const VITEST = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const args = process.argv.slice(2);
// Both servers load the same build: made once here, before either starts.
await buildExtensions({ quiet: true });
const absence = process.env.REQUIRE_POSTGRES ? null : await postgresAbsence();
const runs: Record<string, string[]> = absence
	? { sqlite: ['unit', 'integration-sqlite'] }
	: { sqlite: ['integration-sqlite'], pg: ['unit', 'integration-pg'] };
if (absence) console.warn(`[integration] ${absence}: running on SQLite only.`);

function run(tag: string, projects: string[]): Promise<number> {
	const child = spawn(
		process.execPath,
		[VITEST, 'run', '--passWithNoTests', ...projects.flatMap((p) => ['--project', p]), ...args],
		{
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : (process.env.FORCE_COLOR ?? '0') },
		},
	);
	for (const [from, to] of [
		[child.stdout, process.stdout],
		[child.stderr, process.stderr],
	] as const) {
		let rest = '';
		from.setEncoding('utf8');
		from.on('data', (chunk: string) => {
			const lines = (rest + chunk).split('\n');
			rest = lines.pop()!;
			for (const line of lines) to.write(`[${tag}] ${line}\n`);
		});
		from.on('end', () => rest && to.write(`[${tag}] ${rest}\n`));
	}
	return new Promise((done) => child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0))));
}

const started = Date.now();
const codes = await Promise.all(Object.entries(runs).map(([tag, projects]) => run(tag, projects)));
console.log(`[test] ${Object.keys(runs).join(' and ')} finished in ${Math.round((Date.now() - started) / 1000)} s`);
process.exitCode = codes.some((code) => code !== 0) ? 1 : 0;
