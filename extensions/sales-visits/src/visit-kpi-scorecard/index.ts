/**
 * `visit-kpi-scorecard` (KPI 记分卡): the chosen KPIs of a person, a team or the company for a
 * period: value, target, trend against the period before and traffic light, from
 * GET /visit-kpi/summary (scoped to what the caller may see).
 */
import { definePanel } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import { kpiChoices } from '../shared/insights.ts';
import { periodOptions, scopeOptions } from '../shared/options.ts';
import PanelComponent from './visit-kpi-scorecard.vue';

export default forReader(
	definePanel({
		id: 'visit-kpi-scorecard',
		name: 'KPI 记分卡 / KPI scorecard',
		icon: 'speed',
		description: '考核指标的本期值、目标、趋势与红绿灯 / KPI values, targets, trends and lights',
		component: PanelComponent,
		options: [
			{
				field: 'kpis',
				name: '指标（空 = 全部） / KPIs (empty = all)',
				type: 'csv',
				meta: { width: 'full', interface: 'select-multiple-dropdown', options: { choices: kpiChoices } },
			},
			...periodOptions(),
			...scopeOptions(),
		],
		minWidth: 12,
		minHeight: 8,
	}),
);
