/**
 * `visit-report-deadlines` (报告截止): the visit reports the caller may see that are overdue or
 * due within N hours, soonest first, with countdowns. Read through /items/visits as the caller.
 */
import { definePanel } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import PanelComponent from './visit-report-deadlines.vue';
import { DEFAULT_HOURS, DEFAULT_LIMIT } from './logic.ts';

export default forReader(
	definePanel({
		id: 'visit-report-deadlines',
		name: '报告截止 / Report deadlines',
		icon: 'alarm',
		description: '逾期和即将到期的拜访报告 / Visit reports overdue or due soon',
		component: PanelComponent,
		options: [
			{
				field: 'hours',
				name: '即将到期：小时内 / Due soon: within hours',
				type: 'integer',
				meta: { width: 'half', interface: 'input', options: { min: 1, max: 1440 } },
				schema: { default_value: DEFAULT_HOURS },
			},
			{
				field: 'limit',
				name: '最多显示 / Show at most',
				type: 'integer',
				meta: { width: 'half', interface: 'input', options: { min: 1, max: 500 } },
				schema: { default_value: DEFAULT_LIMIT },
			},
		],
		minWidth: 10,
		minHeight: 8,
	}),
);
