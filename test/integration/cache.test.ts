/**
 * With Directus's data cache on (CACHE_ENABLED, as docker-compose.yml runs it), what the server
 * writes with SQL outside ItemsService reads true at once: a visit the sweep marked `missed`, a
 * sale's first revisit that a hook scheduled. One more instance on the suite's Postgres database,
 * with a memory cache that lives for an hour, so only a purge can make a read fresh.
 */
import type { ChildProcess } from 'node:child_process';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServer, stopServer } from '../../scripts/lib/directus.ts';
import { Client, targets } from './client.ts';
import { closeDatabases, insertRow, pgClient, setColumns } from './db.ts';
import { eventually } from './expect.ts';

const target = targets.find((t) => t.name === 'postgres');
if (!target) console.warn('[cache] PostgreSQL is not running for this suite: skipping the cached-reads test.');

describe.skipIf(!target)('cached reads after SQL writes', () => {
	let server: ChildProcess | undefined;
	let admin: Client;
	let db: pg.Client;
	let customer: { id: number; owner: string };

	beforeAll(async () => {
		const port = await freePort();
		const env = {
			...target!.env,
			PORT: port,
			PUBLIC_URL: `http://127.0.0.1:${port}`,
			CACHE_ENABLED: 'true',
			CACHE_STORE: 'memory',
			CACHE_AUTO_PURGE: 'true',
			CACHE_TTL: '1h',
			SERVE_APP: 'false',
		};
		server = await startServer(env, { quiet: true, timeoutMs: 120_000 });
		admin = await Client.admin({ url: env.PUBLIC_URL, env });
		db = await pgClient(target!);
		[customer] = await admin.data(
			'/items/customers?filter[status][_eq]=active&filter[owner][_nnull]=true&limit=1&fields=id,owner',
		);
	}, 180_000);

	afterAll(async () => {
		if (server) await stopServer(server);
		await db?.end();
		await closeDatabases();
	});

	it('reads a visit the sweep marked missed as missed', async () => {
		const id = await insertRow(target!, 'visits', {
			owner: customer.owner,
			customer: customer.id,
			purpose: 'relationship',
			channel: 'onsite',
			scheduled_start: new Date(Date.now() - 3 * 86_400_000),
			status: 'scheduled',
		});
		const read = () => admin.data(`/items/visits/${id}?fields=status,check_in_reason`);
		expect(await read()).toEqual({ status: 'scheduled', check_in_reason: null });
		// The cache is on: a change nobody told Directus about does not show.
		await setColumns(target!, 'visits', id, { check_in_reason: 'changed behind Directus' });
		expect(await read()).toEqual({ status: 'scheduled', check_in_reason: null });

		const run = await admin.post('/visit-flow/sweeps/run', {});
		expect(run.status, JSON.stringify(run.body)).toBe(200);
		expect(run.body.data.missed_visits).toBeGreaterThanOrEqual(1);
		expect(await read()).toEqual({ status: 'missed', check_in_reason: 'changed behind Directus' });
	});

	it('reads the first revisit a sale scheduled once it is there', async () => {
		// The hook's INSERT waits for this lock, so the list is read (and cached) before the revisit exists.
		await db.query('BEGIN');
		await db.query('LOCK TABLE revisits IN SHARE ROW EXCLUSIVE MODE');
		let revisits = '';
		try {
			const res = await admin.post('/items/sales_orders', {
				order_no: `SO-CACHE-${Date.now()}`,
				customer: customer.id,
				owner: customer.owner,
				signed_at: new Date().toISOString().slice(0, 10),
				amount: 1000,
			});
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			revisits = `/items/revisits?filter[source_order][_eq]=${res.body.data.id}&fields=kind`;
			expect(await admin.data(revisits)).toEqual([]);
		} finally {
			await db.query('COMMIT');
		}
		await eventually(async () => expect(await admin.data(revisits)).toEqual([{ kind: 'first_after_sale' }]));
	});
});
