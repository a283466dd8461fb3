/**
 * Two more Directus instances on the suite's Postgres database, both sweeping every second,
 * without Redis (both schedules fire every tick) and with SYNCHRONIZATION_STORE=redis (one
 * instance fires each tick):
 *
 * 1. While the test holds the sweeps' advisory lock from its own connection, both instances
 *    attempt the same sweep and skip it: their hand-run sweeps answer `skipped`, and without
 *    Redis both instances' logs show their schedules skipping.
 * 2. One instance is killed (`kill -9`) in the middle of a sweep: the test holds the row lock of
 *    a late complaint, so the sweep that took the advisory lock has done the earlier rules and
 *    waits there; the instance whose backend waits is killed, the lock released, and its
 *    uncommitted sweep rolls back.
 * 3. The survivor then sweeps everything exactly once: each overdue report, missed visit and
 *    missed revisit one log row and one notice; each overdue follow-up and late complaint one
 *    flag and one notice; each rep without a daily report one reminder; each active buyer one
 *    periodic phone revisit of this period (counted per customer, so a duplicate shows).
 */
import type { ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodOf, scheduleKey } from '../../extensions/sales-visits/src/domain/care.ts';
import { isWorkday } from '../../extensions/sales-visits/src/domain/work-days.ts';
import { addDays, zonedDate } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { SWEEP_LOCK } from '../../extensions/sales-visits/src/flow/sweeps.ts';
import { freePort, startServer, stopServer } from '../../scripts/lib/directus.ts';
import { Client, targets } from './client.ts';
import { backdate, closeDatabases, insertRow, lockWaiters, pgClient } from './db.ts';
import { eventually } from './expect.ts';

const target = targets.find((t) => t.name === 'postgres');
if (!target)
	console.warn('[instances] PostgreSQL is not running for this suite: skipping the two-instance sweep test.');

const REDIS = process.env.REDIS ?? 'redis://127.0.0.1:6379';
const redisAnswers = await new Promise<boolean>((answer) => {
	const { hostname, port } = new URL(REDIS);
	const socket = createConnection({ host: hostname, port: Number(port || 6379) });
	socket.setTimeout(2000, () => (socket.destroy(), answer(false)));
	socket.on('error', () => answer(false));
	socket.on('connect', () => socket.write('PING\r\n'));
	socket.on('data', (d) => (socket.destroy(), answer(d.toString().startsWith('+PONG'))));
});
if (target && !redisAnswers)
	console.warn(`[instances] Redis does not answer at ${REDIS}: skipping the Redis-synchronised run.`);

const SKIPPED = 'visit-flow: sweep skipped';
const IDLE = 'visit-flow: sweep done, nothing to change';

describe.skipIf(!target).each([
	{ sync: 'memory', skip: false },
	{ sync: 'redis', skip: !redisAnswers },
])('two instances on one Postgres database ($sync synchronisation)', ({ sync, skip }) => {
	const instances: { name: string; server: ChildProcess; url: string; log: string; alive: boolean }[] = [];
	let admin: Client;
	let db: pg.Client;
	let dueTime: string;

	beforeAll(async () => {
		if (skip) return;
		const namespace = `sales-visits-test-${process.pid}-${Date.now()}`;
		// The two boot side by side. Each is listed once it answers, and both are waited for, so that
		// afterAll stops whichever booted when the other did not.
		const ports = [await freePort()];
		while (ports.length < 2) {
			const port = await freePort();
			if (port !== ports[0]) ports.push(port);
		}
		const boots = await Promise.allSettled(
			[1, 2].map(async (n) => {
				const port = ports[n - 1]!;
				const name = `sweeper-${sync}-${n}`;
				const env = {
					...target!.env,
					PORT: port,
					PUBLIC_URL: `http://127.0.0.1:${port}`,
					SWEEP_SCHEDULE: '*/1 * * * * *',
					LOG_LEVEL: 'debug',
					LOG_STYLE: 'raw',
					// Names the instance's connections in pg_stat_activity.
					PGAPPNAME: name,
					// They serve no Studio: no bundle of its extensions to build at boot (and none to write over the lane server's).
					SERVE_APP: 'false',
					...(sync === 'redis' ? { SYNCHRONIZATION_STORE: 'redis', REDIS, SYNCHRONIZATION_NAMESPACE: namespace } : {}),
				};
				// Booting side by side, each may take up to twice as long as alone.
				const server = await startServer(env, { quiet: true, timeoutMs: 120_000 });
				const instance = { name, server, url: env.PUBLIC_URL, log: '', alive: true };
				server.stdout!.on('data', (d) => (instance.log = (instance.log + d).slice(-2_000_000)));
				server.on('exit', () => (instance.alive = false));
				instances.push(instance);
			}),
		);
		for (const boot of boots) if (boot.status === 'rejected') throw boot.reason;
		instances.sort((a, b) => a.name.localeCompare(b.name));
		admin = await Client.admin(target!);
		db = await pgClient(target!);
		// Every workday's daily report is due at midnight: the reminders are due whatever the hour.
		dueTime = (await admin.data('/items/visit_settings?fields=daily_report_due_time')).daily_report_due_time;
		expect((await admin.patch('/items/visit_settings', { daily_report_due_time: '00:00:00' })).status).toBe(200);
	}, 180_000);
	afterAll(async () => {
		if (skip) return;
		// Also after a failed boot: whatever did boot is stopped.
		if (dueTime !== undefined) await admin.patch('/items/visit_settings', { daily_report_due_time: dueTime });
		await Promise.all(instances.filter((i) => i.alive).map((i) => stopServer(i.server)));
		await db?.end();
		await closeDatabases();
	});

	const count = (text: string, line: string) => text.split(line).length - 1;

	it.skipIf(skip)(
		`counts failed sign-ins ${sync === 'redis' ? 'once for every instance (Redis)' : 'in each instance'}`,
		async () => {
			const [a, b] = instances;
			const email = `nobody-${sync}-${Date.now()}@example.com`;
			const login = async (url: string) =>
				(
					await fetch(`${url}/auth/login`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ email, password: 'not-the-password' }),
					})
				).status;
			for (let n = 0; n < 10; n++) expect(await login(a!.url)).toBe(401);
			expect(await login(a!.url)).toBe(429);
			// Behind a load balancer the next guess may reach the other instance: with Redis it counts there too.
			expect(await login(b!.url)).toBe(sync === 'redis' ? 429 : 401);
		},
	);

	it.skipIf(skip)(
		'attempts each sweep on both, survives kill -9 mid-sweep, and sweeps every item exactly once',
		async () => {
			const users: Record<string, string> = Object.fromEntries(
				((await admin.data('/users?fields=id,email&limit=-1')) as any[]).map((u) => [u.email.split('@')[0], u.id]),
			);
			const rep1 = await Client.login(target!.url, 'rep1@example.com');
			const customer = (await rep1.data('/items/customers?limit=1&fields=id'))[0].id;
			const today = zonedDate(new Date(), 'Asia/Shanghai');
			const pastDay = addDays(today, -3);

			// 1. The test holds the sweep lock: every sweep from here on skips.
			await db.query('SELECT pg_advisory_lock($1)', [SWEEP_LOCK]);
			const marks = instances.map((i) => i.log.length);
			const manual = await Promise.all(
				instances.map(async (i) =>
					(await Client.login(i.url, target!.env.ADMIN_EMAIL!, target!.env.ADMIN_PASSWORD)).post(
						'/visit-flow/sweeps/run',
						{},
					),
				),
			);
			for (const res of manual) expect(res.body, JSON.stringify(res.body)).toEqual({ data: { skipped: true } });
			if (sync === 'memory')
				await eventually(async () =>
					instances.forEach((i, n) => expect(count(i.log.slice(marks[n]), SKIPPED), i.name).toBeGreaterThan(0)),
				);
			else
				await eventually(async () =>
					expect(instances.reduce((sum, i, n) => sum + count(i.log.slice(marks[n]), SKIPPED), 0)).toBeGreaterThan(0),
				);

			// Deadlines pass while nobody may sweep.
			const call = async (startsIn: number) =>
				(
					await rep1.post('/items/visits', {
						customer,
						purpose: 'relationship',
						channel: 'phone',
						scheduled_start: new Date(Date.now() + startsIn).toISOString(),
					})
				).body.data.id as number;
			// The visits side by side (nobody sweeps while the test holds the lock), each one's steps in order.
			const overdue = await Promise.all(
				Array.from({ length: 8 }, async () => {
					const id = await call(3_600_000);
					expect((await rep1.post(`/visit-flow/visits/${id}/check-in`, {})).status).toBe(200);
					expect((await rep1.post(`/visit-flow/visits/${id}/check-out`, {})).status).toBe(200);
					await backdate(target!, 'visits', id, 'report_due_at', new Date(Date.now() - 60_000));
					return id;
				}),
			);
			const missed = await Promise.all(Array.from({ length: 8 }, () => call(-3 * 86_400_000)));
			const row = { customer, owner: users.rep1 };
			const revisits: number[] = [];
			for (let n = 0; n < 5; n++)
				revisits.push(
					await insertRow(target!, 'revisits', {
						...row,
						kind: 'maintenance',
						channel: 'phone',
						status: 'scheduled',
						due_date: pastDay,
					}),
				);
			const followUps: number[] = [];
			for (let n = 0; n < 5; n++)
				followUps.push(
					await insertRow(target!, 'follow_ups', {
						...row,
						description: `跟进 ${n}`,
						due_date: pastDay,
						status: 'open',
						overdue: false,
					}),
				);
			const complaints: number[] = [];
			for (let n = 0; n < 5; n++) {
				const at = new Date(Date.now() - 2 * 86_400_000);
				complaints.push(
					await insertRow(target!, 'complaints', {
						...row,
						description: `投诉 ${n}`,
						severity: 'medium',
						status: 'open',
						received_at: at,
						response_due_at: at,
						response_late: false,
					}),
				);
			}
			// Complaints answered but not resolved by their deadline: escalated to the General Managers once.
			const unresolved: number[] = [];
			for (let n = 0; n < 3; n++) {
				const at = new Date(Date.now() - 3 * 86_400_000);
				unresolved.push(
					await insertRow(target!, 'complaints', {
						...row,
						description: `未解决投诉 ${n}`,
						severity: 'medium',
						status: 'responded',
						received_at: at,
						response_due_at: new Date(at.getTime() + 3_600_000),
						responded_at: new Date(at.getTime() + 1_800_000),
						response_late: false,
						resolution_due_at: new Date(Date.now() - 86_400_000),
					}),
				);
			}
			// A contact whose birthday is today (29 February aside): one care reminder to the owner, once.
			const birthday = today.slice(5) === '02-29' ? addDays(today, 1) : today;
			const born = await rep1.post('/items/contacts', {
				customer,
				name: `生日联系人-${sync}-${Date.now()}`,
				birthday: `1980${birthday.slice(4)}`,
			});
			expect(born.status, JSON.stringify(born.body)).toBe(200);
			const contact = born.body.data.id as number;
			// This period's periodic revisits are scheduled again, in the race; today's daily reminders are sent again.
			const { suffix } = scheduleKey.periodic('periodic_phone', periodOf(today, 3));
			await db.query(
				"DELETE FROM revisits WHERE kind IN ('periodic_phone', 'key_account_onsite') AND status = 'scheduled' AND schedule_key LIKE $1",
				[`%${suffix}`],
			);
			await db.query("DELETE FROM directus_notifications WHERE collection = 'daily_reports' AND item LIKE $1", [
				`%:${today}`,
			]);

			// 2. A late complaint's row lock stops the next sweep at its sixth rule, after five rules' work.
			const rowLock = await pgClient(target!);
			await rowLock.query('BEGIN');
			await rowLock.query('SELECT 1 FROM complaints WHERE id = $1 FOR UPDATE', [complaints[0]]);
			await db.query('SELECT pg_advisory_unlock($1)', [SWEEP_LOCK]);
			const [waiting] = await eventually(async () => {
				const waiters = (await lockWaiters(db)).filter((w) => w.application_name.startsWith(`sweeper-${sync}-`));
				expect(waiters).toHaveLength(1);
				return waiters;
			}, 15_000);
			const victim = instances.find((i) => i.name === waiting!.application_name)!;
			const survivor = instances.find((i) => i !== victim)!;
			victim.server.kill('SIGKILL');
			await eventually(async () => expect(victim.alive).toBe(false));
			// The half-done sweep was not committed: nothing of it is visible.
			expect(
				(
					await db.query("SELECT count(*)::int AS n FROM visits WHERE id = ANY($1) AND report_status = 'overdue'", [
						overdue,
					])
				).rows[0].n,
			).toBe(0);
			await rowLock.query('COMMIT');
			await rowLock.end();

			// 3. The survivor sweeps it all, then twice more with nothing left to do.
			const ids = [...overdue, ...missed];
			await eventually(async () => {
				const { rows } = await db.query(
					`SELECT (SELECT count(*) FROM visits WHERE id = ANY($1) AND (report_status = 'overdue' OR status = 'missed'))::int AS visits,
					(SELECT count(*) FROM revisits WHERE id = ANY($2) AND status = 'missed')::int AS revisits,
					(SELECT count(*) FROM follow_ups WHERE id = ANY($3) AND overdue)::int AS follow_ups,
					(SELECT count(*) FROM complaints WHERE id = ANY($4) AND response_late)::int AS complaints,
					(SELECT count(*) FROM complaints WHERE id = ANY($5) AND escalated_at IS NOT NULL)::int AS escalated,
					(SELECT count(*) FROM directus_notifications WHERE collection = 'contacts' AND item = $6)::int AS birthday`,
					[ids, revisits, followUps, complaints, unresolved, String(contact)],
				);
				expect(rows[0]).toEqual({ visits: 16, revisits: 5, follow_ups: 5, complaints: 5, escalated: 3, birthday: 1 });
			}, 30_000);
			const settled = survivor.log.length;
			await eventually(async () => expect(count(survivor.log.slice(settled), IDLE)).toBeGreaterThanOrEqual(2), 15_000);
			expect(count(survivor.log, 'sweep rule')).toBe(0);

			// The sweep's log rows and notices (a check-in and check-out log and notify too).
			const logged = async (collection: string, items: number[]) =>
				(
					await db.query(
						"SELECT item, count(*)::int AS n FROM approval_log WHERE collection = $1 AND item = ANY($2) AND to_status IN ('overdue', 'missed') GROUP BY item",
						[collection, items.map(String)],
					)
				).rows;
			const noticed = async (collection: string, items: number[]) =>
				(
					await db.query(
						"SELECT item, count(*)::int AS n FROM directus_notifications WHERE collection = $1 AND item = ANY($2) AND subject ~* '逾期|未拜访|错过|超时|未响应|overdue|missed|deadline' GROUP BY item",
						[collection, items.map(String)],
					)
				).rows;
			const once = (items: number[]) => expect.arrayContaining(items.map((id) => ({ item: String(id), n: 1 })));
			for (const [collection, items] of [
				['visits', ids],
				['revisits', revisits],
			] as const) {
				expect(await logged(collection, items)).toHaveLength(items.length);
				expect(await logged(collection, items)).toEqual(once(items));
			}
			for (const [collection, items] of [
				['visits', ids],
				['revisits', revisits],
				['follow_ups', followUps],
				['complaints', complaints],
			] as const) {
				expect(await noticed(collection, items), collection).toHaveLength(items.length);
				expect(await noticed(collection, items), collection).toEqual(once(items));
			}

			// Each unresolved complaint: one notice to each active General Manager; the birthday: one to its owner.
			const { rows: gms } = await db.query(
				"SELECT id FROM directus_users WHERE position = 'general_manager' AND status = 'active' ORDER BY id",
			);
			expect(gms.length).toBeGreaterThan(0);
			const { rows: escalations } = await db.query(
				"SELECT item, recipient, count(*)::int AS n FROM directus_notifications WHERE collection = 'complaints' AND item = ANY($1) AND subject ~* '上报总经理|escalated' GROUP BY item, recipient",
				[unresolved.map(String)],
			);
			expect(escalations).toHaveLength(unresolved.length * gms.length);
			expect(escalations.every((e) => e.n === 1)).toBe(true);
			const { rows: wishes } = await db.query(
				"SELECT recipient FROM directus_notifications WHERE collection = 'contacts' AND item = $1",
				[String(contact)],
			);
			expect(wishes).toEqual([{ recipient: users.rep1 }]);

			// Daily reports: one reminder per active rep without a report today (none on a day off).
			const day = (await admin.data(`/items/work_calendar?filter[date][_eq]=${today}&fields=date,is_workday`)) as {
				date: string;
				is_workday: boolean;
			}[];
			const workday = isWorkday(today, new Map(day.map((d) => [d.date, d.is_workday])));
			const { rows: reps } = await db.query(
				"SELECT u.id FROM directus_users u WHERE u.position = 'rep' AND u.status = 'active' AND NOT EXISTS (SELECT 1 FROM daily_reports d WHERE d.owner = u.id AND d.date = $1)",
				[today],
			);
			const { rows: reminders } = await db.query(
				"SELECT recipient, count(*)::int AS n FROM directus_notifications WHERE collection = 'daily_reports' AND item LIKE $1 GROUP BY recipient",
				[`%:${today}`],
			);
			expect(reminders.sort((a, b) => a.recipient.localeCompare(b.recipient))).toEqual(
				workday
					? reps.map((r) => ({ recipient: r.id, n: 1 })).sort((a, b) => a.recipient.localeCompare(b.recipient))
					: [],
			);
			if (workday) expect(reps.length).toBeGreaterThan(0);

			// Periodic revisits, counted per customer and period rather than per key: one each (whatever became of it since), for every active buyer.
			const { rows: periodic } = await db.query(
				"SELECT customer, kind, due_date::text AS due, count(*)::int AS n FROM revisits WHERE kind IN ('periodic_phone', 'key_account_onsite') AND schedule_key LIKE $1 GROUP BY customer, kind, due_date",
				[`%${suffix}`],
			);
			expect(periodic.filter((p) => p.n !== 1)).toEqual([]);
			const { rows: buyers } = await db.query(
				"SELECT c.id FROM customers c WHERE c.status = 'active' AND c.owner IS NOT NULL AND EXISTS (SELECT 1 FROM sales_orders o WHERE o.customer = c.id AND o.status <> 'cancelled')",
			);
			const phoned = periodic.filter((p) => p.kind === 'periodic_phone').map((p) => p.customer);
			expect(buyers.length).toBeGreaterThan(0);
			expect(phoned).toEqual(expect.arrayContaining(buyers.map((b) => b.id)));
		},
	);
});
