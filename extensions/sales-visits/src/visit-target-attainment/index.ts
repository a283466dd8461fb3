/**
 * `visit-target-attainment` (目标达成): person × month, each cell the signed sales over the
 * approved month target, from GET /visit-targets/attainment (the counters, only the people whose
 * targets the reader may read; a column they may not read is withheld).
 */
import { definePanel } from '@directus/extensions-sdk';
import PanelComponent from './visit-target-attainment.vue';

export default definePanel({
	id: 'visit-target-attainment',
	name: '目标达成 / Target attainment',
	icon: 'track_changes',
	description: '人员 × 月份的销售目标达成率 / Sales against the approved targets, person by month',
	component: PanelComponent,
	options: [
		{
			field: 'year',
			name: '年度 / Year',
			type: 'string',
			meta: {
				width: 'half',
				interface: 'select-dropdown',
				options: {
					choices: [
						{ text: '本年 / This year', value: 'this_year' },
						{ text: '上年 / Last year', value: 'last_year' },
						{ text: '指定年度 / A given year', value: 'fixed' },
					],
				},
			},
			schema: { default_value: 'this_year' },
		},
		{
			field: 'fixed_year',
			name: '指定年度（YYYY） / Given year (YYYY)',
			type: 'string',
			meta: {
				width: 'half',
				interface: 'input',
				options: { placeholder: '2026' },
				conditions: [{ rule: { year: { _neq: 'fixed' } }, hidden: true }],
			},
		},
	],
	minWidth: 16,
	minHeight: 8,
});
