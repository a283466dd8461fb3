/**
 * Two more Directus instances on the suite's Postgres database, both sweeping every second
 * (no Redis synchronisation, so both schedules really fire) while an Administrator also runs
 * the sweeps by hand on each: every overdue report, missed visit and missed revisit is
 * transitioned, logged and notified exactly once, and no periodic revisit is scheduled twice.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, stopServer } from '../../scripts/lib/directus.ts';
import { freePort } from '../setup/targets.ts';
import { Client, targets } from './client.ts';
import { backdate, closeDatabases } from './db.ts';
import { eventually } from './expect.ts';

const target = targets.find((t) => t.name === 'postgres');
if (!target) console.warn('[instances] PostgreSQL is not running for this suite: skipping the two-instance sweep test.');

describe.skipIf(!target)('two instances on one Postgres database', () => {
	const servers: ChildProcess[] = [];
	const urls: string[] = [];

	beforeAll(async () => {
		for (let n = 0; n < 2; n++) {
			const port = await freePort();
			const env = { ...target!.env, PORT: port, PUBLIC_URL: `http://127.0.0.1:${port}`, SWEEP_SCHEDULE: '*/1 * * * * *' };
			urls.push(env.PUBLIC_URL);
			servers.push(await startServer(env, { quiet: true }));
		}
	}, 120_000);
	afterAll(async () => {
		await Promise.all(servers.map(stopServer));
		await closeDatabases();
	});

	it('sweeps every item exactly once', async () => {
		const admin = await Client.admin(target!);
		const rep1 = await Client.login(target!.url, 'rep1@example.com');
		const customer = (await rep1.data('/items/customers?limit=1&fields=id'))[0].id;
		const call = async (startsIn: number) => (await rep1.post('/items/visits', { customer, purpose: 'relationship', channel: 'phone', scheduled_start: new Date(Date.now() + startsIn).toISOString() })).body.data.id as number;

		const overdue: number[] = [];
		for (let n = 0; n < 15; n++) {
			const id = await call(3_600_000);
			await rep1.post(`/visit-flow/visits/${id}/check-in`, {});
			await rep1.post(`/visit-flow/visits/${id}/check-out`, {});
			overdue.push(id);
		}
		const missed: number[] = [];
		for (let n = 0; n < 15; n++) missed.push(await call(-3 * 86_400_000));
		const service = await Client.login(target!.url, 'service@example.com');
		const pastDue = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
		const revisits: number[] = [];
		for (let n = 0; n < 10; n++) revisits.push((await service.post('/items/revisits', { customer, kind: 'maintenance', channel: 'phone', due_date: pastDue })).body.data.id);
		// Deadlines pass all at once, while both schedules and the hand-run sweeps race for them.
		await Promise.all(overdue.map((id) => backdate(target!, 'visits', id, 'report_due_at', new Date(Date.now() - 60_000))));
		const others = await Promise.all(urls.map((url) => Client.login(url, target!.env.ADMIN_EMAIL!, target!.env.ADMIN_PASSWORD)));
		const manual = await Promise.all(others.flatMap((c) => [c.post('/visit-flow/sweeps/run', {}), c.post('/visit-flow/sweeps/run', {})]));
		for (const res of manual) expect(res.status, JSON.stringify(res.body)).toBe(200);

		const ids = [...overdue, ...missed].join(',');
		await eventually(async () => {
			const swept: any[] = await admin.data(`/items/visits?filter[id][_in]=${ids}&fields=id,status,report_status&limit=-1`);
			expect(swept.filter((v) => v.report_status === 'overdue' || v.status === 'missed')).toHaveLength(30);
			const revisited: any[] = await admin.data(`/items/revisits?filter[id][_in]=${revisits.join(',')}&filter[status][_eq]=missed&fields=id&limit=-1`);
			expect(revisited).toHaveLength(10);
		}, 20_000);
		// Three more schedule ticks on each instance find nothing more to do.
		await new Promise((r) => setTimeout(r, 3_000));

		const logs: any[] = await admin.data(`/items/approval_log?filter[collection][_eq]=visits&filter[item][_in]=${ids}&filter[to_status][_in]=overdue,missed&limit=-1`);
		const notices: any[] = await admin.data(`/notifications?filter[collection][_eq]=visits&filter[item][_in]=${ids}&filter[subject][_nempty]=true&limit=-1`);
		const count = (rows: any[], id: number) => rows.filter((r) => r.item === String(id)).length;
		for (const id of [...overdue, ...missed]) {
			expect(count(logs, id), `approval_log of visit ${id}`).toBe(1);
			expect(count(notices.filter((n) => /逾期|未拜访/.test(n.subject)), id), `notices of visit ${id}`).toBe(1);
		}
		const revisitLogs: any[] = await admin.data(`/items/approval_log?filter[collection][_eq]=revisits&filter[item][_in]=${revisits.join(',')}&limit=-1`);
		const revisitNotices: any[] = await admin.data(`/notifications?filter[collection][_eq]=revisits&filter[item][_in]=${revisits.join(',')}&limit=-1`);
		for (const id of revisits) {
			expect(count(revisitLogs, id), `approval_log of revisit ${id}`).toBe(1);
			expect(count(revisitNotices, id), `notices of revisit ${id}`).toBe(1);
		}
		const scheduled: any[] = await admin.data('/items/revisits?filter[kind][_in]=periodic_phone,key_account_onsite&fields=schedule_key&limit=-1');
		const keys = scheduled.map((r) => r.schedule_key).filter(Boolean);
		expect(keys.length).toBeGreaterThan(0);
		expect(new Set(keys).size).toBe(keys.length);
	});
});
