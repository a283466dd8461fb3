/**
 * An idle sweep writes nothing: once a run has nothing left to change, two more runs on the
 * unchanged database advance no sequence (Postgres `pg_sequences`, SQLite `sqlite_sequence`)
 * and leave every table as it was (row count and checksum of the rows, and on Postgres the
 * rows' xmin, so even an UPDATE that sets a value to itself shows). And one rule that fails
 * does not take the others down.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Client, targets } from './client.ts';
import { addDays, zonedDate } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { closeDatabases, databaseState, dateValue, execute, insertRow } from './db.ts';

describe.each(targets)('an idle sweep on $name', (target) => {
	afterAll(closeDatabases);

	it('takes no sequence value and writes nothing', async () => {
		const admin = await Client.admin(target);
		const sweep = async () => {
			const res = await admin.post('/visit-flow/sweeps/run', {});
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			return res.body.data;
		};
		// Whatever the other suites left due is swept first.
		let runs = 0;
		for (let changed = true; changed; runs++) {
			expect(runs, 'the sweeps never settle').toBeLessThan(5);
			const counts = await sweep();
			expect(counts.failed).toEqual([]);
			changed = Object.values(counts).some((n) => typeof n === 'number' && n > 0);
		}

		const before = await databaseState(target);
		expect(Object.keys(before.tables)).toEqual(
			expect.arrayContaining(['revisits', 'visits', 'approval_log', 'directus_notifications']),
		);
		await sweep();
		await sweep();
		const after = await databaseState(target);
		expect(after.sequences).toEqual(before.sequences);
		for (const [table, state] of Object.entries(before.tables)) expect(after.tables[table], table).toEqual(state);
	});

	it('commits the other rules when one of them fails, and says which failed', async () => {
		const admin = await Client.admin(target);
		const [{ id: customer, owner }] = await admin.data(
			'/items/customers?filter[status][_eq]=active&filter[owner][_nnull]=true&limit=1&fields=id,owner',
		);
		const past = dateValue(target, addDays(zonedDate(new Date(), 'Asia/Shanghai'), -3));
		const followUp = await insertRow(target, 'follow_ups', {
			customer,
			owner,
			description: '规则失败测试',
			due_date: past,
			status: 'open',
			overdue: false,
		});
		const revisit = await insertRow(target, 'revisits', {
			customer,
			owner,
			kind: 'maintenance',
			channel: 'phone',
			status: 'scheduled',
			due_date: past,
		});
		// Flagging follow-ups fails (as a full disk or a bad row would) while the trigger is there.
		const pg = target.env.DB_CLIENT === 'pg';
		if (pg) {
			await execute(
				target,
				"CREATE OR REPLACE FUNCTION test_refuse_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$",
			);
			await execute(
				target,
				'CREATE TRIGGER test_refuse_follow_ups BEFORE UPDATE ON follow_ups FOR EACH ROW EXECUTE FUNCTION test_refuse_write()',
			);
		} else
			await execute(
				target,
				"CREATE TRIGGER test_refuse_follow_ups BEFORE UPDATE ON follow_ups BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
			);
		try {
			const res = await admin.post('/visit-flow/sweeps/run', {});
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			expect(res.body.data.failed).toEqual(['overdue_follow_ups']);
			expect(res.body.data.missed_revisits).toBeGreaterThanOrEqual(1);
		} finally {
			await execute(
				target,
				pg ? 'DROP TRIGGER test_refuse_follow_ups ON follow_ups' : 'DROP TRIGGER test_refuse_follow_ups',
			);
		}
		expect(await admin.data(`/items/revisits/${revisit}?fields=status`)).toEqual({ status: 'missed' });
		expect(await admin.data(`/items/follow_ups/${followUp}?fields=overdue`)).toEqual({ overdue: false });
		const again = await admin.post('/visit-flow/sweeps/run', {});
		expect(again.body.data).toMatchObject({ failed: [], overdue_follow_ups: 1 });
		expect(await admin.data(`/items/follow_ups/${followUp}?fields=overdue`)).toEqual({ overdue: true });
	});
});
