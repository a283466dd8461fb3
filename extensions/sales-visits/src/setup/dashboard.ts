/**
 * The ready-made Insights dashboard 销售拜访看板 / Sales visit dashboard as code, with fixed ids so
 * that running setup again never adds a copy. Managers and General Managers may read dashboards and
 * panels (access/policies.ts); every panel scopes its data to the reader.
 */
import type { Knex } from 'knex';

export const SALES_DASHBOARD_ID = '5a1e5d00-0000-4000-8000-000000000001';

export const salesDashboard = {
	id: SALES_DASHBOARD_ID,
	name: '销售拜访看板 / Sales visit dashboard',
	icon: 'insights',
	color: '#2ECDA7',
	note: '团队考核指标、排行、报告截止、拜访达标、意向客户漏斗、商机管道与应收账龄 / KPIs, leaderboard, report deadlines, quota coverage, the lead funnel, the pipeline and receivables aging',
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
		options: {
			kpis: [
				'plan_on_time',
				'plan_completion',
				'report_on_time',
				'overdue_reports',
				'quota_compliance',
				'follow_up_completion',
				'sales_completion',
				'geofence_inside',
			],
			period: 'this_month',
			scope: 'own',
		},
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
	{
		id: panelId(7),
		type: 'visit-sales-pipeline',
		name: '商机管道 / Pipeline by stage',
		icon: 'stacked_bar_chart',
		position_x: 1,
		position_y: 57,
		width: 32,
		height: 16,
		options: { scope: 'own' },
	},
	{
		id: panelId(8),
		type: 'visit-receivables-aging',
		name: '应收账龄 / Receivables aging',
		icon: 'hourglass_bottom',
		position_x: 33,
		position_y: 57,
		width: 24,
		height: 16,
		options: { scope: 'own' },
	},
	{
		id: panelId(10),
		type: 'visit-appraisal-levels',
		name: '上月考核等级 / Appraisal levels last month',
		icon: 'military_tech',
		position_x: 1,
		position_y: 89,
		width: 32,
		height: 18,
		options: { period: 'last_month', scope: 'own' },
	},
	{
		id: panelId(30),
		type: 'visit-target-attainment',
		name: '目标达成 / Target attainment',
		icon: 'track_changes',
		position_x: 1,
		position_y: 73,
		width: 56,
		height: 16,
		options: { year: 'this_year' },
	},
];

/**
 * Installs the dashboard and its panels when the dashboard is missing, and otherwise leaves it
 * alone, so that what an admin moves, resizes, reconfigures or removes stays so; returns how many
 * rows were written.
 */
export async function applyDashboards(knex: Knex): Promise<number> {
	if (await knex('directus_dashboards').where({ id: SALES_DASHBOARD_ID }).first('id')) return 0;
	const now = knex.fn.now();
	await knex('directus_dashboards').insert({ ...salesDashboard, date_created: now });
	await knex('directus_panels').insert(
		salesDashboardPanels.map((p) => ({
			...p,
			note: p.note ?? null,
			dashboard: SALES_DASHBOARD_ID,
			show_header: true,
			color: null,
			options: JSON.stringify(p.options),
			date_created: now,
		})),
	);
	return 1 + salesDashboardPanels.length;
}
