/**
 * The ready-made Insights dashboards as code, with fixed ids so that running setup again never adds
 * a copy: 销售拜访看板 (Sales visit dashboard) for managers and General Managers, 我的看板 (My
 * dashboard) for reps. Their names and their panels' names are in the company's language only: the
 * Directus 11.17 Studio shows them as stored (no `$t:` translation, unlike collection and field
 * names), and a label in two languages reads as neither. Who reads which is in access/policies.ts;
 * every panel scopes its data to the reader. An upgrade adds the seeded panels a dashboard never
 * had, renews the ones still as seeded, and leaves the rest as the admin left it (applyDashboards).
 */
import type { Knex } from 'knex';

export const SALES_DASHBOARD_ID = '5a1e5d00-0000-4000-8000-000000000001';

export const salesDashboard = {
	id: SALES_DASHBOARD_ID,
	name: '销售拜访看板',
	icon: 'insights',
	color: '#2ECDA7',
	note: '团队考核指标、排行、报告截止、拜访达标、意向客户漏斗、商机管道、应收账龄、目标达成、考核等级与投诉分析',
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

/**
 * The Studio's grid is 18 px a column. At 1440 px the navigation and the open sidebar leave about
 * 44 columns in view: every seeded dashboard stays within them (LAPTOP_COLUMNS). A phone shows 21.
 */
export const LAPTOP_COLUMNS = 44;
export const PHONE_COLUMNS = 21;

/**
 * For managers and General Managers: their team's figures (a General Manager's team is the
 * company). Each name says whose figures and which period, as the panel's own caption does.
 */
export const salesDashboardPanels: PanelDefinition[] = [
	{
		id: panelId(1),
		type: 'visit-kpi-scorecard',
		name: '团队 · 本月考核指标',
		icon: 'speed',
		position_x: 1,
		position_y: 1,
		width: 26,
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
		name: '团队 · 本月拜访频次达标排行',
		icon: 'leaderboard',
		position_x: 27,
		position_y: 1,
		width: 18,
		height: 20,
		options: { kpi: 'quota_compliance', period: 'this_month' },
	},
	{
		id: panelId(3),
		type: 'visit-quota-heatmap',
		name: '团队 · 本月达标热力图',
		icon: 'grid_on',
		position_x: 1,
		position_y: 21,
		width: 26,
		height: 18,
		options: { period: 'current' },
	},
	{
		id: panelId(4),
		type: 'visit-lead-funnel',
		name: '团队 · 本年意向客户漏斗',
		icon: 'filter_alt',
		position_x: 27,
		position_y: 21,
		width: 18,
		height: 18,
		options: { period: 'this_year', scope: 'own' },
	},
	{
		id: panelId(5),
		type: 'visit-report-deadlines',
		name: '团队 · 当前逾期及 48 小时内到期的报告',
		icon: 'alarm',
		position_x: 1,
		position_y: 39,
		width: 26,
		height: 18,
		options: { hours: 48, limit: 50 },
	},
	{
		id: panelId(6),
		type: 'visit-quota-coverage',
		name: '团队 · 本月拜访达标',
		icon: 'fact_check',
		position_x: 27,
		position_y: 39,
		width: 18,
		height: 18,
		options: { period: 'current' },
	},
	{
		id: panelId(7),
		type: 'visit-sales-pipeline',
		name: '团队 · 当前商机管道',
		icon: 'stacked_bar_chart',
		position_x: 1,
		position_y: 57,
		width: 26,
		height: 16,
		options: { scope: 'own' },
	},
	{
		id: panelId(8),
		type: 'visit-receivables-aging',
		name: '团队 · 当前应收账龄',
		icon: 'hourglass_bottom',
		position_x: 27,
		position_y: 57,
		width: 18,
		height: 16,
		options: { scope: 'own' },
	},
	{
		id: panelId(10),
		type: 'visit-appraisal-levels',
		name: '团队 · 上月考核等级',
		icon: 'military_tech',
		position_x: 1,
		position_y: 89,
		width: 26,
		height: 18,
		options: { period: 'last_month', scope: 'own' },
	},
	{
		id: panelId(11),
		type: 'visit-complaint-analysis',
		name: '团队 · 本年投诉分析',
		icon: 'report',
		position_x: 27,
		position_y: 89,
		width: 18,
		height: 18,
		options: { period: 'this_year', scope: 'own' },
	},
	{
		id: panelId(30),
		type: 'visit-target-attainment',
		name: '团队 · 本年目标达成',
		icon: 'track_changes',
		position_x: 1,
		position_y: 73,
		width: 44,
		height: 16,
		options: { year: 'this_year' },
	},
];

/**
 * Names and places the sales dashboard's panels had before they fitted a laptop with the sidebar
 * open and named their scope: a panel still so is brought to the new ones, one the admin changed is
 * left (relayout).
 */
export const EARLIER_PANELS: Record<string, Omit<PanelDefinition, 'id' | 'type' | 'icon' | 'options'>> = {
	[panelId(1)]: { name: '本月考核指标', position_x: 1, position_y: 1, width: 32, height: 20 },
	[panelId(2)]: { name: '拜访频次达标排行', position_x: 33, position_y: 1, width: 24, height: 20 },
	[panelId(3)]: { name: '达标热力图', position_x: 1, position_y: 21, width: 32, height: 18 },
	[panelId(4)]: { name: '本年意向客户漏斗', position_x: 33, position_y: 21, width: 24, height: 18 },
	[panelId(5)]: { name: '报告截止', position_x: 1, position_y: 39, width: 32, height: 18 },
	[panelId(6)]: { name: '拜访达标', position_x: 33, position_y: 39, width: 24, height: 18 },
	[panelId(7)]: { name: '商机管道', position_x: 1, position_y: 57, width: 32, height: 16 },
	[panelId(8)]: { name: '应收账龄', position_x: 33, position_y: 57, width: 24, height: 16 },
	[panelId(10)]: { name: '上月考核等级', position_x: 1, position_y: 89, width: 32, height: 18 },
	[panelId(11)]: { name: '本年投诉分析', position_x: 33, position_y: 89, width: 24, height: 18 },
	[panelId(30)]: { name: '目标达成', position_x: 1, position_y: 73, width: 56, height: 16 },
};

export const MY_DASHBOARD_ID = '5a1e5d00-0000-4000-8000-000000000002';

/** A rep's own dashboard (我的看板): the only dashboard a rep may read (access/policies.ts). */
export const myDashboard = {
	id: MY_DASHBOARD_ID,
	name: '我的看板',
	icon: 'person',
	color: '#3399FF',
	note: '本人的考核指标、待交报告、拜访达标、目标达成、商机与意向客户、应收账龄',
};

const myPanelId = (n: number) => `5a1e5d00-0000-4000-8000-0000000002${String(n).padStart(2, '0')}`;

/**
 * Two columns of a phone's width: on a phone the left one, what a rep acts on today (KPIs, reports
 * due, quota progress), is in view without scrolling sideways; on a laptop both are.
 */
export const myDashboardPanels: PanelDefinition[] = [
	{
		id: myPanelId(1),
		type: 'visit-kpi-scorecard',
		name: '本人 · 本月考核指标',
		icon: 'speed',
		position_x: 1,
		position_y: 1,
		width: PHONE_COLUMNS,
		height: 30,
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
		id: myPanelId(2),
		type: 'visit-report-deadlines',
		name: '本人 · 当前逾期及 48 小时内到期的报告',
		icon: 'alarm',
		position_x: 1,
		position_y: 31,
		width: PHONE_COLUMNS,
		height: 14,
		options: { hours: 48, limit: 20 },
	},
	{
		id: myPanelId(3),
		type: 'visit-quota-coverage',
		name: '本人 · 本月拜访达标',
		icon: 'fact_check',
		position_x: 1,
		position_y: 45,
		width: PHONE_COLUMNS,
		height: 14,
		options: { period: 'current' },
	},
	{
		id: myPanelId(4),
		type: 'visit-target-attainment',
		name: '本人 · 本年目标达成',
		icon: 'track_changes',
		position_x: PHONE_COLUMNS + 1,
		position_y: 1,
		width: PHONE_COLUMNS,
		height: 12,
		options: { year: 'this_year' },
	},
	{
		id: myPanelId(5),
		type: 'visit-sales-pipeline',
		name: '本人 · 当前商机管道',
		icon: 'stacked_bar_chart',
		position_x: PHONE_COLUMNS + 1,
		position_y: 13,
		width: PHONE_COLUMNS,
		height: 17,
		options: { scope: 'own' },
	},
	{
		id: myPanelId(6),
		type: 'visit-lead-funnel',
		name: '本人 · 本年意向客户漏斗',
		icon: 'filter_alt',
		position_x: PHONE_COLUMNS + 1,
		position_y: 30,
		width: PHONE_COLUMNS,
		height: 16,
		options: { period: 'this_year', scope: 'own' },
	},
	{
		id: myPanelId(7),
		type: 'visit-receivables-aging',
		name: '本人 · 当前应收账龄',
		icon: 'hourglass_bottom',
		position_x: PHONE_COLUMNS + 1,
		position_y: 46,
		width: PHONE_COLUMNS,
		height: 13,
		options: { scope: 'own' },
	},
];

/**
 * The seeded panels in the order releases added them: the first release's, then the pipeline and
 * receivables aging, then the appraisal levels, then the target attainment, then the complaint
 * analysis. A new seeded panel
 * goes into a new last group. Only read when a database from before SEEDS first meets setup.
 */
export const PANEL_RELEASES: string[][] = [
	[1, 2, 3, 4, 5, 6].map(panelId),
	[7, 8].map(panelId),
	[10].map(panelId),
	[30].map(panelId),
	[11].map(panelId),
];

/**
 * Setup's memory of what it ever installed (the dashboard's id and each seeded panel's): a row is
 * never removed, so a dashboard or panel the admin deleted is not installed again. Its primary key
 * lets one setup claim a row: of several instances starting at once, only the one whose INSERT … ON
 * CONFLICT DO NOTHING wrote it installs that panel.
 */
export const SEEDS = 'dashboard_seeds';

/**
 * Which seeded panels a dashboard installed before SEEDS existed must have had: every release's up to
 * the newest release that one of `present` (the seeded panels still on it) came with. A panel of a
 * later release is new to it; one of that release or earlier that is missing was removed by the admin.
 */
export function installedBefore(present: Iterable<string>, releases: string[][] = PANEL_RELEASES): string[] {
	const ids = new Set(present);
	let newest = 0;
	releases.forEach((release, i) => {
		if (release.some((id) => ids.has(id))) newest = i;
	});
	return releases.slice(0, newest + 1).flat();
}

/** A dashboard setup installs: its row, its panels and the releases that added them. */
export interface DashboardSeed {
	dashboard: { id: string; name: string; icon: string; color: string; note: string };
	panels: PanelDefinition[];
	releases: string[][];
	/** Seeded panels' earlier names and places, renewed while the admin has not changed them. */
	earlier?: typeof EARLIER_PANELS;
}

export const salesSeed: DashboardSeed = {
	dashboard: salesDashboard,
	panels: salesDashboardPanels,
	releases: PANEL_RELEASES,
	earlier: EARLIER_PANELS,
};

export const mySeed: DashboardSeed = {
	dashboard: myDashboard,
	panels: myDashboardPanels,
	releases: [myDashboardPanels.map((p) => p.id)],
};

export const DASHBOARDS: DashboardSeed[] = [salesSeed, mySeed];

export interface SeedPlan {
	/** Ids to note in SEEDS as installed without writing them (a dashboard from before SEEDS). */
	adopt: string[];
	/** Ids to claim in SEEDS and install: the dashboard's when it is new, and the seeded panels never installed. */
	install: string[];
}

/**
 * What setup writes, from what it finds: the ids in SEEDS, whether the dashboard is there and the
 * seeded panels on it. A fresh database gets the dashboard and every panel; a dashboard the admin
 * deleted stays deleted; otherwise only the seeded panels never installed are added.
 */
export function planSeeds(
	seeded: Iterable<string>,
	dashboardExists: boolean,
	present: Iterable<string>,
	{
		dashboard: { id: dashboardId },
		panels,
		releases,
	}: Pick<DashboardSeed, 'dashboard' | 'panels' | 'releases'> = salesSeed,
): SeedPlan {
	const known = new Set(seeded);
	const adopt: string[] = [];
	if (dashboardExists && !known.has(dashboardId))
		for (const id of [dashboardId, ...installedBefore(present, releases)])
			if (!known.has(id)) {
				adopt.push(id);
				known.add(id);
			}
	if (!dashboardExists && known.has(dashboardId)) return { adopt, install: [] };
	const install = [dashboardId, ...panels.map((p) => p.id)].filter((id) => !known.has(id));
	return { adopt, install };
}

type Stored = Tile & { id: string; name: string | null };
const GEOMETRY = ['position_x', 'position_y', 'width', 'height'] as const;

/**
 * The changes that bring seeded panels still as an earlier release left them to this release's name
 * and place: the name when it is the earlier one, the place when all four numbers are. What the admin
 * renamed or moved is theirs.
 */
export function relayout(stored: readonly Stored[], seed: DashboardSeed): { id: string; changes: Partial<Stored> }[] {
	const out: { id: string; changes: Partial<Stored> }[] = [];
	for (const row of stored) {
		const before = seed.earlier?.[row.id];
		const now = seed.panels.find((p) => p.id === row.id);
		if (!before || !now) continue;
		const changes: Partial<Stored> = {};
		if (row.name === before.name && now.name !== before.name) changes.name = now.name;
		if (GEOMETRY.every((k) => Number(row[k]) === before[k]) && GEOMETRY.some((k) => now[k] !== before[k]))
			for (const k of GEOMETRY) changes[k] = now[k];
		if (Object.keys(changes).length) out.push({ id: row.id, changes });
	}
	return out;
}

export interface Tile {
	position_x: number;
	position_y: number;
	width: number;
	height: number;
}

const overlap = (a: Tile, b: Tile) =>
	a.position_x < b.position_x + b.width &&
	b.position_x < a.position_x + a.width &&
	a.position_y < b.position_y + b.height &&
	b.position_y < a.position_y + a.height;

/**
 * Where the panels being added go on a dashboard that has `existing` tiles: at their seeded places
 * when those are free, else all of them moved down together (their arrangement kept) to just below
 * the lowest tile, so that nothing the admin placed is covered.
 */
export function placeNew<T extends Tile>(adding: T[], existing: readonly Tile[]): T[] {
	if (!adding.some((a) => existing.some((e) => overlap(a, e)))) return adding;
	const bottom = Math.max(...existing.map((e) => e.position_y + e.height));
	const dy = bottom - Math.min(...adding.map((a) => a.position_y));
	return adding.map((a) => ({ ...a, position_y: a.position_y + dy }));
}

/** The key of setup's advisory lock on Postgres (SWEEP_LOCK's neighbour). */
export const DASHBOARD_LOCK = 7_212_026_002;

/**
 * Brings the seeded dashboards up to this release without undoing the admin's work: installs each
 * whole on a new database, and afterwards adds only the seeded panels it never installed and renews
 * the ones still as an earlier release left them (a panel the admin moved, edited or removed is left
 * so); returns how many dashboard and panel rows were written. One transaction; on Postgres
 * instances starting together take turns by an advisory lock, and each row is claimed in SEEDS
 * first, so none is installed twice.
 */
export async function applyDashboards(knex: Knex): Promise<number> {
	const pg = knex.client.config.client === 'pg';
	return knex.transaction(async (trx) => {
		if (pg) await trx.raw('SELECT pg_advisory_xact_lock(?)', [DASHBOARD_LOCK]);
		await trx.raw(`CREATE TABLE IF NOT EXISTS ${SEEDS} (id varchar(36) PRIMARY KEY)`);
		const seeded = (await trx(SEEDS).select('id')).map((r: { id: string }) => r.id);
		let written = 0;
		for (const seed of DASHBOARDS) written += await applyDashboard(trx, seed, seeded);
		return written;
	});
}

async function applyDashboard(trx: Knex.Transaction, seed: DashboardSeed, seeded: string[]): Promise<number> {
	const { dashboard } = seed;
	const dashboardExists = Boolean(await trx('directus_dashboards').where({ id: dashboard.id }).first('id'));
	const tiles: Stored[] = dashboardExists
		? await trx('directus_panels')
				.where({ dashboard: dashboard.id })
				.select('id', 'name', 'position_x', 'position_y', 'width', 'height')
		: [];
	let written = 0;
	for (const { id, changes } of relayout(tiles, seed)) {
		written += await trx('directus_panels').where({ id }).update(changes);
		Object.assign(
			tiles.find((t) => t.id === id)!,
			changes,
		);
	}
	const plan = planSeeds(
		seeded,
		dashboardExists,
		tiles.map((t) => t.id),
		seed,
	);
	if (plan.adopt.length)
		await trx(SEEDS)
			.insert(plan.adopt.map((id) => ({ id })))
			.onConflict('id')
			.ignore();
	if (plan.install.length === 0) return written;
	const claimed = new Set(
		(
			await trx(SEEDS)
				.insert(plan.install.map((id) => ({ id })))
				.onConflict('id')
				.ignore()
				.returning('id')
		).map((r: { id: string }) => r.id),
	);
	const now = trx.fn.now();
	if (claimed.has(dashboard.id))
		written += (
			await trx('directus_dashboards')
				.insert({ ...dashboard, date_created: now })
				.onConflict('id')
				.ignore()
				.returning('id')
		).length;
	const adding = placeNew(
		seed.panels.filter((p) => claimed.has(p.id)),
		tiles,
	);
	if (adding.length)
		written += (
			await trx('directus_panels')
				.insert(
					adding.map((p) => ({
						...p,
						note: p.note ?? null,
						dashboard: dashboard.id,
						show_header: true,
						color: null,
						options: JSON.stringify(p.options),
						date_created: now,
					})),
				)
				.onConflict('id')
				.ignore()
				.returning('id')
		).length;
	return written;
}
