/**
 * `npm test`: the static checks (`npm run check`) and the tests, side by side: the unit tests, the
 * integration tests on SQLite, the Studio tests on a SQLite server of their own and the integration
 * tests on PostgreSQL, each in a Vitest of its own (Vitest runs one project's files at a time only by
 * running the projects one after the other). Each line says which run it comes from. Arguments go to
 * every Vitest, e.g. a file to run; with arguments the static checks are left out.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildExtensions } from '../scripts/lib/build.ts';
import { postgresAbsence } from './setup/targets.ts';

const VITEST = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const args = process.argv.slice(2);

/** Runs a command, prefixing each line of its output with `[tag]`; resolves to its exit code. */
function run(tag: string, command: string, commandArgs: string[]): Promise<number> {
	const child = spawn(command, commandArgs, {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : (process.env.FORCE_COLOR ?? '0') },
	});
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
const seconds = () => Math.round((Date.now() - started) / 1000);
// The checks read the sources only, so they run while the build and the tests do.
const check = args.length ? null : run('check', 'npm', ['run', '--silent', 'check']);
// Every server loads the same build: made once here, before any starts.
await buildExtensions({ quiet: true });
const absence = process.env.REQUIRE_POSTGRES ? null : await postgresAbsence();
if (absence) console.warn(`[integration] ${absence}: running on SQLite only.`);
const lanes: Record<string, string[]> = {
	sqlite: ['unit', 'integration-sqlite'],
	studio: ['integration-studio'],
	...(absence ? {} : { pg: ['integration-pg'] }),
};
const vitest = (tag: string, projects: string[]) =>
	run(tag, process.execPath, [
		VITEST,
		'run',
		'--passWithNoTests',
		...projects.flatMap((p) => ['--project', p]),
		...args,
	]).then((code) => (console.log(`[test] ${tag} finished after ${seconds()} s`), code));

const codes = await Promise.all([
	...(check ? [check] : []),
	...Object.entries(lanes).map(([tag, p]) => vitest(tag, p)),
]);
console.log(`[test] ${[...(check ? ['check'] : []), ...Object.keys(lanes)].join(', ')} finished in ${seconds()} s`);
process.exitCode = codes.some((code) => code !== 0) ? 1 : 0;
