/**
 * Who reads which seeded dashboard, through REST and GraphQL: a rep reads 我的看板 and its panels
 * and nothing else of Insights (not the sales dashboard, not one an Administrator makes), a manager
 * reads the sales dashboard and the Administrator's, not the reps' own; and what a rep's panels
 * ask for is the rep's own figures. Writes no dated rows (its years are held for the Studio file).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	MY_DASHBOARD_ID,
	myDashboardPanels,
	SALES_DASHBOARD_ID,
	salesDashboardPanels,
} from '../../extensions/sales-visits/src/setup/dashboard.ts';
import type { KpiSummary } from '../../extensions/sales-visits/src/shared/insights.ts';
import { Client, targets } from './client.ts';

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const myPanels = myDashboardPanels.map((p) => p.id).sort();
const salesPanels = salesDashboardPanels.map((p) => p.id).sort();

describe.each(targets)('who reads which dashboard on $name', (target) => {
	let admin: Client;
	let rep: Client;
	let manager: Client;
	let own: { dashboard: string; panel: string };
	const users: Record<string, string> = {};

	beforeAll(async () => {
		admin = await Client.admin(target);
		rep = await Client.login(target.url, 'rep1@example.com');
		manager = await Client.login(target.url, 'manager1@example.com');
		for (const u of await admin.data('/users?fields=id,email&limit=-1')) users[u.email.split('@')[0]] = u.id;
		// A dashboard of the Administrator's own, as one makes for the managers.
		const dashboard = (await admin.post('/dashboards', { name: '经理周会', icon: 'groups' })).body.data.id;
		const panel = (
			await admin.post('/panels', {
				dashboard,
				name: '团队 · 本月考核指标',
				type: 'visit-kpi-scorecard',
				icon: 'speed',
				position_x: 1,
				position_y: 1,
				width: 20,
				height: 10,
				options: { period: 'this_month' },
			})
		).body.data.id;
		own = { dashboard, panel };
	});
	afterAll(async () => {
		if (own) await admin.delete(`/dashboards/${own.dashboard}`);
	});

	it('gives a rep 我的看板 and its panels only, through REST', async () => {
		expect(ids(await rep.data('/dashboards?fields=id&limit=-1'))).toEqual([MY_DASHBOARD_ID]);
		expect((await rep.data(`/dashboards/${MY_DASHBOARD_ID}?fields=name`)).name).toBe('我的看板');
		expect(ids(await rep.data('/panels?fields=id&limit=-1'))).toEqual(myPanels);
		for (const path of [
			`/dashboards/${SALES_DASHBOARD_ID}`,
			`/dashboards/${own.dashboard}`,
			`/panels/${salesPanels[0]}`,
			`/panels/${own.panel}`,
		])
			expect((await rep.get(path)).status, path).toBe(403);
		// Not by a filter through the panel's dashboard either.
		expect(await rep.data(`/panels?fields=id&filter[dashboard][_eq]=${SALES_DASHBOARD_ID}`)).toEqual([]);
	});

	it('gives a rep 我的看板 and its panels only, through GraphQL', async () => {
		const res = await rep.graphql(
			'{ dashboards { id name panels { id } } panels(limit: -1) { id dashboard { id } } }',
			true,
		);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const { dashboards, panels } = res.body.data;
		expect(dashboards.map((d: any) => d.name)).toEqual(['我的看板']);
		expect(ids(dashboards[0].panels)).toEqual(myPanels);
		expect(ids(panels)).toEqual(myPanels);
		expect(new Set(panels.map((p: any) => p.dashboard.id))).toEqual(new Set([MY_DASHBOARD_ID]));
		const other = await rep.graphql(`{ dashboards_by_id(id: "${SALES_DASHBOARD_ID}") { id } }`, true);
		expect(other.body.data?.dashboards_by_id ?? null).toBeNull();
	});

	it('gives a manager the sales dashboard and the Administrator’s, not the reps’ own', async () => {
		const dashboards = ids(await manager.data('/dashboards?fields=id&limit=-1'));
		expect(dashboards).toEqual(expect.arrayContaining([SALES_DASHBOARD_ID, own.dashboard]));
		expect(dashboards).not.toContain(MY_DASHBOARD_ID);
		expect(ids(await manager.data(`/panels?fields=id&limit=-1&filter[dashboard][_eq]=${SALES_DASHBOARD_ID}`))).toEqual(
			salesPanels,
		);
		expect((await manager.get(`/dashboards/${MY_DASHBOARD_ID}`)).status).toBe(403);
		const res = await manager.graphql('{ dashboards(limit: -1) { id panels { id } } }', true);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const sales = res.body.data.dashboards.find((d: any) => d.id === SALES_DASHBOARD_ID);
		expect(ids(sales.panels)).toEqual(salesPanels);
		expect(res.body.data.dashboards.map((d: any) => d.id)).not.toContain(MY_DASHBOARD_ID);
	});

	it('asks for a rep’s own figures on 我的看板', async () => {
		const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
		// The panels' `own` scope is the caller: the rep, named, alone.
		const summary: KpiSummary = await rep.data(`/visit-kpi/summary?period=${month}`);
		expect(summary).toMatchObject({ scope: 'rep', id: users.rep1 });
		// Nobody else's: the team's and a colleague's are refused.
		expect((await rep.get(`/visit-kpi/summary?period=${month}&scope=team&id=${users.manager1}`)).status).toBe(403);
		expect((await rep.get(`/visit-kpi/summary?period=${month}&scope=rep&id=${users.rep2}`)).status).toBe(403);
		const compliance = await rep.data(`/visit-quotas/compliance?period=${month}`);
		expect(new Set(compliance.reps.map((r: any) => r.owner))).toEqual(new Set([users.rep1]));
	});
});
