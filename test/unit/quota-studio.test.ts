import { describe, expect, it } from 'vitest';
import {
	customerQuotaPath,
	emptyState,
	progressPercent,
	quotaStatuses,
	ruleSummary,
	statusColors,
	texts as formTexts,
	type CustomerQuota,
} from '../../extensions/sales-visits/src/visit-quota-progress/logic.ts';
import {
	bandOf,
	compliancePath,
	ownerOf,
	percent,
	previousMonth,
	requestedPeriod,
	sortReps,
	texts as panelTexts,
	totals,
	type RepRow,
} from '../../extensions/sales-visits/src/visit-quota-coverage/logic.ts';

const rule = {
	id: 4,
	name: 'A类客户每月上门拜访2次 / Tier A: twice a month on site',
	min_visits: 2,
	period: 'month' as const,
	channel: 'onsite' as const,
};
const line = {
	customer: 9,
	name: '甲公司',
	owner: 'u1',
	rule,
	period: { start: '2026-11-01', end: '2026-11-30' },
	required: 2,
	done: 1,
	remaining: 1,
	status: 'at_risk' as const,
};
const quota = (l: CustomerQuota['line']): CustomerQuota => ({
	period: '2026-11',
	today: '2026-11-26',
	customer: 9,
	status: 'active',
	line: l,
});

describe('the customer form’s quota panel', () => {
	it('words the rule in both languages', () => {
		expect(ruleSummary(rule, 'zh-CN')).toBe('每月至少拜访 2 次（仅上门）');
		expect(ruleSummary(rule, 'en-US')).toBe('At least 2 visits a month (on site only)');
		expect(ruleSummary({ ...rule, min_visits: 1, period: 'half_year', channel: 'any' }, 'en-US')).toBe(
			'At least 1 visit every half year (any channel)',
		);
	});

	it('shows a reason instead of numbers when there is no rule or the customer is not counted', () => {
		expect(emptyState(quota(line))).toBeNull();
		expect(emptyState(quota({ ...line, rule: null, period: null, status: null }))).toBe(formTexts.noRule);
		expect(emptyState(quota(null))).toBe(formTexts.inactive);
	});

	it('fills the progress bar up to the requirement, and full when nothing is required', () => {
		expect(progressPercent(1, 2)).toBe(50);
		expect(progressPercent(1, 3)).toBe(33);
		expect(progressPercent(5, 2)).toBe(100);
		expect(progressPercent(0, 0)).toBe(100);
	});

	it('labels and colours every status', () => {
		for (const s of ['met', 'on_track', 'at_risk', 'missed'] as const) {
			expect(quotaStatuses[s]['zh-CN']).toMatch(/\p{Script=Han}/u);
			expect(quotaStatuses[s]['en-US']).toMatch(/^[A-Z]/);
			expect(statusColors[s]).toMatch(/^var\(--theme--/);
		}
		expect(statusColors.missed).not.toBe(statusColors.met);
	});

	it('asks for the customer by its key', () => {
		expect(customerQuotaPath(12)).toBe('/visit-quotas/customers/12');
	});
});

const rep = (name: string, with_requirement: number, met: number, at_risk = 0, missed = 0): RepRow => ({
	owner: name,
	name,
	customers: with_requirement + 1,
	with_requirement,
	met,
	at_risk,
	missed,
	coverage: with_requirement ? met / with_requirement : null,
});

describe('the quota coverage panel', () => {
	it('picks the month the admin set: the server’s own, the one before, or a given one', () => {
		expect(requestedPeriod('current', '2020-01', '2026-11')).toBeUndefined();
		expect(requestedPeriod(undefined, null, '2026-11')).toBeUndefined();
		expect(requestedPeriod('previous', null, '2026-11')).toBe('2026-10');
		expect(requestedPeriod('previous', null, '2026-01')).toBe('2025-12');
		expect(requestedPeriod('fixed', ' 2026-03 ', '2026-11')).toBe('2026-03');
		expect(requestedPeriod('fixed', '2026-13', '2026-11')).toBeNull();
		expect(requestedPeriod('fixed', null, '2026-11')).toBeNull();
		expect(previousMonth('2026-10')).toBe('2026-09');
	});

	it('reads the owner from the user picker or as an id, and builds the query', () => {
		expect(ownerOf({ key: 'abc', collection: 'directus_users' })).toBe('abc');
		expect(ownerOf('abc')).toBe('abc');
		expect(ownerOf(null)).toBeNull();
		expect(ownerOf({ key: null })).toBeNull();
		expect(compliancePath(undefined, null)).toBe('/visit-quotas/compliance');
		expect(compliancePath('2026-10', 'abc')).toBe('/visit-quotas/compliance?period=2026-10&owner=abc');
	});

	it('sorts by any column, keeping reps without a requirement last', () => {
		const reps = [rep('b', 4, 4), rep('a', 5, 2, 3), rep('c', 0, 0), rep('d', 2, 1, 0, 1)];
		const names = (key: Parameters<typeof sortReps>[1], desc: boolean) =>
			sortReps(reps, key, desc, 'en-US').map((r) => r.name);
		expect(names('coverage', false)).toEqual(['a', 'd', 'b', 'c']);
		expect(names('coverage', true)).toEqual(['b', 'd', 'a', 'c']);
		expect(names('name', true)).toEqual(['d', 'c', 'b', 'a']);
		expect(names('at_risk', true)).toEqual(['a', 'b', 'c', 'd']);
		expect(names('missed', true)[0]).toBe('d');
		expect(reps.map((r) => r.name)).toEqual(['b', 'a', 'c', 'd']);
	});

	it('colours coverage in bands and adds the team up', () => {
		expect([1, 0.9, 0.89, 0.6, 0.59, 0, null].map(bandOf)).toEqual([
			'good',
			'good',
			'fair',
			'fair',
			'poor',
			'poor',
			'none',
		]);
		expect([0.4, 0.57, 2 / 3, 0.995, 1, null].map(percent)).toEqual(['40%', '57%', '66%', '99%', '100%', '—']);
		expect(totals([rep('a', 5, 2, 3), rep('b', 3, 3), rep('c', 0, 0)])).toEqual({
			customers: 11,
			with_requirement: 8,
			met: 5,
			at_risk: 3,
			missed: 0,
			coverage: 5 / 8,
		});
		expect(totals([]).coverage).toBeNull();
	});

	it('has every text in both languages', () => {
		for (const texts of [formTexts, panelTexts])
			for (const label of Object.values(texts)) expect(label['zh-CN'] && label['en-US']).toBeTruthy();
	});
});
