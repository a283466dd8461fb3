/** `npm start`: prepares the database and serves the Studio and the API. */
import { directusEnv, installedNow, prepare, startServer, stopServer } from './lib/directus.ts';

const env = directusEnv();
const started = Date.now();
const prepared = await prepare(env);
const server = await startServer(env);

/** The admin's password as far as this start may show it: a generated one only on the start that created it. */
function adminLogin(): string {
	if (process.env.ADMIN_PASSWORD) return '(ADMIN_PASSWORD)';
	if (env.SEED !== 'false') return env.ADMIN_PASSWORD!;
	return installedNow(prepared)
		? `${env.ADMIN_PASSWORD}   (generated for this new database; shown only now)`
		: '(the password set when the database was created)';
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, async () => {
		await stopServer(server);
		process.exit(0);
	});
}
server.on('exit', (code) => process.exit(code ?? 1));

console.log(`
  销售拜访管理 Sales Visits is ready after ${((Date.now() - started) / 1000).toFixed(1)} s

  Studio   ${env.PUBLIC_URL}/admin
  API      ${env.PUBLIC_URL}
  Admin    ${env.ADMIN_EMAIL} / ${adminLogin()}
  Database ${env.DB_CLIENT === 'sqlite3' ? env.DB_FILENAME : `${env.DB_CLIENT} ${env.DB_HOST ?? ''}/${env.DB_DATABASE ?? ''}`}
${env.SEED === 'false' ? '' : '\n  Demo logins (password demo-password): gm@, manager1@, rep1@ … rep6@, assistant@, service@example.com\n'}
  Press Ctrl+C to stop.
`);
