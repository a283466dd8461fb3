/**
 * The module bar setup writes (setup/module-bar.ts) and who is shown the split screen
 * (domain/targets.ts maySplitTargets, answered by GET /visit-targets/may-split).
 */
import { describe, expect, it } from 'vitest';
import { maySplitTargets } from '../../extensions/sales-visits/src/domain/targets.ts';
import {
	DIRECTUS_MODULE_BAR,
	withOurModules,
	type ModuleBarEntry,
} from '../../extensions/sales-visits/src/setup/module-bar.ts';

const ids = (bar: ModuleBarEntry[] | null) => bar?.map((e) => e.id);

describe('the module bar', () => {
	it('starts from Directus’s default, puts the home first and adds the split screen and the front desk before Settings', () => {
		const bar = withOurModules(null)!;
		expect(ids(bar)).toEqual([
			'visit-home',
			...DIRECTUS_MODULE_BAR.slice(0, -1).map((e) => e.id),
			'visit-targets-split',
			'visit-front-desk',
			'settings',
		]);
		expect(bar.find((e) => e.id === 'visit-targets-split')).toEqual({
			type: 'module',
			id: 'visit-targets-split',
			enabled: true,
		});
	});

	it('keeps an Administrator’s bar: their order, their links, a module they turned off', () => {
		const mine: ModuleBarEntry[] = [
			{ type: 'module', id: 'insights', enabled: true },
			{ type: 'link', id: 'wiki', enabled: true, name: 'Wiki', icon: 'book', url: 'https://example.com' },
			{ type: 'module', id: 'content', enabled: false },
			{ type: 'module', id: 'settings', enabled: true, locked: true },
		];
		const bar = withOurModules(mine)!;
		expect(ids(bar)).toEqual([
			'visit-home',
			'insights',
			'wiki',
			'content',
			'visit-targets-split',
			'visit-front-desk',
			'settings',
		]);
		expect(bar[3]).toEqual(mine[2]);
		expect(mine).toHaveLength(4);
		const off = bar.map((e) => (e.id === 'visit-targets-split' ? { ...e, enabled: false } : e));
		expect(withOurModules(off)).toBeNull();
		// A bar that has the split screen but not the front desk yet (set up before it existed) gets it, once.
		const older = bar.filter((e) => e.id !== 'visit-front-desk');
		expect(ids(withOurModules(older))).toEqual(ids(bar));
		expect(withOurModules(bar)).toBeNull();
		// One set up before the home existed gets it first; an Administrator who moved it keeps it where it is.
		expect(ids(withOurModules(bar.filter((e) => e.id !== 'visit-home')))).toEqual(ids(bar));
		const moved = [...bar.slice(1, 3), bar[0]!, ...bar.slice(3)];
		expect(withOurModules(moved)).toBeNull();
	});

	it('appends when the bar has no Settings entry', () => {
		expect(ids(withOurModules([{ type: 'module', id: 'content', enabled: true }]))).toEqual([
			'visit-home',
			'content',
			'visit-targets-split',
			'visit-front-desk',
		]);
	});
});

describe('who is shown the split screen', () => {
	const person = (position: string | null, admin = false) => ({
		id: 'u1',
		name: 'x',
		position,
		reports_to: null,
		admin,
	});
	it('shows it to Administrators, General Managers and whoever people report to; not to a rep', () => {
		expect(maySplitTargets(person(null, true), 0)).toBe(true);
		expect(maySplitTargets(person('general_manager'), 0)).toBe(true);
		expect(maySplitTargets(person('manager'), 3)).toBe(true);
		expect(maySplitTargets(person('rep'), 0)).toBe(false);
		expect(maySplitTargets({ ...person(null), id: '' }, 0)).toBe(false);
	});
});
