/**
 * `visit-sales-pipeline` (商机管道): open opportunities by stage with their amount and weighted
 * amount, for a person, a team or the company, as of now; from GET /visit-kpi/summary.
 */
import { definePanel } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import { scopeOptions } from '../shared/options.ts';
import PanelComponent from './visit-sales-pipeline.vue';

export default forReader(
	definePanel({
		id: 'visit-sales-pipeline',
		name: '商机管道 / Pipeline by stage',
		icon: 'stacked_bar_chart',
		description:
			'各阶段进行中的商机：数量、金额、加权金额 / Open opportunities by stage: count, amount, weighted amount',
		component: PanelComponent,
		options: scopeOptions(),
		minWidth: 10,
		minHeight: 8,
	}),
);
