/**
 * The appraisal Studio's pure parts: the score table of the appraisal form (visit-appraisal-scores)
 * and the levels panel (visit-appraisal-levels): its period, its query and how it reads the
 * aggregate (PostgreSQL's counts as strings included).
 */
import { describe, expect, it } from 'vitest';
import {
	consequenceOf,
	formatAppraisalValue,
	levelLabel,
	parseItemScores,
	schemeIdOf,
	scoreRows,
	scoreTotal,
} from '../../extensions/sales-visits/src/visit-appraisal-scores/logic.ts';
import {
	appraisalFilter,
	appraisalPeriod,
	flaggedPath,
	flaggedRows,
	levelCountPath,
	levelSummary,
	texts,
} from '../../extensions/sales-visits/src/visit-appraisal-levels/logic.ts';

const scores = [
	{ kpi: 'report_on_time', value: 87.5, target: 95, points: 18, weight: 20 },
	{ kpi: 'unplanned_visits', value: 4, target: 1, points: 7.5, weight: 30 },
	{ kpi: 'expense_vs_budget', value: null, target: 100, points: 25, weight: 25 },
	{ kpi: 'sales_completion', value: 120, target: 100, points: 25, weight: 25 },
];

describe('the appraisal score table', () => {
	it('reads item_scores as a list or as JSON text, and nothing else', () => {
		expect(parseItemScores(scores)).toEqual(scores);
		expect(parseItemScores(JSON.stringify(scores))).toEqual(scores);
		expect(parseItemScores(JSON.stringify(scores.map((s) => ({ ...s, points: String(s.points) }))))).toEqual(scores);
		expect(parseItemScores(null)).toEqual([]);
		expect(parseItemScores('{not json')).toEqual([]);
		expect(parseItemScores([{ value: 1 }, null, 3])).toEqual([]);
	});

	it('names each KPI in both languages and shows value and target in its unit, percent for a ratio', () => {
		const rows = scoreRows(scores);
		expect(rows.map((r) => r.label['zh-CN'])).toEqual([
			'拜访报告及时率',
			expect.any(String),
			expect.any(String),
			expect.any(String),
		]);
		expect(rows.every((r) => r.label['en-US'] && r.label['en-US'] !== r.kpi)).toBe(true);
		expect(rows[0]).toMatchObject({ value: '87.5%', target: '≥ 95%', points: '18', weight: '20', percent: 90 });
		expect(rows[1]).toMatchObject({ value: '4', target: '≤ 1', points: '7.5', weight: '30', percent: 25 });
		// Lower is better for the budget: the target is a ceiling; nothing to measure scores full.
		expect(rows[2]).toMatchObject({ value: '—', target: '≤ 100%', nothing: true, percent: 100 });
		expect(rows[3]!.nothing).toBe(false);
		expect(formatAppraisalValue('amount', 1234567.8)).toBe('1,234,568');
		expect(scoreRows([{ kpi: 'gone', value: 3, target: 5, points: 0, weight: 0 }])[0]).toMatchObject({
			label: { 'zh-CN': 'gone', 'en-US': 'gone' },
			percent: 0,
		});
	});

	it('totals the stored score against the weights, or the points when there is no score', () => {
		expect(scoreTotal(scores, '75.50')).toEqual({ score: '75.5', weight: '100' });
		expect(scoreTotal(scores, null)).toEqual({ score: '75.5', weight: '100' });
	});

	it('labels the level and finds the scheme’s consequence in the user’s language', () => {
		expect(levelLabel('warning')).toEqual({ 'zh-CN': '警告', 'en-US': 'Warning' });
		expect(levelLabel('nope')).toBeNull();
		const levels = [
			{ level: 'excellent', min: 90 },
			{ level: 'warning', min: 60, consequence: { 'zh-CN': '口头警告', 'en-US': 'A verbal warning' } },
		];
		expect(consequenceOf(levels, 'warning', 'en-US')).toBe('A verbal warning');
		expect(consequenceOf(JSON.stringify(levels), 'warning', 'zh-CN')).toBe('口头警告');
		expect(consequenceOf(levels, 'excellent', 'zh-CN')).toBeNull();
		expect(consequenceOf(null, 'warning', 'zh-CN')).toBeNull();
		expect(schemeIdOf(3)).toBe(3);
		expect(schemeIdOf({ id: 4, name: 'x' })).toBe(4);
		expect(schemeIdOf(null)).toBeNull();
	});
});

describe('the appraisal levels panel', () => {
	it('takes the last ended month, quarter or year on the company’s date, or a given period', () => {
		expect(appraisalPeriod('last_month', null, '2109-01-15')).toEqual({
			key: '2108-12',
			type: 'month',
			start: '2108-12-01',
		});
		expect(appraisalPeriod(undefined, null, '2109-05-02')).toEqual({
			key: '2109-04',
			type: 'month',
			start: '2109-04-01',
		});
		expect(appraisalPeriod('last_quarter', null, '2109-05-02')).toEqual({
			key: '2109-Q1',
			type: 'quarter',
			start: '2109-01-01',
		});
		expect(appraisalPeriod('last_year', null, '2109-05-02')).toEqual({
			key: '2108',
			type: 'year',
			start: '2108-01-01',
		});
		expect(appraisalPeriod('fixed', ' 2110-Q3 ', '2109-05-02')).toEqual({
			key: '2110-Q3',
			type: 'quarter',
			start: '2110-07-01',
		});
		expect(appraisalPeriod('fixed', '2110-13', '2109-05-02')).toBeNull();
		expect(appraisalPeriod('fixed', null, '2109-05-02')).toBeNull();
	});

	it('scopes to the reader’s permissions, a team (the manager and their people) or a person', () => {
		const period = appraisalPeriod('fixed', '2109-03', '2110-01-01')!;
		const base = [{ period_type: { _eq: 'month' } }, { period_start: { _eq: '2109-03-01' } }];
		expect(appraisalFilter(period)).toEqual({ _and: base });
		expect(appraisalFilter(period, 'company')).toEqual({ _and: base });
		expect(appraisalFilter(period, 'rep', { key: 'u1', collection: 'directus_users' })).toEqual({
			_and: [...base, { person: { _eq: 'u1' } }],
		});
		expect(appraisalFilter(period, 'team', 'm1')).toEqual({
			_and: [...base, { _or: [{ person: { _eq: 'm1' } }, { person: { reports_to: { _eq: 'm1' } } }] }],
		});
		expect(appraisalFilter(period, 'team', null)).toBeNull();
	});

	it('asks the items API for every level group and the flagged people', () => {
		const filter = appraisalFilter(appraisalPeriod('fixed', '2109', '2110-01-01')!)!;
		const counted = new URL(levelCountPath(filter), 'http://x');
		expect(counted.pathname).toBe('/items/appraisals');
		expect(Object.fromEntries(counted.searchParams)).toEqual({
			'aggregate[count]': 'id',
			'aggregate[sum]': 'score',
			'groupBy[]': 'level',
			filter: JSON.stringify(filter),
			limit: '-1',
		});
		const flagged = new URL(flaggedPath(filter), 'http://x');
		expect(JSON.parse(flagged.searchParams.get('filter')!)).toEqual({
			_and: [filter, { level: { _in: ['warning', 'fail'] } }],
		});
		expect(flagged.searchParams.get('sort')).toBe('score,id');
	});

	it('counts every level, with PostgreSQL’s strings, and averages the scores of them all', () => {
		const { rows, total, average } = levelSummary([
			{ level: 'good', count: { id: '3' }, sum: { score: '252.00' } },
			{ level: 'warning', count: { id: 1 }, sum: { score: 61 } },
			{ level: 'fail', count: { id: '2' }, sum: { score: '80.5' } },
		]);
		expect(rows.map((r) => [r.level, r.count])).toEqual([
			['excellent', 0],
			['good', 3],
			['pass', 0],
			['warning', 1],
			['fail', 2],
		]);
		expect(rows.map((r) => r.label['zh-CN'])).toEqual(['优秀', '良好', '合格', '警告', '不合格']);
		expect(rows.map((r) => r.width)).toEqual([0, 100, 0, 33, 67]);
		expect(total).toBe(6);
		expect(average).toBe(65.6);
		expect(levelSummary([])).toMatchObject({ total: 0, average: null });
		expect(levelSummary(null).rows).toHaveLength(5);
	});

	it('lists the people at warning or fail by name, family name first', () => {
		expect(
			flaggedRows([
				{
					id: 7,
					level: 'fail',
					score: '41.50',
					status: 'confirmed',
					person: { id: 'u', first_name: '伟', last_name: '张' },
				},
				{ id: 8, level: 'warning', score: 60, status: 'draft', person: 'u2' },
				{ id: 9, level: 'good', score: 85, person: null },
			]),
		).toEqual([
			{
				id: 7,
				name: '张伟',
				level: 'fail',
				label: { 'zh-CN': '不合格', 'en-US': 'Fail' },
				score: '41.5',
				status: { 'zh-CN': '本人已确认', 'en-US': 'Confirmed' },
			},
			{
				id: 8,
				name: 'u2',
				level: 'warning',
				label: { 'zh-CN': '警告', 'en-US': 'Warning' },
				score: '60',
				status: { 'zh-CN': '待确认', 'en-US': 'Draft' },
			},
		]);
	});

	it('has every text in both languages', () => {
		for (const label of Object.values(texts)) expect(label['zh-CN'] && label['en-US']).toBeTruthy();
	});
});
