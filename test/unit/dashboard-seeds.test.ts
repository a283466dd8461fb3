/** How setup brings the seeded dashboard up to date without undoing what the admin did with it. */
import { describe, expect, it } from 'vitest';
import {
	DASHBOARDS,
	EARLIER_PANELS,
	installedBefore,
	LAPTOP_COLUMNS,
	myDashboardPanels,
	PHONE_COLUMNS,
	relayout,
	salesSeed,
	PANEL_RELEASES,
	placeNew,
	planSeeds,
	SALES_DASHBOARD_ID,
	salesDashboardPanels,
} from '../../extensions/sales-visits/src/setup/dashboard.ts';

const ids = salesDashboardPanels.map((p) => p.id);
const [first, second, third, fourth, fifth] = PANEL_RELEASES as [string[], string[], string[], string[], string[]];
/** Ids in the order the seeded panels are listed (the order planSeeds installs them in). */
const inOrder = (list: string[]) => [...list].sort((a, b) => ids.indexOf(a) - ids.indexOf(b));

describe('the seeded panels’ releases', () => {
	it('name every seeded panel once', () => {
		expect(PANEL_RELEASES.flat().sort()).toEqual([...ids].sort());
	});

	it('fit a laptop with the navigation and the sidebar open, nothing overlapping', () => {
		for (const { panels } of DASHBOARDS) {
			for (const p of panels) {
				expect(p.position_x, p.type).toBeGreaterThanOrEqual(1);
				expect(p.position_x + p.width - 1, p.type).toBeLessThanOrEqual(LAPTOP_COLUMNS);
			}
			// Each panel, added alone to the others, keeps its seeded place.
			for (const p of panels)
				expect(
					placeNew(
						[p],
						panels.filter((o) => o !== p),
					),
				).toEqual([p]);
		}
	});

	it('put a rep’s panels in columns a phone shows whole, what they act on in the first', () => {
		for (const p of myDashboardPanels) {
			expect(p.width, p.type).toBeLessThanOrEqual(PHONE_COLUMNS);
			expect((p.position_x - 1) % PHONE_COLUMNS, p.type).toBe(0);
		}
		expect(myDashboardPanels.filter((p) => p.position_x === 1).map((p) => p.type)).toEqual([
			'visit-kpi-scorecard',
			'visit-report-deadlines',
			'visit-quota-coverage',
		]);
	});

	it('name each panel’s scope and period', () => {
		for (const p of salesDashboardPanels) expect(p.name, p.type).toMatch(/^团队 · (本月|上月|本年|当前)/);
		for (const p of myDashboardPanels) expect(p.name, p.type).toMatch(/^本人 · (本月|本年|当前)/);
	});
});

describe('installedBefore', () => {
	it('takes the first release for a dashboard with none of the later panels', () => {
		expect(installedBefore(first)).toEqual(first);
		expect(installedBefore(first.slice(2))).toEqual(first);
		// Even when the admin removed every seeded panel.
		expect(installedBefore([])).toEqual(first);
	});

	it('takes every release up to the newest one a present panel came with', () => {
		// Installed with the pipeline and aging, the pipeline removed since: it was installed.
		expect(installedBefore([...first, second[1]!])).toEqual([...first, ...second]);
		expect(installedBefore([third[0]!])).toEqual([...first, ...second, ...third]);
		expect(installedBefore([fourth[0]!])).toEqual(PANEL_RELEASES.slice(0, 4).flat());
		expect(installedBefore([fifth[0]!])).toEqual(PANEL_RELEASES.flat());
	});

	it('ignores panels that are not seeded', () => {
		expect(installedBefore(['someone-elses-panel'])).toEqual(first);
	});
});

describe('planSeeds', () => {
	const all = [SALES_DASHBOARD_ID, ...ids];

	it('installs everything on a fresh database', () => {
		expect(planSeeds([], false, [])).toEqual({ adopt: [], install: all });
	});

	it('adds to a dashboard from before the ledger only the panels of later releases', () => {
		expect(planSeeds([], true, first)).toEqual({
			adopt: [SALES_DASHBOARD_ID, ...first],
			install: inOrder([...second, ...third, ...fourth, ...fifth]),
		});
		// One of the first release removed by the admin stays removed.
		expect(planSeeds([], true, first.slice(1)).install).not.toContain(first[0]);
		// Installed with the appraisal levels: the target attainment and the complaint analysis are new.
		expect(planSeeds([], true, [...first, ...second, ...third])).toEqual({
			adopt: [SALES_DASHBOARD_ID, ...first, ...second, ...third],
			install: inOrder([...fourth, ...fifth]),
		});
		// Installed with the target attainment: only the complaint analysis is new.
		expect(planSeeds([], true, [...first, ...second, ...third, ...fourth])).toEqual({
			adopt: [SALES_DASHBOARD_ID, ...first, ...second, ...third, ...fourth],
			install: fifth,
		});
	});

	it('adds a seeded panel never installed, and none the admin removed', () => {
		const seeded = all.filter((id) => id !== fourth[0]);
		// The admin removed the pipeline; the target attainment is new.
		const present = ids.filter((id) => id !== second[0] && id !== fourth[0]);
		expect(planSeeds(seeded, true, present)).toEqual({ adopt: [], install: fourth });
		// A dashboard whose ledger has every panel up to the target attainment gets the complaint analysis.
		expect(
			planSeeds(
				all.filter((id) => !fifth.includes(id)),
				true,
				ids.filter((id) => !fifth.includes(id)),
			),
		).toEqual({ adopt: [], install: fifth });
	});

	it('changes nothing once every seeded row was installed', () => {
		expect(planSeeds(all, true, ids)).toEqual({ adopt: [], install: [] });
		expect(planSeeds(all, true, [])).toEqual({ adopt: [], install: [] });
	});

	it('leaves a dashboard the admin deleted deleted', () => {
		expect(planSeeds(all, false, [])).toEqual({ adopt: [], install: [] });
		expect(planSeeds([SALES_DASHBOARD_ID, ...first], false, [])).toEqual({ adopt: [], install: [] });
	});
});

describe('placeNew', () => {
	const tile = (x: number, y: number, width: number, height: number) => ({
		position_x: x,
		position_y: y,
		width,
		height,
	});

	it('keeps the seeded places when they are free', () => {
		const adding = [tile(1, 57, 32, 16), tile(33, 57, 24, 16)];
		expect(placeNew(adding, [tile(1, 1, 56, 56)])).toBe(adding);
		expect(placeNew(adding, [])).toBe(adding);
	});

	it('moves them together below the lowest tile when one would cover the admin’s', () => {
		const adding = [tile(1, 57, 32, 16), tile(33, 57, 24, 16), tile(1, 73, 56, 16)];
		const existing = [tile(1, 1, 56, 56), tile(40, 60, 10, 30)];
		expect(placeNew(adding, existing)).toEqual([tile(1, 90, 32, 16), tile(33, 90, 24, 16), tile(1, 106, 56, 16)]);
	});

	it('touching edges is not overlapping', () => {
		const adding = [tile(1, 21, 32, 18)];
		expect(placeNew(adding, [tile(1, 1, 32, 20), tile(33, 21, 24, 18)])).toBe(adding);
	});
});

describe('relayout', () => {
	const stored = salesDashboardPanels.map((p) => ({ id: p.id, ...EARLIER_PANELS[p.id]! }));

	it('brings the panels still as seeded before to this release’s names and places', () => {
		const changes = relayout(stored, salesSeed);
		expect(changes.map((c) => c.id).sort()).toEqual([...ids].sort());
		for (const { id, changes: c } of changes) {
			const now = salesDashboardPanels.find((p) => p.id === id)!;
			expect(c, now.type).toMatchObject({ name: now.name, width: now.width, position_x: now.position_x });
		}
	});

	it('leaves what the admin renamed or moved', () => {
		const [renamed, moved, ...rest] = stored;
		const changes = relayout([{ ...renamed!, name: '我的指标' }, { ...moved!, position_y: 200 }, ...rest], salesSeed);
		expect(changes.find((c) => c.id === renamed!.id)!.changes).not.toHaveProperty('name');
		expect(changes.find((c) => c.id === renamed!.id)!.changes).toHaveProperty('width');
		expect(changes.find((c) => c.id === moved!.id)!.changes).toEqual({
			name: salesDashboardPanels.find((p) => p.id === moved!.id)!.name,
		});
		// Once renewed, nothing more.
		const renewed = salesDashboardPanels.map((p) => ({ ...p }));
		expect(relayout(renewed, salesSeed)).toEqual([]);
	});
});
