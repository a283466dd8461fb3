/**
 * `visit-quota-heatmap` (达标热力图): rep × customer tier, each cell the customers that met their
 * visit quota in the month over those with one, coloured by coverage; from
 * GET /visit-quotas/compliance, scoped to the caller's permissions.
 */
import { definePanel } from '@directus/extensions-sdk';
import PanelComponent from './quota-heatmap.vue';

export default definePanel({
	id: 'visit-quota-heatmap',
	name: '达标热力图 / Quota heat map',
	icon: 'grid_on',
	description: '人员 × 客户等级的拜访频次达标率 / Quota coverage by rep and customer tier',
	component: PanelComponent,
	options: [
		{
			field: 'period',
			name: '统计月份 / Month',
			type: 'string',
			meta: {
				width: 'half',
				interface: 'select-dropdown',
				options: {
					choices: [
						{ text: '本月 / This month', value: 'current' },
						{ text: '上月 / Last month', value: 'previous' },
						{ text: '指定月份 / A given month', value: 'fixed' },
					],
				},
			},
			schema: { default_value: 'current' },
		},
		{
			field: 'month',
			name: '指定月份（YYYY-MM） / Given month (YYYY-MM)',
			type: 'string',
			meta: { width: 'half', interface: 'input', options: { placeholder: '2026-01' }, conditions: [{ rule: { period: { _neq: 'fixed' } }, hidden: true }] },
		},
	],
	minWidth: 12,
	minHeight: 8,
});
