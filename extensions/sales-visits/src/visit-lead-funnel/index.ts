/**
 * `visit-lead-funnel` (意向客户漏斗): lead grades H/A/B/C/O reached in the period with their
 * conversions to O, for a person, a team or the company; from GET /visit-kpi/summary.
 */
import { definePanel } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import { periodOptions, scopeOptions } from '../shared/options.ts';
import PanelComponent from './visit-lead-funnel.vue';

export default forReader(
	definePanel({
		id: 'visit-lead-funnel',
		name: '意向客户漏斗 / Lead funnel',
		icon: 'filter_alt',
		description: 'H/A/B/C/O 级意向客户及转化 / Lead grades H/A/B/C/O and conversions',
		component: PanelComponent,
		options: [...periodOptions('this_quarter'), ...scopeOptions()],
		minWidth: 10,
		minHeight: 8,
	}),
);
