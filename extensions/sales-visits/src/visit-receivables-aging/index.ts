/**
 * `visit-receivables-aging` (应收账龄): open receivables by days past due as of today, for a
 * person, a team or the company; from GET /visit-kpi/summary.
 */
import { definePanel } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import { scopeOptions } from '../shared/options.ts';
import PanelComponent from './visit-receivables-aging.vue';

export default forReader(
	definePanel({
		id: 'visit-receivables-aging',
		name: '应收账龄 / Receivables aging',
		icon: 'hourglass_bottom',
		description:
			'逾期 0–30 / 31–60 / 61–90 / 90 天以上的未回款金额 / Open amounts 0–30, 31–60, 61–90 and over 90 days past due',
		component: PanelComponent,
		options: scopeOptions(),
		minWidth: 10,
		minHeight: 8,
	}),
);
