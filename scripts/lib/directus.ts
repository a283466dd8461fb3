/**
 * Runs this project's Directus: environment, extension build, bootstrap, setup and
 * server, shared by `npm start` and the integration tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { buildExtensions } from './build.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'node_modules/@directus/api/dist/cli/run.js');

export type Env = Record<string, string>;

/** KEY and SECRET must survive restarts (sessions, encrypted fields), so they live beside the data. */
function secrets(dataDir: string): { KEY: string; SECRET: string } {
	const file = join(dataDir, 'secrets.json');
	if (!existsSync(file)) {
		mkdirSync(dataDir, { recursive: true });
		writeFileSync(
			file,
			JSON.stringify({ KEY: randomBytes(16).toString('hex'), SECRET: randomBytes(32).toString('hex') }),
			{ mode: 0o600 },
		);
	}
	return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * The first administrator's password, used only when bootstrap creates the database: the one
 * given, the demo one with the demo company, else a random one that `npm start` prints once
 * (nothing guessable is ever stored; Directus keeps only its hash).
 */
export function adminPassword(given: Env): { password: string; generated: boolean } {
	if (given.ADMIN_PASSWORD) return { password: given.ADMIN_PASSWORD, generated: false };
	if (given.SEED !== 'false') return { password: 'demo-password', generated: false };
	return { password: randomBytes(18).toString('base64url'), generated: true };
}

/**
 * Sign-in defaults (README, Security): access tokens for 15 minutes, sessions and refresh
 * tokens as Directus sets them (a day, a week); a suspended user is cut off at once by the access
 * hook whatever the token's age. Failed logins: 10 per e-mail and client, 50 per client, per 15 minutes.
 */
const SIGN_IN: Env = {
	ACCESS_TOKEN_TTL: '15m',
	SESSION_COOKIE_TTL: '1d',
	REFRESH_TOKEN_TTL: '7d',
	LOGIN_STALL_TIME: '500',
	LOGIN_LIMIT_ACCOUNT_FAILURES: '10',
	LOGIN_LIMIT_ADDRESS_FAILURES: '50',
	LOGIN_LIMIT_WINDOW: '900',
	// The client address is the connection's: a forged X-Forwarded-For must not reset the limits.
	IP_TRUST_PROXY: 'false',
};

/** The Directus environment: our defaults, overridden by whatever the caller's environment sets. */
export function directusEnv(overrides: Env = {}): Env {
	const given = { ...(process.env as Env), ...overrides };
	const dataDir = resolve(ROOT, given.DATA_DIR ?? 'data');
	const port = given.PORT ?? '8055';
	const host = given.HOST ?? '127.0.0.1';
	const client =
		given.DB_CLIENT === 'postgres' || given.DB_CLIENT === 'postgresql' ? 'pg' : (given.DB_CLIENT ?? 'sqlite3');
	return {
		...secrets(dataDir),
		DB_FILENAME: join(dataDir, 'db.sqlite'),
		STORAGE_LOCATIONS: 'local',
		STORAGE_LOCAL_ROOT: join(dataDir, 'uploads'),
		// Directus writes the Studio's extension bundle (app-extensions/entry.js) under TEMP_PATH, by
		// default node_modules/.directus: instances sharing node_modules (worktrees) served each other's.
		TEMP_PATH: join(dataDir, 'tmp'),
		EXTENSIONS_PATH: join(ROOT, 'extensions'),
		...SIGN_IN,
		ADMIN_EMAIL: 'admin@example.com',
		PUBLIC_URL: `http://${host}:${port}`,
		TELEMETRY: 'false',
		LOG_LEVEL: 'warn',
		// Directus otherwise deep-copies its schema for every request; frozen, every request shares the one
		// copy in memory (npm run bench:requests: less than half the time per request).
		CACHE_SCHEMA_FREEZE_ENABLED: 'true',
		// One request writes at most 1,000 items (batch, nested, import): a bound on the work a request can ask for.
		MAX_BATCH_MUTATION: '1000',
		...given,
		ADMIN_PASSWORD: adminPassword(given).password,
		DB_CLIENT: client,
		HOST: host,
		PORT: port,
	};
}

/** Where Node keeps the compiled Directus modules between processes: each start then spends about a quarter less CPU loading them. */
const COMPILE_CACHE = join(ROOT, 'node_modules/.cache/node-compile');

/** A port nobody listens on now (a test's or a benchmark's server). */
export async function freePort(): Promise<string> {
	const server = createServer();
	await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
	const { port } = server.address() as { port: number };
	await new Promise((closed) => server.close(closed));
	return String(port);
}

function run(args: string[], env: Env, stdio: 'inherit' | 'pipe' = 'inherit'): ChildProcess {
	return spawn(process.execPath, [CLI, ...args], {
		cwd: ROOT,
		env: { NODE_COMPILE_CACHE: COMPILE_CACHE, ...env },
		stdio,
	});
}

/** Runs a CLI command to its end; returns what it printed when quiet. */
async function runToEnd(args: string[], env: Env, quiet = false): Promise<string> {
	const child = run(args, env, quiet ? 'pipe' : 'inherit');
	let output = '';
	child.stdout?.on('data', (d) => (output += d));
	child.stderr?.on('data', (d) => (output += d));
	const code = await new Promise<number | null>((done) => child.on('exit', done));
	if (code !== 0) throw new Error(`directus ${args.join(' ')} exited with ${code}\n${output}`);
	return output;
}

/**
 * Build, bootstrap (install or migrate), apply this product's setup and, unless SEED=false,
 * load the demo company once (the demo bundle's `visits:demo`); safe to repeat.
 */
export async function prepare(env: Env, { quiet = false } = {}): Promise<string> {
	if (env.DB_CLIENT === 'sqlite3') mkdirSync(resolve(env.DB_FILENAME, '..'), { recursive: true });
	if (env.STORAGE_LOCAL_ROOT) mkdirSync(env.STORAGE_LOCAL_ROOT, { recursive: true });
	await buildExtensions({ quiet });
	// At info level bootstrap says whether it installed the database (see `installedNow`); its output is kept, not shown.
	return (
		(await runToEnd(['bootstrap'], { ...env, LOG_LEVEL: 'info' }, true)) +
		(await runToEnd(['visits:setup'], env, quiet)) +
		(env.SEED === 'false' ? '' : await runToEnd(['visits:demo'], env, quiet))
	);
}

/**
 * Recomputes every KPI counter from the source tables (`visits:rollup --rebuild`), as after
 * rows were written with the counters' triggers off (the benchmarks' generated company).
 */
export const rebuildCounters = (env: Env, { quiet = false } = {}): Promise<string> =>
	runToEnd(['visits:rollup', '--rebuild'], env, quiet);

/** Whether the `prepare` that printed `output` created the database (and so its first administrator). */
export const installedNow = (output: string): boolean => output.includes('Installing Directus system tables');

/** Starts the server and resolves once it answers /server/ping. */
export async function startServer(env: Env, { quiet = false, timeoutMs = 60_000 } = {}): Promise<ChildProcess> {
	const child = run(['start'], env, quiet ? 'pipe' : 'inherit');
	let output = '';
	child.stdout?.on('data', (d) => (output = (output + d).slice(-20_000)));
	child.stderr?.on('data', (d) => (output = (output + d).slice(-20_000)));
	const exited = new Promise<never>((_, fail) =>
		child.on('exit', (code) => fail(new Error(`Directus exited with ${code} before it was ready\n${output}`))),
	);
	const ready = (async () => {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			try {
				const res = await fetch(`${env.PUBLIC_URL}/server/ping`);
				if (res.ok) return child;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 200));
		}
		child.kill();
		throw new Error(`Directus did not answer within ${timeoutMs} ms\n${output}`);
	})();
	return Promise.race([ready, exited]);
}

export async function stopServer(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return;
	const exited = new Promise((done) => child.on('exit', done));
	child.kill('SIGTERM');
	await exited;
}
