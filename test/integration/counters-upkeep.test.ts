/**
 * The KPI counters stay true through what changes them wholesale: a new time zone (their months
 * are local) recounts them, and a schema change that makes SQLite rebuild a counted table (which
 * drops its triggers, and which the counter triggers naming that table would otherwise refuse)
 * or alters a counted column (which Postgres refuses while a trigger depends on the column)
 * leaves them counting.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { counterDrift } from '../../extensions/sales-visits/src/counters/rebuild.ts';
import { missingTriggers } from '../../extensions/sales-visits/src/counters/triggers.ts';
import { Client, targets } from './client.ts';
import { closeDatabases, connect, insertRow } from './db.ts';
import { eventually } from './expect.ts';
import { YEARS } from './years.ts';

const YEAR = YEARS['counters-upkeep.test.ts'][0];

describe.each(targets)('KPI counter upkeep on $name', (target) => {
	afterAll(closeDatabases);

	/** A scheduled visit outside any plan: one `unplanned` for its owner in the local month of its start. */
	async function unplannedVisit(at: Date) {
		const admin = await Client.admin(target);
		const [{ id: customer, owner }] = await admin.data(
			'/items/customers?filter[status][_eq]=active&filter[owner][_nnull]=true&limit=1&fields=id,owner',
		);
		await insertRow(target, 'visits', {
			owner,
			customer,
			channel: 'phone',
			purpose: 'relationship',
			status: 'scheduled',
			scheduled_start: at,
		});
		return owner as string;
	}
	/** The owner's `unplanned` by month of the file's year, a month without a counter as 0. */
	const unplanned = async (owner: string) => ({
		[`${YEAR}-03`]: 0,
		[`${YEAR}-04`]: 0,
		[`${YEAR}-06`]: 0,
		...Object.fromEntries(
			(
				await connect(target)('kpi_counters')
					.where({ owner, metric: 'unplanned' })
					.where('month', 'like', `${YEAR}-%`)
					.select('month', 'n')
			).map((r: { month: string; n: unknown }) => [r.month, Number(r.n)]),
		),
	});

	it('counts in the months of a new time zone once it is set', async () => {
		const admin = await Client.admin(target);
		// 20:00 UTC on 31 March: already April in Shanghai, still March in UTC.
		const owner = await unplannedVisit(new Date(`${YEAR}-03-31T20:00:00Z`));
		expect(await unplanned(owner)).toMatchObject({ [`${YEAR}-03`]: 0, [`${YEAR}-04`]: 1 });
		try {
			expect((await admin.patch('/items/visit_settings', { timezone: 'UTC' })).status).toBe(200);
			await eventually(async () =>
				expect(await unplanned(owner)).toMatchObject({ [`${YEAR}-03`]: 1, [`${YEAR}-04`]: 0 }),
			);
		} finally {
			await admin.patch('/items/visit_settings', { timezone: 'Asia/Shanghai' });
		}
		await eventually(async () =>
			expect(await unplanned(owner)).toMatchObject({ [`${YEAR}-03`]: 0, [`${YEAR}-04`]: 1 }),
		);
		expect(await counterDrift(connect(target))).toEqual([]);
	});

	it('keeps counting through a schema change that rebuilds a counted table', async () => {
		const admin = await Client.admin(target);
		expect((await admin.post('/fields/visits', { field: 'upkeep_probe', type: 'string' })).status).toBe(200);
		expect((await admin.delete('/fields/visits/upkeep_probe')).status).toBe(204);
		// The triggers are back (on SQLite, once the change is made) and count a write made after it.
		await eventually(async () => expect(await missingTriggers(connect(target))).toEqual([]));
		const owner = await unplannedVisit(new Date(`${YEAR}-06-15T02:00:00Z`));
		expect((await unplanned(owner))[`${YEAR}-06`]).toBe(1);
		expect(await counterDrift(connect(target))).toEqual([]);
	});

	it('lets an Administrator change the definition of a counted field', async () => {
		const admin = await Client.admin(target);
		// Directus alters the column's type for it, which Postgres refuses while a trigger names the column.
		const indexed = (is_indexed: boolean) => admin.patch('/fields/visits/scheduled_start', { schema: { is_indexed } });
		try {
			const res = await indexed(true);
			expect(res.status, JSON.stringify(res.body)).toBe(200);
		} finally {
			expect((await indexed(false)).status).toBe(200);
		}
		await eventually(async () => expect(await missingTriggers(connect(target))).toEqual([]));
		const owner = await unplannedVisit(new Date(`${YEAR}-08-15T02:00:00Z`));
		expect((await unplanned(owner))[`${YEAR}-08`]).toBe(1);
		expect(await counterDrift(connect(target))).toEqual([]);
	});
});
