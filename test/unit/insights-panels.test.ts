import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kpiByKey, kpis, withheldReading } from '../../extensions/sales-visits/src/domain/kpi.ts';
import {
	funnelSteps,
	isEmpty,
	texts as funnelTexts,
} from '../../extensions/sales-visits/src/visit-lead-funnel/logic.ts';
import {
	championLine,
	leaderKpi,
	rankOwners,
	texts as leaderTexts,
} from '../../extensions/sales-visits/src/visit-kpi-leaderboard/logic.ts';
import {
	arrowOf,
	chosenKeys,
	scorecardRows,
	texts as scoreTexts,
} from '../../extensions/sales-visits/src/visit-kpi-scorecard/logic.ts';
import {
	commonTexts,
	formatTarget,
	formatValue,
	kpiChoices,
	lightLabels,
	periodKey,
	personOf,
	summaryPath,
	type KpiReading,
} from '../../extensions/sales-visits/src/shared/insights.ts';
import { heatMatrix, texts as heatTexts } from '../../extensions/sales-visits/src/visit-quota-heatmap/logic.ts';
import {
	deadlineFilter,
	deadlineQuery,
	deadlineRows,
	dueLabel,
	duration,
	hoursOf,
	texts as deadlineTexts,
} from '../../extensions/sales-visits/src/visit-report-deadlines/logic.ts';
import {
	isEmpty as pipelineEmpty,
	pipelineRows,
	pipelineTotal,
	texts as pipelineTexts,
} from '../../extensions/sales-visits/src/visit-sales-pipeline/logic.ts';
import {
	agingRows,
	agingTotals,
	texts as agingTexts,
} from '../../extensions/sales-visits/src/visit-receivables-aging/logic.ts';
import {
	salesDashboard,
	salesDashboardPanels,
	SALES_DASHBOARD_ID,
} from '../../extensions/sales-visits/src/setup/dashboard.ts';

const reading = (
	key: string,
	value: number | null,
	previous: number | null,
	over: Partial<KpiReading> = {},
): KpiReading => {
	const k = kpis.find((d) => d.key === key)!;
	return {
		key,
		label: k.label,
		formula: k.formula,
		unit: k.unit,
		better: k.better,
		numerator: 0,
		denominator: 0,
		value,
		green: k.green,
		amber: k.amber,
		light: null,
		previous: { numerator: null, denominator: null, value: previous },
		trend: null,
		...over,
	};
};

describe('what the Insights panels share', () => {
	it('turns the period option into the summary’s period on the company’s date', () => {
		expect(periodKey('this_month', null, '2026-11-27')).toBe('2026-11');
		expect(periodKey(undefined, null, '2026-11-27')).toBe('2026-11');
		expect(periodKey('last_month', null, '2026-11-27')).toBe('2026-10');
		expect(periodKey('last_month', null, '2026-01-05')).toBe('2025-12');
		expect(periodKey('this_quarter', null, '2026-11-27')).toBe('2026-Q4');
		expect(periodKey('this_quarter', null, '2026-03-31')).toBe('2026-Q1');
		expect(periodKey('this_year', null, '2026-11-27')).toBe('2026');
		expect(periodKey('fixed', ' 2026-Q2 ', '2026-11-27')).toBe('2026-Q2');
		expect(periodKey('fixed', '2025', '2026-11-27')).toBe('2025');
		expect(periodKey('fixed', '2026-09', '2026-11-27')).toBe('2026-09');
		for (const bad of ['2026-13', '2026-Q5', '26-01', '', null])
			expect(periodKey('fixed', bad, '2026-11-27')).toBeNull();
	});

	it('asks the summary for the scope the admin chose, leaving "mine" to the server', () => {
		expect(summaryPath({ period: '2026-11' })).toBe('/visit-kpi/summary?period=2026-11');
		expect(summaryPath({ period: '2026-Q4', scope: 'company' })).toBe(
			'/visit-kpi/summary?period=2026-Q4&scope=company',
		);
		expect(
			summaryPath({
				period: '2026',
				scope: 'team',
				person: { key: 'm1', collection: 'directus_users' },
				byOwner: true,
			}),
		).toBe('/visit-kpi/summary?period=2026&scope=team&id=m1&by=owner');
		expect(summaryPath({ period: '2026-11', scope: 'rep', person: 'r1' })).toBe(
			'/visit-kpi/summary?period=2026-11&scope=rep&id=r1',
		);
		expect(summaryPath({ period: '2026-11', scope: 'rep', person: null })).toBeNull();
		expect(personOf({ key: null })).toBeNull();
	});

	it('shows ratios as percents and counts as they are, and the green band as the target', () => {
		expect([0.956, 1, 0.05, 0.0123, 0, null].map((v) => formatValue('ratio', v))).toEqual([
			'95%',
			'100%',
			'5%',
			'1.2%',
			'0%',
			'—',
		]);
		// Never more than reached: 199 of 200 is not 100 %, 2 of 3 is 66 %, as the quota panels show it.
		expect([199 / 200, 2 / 3, 0.07 * 3].map((v) => formatValue('ratio', v))).toEqual(['99%', '66%', '21%']);
		expect(formatValue('count', 3)).toBe('3');
		expect(formatValue('amount', 1234567.4)).toBe('1,234,567');
		expect(formatTarget(kpis.find((k) => k.key === 'report_on_time')!)).toBe('≥ 95%');
		expect(formatTarget(kpis.find((k) => k.key === 'overdue_reports')!)).toBe('≤ 0');
		expect(formatTarget(kpis.find((k) => k.key === 'churn_rate')!)).toBe('≤ 2%');
		expect(kpiChoices).toHaveLength(kpis.length);
		expect(kpiChoices[0]!.text).toBe('计划按时提交率 / Plans submitted on time');
	});
});

describe('the KPI scorecard', () => {
	it('keeps the chosen KPIs in the definitions’ order, all when none is chosen', () => {
		expect(chosenKeys(['report_on_time', 'plan_on_time', 'nope'])).toEqual(['plan_on_time', 'report_on_time']);
		expect(chosenKeys(null)).toHaveLength(kpis.length);
		expect(chosenKeys(['nope'])).toHaveLength(kpis.length);
		expect(chosenKeys('overdue_reports, plan_on_time')).toEqual(['plan_on_time', 'overdue_reports']);
	});

	it('shows value, target, light and an arrow the way the value moved, coloured by whether that is good', () => {
		const summary = {
			kpis: [
				reading('report_on_time', 0.8, 0.9, { light: 'amber', trend: 'worse' }),
				reading('overdue_reports', 2, 5, { light: 'amber', trend: 'better' }),
				reading('archive_completeness', 0.97, null, { light: 'green' }),
			],
		};
		const rows = scorecardRows(
			summary,
			['report_on_time', 'overdue_reports', 'archive_completeness', 'plan_on_time'],
			'zh-CN',
		);
		expect(rows.map((r) => [r.label, r.value, r.target, r.arrow, r.trend, r.light, r.previous])).toEqual([
			['拜访报告及时率', '80%', '≥ 95%', 'down', 'worse', 'amber', '90%'],
			['逾期报告', '2', '≤ 0', 'down', 'better', 'amber', '5'],
			['客户档案完整率', '97%', '≥ 95%', null, null, 'green', '—'],
		]);
		expect(rows[0]!.trendColor).toContain('danger');
		expect(rows[1]!.trendColor).toContain('success');
		expect(rows[2]!.lightColor).toContain('success');
		expect(scorecardRows(summary, ['report_on_time'], 'en-US')[0]!.label).toBe('Reports on time');
		expect([arrowOf(1, 1), arrowOf(2, 1), arrowOf(null, 1)]).toEqual(['flat', 'up', null]);
	});

	it('leaves out a KPI the server withholds from its reader', () => {
		const summary = { kpis: [reading('report_on_time', 0.8, 0.9), withheldReading(kpiByKey('sales_completion')!)] };
		expect(scorecardRows(summary, ['report_on_time', 'sales_completion'], 'en-US').map((r) => r.key)).toEqual([
			'report_on_time',
		]);
	});
});

describe('the team leaderboard', () => {
	const person = (
		owner: string,
		name: string,
		value: number | null,
		numerator = 0,
		denominator: number | null = 0,
	) => ({
		owner,
		name,
		kpis: {
			quota_compliance: {
				numerator,
				denominator,
				value,
				light: value === null ? null : value >= 0.9 ? ('green' as const) : ('red' as const),
			},
			overdue_reports: { numerator: value ?? 0, denominator: null, value, light: null },
		},
	});

	it('ranks the good way first, ties sharing a rank, nobody-to-measure last', () => {
		const team = [
			person('a', 'Ann', 0.5, 1, 2),
			person('b', 'Bob', 1, 3, 3),
			person('c', 'Cy', null),
			person('d', 'Di', 0.5, 2, 4),
			person('e', 'Ed', 0.95, 19, 20),
		];
		const rows = rankOwners(team, leaderKpi('quota_compliance')!, 'en-US');
		expect(rows.map((r) => [r.rank, r.name, r.value, r.counts, r.light])).toEqual([
			[1, 'Bob', '100%', '3 / 3', 'green'],
			[2, 'Ed', '95%', '19 / 20', 'green'],
			[3, 'Ann', '50%', '1 / 2', 'red'],
			[3, 'Di', '50%', '2 / 4', 'red'],
			[null, 'Cy', '—', '0 / 0', null],
		]);
		// Fewer overdue reports is better.
		expect(rankOwners(team, leaderKpi('overdue_reports')!, 'en-US').map((r) => r.owner)).toEqual([
			'a',
			'd',
			'e',
			'b',
			'c',
		]);
		expect(leaderKpi('nope')).toBeUndefined();
		expect(rankOwners([], leaderKpi('quota_compliance')!, 'en-US')).toEqual([]);
	});

	it('shows the server’s monthly sales champions, all of a tie, in both languages', () => {
		const tie = [
			{ owner: 'a', name: '张三', signed: 1234567.8 },
			{ owner: 'b', name: '李四', signed: 1234567.8 },
		];
		expect(championLine(tie, 'zh-CN')).toBe('月度销售冠军：张三、李四（签约 1,234,568 元）');
		expect(championLine(tie.slice(0, 1), 'en-US')).toBe('Sales champion of the month: 张三 (signed CNY 1,234,568)');
		expect(championLine([], 'en-US')).toBeNull();
		expect(championLine(undefined, 'zh-CN')).toBeNull();
	});
});

describe('the report deadline board', () => {
	const now = new Date('2026-11-27T02:00:00Z');

	it('asks for overdue reports and pending ones due within N hours, soonest first', () => {
		expect(deadlineFilter(24, now)).toEqual({
			_or: [
				{ report_status: { _eq: 'overdue' } },
				{ _and: [{ report_status: { _eq: 'pending' } }, { report_due_at: { _lte: '2026-11-28T02:00:00.000Z' } }] },
			],
		});
		const q = deadlineQuery(6, 20, now);
		expect(q.sort).toBe('report_due_at');
		expect(q.limit).toBe('20');
		expect(q.fields).toContain('customer.name');
		expect([undefined, null, 0, -3, 'x', 6, '12', 99999].map(hoursOf)).toEqual([24, 24, 24, 24, 24, 6, 12, 1440]);
	});

	it('counts down or says how long overdue, with rep and customer', () => {
		const owner = { id: 'u1', first_name: '一', last_name: '张', email: 'rep1@example.com' };
		const rows = deadlineRows(
			[
				{
					id: 2,
					report_due_at: '2026-11-27T07:20:00Z',
					report_status: 'pending',
					owner,
					customer: { id: 9, name: '甲公司' },
				},
				{
					id: 1,
					report_due_at: '2026-11-24T23:00:00Z',
					report_status: 'overdue',
					owner: { id: 'u2', email: 'x@example.com' },
					customer: { id: 8, name: '乙公司' },
				},
				{ id: 3, report_due_at: '2026-11-27T01:30:00Z', report_status: 'pending', owner, customer: 7 },
			],
			now,
			'zh-CN',
		);
		expect(rows.map((r) => [r.id, r.overdue, r.when, r.rep, r.customer])).toEqual([
			[1, true, '逾期 2天3小时', 'x@example.com', '乙公司'],
			[3, true, '逾期 30分', '张一', '7'],
			[2, false, '剩余 5小时20分', '张一', '甲公司'],
		]);
		expect(duration(5 * 60 + 20, 'en-US')).toBe('5h 20m');
		expect(duration(24 * 60, 'en-US')).toBe('1d');
		expect(dueLabel('2026-11-27T07:20:00Z', 'Asia/Shanghai')).toBe('11-27 15:20');
		expect(dueLabel(null, 'Asia/Shanghai')).toBe('—');
	});
});

describe('the quota heat map', () => {
	it('counts met over customers with a requirement per rep and tier, coloured by coverage', () => {
		const rule = { id: 1 };
		const line = (owner: string, tier: string | null, status: string | null, r: unknown = rule) => ({
			owner,
			tier,
			rule: r,
			status,
		});
		const { rows, total } = heatMatrix(
			[
				line('u1', 'A', 'met'),
				line('u1', 'A', 'at_risk'),
				line('u1', 'B', 'met'),
				line('u1', 'C', null, null),
				line('u2', 'A', 'missed'),
				line('u2', 'D', 'met'),
				line('u3', null, 'met'),
			],
			[
				{ owner: 'u1', name: '张一' },
				{ owner: 'u2', name: '李二' },
				{ owner: 'u4', name: '王四' },
			],
		);
		expect(
			rows.map((r) => [
				r.name,
				...(['A', 'B', 'C', 'D'] as const).map((t) => `${r.cells[t].met}/${r.cells[t].of}:${r.cells[t].band}`),
				`${r.total.met}/${r.total.of}`,
			]),
		).toEqual([
			['张一', '1/2:poor', '1/1:good', '0/0:none', '0/0:none', '2/3'],
			['李二', '0/1:poor', '0/0:none', '0/0:none', '1/1:good', '1/2'],
			['王四', '0/0:none', '0/0:none', '0/0:none', '0/0:none', '0/0'],
		]);
		expect(total.cells.A).toMatchObject({ met: 1, of: 3 });
		expect(total.total).toMatchObject({ met: 3, of: 5, coverage: 0.6, band: 'fair' });
	});
});

describe('the lead funnel', () => {
	it('draws each grade against the largest and words its conversion to O', () => {
		const steps = funnelSteps({
			grades: [
				{ grade: 'H', reached: 4 },
				{ grade: 'A', reached: 10 },
				{ grade: 'B', reached: 20 },
				{ grade: 'C', reached: 0 },
				{ grade: 'O', reached: 6 },
			],
			conversions: [
				{ from: 'H', to: 'O', converted: 3, of: 4, rate: 0.75 },
				{ from: 'A', to: 'O', converted: 2, of: 10, rate: 0.2 },
				{ from: 'B', to: 'O', converted: 1, of: 20, rate: 0.05 },
				{ from: 'C', to: 'O', converted: 0, of: 0, rate: null },
			],
		});
		expect(steps.map((s) => [s.grade, s.reached, s.width, s.conversion?.rate ?? null])).toEqual([
			['H', 4, 20, '75%'],
			['A', 10, 50, '20%'],
			['B', 20, 100, '5%'],
			['C', 0, 0, '—'],
			['O', 6, 30, null],
		]);
		expect(isEmpty(steps)).toBe(false);
		expect(isEmpty(funnelSteps(null))).toBe(true);
		expect(
			funnelSteps({
				grades: [
					{ grade: 'H', reached: 1 },
					{ grade: 'A', reached: 1000 },
				],
				conversions: [],
			})[0]!.width,
		).toBe(4);
	});
});

describe('the pipeline panel', () => {
	const pipeline = {
		withheld: false,
		stages: [
			{ stage: 'lead', count: 2, amount: 300000, weighted: 30000 },
			{ stage: 'qualified', count: 0, amount: 0, weighted: 0 },
			{ stage: 'proposal', count: 1, amount: 1200000.5, weighted: 600000.25 },
			{ stage: 'negotiation', count: 1, amount: 1000, weighted: 700 },
		],
	};

	it('shows each open stage in both languages with its count, amount and weighted amount', () => {
		const rows = pipelineRows(pipeline);
		expect(rows.map((r) => [r.stage, r.label['zh-CN'], r.label['en-US'], r.count, r.amount, r.weighted])).toEqual([
			['lead', '线索', 'Lead', 2, '300,000', '30,000'],
			['qualified', '需求确认', 'Qualified', 0, '0', '0'],
			['proposal', '方案报价', 'Proposal', 1, '1,200,001', '600,000'],
			['negotiation', '商务谈判', 'Negotiation', 1, '1,000', '700'],
		]);
		// Bars against the largest amount, a sliver for a small one that is not empty.
		expect(rows.map((r) => r.width)).toEqual([25, 0, 100, 4]);
		expect(pipelineTotal(pipeline)).toEqual({ n: 4, amount: '1,501,001', weighted: '630,700' });
		expect(pipelineEmpty(rows)).toBe(false);
	});

	it('is empty without open opportunities or when withheld', () => {
		expect(
			pipelineEmpty(pipelineRows({ withheld: false, stages: pipeline.stages.map((s) => ({ ...s, count: 0 })) })),
		).toBe(true);
		expect(pipelineRows({ withheld: true, stages: [] })).toEqual([]);
		expect(pipelineRows(undefined)).toEqual([]);
	});
});

describe('the receivables aging panel', () => {
	it('shows each age bucket in both languages with its open amount, the overdue total and what is not yet due', () => {
		const receivables = {
			withheld: false,
			as_of: '2026-12-02',
			aging: [
				{ bucket: 'd0_30', amount: 15000 },
				{ bucket: 'd31_60', amount: 0 },
				{ bucket: 'd61_90', amount: 1000.4 },
				{ bucket: 'over_90', amount: 60000 },
			],
			not_due: 39000,
		};
		const rows = agingRows(receivables);
		expect(rows.map((r) => [r.bucket, r.label['zh-CN'], r.label['en-US'], r.amount, r.width, r.severity])).toEqual([
			['d0_30', '0–30 天', '0–30 days', '15,000', 25, 0],
			['d31_60', '31–60 天', '31–60 days', '0', 0, 1],
			['d61_90', '61–90 天', '61–90 days', '1,000', 4, 2],
			['over_90', '90 天以上', 'Over 90 days', '60,000', 100, 3],
		]);
		expect(agingTotals(receivables)).toEqual({ overdue: '76,000', notDue: '39,000' });
	});

	it('shows nothing when withheld', () => {
		const withheld = { withheld: true, as_of: '2026-12-02', aging: [], not_due: null };
		expect(agingRows(withheld)).toEqual([]);
		expect(agingTotals(withheld)).toEqual({ overdue: '0', notDue: '—' });
	});
});

describe('the seeded dashboard', () => {
	const manifest = JSON.parse(
		readFileSync(new URL('../../extensions/sales-visits/package.json', import.meta.url), 'utf8'),
	);
	const panelTypes = manifest['directus:extension'].entries
		.filter((e: any) => e.type === 'panel')
		.map((e: any) => e.name);

	it('has fixed ids and one panel of each of the bundle’s panels, none overlapping', () => {
		expect(salesDashboard.id).toBe(SALES_DASHBOARD_ID);
		expect(salesDashboard.name).toBe('销售拜访看板');
		// The Studio shows these names as stored: one language, not "中文 / English".
		for (const text of [salesDashboard.name, salesDashboard.note, ...salesDashboardPanels.map((p) => p.name)])
			expect(text).not.toMatch(/[A-Za-z]/);
		const ids = salesDashboardPanels.map((p) => p.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of [SALES_DASHBOARD_ID, ...ids])
			expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(salesDashboardPanels.map((p) => p.type).sort()).toEqual([...panelTypes].sort());
		const cells = new Set<string>();
		for (const p of salesDashboardPanels)
			for (let x = p.position_x; x < p.position_x + p.width; x++)
				for (let y = p.position_y; y < p.position_y + p.height; y++) {
					expect(cells.has(`${x},${y}`), `${p.type} overlaps at ${x},${y}`).toBe(false);
					cells.add(`${x},${y}`);
				}
	});
});

it('every panel text is in both languages', () => {
	for (const texts of [
		commonTexts,
		scoreTexts,
		leaderTexts,
		deadlineTexts,
		heatTexts,
		funnelTexts,
		pipelineTexts,
		agingTexts,
		lightLabels,
	])
		for (const label of Object.values(texts)) expect(label['zh-CN'] && label['en-US']).toBeTruthy();
});
