import { describe, expect, it } from 'vitest';
import {
	appraisalApproverProblem,
	appraisalValue,
	itemPoints,
	lastEndedPeriod,
	levelOf,
	levelsProblem,
	scoreAppraisal,
	weightsProblem,
	type AppraisalItem,
	type LevelBand,
} from '../../extensions/sales-visits/src/domain/appraisals.ts';
import type { Caller, Person } from '../../extensions/sales-visits/src/domain/approval.ts';
import { kpiByKey } from '../../extensions/sales-visits/src/domain/kpi.ts';

const ratio = { unit: 'ratio', better: 'higher' } as const;
const lower = { unit: 'ratio', better: 'lower' } as const;
const count = { unit: 'count', better: 'higher' } as const;
const step = (weight: number, target = 100): AppraisalItem => ({
	kpi: 'sales_completion',
	weight,
	target,
	scoring: 'step',
	step_percent: 5,
	step_points: 1,
});
const linear = (weight: number, target = 100): AppraisalItem => ({ kpi: 'x', weight, target, scoring: 'linear' });

describe('itemPoints', () => {
	it('linear: weight × min(value / target, 1)', () => {
		expect(itemPoints(linear(20, 90), 45, ratio)).toBe(10);
		expect(itemPoints(linear(20, 90), 99, ratio)).toBe(20);
		expect(itemPoints(linear(20, 90), 0, ratio)).toBe(0);
	});

	it('step: 每低于 5% 扣 1 分, not below 0', () => {
		expect(itemPoints(step(25), 100, ratio)).toBe(25);
		expect(itemPoints(step(25), 95.01, ratio)).toBe(25);
		expect(itemPoints(step(25), 95, ratio)).toBe(24);
		expect(itemPoints(step(25), 89, ratio)).toBe(23);
		expect(itemPoints(step(5), 0, ratio)).toBe(0);
	});

	it('where lower is better, the shortfall is the overshoot', () => {
		expect(itemPoints(step(10), 100, lower)).toBe(10);
		expect(itemPoints(step(10), 80, lower)).toBe(10);
		expect(itemPoints(step(10), 112, lower)).toBe(8);
		expect(itemPoints(linear(10, 100), 125, lower)).toBe(8);
		expect(itemPoints(linear(10, 100), 50, lower)).toBe(10);
	});

	it('a count misses in percent of its target', () => {
		expect(itemPoints(step(10, 20), 17, count)).toBe(7);
	});

	it('nothing to measure scores the full weight', () => {
		expect(itemPoints(step(10), null, ratio)).toBe(10);
	});
});

describe('scoreAppraisal and levelOf', () => {
	const bands: LevelBand[] = [
		{ level: 'excellent', min: 90 },
		{ level: 'good', min: 80 },
		{ level: 'pass', min: 70 },
		{ level: 'warning', min: 60 },
	];
	it('sums the points to 2 decimals and finds the band', () => {
		const items = [linear(60, 90), step(40)];
		const values: Record<string, number> = { x: 80, sales_completion: 91 };
		const { score, item_scores } = scoreAppraisal(items, (k) => values[k] ?? null, kpiByKey);
		expect(item_scores.map((s) => s.points)).toEqual([53.33, 39]);
		expect(score).toBe(92.33);
		expect(levelOf(bands, score)).toBe('excellent');
		expect(levelOf(bands, 60)).toBe('warning');
		expect(levelOf(bands, 59.99)).toBe('fail');
	});

	it('reads a ratio KPI in percent', () => {
		expect(appraisalValue({ unit: 'ratio' }, 3, 4)).toBe(75);
		expect(appraisalValue({ unit: 'ratio' }, 3, 0)).toBeNull();
		expect(appraisalValue({ unit: 'count' }, 3, null)).toBe(3);
	});
});

describe('scheme checks', () => {
	it('weights add up to 100', () => {
		expect(weightsProblem('s', [25, 25, 50])).toBeNull();
		expect(weightsProblem('s', [25, 25])?.status).toBe(409);
	});
	it('levels are bands of known levels', () => {
		expect(levelsProblem([{ level: 'good', min: 80 }])).toBeNull();
		expect(levelsProblem([{ level: 'great', min: 80 }])?.status).toBe(400);
		expect(
			levelsProblem([
				{ level: 'good', min: 80 },
				{ level: 'good', min: 70 },
			])?.status,
		).toBe(400);
	});
});

describe('lastEndedPeriod', () => {
	it('gives the month, quarter and year before today', () => {
		expect(lastEndedPeriod('month', '2026-01-03')).toBe('2025-12');
		expect(lastEndedPeriod('month', '2026-12-03')).toBe('2026-11');
		expect(lastEndedPeriod('quarter', '2026-02-01')).toBe('2025-Q4');
		expect(lastEndedPeriod('quarter', '2026-12-03')).toBe('2026-Q3');
		expect(lastEndedPeriod('year', '2026-12-03')).toBe('2025');
	});
});

describe('appraisalApproverProblem', () => {
	const rep: Person = { id: 'rep', name: 'R', position: 'rep', reports_to: 'mgr' };
	const caller = (id: string, position: string, admin = false): Caller => ({
		id,
		name: id,
		position,
		reports_to: null,
		admin,
	});
	const label = { 'zh-CN': '批准', 'en-US': 'approve' };
	it('the level above the manager, any General Manager or an Administrator', () => {
		expect(appraisalApproverProblem(caller('gm', 'general_manager'), rep, 'gm', label)).toBeNull();
		expect(appraisalApproverProblem(caller('dir', 'manager'), rep, 'dir', label)).toBeNull();
		expect(appraisalApproverProblem(caller('admin', '', true), rep, 'gm', label)).toBeNull();
	});
	it('never the person, nor their direct manager', () => {
		expect(appraisalApproverProblem(caller('rep', 'rep'), rep, 'gm', label)?.code).toBe('self_approval');
		expect(appraisalApproverProblem(caller('mgr', 'manager'), rep, 'gm', label)?.code).toBe('not_approver');
	});
});
