/**
 * The seeded dashboard on an upgraded database: setup's dashboard step (as `npm start` runs it)
 * against the suite's database. A dashboard from an earlier release gets the seeded panels it never
 * had, below whatever the admin put where they would go; a seeded panel the admin deleted stays
 * deleted, one they edited stays as they left it, and a second run writes nothing. On Postgres,
 * setups starting together install each row once. Writes no dated rows (no years of its own); the
 * dashboard is put back as a fresh install leaves it.
 */
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	applyDashboards,
	EARLIER_PANELS,
	MY_DASHBOARD_ID,
	myDashboardPanels,
	PANEL_RELEASES,
	SALES_DASHBOARD_ID,
	salesDashboardPanels,
	SEEDS,
} from '../../extensions/sales-visits/src/setup/dashboard.ts';
import { Client, targets } from './client.ts';
import { closeDatabases, connect } from './db.ts';

const laterReleases = PANEL_RELEASES.slice(1);
const later = laterReleases.flat();
const seededIds = salesDashboardPanels.map((p) => p.id);
const myIds = myDashboardPanels.map((p) => p.id);
const seeded = (id: string) => salesDashboardPanels.find((p) => p.id === id)!;
const [pipeline, aging] = laterReleases[0] as [string, string];
const heatmap = salesDashboardPanels.find((p) => p.type === 'visit-quota-heatmap')!;
const scorecard = salesDashboardPanels.find((p) => p.type === 'visit-kpi-scorecard')!;

interface Tile {
	id: string;
	position_x: number;
	position_y: number;
	width: number;
	height: number;
}

describe.each(targets)('the seeded dashboard on upgrade on $name', (target) => {
	let db: Knex;
	let admin: Client;

	/** The dashboard's panels as stored, by id. */
	const panels = async (): Promise<Record<string, any>> =>
		Object.fromEntries(
			(await db('directus_panels').where({ dashboard: SALES_DASHBOARD_ID }).orderBy('id').select('*')).map((p) => [
				p.id,
				p,
			]),
		);
	const ledger = async () => (await db(SEEDS).orderBy('id').pluck('id')) as string[];
	/** Back to no dashboard and nothing remembered, as before a first setup. */
	const wipe = async () => {
		await db('directus_panels').whereIn('dashboard', [SALES_DASHBOARD_ID, MY_DASHBOARD_ID]).delete();
		await db('directus_dashboards').whereIn('id', [SALES_DASHBOARD_ID, MY_DASHBOARD_ID]).delete();
		if (await db.schema.hasTable(SEEDS)) await db(SEEDS).delete();
	};

	beforeAll(async () => {
		db = connect(target);
		admin = await Client.admin(target);
	});

	afterAll(async () => {
		// As a fresh install leaves it, for the other files.
		if (db) {
			await wipe();
			await applyDashboards(db);
		}
		await closeDatabases();
	});

	it('installs the dashboard and every panel on a database that has none', async () => {
		await wipe();
		expect(await applyDashboards(db)).toBe(2 + seededIds.length + myIds.length);
		expect(Object.keys(await panels()).sort()).toEqual([...seededIds].sort());
		expect(await ledger()).toEqual([SALES_DASHBOARD_ID, MY_DASHBOARD_ID, ...seededIds, ...myIds].sort());
	});

	it('renews the names and places of panels still as the earlier release left them, not the admin’s changes', async () => {
		// The dashboard as the release before left it: 57 columns wide, names without scope; the
		// admin renamed the scorecard and moved the heat map since.
		for (const [id, earlier] of Object.entries(EARLIER_PANELS))
			await db('directus_panels').where({ id }).update(earlier);
		await db('directus_panels').where({ id: scorecard.id }).update({ name: '我的指标' });
		await db('directus_panels').where({ id: heatmap.id }).update({ position_y: 300 });

		expect(await applyDashboards(db)).toBe(seededIds.length);
		const after = await panels();
		for (const p of salesDashboardPanels) {
			const row = after[p.id];
			expect(row.name, p.type).toBe(p.id === scorecard.id ? '我的指标' : p.name);
			if (p.id === heatmap.id) expect(row).toMatchObject({ ...EARLIER_PANELS[p.id], name: p.name, position_y: 300 });
			else
				expect(row, p.type).toMatchObject({
					position_x: p.position_x,
					position_y: p.position_y,
					width: p.width,
					height: p.height,
				});
		}
		expect(await applyDashboards(db)).toBe(0);
		// As a fresh install leaves it, for the next tests.
		await wipe();
		await applyDashboards(db);
	});

	it('adds to a dashboard from the first release the later panels, below what the admin put where they go', async () => {
		// The first release's dashboard: no ledger, the first panels only, one of them narrowed by the
		// admin, and a panel of the admin's own where the pipeline would go.
		await db.schema.dropTable(SEEDS);
		await db('directus_panels').where({ dashboard: SALES_DASHBOARD_ID }).whereIn('id', later).delete();
		expect((await admin.patch(`/panels/${heatmap.id}`, { width: heatmap.width - 4 })).status).toBe(200);
		const own = await admin.post('/panels', {
			dashboard: SALES_DASHBOARD_ID,
			name: 'Notes',
			type: 'label',
			icon: 'notes',
			position_x: 1,
			position_y: seeded(pipeline).position_y,
			width: 20,
			height: 8,
			options: { text: 'Q4' },
		});
		expect(own.status).toBe(200);
		const before = await panels();

		expect(await applyDashboards(db)).toBe(later.length);
		const after = await panels();
		expect(Object.keys(after).sort()).toEqual([...seededIds, own.body.data.id].sort());
		// What was there is as it was, the narrowed panel and the admin's own included.
		for (const [id, row] of Object.entries(before)) expect(after[id], id).toEqual(row);
		expect(after[heatmap.id].width).toBe(heatmap.width - 4);
		// The new panels as seeded, all moved down together to just below the admin's panel.
		const dy = 8;
		for (const id of later) {
			const p = seeded(id);
			expect(after[id], p.type).toMatchObject({
				type: p.type,
				name: p.name,
				position_x: p.position_x,
				position_y: p.position_y + dy,
				width: p.width,
				height: p.height,
			});
			const options = typeof after[id].options === 'string' ? JSON.parse(after[id].options) : after[id].options;
			expect(options, p.type).toEqual(p.options);
		}
		// Nothing covers anything.
		const tiles = Object.values(after) as Tile[];
		for (const a of tiles)
			for (const b of tiles)
				if (a.id !== b.id)
					expect(
						a.position_x < b.position_x + b.width &&
							b.position_x < a.position_x + a.width &&
							a.position_y < b.position_y + b.height &&
							b.position_y < a.position_y + a.height,
						`${a.id} / ${b.id}`,
					).toBe(false);
		expect(await ledger()).toEqual([SALES_DASHBOARD_ID, MY_DASHBOARD_ID, ...seededIds, ...myIds].sort());
		expect((await admin.delete(`/panels/${own.body.data.id}`)).status).toBe(204);
	});

	it('does not add again a panel the admin deleted, before or after the ledger', async () => {
		// Deleted by the admin now.
		expect((await admin.delete(`/panels/${aging}`)).status).toBe(204);
		expect(await applyDashboards(db)).toBe(0);
		expect(Object.keys(await panels())).not.toContain(aging);

		// Deleted by the admin before the upgrade, on a dashboard installed with the pipeline and aging:
		// that release's other panel still there tells it was installed.
		await db.schema.dropTable(SEEDS);
		await db('directus_panels')
			.where({ dashboard: SALES_DASHBOARD_ID })
			.whereIn('id', laterReleases.slice(1).flat())
			.delete();
		expect(await applyDashboards(db)).toBe(laterReleases.slice(1).flat().length);
		const ids = Object.keys(await panels());
		expect(ids).not.toContain(aging);
		expect(ids).toContain(pipeline);
		expect(ids.sort()).toEqual(seededIds.filter((id) => id !== aging).sort());
	});

	it('leaves an edited panel as the admin left it', async () => {
		const edit = {
			name: '我的指标 / My KPIs',
			position_x: 5,
			position_y: 200,
			width: 20,
			options: { kpis: ['plan_on_time'], period: 'last_month', scope: 'own' },
		};
		expect((await admin.patch(`/panels/${scorecard.id}`, edit)).status).toBe(200);
		const before = await panels();
		expect(await applyDashboards(db)).toBe(0);
		expect(await panels()).toEqual(before);
		expect(before[scorecard.id]).toMatchObject({ name: edit.name, position_x: 5, position_y: 200, width: 20 });
	});

	it('changes nothing when run twice', async () => {
		const before = [await panels(), await ledger(), await db('directus_dashboards').select('*')];
		expect(await applyDashboards(db)).toBe(0);
		expect(await applyDashboards(db)).toBe(0);
		expect([await panels(), await ledger(), await db('directus_dashboards').select('*')]).toEqual(before);
	});

	it('keeps a dashboard the admin deleted deleted', async () => {
		expect((await admin.delete(`/dashboards/${SALES_DASHBOARD_ID}`)).status).toBe(204);
		expect(await applyDashboards(db)).toBe(0);
		expect(await db('directus_dashboards').where({ id: SALES_DASHBOARD_ID })).toEqual([]);
		expect(await panels()).toEqual({});
	});

	it.runIf(target.env.DB_CLIENT === 'pg')('installs each row once when several instances set up at once', async () => {
		await wipe();
		const { env } = target;
		const instances = [1, 2, 3].map(() =>
			knex({
				client: 'pg',
				connection: {
					host: env.DB_HOST,
					port: Number(env.DB_PORT),
					user: env.DB_USER,
					password: env.DB_PASSWORD,
					database: env.DB_DATABASE,
				},
				pool: { min: 0, max: 1 },
			}),
		);
		try {
			const written = await Promise.all(instances.map((instance) => applyDashboards(instance)));
			expect(written.reduce((a, b) => a + b, 0)).toBe(2 + seededIds.length + myIds.length);
			expect(written.filter((n) => n > 0)).toHaveLength(1);
		} finally {
			await Promise.all(instances.map((instance) => instance.destroy()));
		}
		expect(Object.keys(await panels()).sort()).toEqual([...seededIds].sort());
		expect(await ledger()).toEqual([SALES_DASHBOARD_ID, MY_DASHBOARD_ID, ...seededIds, ...myIds].sort());
	});
});
