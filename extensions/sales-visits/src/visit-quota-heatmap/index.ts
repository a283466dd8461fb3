/**
 * `visit-quota-heatmap` (达标热力图): rep × customer tier, each cell the customers that met their
 * visit quota in the month over those with one, coloured by coverage; from
 * GET /visit-quotas/compliance, scoped to the caller's permissions.
 */
import { definePanel } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import { monthOptions } from '../shared/options.ts';
import PanelComponent from './visit-quota-heatmap.vue';

export default forReader(
	definePanel({
		id: 'visit-quota-heatmap',
		name: '达标热力图 / Quota heat map',
		icon: 'grid_on',
		description: '人员 × 客户等级的拜访频次达标率 / Quota coverage by rep and customer tier',
		component: PanelComponent,
		options: monthOptions(),
		minWidth: 12,
		minHeight: 8,
	}),
);
