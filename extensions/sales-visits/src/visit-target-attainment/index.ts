/**
 * `visit-target-attainment` (目标达成): person × month, each cell the signed sales over the
 * approved month target, from GET /visit-targets/attainment (the counters, only the people whose
 * targets the reader may read; a column they may not read is withheld).
 */
import { definePanel } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import { yearOptions } from '../shared/options.ts';
import PanelComponent from './visit-target-attainment.vue';

export default forReader(
	definePanel({
		id: 'visit-target-attainment',
		name: '目标达成 / Target attainment',
		icon: 'track_changes',
		description: '人员 × 月份的销售目标达成率 / Sales against the approved targets, person by month',
		component: PanelComponent,
		options: yearOptions(),
		minWidth: 16,
		minHeight: 8,
	}),
);
