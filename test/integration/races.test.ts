/**
 * Races forced to overlap: on Postgres the test holds the row's lock from its own connection
 * until every request waits for it (pg_stat_activity), then lets them go at once. SQLite
 * runs one write transaction at a time, so there the same requests only check the outcome.
 *
 * - Two customer-service agents record one revisit as done: one wins, the other gets 409,
 *   and one log row, one satisfaction.
 * - Two people regrade one customer at the same moment: both changes are in the lead-grade
 *   history, chained (each `from_grade` is the grade the other left).
 * - Two quotes made at the same moment through the items API, each numbered by the server: on
 *   Postgres the test holds the month's numbering lock until both wait for it; both are saved,
 *   with numbers of their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentPrefix } from '../../extensions/sales-visits/src/domain/numbering.ts';
import { addDays, zonedDate } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { Client, targets } from './client.ts';
import { closeDatabases, holdAdvisoryLock, overlapping, overlappingUnder } from './db.ts';
import { refusedWith } from './expect.ts';

describe.each(targets)('forced races on $name', (target) => {
	let admin: Client;
	const as: Record<string, Client> = {};
	let users: Record<string, string>;
	let customer: number;

	beforeAll(async () => {
		admin = await Client.admin(target);
		for (const who of ['rep1', 'manager1', 'service']) as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		customer = (
			await admin.data(`/items/customers?filter[owner][_eq]=${users.rep1}&filter[status][_eq]=active&limit=1&fields=id`)
		)[0].id;
	});
	afterAll(closeDatabases);

	it('lets one of two simultaneous “done” of a revisit win', async () => {
		const due = addDays(zonedDate(new Date(), 'Asia/Shanghai'), 5);
		const created = await as.service!.post('/items/revisits', {
			customer,
			kind: 'maintenance',
			channel: 'phone',
			due_date: due,
			owner: users.rep1,
		});
		expect(created.status, JSON.stringify(created.body)).toBe(200);
		const id = created.body.data.id as number;

		const results = await overlapping(target, 'revisits', id, [
			() => as.service!.post(`/visit-flow/revisits/${id}/done`, { satisfaction: 2, notes: 'first' }),
			() => as.rep1!.post(`/visit-flow/revisits/${id}/done`, { satisfaction: 5, notes: 'second' }),
		]);
		expect(results.map((r) => r.status).sort(), JSON.stringify(results.map((r) => r.body))).toEqual([200, 409]);
		refusedWith(
			results.find((r) => r.status === 409)!,
			409,
			'transition',
		);
		const winner = results.find((r) => r.status === 200)!.body.data;
		expect(await admin.data(`/items/revisits/${id}`)).toMatchObject({
			status: 'done',
			satisfaction: winner.satisfaction,
			notes: winner.notes,
		});
		const log: any[] = await admin.data(
			`/items/approval_log?filter[collection][_eq]=revisits&filter[item][_eq]=${id}&limit=-1`,
		);
		expect(log.map((l) => `${l.from_status}→${l.to_status}`)).toEqual(['scheduled→done']);
	});

	it('keeps both of two simultaneous grade changes in the history, chained', async () => {
		const created = await admin.post('/items/customers', {
			name: `竞速客户 ${target.name} ${Date.now()}`,
			code: `RACE-${Date.now()}`,
			tier: 'C',
			category: 'ordinary',
			region_scope: 'local',
			owner: users.rep1,
			lead_grade: 'C',
		});
		expect(created.status, JSON.stringify(created.body)).toBe(200);
		const id = created.body.data.id as number;

		const results = await overlapping(target, 'customers', id, [
			() => as.rep1!.patch(`/items/customers/${id}`, { lead_grade: 'B' }),
			() => as.manager1!.patch(`/items/customers/${id}`, { lead_grade: 'A' }),
		]);
		for (const res of results) expect(res.status, JSON.stringify(res.body)).toBe(200);

		// Written in the transaction of each change: there is nothing to wait for.
		const history: any[] = await admin.data(`/items/lead_grade_changes?filter[customer][_eq]=${id}&sort=id&limit=-1`);
		const final = (await admin.data(`/items/customers/${id}?fields=lead_grade`)).lead_grade;
		expect(history).toHaveLength(3);
		expect(history[0]).toMatchObject({ from_grade: null, to_grade: 'C' });
		expect(history[1]!.from_grade).toBe('C');
		expect(history[2]!.from_grade).toBe(history[1]!.to_grade);
		expect([history[1]!.to_grade, history[2]!.to_grade].sort()).toEqual(['A', 'B']);
		expect(history[2]!.to_grade).toBe(final);
		expect(Date.parse(history[2]!.changed_at)).toBeGreaterThanOrEqual(Date.parse(history[1]!.changed_at));
		// Each row names who made that change.
		const by = Object.fromEntries(history.slice(1).map((h) => [h.to_grade, h.changed_by]));
		expect(by).toEqual({ B: users.rep1, A: users.manager1 });
	});

	it('numbers two quotes made at the same moment apart', async () => {
		const timezone = (await admin.data('/items/visit_settings?fields=timezone')).timezone ?? 'Asia/Shanghai';
		const product = (await admin.data('/items/products?filter[active][_eq]=true&sort=id&limit=1'))[0];
		const prefix = documentPrefix('quote', zonedDate(new Date(), timezone));
		const lock = target.env.DB_CLIENT === 'pg' ? await holdAdvisoryLock(target, prefix) : null;
		const results = await overlappingUnder(
			lock,
			[0, 1].map(
				() => () =>
					as.rep1!.post('/items/quotes', {
						customer,
						requested_at: new Date().toISOString(),
						lines: [{ product: product.id, quantity: 1, unit_price: Number(product.list_price) }],
					}),
			),
		);
		for (const res of results) expect(res.status, JSON.stringify(res.body)).toBe(200);
		const numbers = results.map((r) => r.body.data.quote_no as string);
		expect(new Set(numbers).size, numbers.join(' ')).toBe(2);
		for (const no of numbers) expect(no.startsWith(prefix), no).toBe(true);
	});
});
