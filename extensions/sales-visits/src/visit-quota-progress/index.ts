/**
 * `visit-quota-progress`: the customer form's visit quota (拜访频次) panel, for an alias field
 * on customers. It shows the rule that applies and this period's progress against it; the
 * /visit-quotas endpoint computes both.
 */
import { defineInterface } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import InterfaceComponent from './visit-quota-progress.vue';

export default forReader(
	defineInterface({
		id: 'visit-quota-progress',
		name: '拜访频次 / Visit quota',
		icon: 'event_repeat',
		description: '适用的拜访频次规则与本期完成情况 / The visit quota rule that applies and this period’s progress',
		component: InterfaceComponent,
		types: ['alias'],
		localTypes: ['presentation'],
		group: 'presentation',
		options: null,
	}),
);
