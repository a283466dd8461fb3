/**
 * `visit-quota-coverage` (拜访达标): an Insights panel for managers: per rep they may see, how
 * many customers with a visit quota met it, are at risk or missed it in one month, and the
 * coverage. GET /visit-quotas/compliance computes it, scoped to the caller's permissions.
 */
import { definePanel } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import { monthOptions } from '../shared/options.ts';
import PanelComponent from './visit-quota-coverage.vue';

export default forReader(
	definePanel({
		id: 'visit-quota-coverage',
		name: '拜访达标 / Quota coverage',
		icon: 'fact_check',
		description: '每位人员的拜访频次达标情况 / Visit quota coverage per rep',
		component: PanelComponent,
		options: [
			...monthOptions(),
			{
				field: 'owner',
				name: '仅此人员（可选） / Only this person (optional)',
				type: 'json',
				meta: {
					width: 'full',
					interface: 'collection-item-dropdown',
					options: { selectedCollection: 'directus_users', template: '{{last_name}}{{first_name}} {{email}}' },
				},
			},
		],
		minWidth: 12,
		minHeight: 8,
	}),
);
