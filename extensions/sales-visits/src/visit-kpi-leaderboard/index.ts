/**
 * `visit-kpi-leaderboard` (团队排行榜): a team's people ranked on one KPI for a period, the good
 * way first, with traffic lights, from GET /visit-kpi/summary?by=owner.
 */
import { definePanel } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import { kpiChoices } from '../shared/insights.ts';
import { periodOptions, teamOption } from '../shared/options.ts';
import PanelComponent from './visit-kpi-leaderboard.vue';

export default forReader(
	definePanel({
		id: 'visit-kpi-leaderboard',
		name: '团队排行榜 / Team leaderboard',
		icon: 'leaderboard',
		description: '按一项考核指标为团队成员排名 / A team ranked on one KPI',
		component: PanelComponent,
		options: [
			{
				field: 'kpi',
				name: '指标 / KPI',
				type: 'string',
				meta: { width: 'full', interface: 'select-dropdown', options: { choices: kpiChoices } },
				schema: { default_value: 'quota_compliance' },
			},
			...periodOptions(),
			teamOption(),
		],
		minWidth: 10,
		minHeight: 8,
	}),
);
