import { describe, expect, it } from 'vitest';
import { kpiAsk, mayAsk, readsEveryones } from '../../extensions/sales-visits/src/domain/kpi-scope.ts';
import type { ReadReach } from '../../extensions/sales-visits/src/domain/read-reach.ts';
import { OWNER_PATHS, type OwnedCollection } from '../../extensions/sales-visits/src/domain/ownership.ts';
import {
	AGING_SOURCES,
	FUNNEL_SOURCES,
	KPI_SOURCES,
	PIPELINE_SOURCES,
	kpiByKey,
	kpiLight,
	kpiPeriod,
	kpiQuotaMonth,
	kpiReading,
	kpis,
	kpiTrend,
	kpiValue,
	withheldReading,
	type KpiDefinition,
} from '../../extensions/sales-visits/src/domain/kpi.ts';

describe('KPI definitions', () => {
	it('define each KPI once, named and explained in both languages', () => {
		expect(new Set(kpis.map((k) => k.key)).size).toBe(kpis.length);
		for (const k of kpis) {
			for (const text of [k.label, k.formula]) expect(text['zh-CN'] && text['en-US'], k.key).toBeTruthy();
			// The amber band lies on the bad side of green.
			expect(k.better === 'higher' ? k.amber <= k.green : k.amber >= k.green, k.key).toBe(true);
		}
	});

	it('name the collections each is computed from, and withhold every number of one a reader may not see', () => {
		for (const k of kpis) {
			expect(k.sources.length, k.key).toBeGreaterThan(0);
			for (const source of k.sources) expect(Object.keys(OWNER_PATHS), k.key).toContain(source);
		}
		expect(kpiByKey('sales_completion')!.sources).toContain('sales_orders');
		expect(kpiByKey('expense_vs_budget')!.sources).toEqual(['expense_requests', 'sales_targets']);
		expect(FUNNEL_SOURCES).toContain('lead_grade_changes');
		const hidden = withheldReading(kpiByKey('sales_completion')!);
		expect(hidden).toMatchObject({
			key: 'sales_completion',
			withheld: true,
			numerator: null,
			denominator: null,
			value: null,
			light: null,
			trend: null,
			previous: { numerator: null, denominator: null, value: null },
		});
		expect(kpiReading(kpiByKey('sales_completion')!, { numerator: 1, denominator: 2 }, null).withheld).toBe(false);
	});

	it('read a target’s column only with the targets among their sources, and count each target column once', () => {
		const measured = (kpis as readonly KpiDefinition[]).filter((k) => k.target);
		for (const k of measured) expect(k.sources, k.key).toContain('sales_targets');
		for (const k of kpis as readonly KpiDefinition[])
			if (k.sources.includes('sales_targets')) expect(k.target, k.key).toBeDefined();
		expect(measured.map((k) => k.target).sort()).toEqual(
			['calls', 'collection_amount', 'expense_budget', 'new_customers', 'revisits', 'sales_amount', 'visits'].sort(),
		);
		expect(kpiByKey('call_target_completion')!.sources).toEqual(['visits', 'revisits', 'sales_targets']);
		expect(kpiByKey('periodic_report_on_time')!.sources).toEqual(['periodic_reports']);
		expect(kpiByKey('reception_report_on_time')!.sources).toEqual(['receptions']);
	});

	it('measure customer satisfaction from revisits alone, against the policy’s 95 %', () => {
		const k = kpiByKey('customer_satisfaction')!;
		expect(k).toMatchObject({ unit: 'ratio', better: 'higher', green: 0.95, amber: 0.8, sources: ['revisits'] });
		expect(k.target).toBeUndefined();
		expect(k.formula['zh-CN']).toContain('满意');
		expect(k.formula['en-US']).toContain('satisfaction');
		// 19 of 20 scored revisits satisfied is green; 17 of 20 amber; 3 of 4 red; none scored, nothing to judge.
		expect(kpiLight(k, kpiValue(k, 19, 20))).toBe('green');
		expect(kpiLight(k, kpiValue(k, 17, 20))).toBe('amber');
		expect(kpiLight(k, kpiValue(k, 3, 4))).toBe('red');
		expect(kpiValue(k, 0, 0)).toBeNull();
	});

	it('cover the contract list', () => {
		const contract = [
			'plan_on_time',
			'plan_completion',
			'unplanned_visits',
			'unauthorized_visits',
			'report_on_time',
			'overdue_reports',
			'quota_compliance',
			'revisit_rate',
			'follow_up_completion',
			'complaint_response_on_time',
			'new_customers',
			'churn_rate',
			'archive_completeness',
			'expense_vs_budget',
			'sales_completion',
			'payment_collection',
			'contract_settlement',
			'overdue_d0_30',
			'overdue_d31_60',
			'overdue_d61_90',
			'overdue_over_90',
			'win_rate',
			'weighted_pipeline',
			'quote_on_time',
			'average_discount',
			'lead_conversion',
			'geofence_inside',
			'visit_target_completion',
			'revisit_target_completion',
			'call_target_completion',
			'collection_target_completion',
			'periodic_report_on_time',
			'customer_satisfaction',
			'valid_complaints',
			'complaint_resolution_on_time',
			'reception_report_on_time',
		];
		expect(kpis.map((k) => k.key).sort()).toEqual([...contract].sort());
	});

	it('compute a ratio from its counts, and nothing without a denominator', () => {
		expect(kpiValue({ unit: 'ratio' }, 3, 4)).toBe(0.75);
		expect(kpiValue({ unit: 'ratio' }, 0, 0)).toBeNull();
		expect(kpiValue({ unit: 'count' }, 7, null)).toBe(7);
		expect(kpiValue({ unit: 'amount' }, 1234.5, null)).toBe(1234.5);
	});

	it('light green, amber and red by which way is good', () => {
		const onTime = kpiByKey('report_on_time')!;
		expect([0.96, 0.95, 0.9, 0.8, 0.5].map((v) => kpiLight(onTime, v))).toEqual([
			'green',
			'green',
			'amber',
			'amber',
			'red',
		]);
		const churn = kpiByKey('churn_rate')!;
		expect([0, 0.02, 0.03, 0.05, 0.2].map((v) => kpiLight(churn, v))).toEqual([
			'green',
			'green',
			'amber',
			'amber',
			'red',
		]);
		expect(kpiLight(churn, null)).toBeNull();
	});

	it('call a move better or worse by which way is good', () => {
		expect(kpiTrend({ better: 'higher' }, 0.9, 0.8)).toBe('better');
		expect(kpiTrend({ better: 'lower' }, 0.9, 0.8)).toBe('worse');
		expect(kpiTrend({ better: 'lower' }, 3, 3)).toBe('same');
		expect(kpiTrend({ better: 'higher' }, 1, null)).toBeNull();
	});
});

describe('KPI periods', () => {
	it('read months, quarters and years with the period before', () => {
		expect(kpiPeriod('2026-02')).toEqual({
			key: '2026-02',
			start: '2026-02-01',
			end: '2026-02-28',
			previous: '2026-01',
		});
		expect(kpiPeriod('2028-02')?.end).toBe('2028-02-29');
		expect(kpiPeriod('2026-01')?.previous).toBe('2025-12');
		expect(kpiPeriod('2026-Q1')).toEqual({
			key: '2026-Q1',
			start: '2026-01-01',
			end: '2026-03-31',
			previous: '2025-Q4',
		});
		expect(kpiPeriod('2026-Q4')).toEqual({
			key: '2026-Q4',
			start: '2026-10-01',
			end: '2026-12-31',
			previous: '2026-Q3',
		});
		expect(kpiPeriod('2026')).toEqual({ key: '2026', start: '2026-01-01', end: '2026-12-31', previous: '2025' });
	});

	it('refuse anything else', () => {
		for (const bad of ['2026-13', '2026-Q5', '26', '2026-1', '', null, 202611])
			expect(kpiPeriod(bad), String(bad)).toBeNull();
	});
});

describe('KPI readings', () => {
	it('show counts, value, light and the trend since the period before', () => {
		const onTime = kpiByKey('report_on_time')!;
		expect(kpiReading(onTime, { numerator: 3, denominator: 4 }, { numerator: 1, denominator: 2 })).toMatchObject({
			key: 'report_on_time',
			numerator: 3,
			denominator: 4,
			value: 0.75,
			light: 'red',
			previous: { numerator: 1, denominator: 2, value: 0.5 },
			trend: 'better',
		});
		const overdue = kpiByKey('overdue_reports')!;
		expect(kpiReading(overdue, { numerator: 2, denominator: null }, { numerator: 0, denominator: null })).toMatchObject(
			{ value: 2, light: 'amber', previous: { value: 0 }, trend: 'worse' },
		);
		// No history: the previous counts are null and there is no trend.
		expect(kpiReading(kpiByKey('archive_completeness')!, { numerator: 1, denominator: 1 }, null)).toMatchObject({
			value: 1,
			previous: { numerator: null, denominator: null, value: null },
			trend: null,
		});
	});

	it('judge quotas in the current month while the period runs, else in its last', () => {
		const q4 = kpiPeriod('2026-Q4')!;
		expect(kpiQuotaMonth(q4, '2026-11-27')).toBe('2026-11-01');
		expect(kpiQuotaMonth(q4, '2027-01-05')).toBe('2026-12-01');
		expect(kpiQuotaMonth(q4, '2026-09-30')).toBe('2026-12-01');
	});
});

describe('KPI scopes', () => {
	const rep = { id: 'r1', position: 'rep' };
	const manager = { id: 'm1', position: 'manager' };
	it('default to the caller: a rep, a manager’s team, the company for whoever sees everything', () => {
		expect(kpiAsk({}, rep, false)).toEqual({ scope: 'rep', id: 'r1' });
		expect(kpiAsk({}, manager, false)).toEqual({ scope: 'team', id: 'm1' });
		expect(kpiAsk({}, { id: 'g', position: 'general_manager' }, true)).toEqual({ scope: 'company', id: null });
		const r2 = '2b5c1f0e-7a3d-4c8e-9f10-3d2a4b5c6d7e';
		expect(kpiAsk({ id: r2 }, manager, false)).toEqual({ scope: 'rep', id: r2 });
		expect(kpiAsk({ scope: 'team' }, manager, false)).toEqual({ scope: 'team', id: 'm1' });
	});
	it('refuse a scope or id it cannot read', () => {
		expect(kpiAsk({ scope: 'region' }, rep, false)).toMatchObject({ status: 400, code: 'kpi_scope' });
		expect(kpiAsk({ id: ['a', 'b'] }, rep, false)).toMatchObject({ status: 400, code: 'kpi_scope' });
		expect(kpiAsk({ id: 'not-a-uuid' }, rep, false)).toMatchObject({ status: 400, code: 'kpi_scope' });
	});
	it('let a caller ask only about people they see, and the company only if they see everyone', () => {
		const sees = new Set(['r1', 'r2']);
		expect(mayAsk(['m1', 'r1', 'r2'], 'm1', sees, false)).toBe(true);
		expect(mayAsk(['r1'], 'r1', new Set(), false)).toBe(true);
		expect(mayAsk(['r3'], 'm1', sees, false)).toBe(false);
		expect(mayAsk(['m2', 'r1'], 'm1', sees, false)).toBe(false);
		expect(mayAsk(null, 'm1', sees, false)).toBe(false);
		expect(mayAsk(null, 'g', new Set(), true)).toBe(true);
	});
	it('let whoever reads every row of a KPI’s collection ask for anyone: Finance, customer service', () => {
		const reach = (r: Partial<ReadReach>): ReadReach => ({
			everyone: false,
			own: false,
			reports: false,
			other: false,
			...r,
		});
		const of = (entries: [OwnedCollection, ReadReach | null][]) => new Map(entries);
		const all = reach({ everyone: true });
		// Finance: no visits, every order and receivable.
		expect(
			readsEveryones(
				of([
					['visits', null],
					['sales_orders', all],
					['payment_schedules', all],
				]),
			),
		).toBe(true);
		// Customer service: every revisit and complaint.
		expect(
			readsEveryones(
				of([
					['revisits', all],
					['complaints', all],
				]),
			),
		).toBe(true);
		// A manager reads the team's, a rep their own, with filters it does not read by the owner: not everyone's.
		expect(
			readsEveryones(
				of([
					['visits', reach({ own: true, reports: true })],
					['customers', reach({ own: true })],
					['payment_schedules', reach({ other: true })],
				]),
			),
		).toBe(false);
		// Legal reads contracts only, which no KPI counts; nothing at all is nobody's.
		expect(readsEveryones(of([['visits', null]]))).toBe(false);
		expect(readsEveryones(new Map())).toBe(false);
		// Every collection a KPI or a panel counts is one of them, each once.
		for (const c of [...kpis.flatMap((k) => k.sources), ...FUNNEL_SOURCES, ...AGING_SOURCES, ...PIPELINE_SOURCES])
			expect(KPI_SOURCES).toContain(c);
		expect(new Set(KPI_SOURCES).size).toBe(KPI_SOURCES.length);
		for (const c of KPI_SOURCES) expect(readsEveryones(of([[c, all]])), c).toBe(true);
	});
	it('default to the company for whoever may ask for it without a team of their own', () => {
		expect(kpiAsk({}, { id: 'f', position: 'finance' }, true)).toEqual({ scope: 'company', id: null });
		expect(kpiAsk({}, { id: 's', position: 'service' }, true)).toEqual({ scope: 'company', id: null });
		expect(kpiAsk({}, { id: 'l', position: 'legal' }, false)).toEqual({ scope: 'rep', id: 'l' });
	});
});
