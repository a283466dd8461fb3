/** `npm start`: prepares the database and serves the Studio and the API. */
import { directusEnv, prepare, startServer, stopServer } from './lib/directus.ts';

const env = directusEnv();
const started = Date.now();
await prepare(env);
const server = await startServer(env);

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
  Admin    ${env.ADMIN_EMAIL} / ${process.env.ADMIN_PASSWORD ? '(ADMIN_PASSWORD)' : env.ADMIN_PASSWORD}
  Database ${env.DB_CLIENT === 'sqlite3' ? env.DB_FILENAME : `${env.DB_CLIENT} ${env.DB_HOST ?? ''}/${env.DB_DATABASE ?? ''}`}
${env.SEED === 'false' ? '' : '\n  Demo logins (password demo-password): gm@, manager1@, rep1@ … rep6@, assistant@, service@example.com\n'}
  Press Ctrl+C to stop.
`);
