/**
 * An idle sweep writes nothing: once a run has nothing left to change, two more runs on the
 * unchanged database advance no sequence (Postgres `pg_sequences`, SQLite `sqlite_sequence`)
 * and leave every table as it was (row count and checksum of the rows, and on Postgres the
 * rows' xmin, so even an UPDATE that sets a value to itself shows).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Client, targets } from './client.ts';
import { closeDatabases, databaseState } from './db.ts';

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
		expect(Object.keys(before.tables)).toEqual(expect.arrayContaining(['revisits', 'visits', 'approval_log', 'directus_notifications']));
		await sweep();
		await sweep();
		const after = await databaseState(target);
		expect(after.sequences).toEqual(before.sequences);
		for (const [table, state] of Object.entries(before.tables)) expect(after.tables[table], table).toEqual(state);
	});
});
