/**
 * The ready-made Insights dashboard 销售拜访看板 / Sales visit dashboard as code: fixed ids, so
 * running setup again converges on this definition (rows inserted when missing, put back when
 * changed) instead of adding copies. Managers and General Managers may read dashboards and
 * panels (access/policies.ts); every panel scopes its data to the reader.
 */
import type { Knex } from 'knex';

export const SALES_DASHBOARD_ID = '5a1e5d00-0000-4000-8000-000000000001';

export const salesDashboard = {
	id: SALES_DASHBOARD_ID,
	name: '销售拜访看板 / Sales visit dashboard',
	icon: 'insights',
	color: '#2ECDA7',
	note: '团队考核指标、排行、报告截止、拜访达标与意向客户漏斗 / KPIs, leaderboard, report deadlines, quota coverage and the lead funnel',
};

export interface PanelDefinition {
	id: string;
	type: string;
	name: string;
	icon: string;
	note?: string | null;
	position_x: number;
	position_y: number;
	width: number;
	height: number;
	options: Record<string, unknown>;
}

const panelId = (n: number) => `5a1e5d00-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`;

/** Laid out for a laptop (about 56 grid columns beside the navigation): the KPIs first. */
export const salesDashboardPanels: PanelDefinition[] = [
	{
		id: panelId(1),
		type: 'visit-kpi-scorecard',
		name: '本月考核指标 / KPIs this month',
		icon: 'speed',
		position_x: 1,
		position_y: 1,
		width: 32,
		height: 20,
		options: { kpis: ['plan_on_time', 'plan_completion', 'report_on_time', 'overdue_reports', 'quota_compliance', 'follow_up_completion', 'sales_completion', 'geofence_inside'], period: 'this_month', scope: 'own' },
	},
	{
		id: panelId(2),
		type: 'visit-kpi-leaderboard',
		name: '拜访频次达标排行 / Quota compliance ranking',
		icon: 'leaderboard',
		position_x: 33,
		position_y: 1,
		width: 24,
		height: 20,
		options: { kpi: 'quota_compliance', period: 'this_month' },
	},
	{
		id: panelId(3),
		type: 'visit-quota-heatmap',
		name: '达标热力图 / Quota heat map',
		icon: 'grid_on',
		position_x: 1,
		position_y: 21,
		width: 32,
		height: 18,
		options: { period: 'current' },
	},
	{
		id: panelId(4),
		type: 'visit-lead-funnel',
		name: '本年意向客户漏斗 / Lead funnel this year',
		icon: 'filter_alt',
		position_x: 33,
		position_y: 21,
		width: 24,
		height: 18,
		options: { period: 'this_year', scope: 'own' },
	},
	{
		id: panelId(5),
		type: 'visit-report-deadlines',
		name: '报告截止 / Report deadlines',
		icon: 'alarm',
		position_x: 1,
		position_y: 39,
		width: 32,
		height: 18,
		options: { hours: 48, limit: 50 },
	},
	{
		id: panelId(6),
		type: 'visit-quota-coverage',
		name: '拜访达标 / Quota coverage',
		icon: 'fact_check',
		position_x: 33,
		position_y: 39,
		width: 24,
		height: 18,
		options: { period: 'current' },
	},
];

// JSON columns come back as strings (SQLite) or objects (Postgres): compare their JSON.
const asJson = (value: unknown) => (value == null ? null : typeof value === 'string' ? value : JSON.stringify(value));

async function upsert(knex: Knex, table: string, row: Record<string, unknown>, jsonColumns: string[] = []): Promise<boolean> {
	const existing = await knex(table).where({ id: row.id }).first(Object.keys(row));
	if (!existing) {
		await knex(table).insert({ ...row, date_created: knex.fn.now() });
		return true;
	}
	const differs = Object.entries(row).some(([k, v]) => (jsonColumns.includes(k) ? asJson(existing[k]) !== v : k === 'show_header' ? Boolean(existing[k]) !== v : existing[k] !== v));
	if (differs) await knex(table).where({ id: row.id }).update(row);
	return differs;
}

/** Writes the dashboard and its panels; returns how many rows were inserted or changed. */
export async function applyDashboards(knex: Knex): Promise<number> {
	let changed = 0;
	if (await upsert(knex, 'directus_dashboards', salesDashboard)) changed++;
	for (const p of salesDashboardPanels) {
		const row = { ...p, note: p.note ?? null, dashboard: SALES_DASHBOARD_ID, show_header: true, color: null, options: JSON.stringify(p.options) };
		if (await upsert(knex, 'directus_panels', row, ['options'])) changed++;
	}
	return changed;
}
